"""`reunite withdraw`: counts printed, a confirmation asked for unless --yes, and refused to whoever may not.
Everyone here is invented."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reunite.registry.models import PersonName
from tests.accounts import account
from tests.withdrawal import SEEKER, SOUGHT, told


@pytest.fixture
def testimony(user):
    return told(creator=user)


def withdraw(source, *options: str) -> str:
    out = StringIO()
    call_command("withdraw", str(source.pk), *options, stdout=out)
    return out.getvalue()


def test_it_prints_what_it_removed(testimony):
    assert "2 names" in withdraw(testimony, "--as", "caseworker", "--how", "by email", "--yes")


def test_it_names_no_one(testimony):
    printed = withdraw(testimony, "--as", "caseworker", "--how", "by email", "--yes")
    assert SEEKER not in printed and SOUGHT not in printed


def test_it_removes_the_source_s_facts(testimony):
    withdraw(testimony, "--as", "caseworker", "--how", "email", "--yes")
    assert not PersonName.objects.filter(source=testimony).exists()


def test_without_yes_and_no_terminal_it_refuses(testimony):
    with pytest.raises(CommandError, match="--yes"):
        withdraw(testimony, "--as", "caseworker", "--how", "by email")


def test_refusing_removes_nothing(testimony):
    with pytest.raises(CommandError):
        withdraw(testimony, "--as", "caseworker", "--how", "by email")
    assert PersonName.objects.filter(source=testimony).count() == 2


def test_an_unknown_way_of_asking_is_refused(testimony):
    with pytest.raises(CommandError, match="unknown way"):
        withdraw(testimony, "--as", "caseworker", "--how", "by pigeon", "--yes")


def test_a_researcher_may_not(testimony):
    account("researcher", "researcher")
    with pytest.raises(CommandError, match="may not"):
        withdraw(testimony, "--as", "researcher", "--how", "by email", "--yes")


def test_a_second_withdrawal_is_refused(testimony):
    withdraw(testimony, "--as", "caseworker", "--how", "by email", "--yes")
    with pytest.raises(CommandError, match="already withdrawn"):
        withdraw(testimony, "--as", "caseworker", "--how", "by email", "--yes")
