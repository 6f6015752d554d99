"""django-axes's lockout, as reunite configures it (settings: AXES_*).

Axes names the client in its log lines (username, address, browser) unless told otherwise: a username may be a
real name, and an address tells where a caseworker is. Its lines say what happened, never to whom.
"""

from django.http import HttpRequest


def client_str(username: str, ip_address: str, user_agent: str, path_info: str, request: HttpRequest) -> str:
    """The client as axes's log lines show it (AXES_CLIENT_STR_CALLABLE)."""
    return "a client (username and address not logged)"
