"""Passwords: stored as Argon2 hashes, older hashes upgraded at the next login, weak ones refused."""

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command

from reunite import settings as real_settings
from tests.accounts import PASSWORD, account


@pytest.fixture
def real_hashers(settings):
    """The installation's hashers, not the tests' fast one (tests/conftest.py)."""
    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS


def test_a_stored_password_is_an_argon2_hash(db, real_hashers):
    assert account("caseworker", "caseworker").password.startswith("argon2$argon2id$")


def test_a_password_stored_before_is_upgraded_to_argon2_at_login(client, db, real_hashers):
    user = account("caseworker", "caseworker")
    get_user_model().objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    client.post("/accounts/login/", {"username": "caseworker", "password": PASSWORD})
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_a_short_password_is_refused_by_createuser(db):
    with mock.patch("builtins.input", return_value="Short1!"), pytest.raises(CommandError, match="too short"):
        call_command("createuser", "amina", "--role", "caseworker", "--password-stdin", stdout=StringIO())
