from io import StringIO

import pytest
from django.core.management import call_command

from tests.accounts import account, sign_in


@pytest.fixture
def user(db):
    return account("caseworker", "caseworker")


@pytest.fixture
def logged_in(client, user):
    return sign_in(client, user)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 takes a tenth of a second per password on purpose: tests, which make thousands, hash them quickly
    (tests/test_passwords.py checks the real settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def linkage_model_path(settings, tmp_path):
    """Each test reads and writes its own linkage model file, never the one under REUNITE_HOME."""
    settings.LINKAGE_MODEL = tmp_path / "linkage" / "model.json"
    return settings.LINKAGE_MODEL


@pytest.fixture
def demo(db):
    # Without the linkage model the demo trains (seconds): tests that need one use tests/review's fixture.
    call_command("demo", password="demo password for tests", families=0, no_linkage_model=True, stdout=StringIO())
