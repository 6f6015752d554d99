"""Sessions end after an hour without a request, at the latest 8 hours after the login, and with the browser."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from tests.accounts import PASSWORD


def at(minutes: int):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes))


def test_a_session_ends_after_an_hour_without_a_request(logged_in):
    with at(61):
        assert logged_in.get("/").headers["Location"].startswith("/accounts/login/")


def test_each_request_keeps_the_session_open_for_another_hour(logged_in):
    with at(50):
        logged_in.get("/")
    with at(100):
        assert logged_in.get("/").status_code == 200


def test_a_session_in_use_ends_8_hours_after_the_login(logged_in):
    for minutes in range(40, 8 * 60, 40):
        with at(minutes):
            logged_in.get("/")
    with at(8 * 60 + 1):
        assert logged_in.get("/").headers["Location"].startswith("/accounts/login/")


def test_the_session_cookie_ends_with_the_browser(client, user):
    response = client.post("/accounts/login/", {"username": "caseworker", "password": PASSWORD})
    assert response.cookies[settings.SESSION_COOKIE_NAME]["expires"] == ""
