"""The consent-withdrawal page: what will be removed (counts), then the removal, for caseworkers and administrators
of the source's organisation only. Everyone here is invented."""

import pytest
from django.test import Client

from reunite.accounts.models import Organisation
from reunite.registry.models import PersonName, Source
from tests.accounts import account, sign_in
from tests.withdrawal import SEEKER, SOUGHT, person, told


@pytest.fixture
def testimony(user):
    return told(creator=user)


def url(source: Source) -> str:
    return f"/sources/{source.pk}/withdraw/"


def as_role(role: str) -> Client:
    return sign_in(Client(), account(role, role))


def test_the_page_shows_the_counts_of_what_will_be_removed(logged_in, testimony):
    page = logged_in.get(url(testimony)).content.decode()
    assert "2</td>" in page and "Names" in page


def test_the_page_names_no_one(logged_in, testimony):
    page = logged_in.get(url(testimony)).content.decode()
    assert SEEKER not in page and SOUGHT not in page


def test_the_person_page_leads_to_it(logged_in, testimony):
    assert url(testimony) in logged_in.get(f"/persons/{person(testimony, 0).pk}/").content.decode()


def test_posting_withdraws_the_source(logged_in, testimony):
    logged_in.post(url(testimony), {"how": "in_person"})
    assert not PersonName.objects.filter(source=testimony).exists()


def test_posting_says_what_was_removed(logged_in, testimony):
    response = logged_in.post(url(testimony), {"how": "in_person"}, follow=True)
    assert "Consent withdrawn: 2 names" in response.content.decode()


def test_a_person_it_alone_introduced_is_not_found_after(logged_in, testimony):
    seeker = person(testimony, 0)
    logged_in.post(url(testimony), {"how": "in_person"})
    assert logged_in.get(f"/persons/{seeker.pk}/").status_code == 404


def test_without_saying_how_nothing_is_removed(logged_in, testimony):
    logged_in.post(url(testimony), {"how": ""})
    assert PersonName.objects.filter(source=testimony).count() == 2


def test_a_withdrawn_source_s_page_says_when_and_offers_nothing_more(logged_in, testimony):
    logged_in.post(url(testimony), {"how": "in_person"})
    page = logged_in.get(url(testimony)).content.decode()
    assert "Withdrawn on" in page and '<form method="post">' not in page


@pytest.mark.parametrize("role", ["researcher", "advocate"])
def test_a_role_without_the_permission_is_refused(testimony, role):
    assert as_role(role).post(url(testimony), {"how": "in_person"}).status_code == 403


def test_another_organisation_s_caseworker_does_not_find_the_source(db):
    ours = Organisation.objects.sole()
    theirs = Organisation.objects.create(name="Invented partner organisation")
    testimony = told(creator=account("caseworker", "ours", organisation=ours))
    client = sign_in(Client(), account("caseworker", "theirs", organisation=theirs))
    assert client.get(url(testimony)).status_code == 404
