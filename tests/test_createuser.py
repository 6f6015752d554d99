from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from reunite.accounts.roles import Role, role_of


def _create(*args, password="a long enough secret"):
    with mock.patch("builtins.input", return_value=password):
        call_command("createuser", *args, "--password-stdin", stdout=StringIO())


def test_a_caseworker_account_can_log_in(db, client):
    _create("amina", "--role", "caseworker")
    # django-axes checks every authentication against its request: the test client's login has none of its own.
    assert client.login(request=HttpRequest(), username="amina", password="a long enough secret")


def test_an_administrator_reaches_the_admin(db):
    _create("admin1", "--admin")
    assert get_user_model().objects.get(username="admin1").is_superuser


def test_the_role_given_is_the_role_the_user_acts_in(db):
    _create("nur", "--role", "researcher")
    assert role_of(get_user_model().objects.get(username="nur")) is Role.RESEARCHER


def test_a_weak_password_is_refused_with_the_reason(db):
    with pytest.raises(CommandError, match="too short"):
        _create("weak", password="short")


def test_an_existing_username_is_refused(db):
    _create("amina")
    with pytest.raises(CommandError, match="already exists"):
        _create("amina")
