import pytest
from django.urls import URLPattern, URLResolver, reverse

from reunite import urls

PUBLIC = {"login"}


def _pages(patterns):
    """Every named page of the app (the admin has its own login), with 1 for each path argument."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":
                yield from _pages(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name not in PUBLIC:
            yield reverse(pattern.name, kwargs=dict.fromkeys(pattern.pattern.converters, 1))


PAGES = sorted(_pages(urls.urlpatterns))


def test_the_main_pages_are_among_those_checked():
    assert {"/", "/cases/1/", "/persons/1/", "/search/", "/testimonies/new/"} <= set(PAGES)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login_page(client, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_admin_refuses_anonymous_users(client):
    assert client.get("/admin/").headers["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_the_login_page_is_open(client):
    assert client.get("/accounts/login/").status_code == 200
