from io import StringIO

import pytest
from django.core.management import call_command

from tests.accounts import account


@pytest.fixture
def user(db):
    return account("caseworker", "caseworker")


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def linkage_model_path(settings, tmp_path):
    """Each test reads and writes its own linkage model file, never the one under REUNITE_HOME."""
    settings.LINKAGE_MODEL = tmp_path / "linkage" / "model.json"
    return settings.LINKAGE_MODEL


@pytest.fixture
def demo(db):
    # Without the linkage model the demo trains (seconds): tests that need one use tests/review's fixture.
    call_command("demo", password="demo password for tests", no_linkage_model=True, stdout=StringIO())
