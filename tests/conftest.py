from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("caseworker", password="a long enough secret")


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def demo(db):
    call_command("demo", password="demo password for tests", stdout=StringIO())
