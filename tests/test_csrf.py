"""Every page that takes a POST refuses one without the form's CSRF token (403), for a logged-in user and at login.

The project's URL patterns are walked, so a page added later is covered: a POST without the token is refused on
every pattern (the admin's too), no view is exempt, and the pages that handle POST are listed here by hand, a
test saying when the list falls behind the code.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

# The pages whose views act on a POST, by URL name (Django's admin aside: its views are its own, and refuse a POST
# without the token like every other, below).
POST_VIEWS = {
    "login",
    "logout",
    "two_factor_verify",
    "two_factor_enrol",
    "new_testimony",
    "change_status",
    "add_application",
    "add_application_update",
    "id_details",
    "record_decision",
    "undo_decision",
    "find_matches",
    "new_import",
    "start_import",
    "cancel_import",
    "new_export",
    "withdraw_consent",
    "new_report",
    "case_dossier",
}
REFUSED = b"CSRF verification failed"


def patterns(resolvers=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    """(route, name with its namespace, pattern) of every URL pattern of the project."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = ":".join(filter(None, [namespace, entry.name or ""])) if entry.name else ""
            yield prefix + str(entry.pattern), name, entry


def sample_url(route: str) -> str:
    """A URL the route resolves: 1 for every parameter, the first choice of a regular expression's alternatives."""
    url = re.sub(r"\(\?P<\w+>([^)]*)\)", lambda m: "x" if m[1] in (".*", ".+") else m[1].split("|")[0], route)
    url = re.sub(r"<(?:\w+:)?\w+>", "1", url)
    return "/" + url.replace("^", "").replace("$", "")


ALL = [(route, name, pattern) for route, name, pattern in patterns()]
OURS = [(route, name, pattern) for route, name, pattern in ALL if not route.startswith("admin/")]


def handles_post(pattern: URLPattern) -> bool:
    """Whether a view acts on POST: a class-based view with a `post` method, or a function that reads it."""
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    return "POST" in inspect.getsource(pattern.callback)


def test_every_view_that_handles_post_is_listed():
    assert {name for _, name, pattern in OURS if handles_post(pattern)} == POST_VIEWS


def test_every_listed_view_exists():
    assert {name for _, name, _ in OURS} >= POST_VIEWS


def test_no_view_is_exempt_from_the_check():
    assert [route for route, _, pattern in ALL if getattr(pattern.callback, "csrf_exempt", False)] == []


@pytest.mark.parametrize("route", [route for route, _, _ in ALL])
def test_the_sample_urls_reach_their_own_pattern(route):
    assert resolve(sample_url(route)).route == route.replace("^", "")


@pytest.fixture
def strict(logged_in) -> Client:
    """The logged-in client, now checking CSRF tokens as a browser's requests are checked."""
    logged_in.handler.enforce_csrf_checks = True
    return logged_in


def _token(client: Client) -> str:
    client.get("/")
    return client.cookies[settings.CSRF_COOKIE_NAME].value


@pytest.mark.parametrize("route", [route for route, _, _ in ALL])
def test_a_post_without_the_token_is_refused(strict, route):
    response = strict.post(sample_url(route), {"note": "a note"})
    assert response.status_code == 403 and REFUSED in response.content


@pytest.mark.parametrize("name", sorted(POST_VIEWS - {"login"}))
def test_a_post_with_the_token_passes_the_check(strict, name):
    route = next(route for route, named, _ in OURS if named == name)
    response = strict.post(sample_url(route), {"csrfmiddlewaretoken": _token(strict)})
    assert REFUSED not in response.content


@pytest.mark.parametrize("name", sorted(POST_VIEWS))
def test_a_post_with_a_wrong_token_is_refused(strict, name):
    route = next(route for route, named, _ in OURS if named == name)
    _token(strict)
    response = strict.post(sample_url(route), {"csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403 and REFUSED in response.content


def test_the_login_form_refuses_a_post_without_the_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "someone", "password": "a long enough secret"})
    assert response.status_code == 403 and REFUSED in response.content


def test_the_login_form_takes_a_post_with_the_token(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        "/accounts/login/", {"username": "someone", "password": "wrong", "csrfmiddlewaretoken": token}
    )
    assert REFUSED not in response.content
