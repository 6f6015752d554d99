from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from reunite.audit.record import during


class AuditMiddleware:
    """Makes the request's user the author of the entries written while handling it: model signals, which record
    saves and deletes, are not given the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with during(request):
            return self.get_response(request)
