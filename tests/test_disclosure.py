"""Who may take which sources out, and which of their parts (`reunite.registry.disclosure`)."""

import pytest
from django.contrib.auth.models import Group

from reunite.accounts.roles import Role, role_of
from reunite.registry.disclosure import Audience, NotAllowed, disclosed_sources, disclosure
from reunite.registry.models import Source
from tests.accounts import account


def source(sensitivity: str = "confidential", **consent) -> Source:
    return Source.objects.create(kind=Source.Kind.TESTIMONY, sensitivity=sensitivity, **consent)


def test_every_role_exists_as_a_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_a_user_in_two_groups_acts_with_the_wider_role(db):
    user = account("researcher")
    user.groups.add(Group.objects.get(name="caseworker"))
    assert role_of(user) is Role.CASEWORKER


def test_a_researcher_never_takes_out_a_confidential_source(db):
    kept = source("restricted")
    source("confidential")
    assert list(disclosed_sources(account("researcher"))) == [kept]


def test_a_caseworker_takes_out_confidential_sources_for_the_team(db):
    confidential = source("confidential")
    assert list(disclosed_sources(account("caseworker"))) == [confidential]


def test_partners_get_only_sources_whose_witness_agreed(db):
    agreed = source(may_share_with_partners=True)
    source(may_share_with_governments=True)
    assert list(disclosed_sources(account("caseworker"), Audience.PARTNERS)) == [agreed]


def test_an_advocate_takes_out_no_record(db):
    with pytest.raises(NotAllowed):
        disclosed_sources(account("advocate"))


def test_an_account_without_a_role_takes_out_no_record(db):
    with pytest.raises(NotAllowed):
        disclosed_sources(account(None))


def test_outside_the_team_a_witness_who_did_not_agree_to_be_named_is_not(db):
    assert disclosure(source(may_share_with_governments=True), Audience.GOVERNMENTS).names is False


def test_testimony_words_never_leave_the_team_in_records(db):
    assert disclosure(source(may_be_named=True, may_share_with_partners=True), Audience.PARTNERS).testimony is False
