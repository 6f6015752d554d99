"""Lockout: five wrong passwords for one account from one address lock that pair for an hour; the account stays
open from elsewhere, and an administrator can lift the lock."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from reunite.audit.models import Entry
from tests.accounts import PASSWORD

HOME = "203.0.113.7"  # documentation addresses (RFC 5737)
ELSEWHERE = "198.51.100.20"


def attempt(client, password: str, address: str = HOME):
    return client.post("/accounts/login/", {"username": "caseworker", "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def five_failures(client, user):
    for _ in range(5):
        attempt(client, "not the password")
    return client


def test_the_sixth_attempt_with_the_right_password_is_refused_with_the_lockout_page(five_failures):
    assert "Login locked" in attempt(five_failures, PASSWORD).content.decode()


def test_the_lockout_page_says_to_wait_or_ask_an_administrator(five_failures):
    page = attempt(five_failures, PASSWORD).content.decode()
    assert "Wait an hour" in page and "ask an administrator" in page


def test_four_failures_do_not_lock(client, user):
    for _ in range(4):
        attempt(client, "not the password")
    assert attempt(client, PASSWORD).status_code == 302


def test_another_address_is_not_locked(five_failures):
    assert attempt(five_failures, PASSWORD, ELSEWHERE).status_code == 302


def test_the_lock_ends_after_an_hour(five_failures):
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert attempt(five_failures, PASSWORD).status_code == 302


def test_an_administrator_lifts_the_lock(five_failures):
    call_command("axes_reset_username", "caseworker", stdout=StringIO())
    assert attempt(five_failures, PASSWORD).status_code == 302


def test_every_refused_attempt_is_a_failed_login_in_the_audit_log(five_failures, user):
    attempt(five_failures, PASSWORD)
    assert list(Entry.objects.filter(action="login_failed").values_list("object_id", flat=True)) == [str(user.pk)] * 6


def test_the_logs_name_neither_the_account_nor_the_address(client, user, caplog):
    with caplog.at_level(logging.DEBUG, logger="axes"):
        for _ in range(6):
            attempt(client, "not the password")
    assert ("Locking out" in caplog.text, "caseworker" in caplog.text, HOME in caplog.text) == (True, False, False)
