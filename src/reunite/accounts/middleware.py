"""What every request of a logged-in user passes: the session's age, then the second factor.

SessionLimitMiddleware ends a session 8 hours after its login (SESSION_ABSOLUTE_AGE) however busy it was: the
idle limit (SESSION_COOKIE_AGE, the session saved on every request) alone would let a session that is used now and
then live forever. SecondFactorMiddleware sends a user who gave their password but no code yet to the second-factor
pages, from every page but those and the login and logout (the admin's too): a password alone opens nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# When the session's login happened, as a Unix time in the session.
LOGGED_IN_AT = "reunite_logged_in_at"
# The pages a user between their password and their code may open (by URL name).
OPEN_BEFORE_SECOND_FACTOR = {"login", "logout", "two_factor_enrol", "two_factor_verify"}


def note_login_time(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On `user_logged_in`: the session's absolute age counts from here."""
    request.session[LOGGED_IN_AT] = time.time()


class SessionLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            # A session from before this limit existed has no login time: its clock starts now.
            logged_in_at = request.session.setdefault(LOGGED_IN_AT, time.time())
            if time.time() - logged_in_at > settings.SESSION_ABSOLUTE_AGE:
                # Anonymous from here on, the request goes to the login page like any other.
                logout(request)
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: Any, view_kwargs: Any):
        if not settings.TWO_FACTOR_REQUIRED or not request.user.is_authenticated or request.user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        # The verify page sends a user without an authenticator on to enrol one.
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
