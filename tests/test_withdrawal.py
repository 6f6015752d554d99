"""`withdraw_consent`: a witness withdrew consent; their source's words and the facts only it states go, the
removal is audited with counts, and nothing any other source says is lost. Everyone here is invented."""

from io import StringIO

import pytest
from django.core.management import call_command

from reunite.audit.models import Entry
from reunite.cases.models import Case
from reunite.registry.models import IdentityNumber, Person, PersonName, Place, Withdrawal
from reunite.registry.withdrawal import AlreadyWithdrawn, withdraw_consent
from reunite.review.decisions import decide
from reunite.review.models import Identity, MatchCandidate
from tests.review.helpers import candidate
from tests.withdrawal import (
    SEEKER,
    SOUGHT,
    SOUGHT_ID,
    TAKEN_BY,
    VILLAGE,
    WORDS,
    also_named,
    others,
    person,
    text_of,
    told,
)

EMAIL = Withdrawal.How.EMAIL


@pytest.fixture
def testimony(user):
    return told(creator=user)


def withdrawn(source, user):
    return withdraw_consent(source, user, EMAIL)


def test_the_testimony_s_words_are_gone_from_every_column_of_the_source(testimony, user):
    withdrawn(testimony, user)
    assert WORDS not in text_of(testimony)


def test_who_took_the_testimony_is_gone(testimony, user):
    withdrawn(testimony, user)
    assert TAKEN_BY not in text_of(testimony)


def test_its_names_are_gone(testimony, user):
    withdrawn(testimony, user)
    assert not PersonName.objects.filter(text__in=[SEEKER, SOUGHT]).exists()


def test_its_id_numbers_are_gone(testimony, user):
    withdrawn(testimony, user)
    assert not IdentityNumber.objects.filter(value=SOUGHT_ID).exists()


def test_the_place_only_it_wrote_is_gone(testimony, user):
    withdrawn(testimony, user)
    assert not Place.objects.filter(name=VILLAGE).exists()


def test_the_source_stays_as_an_empty_confidential_shell_without_consent(user):
    source = told(creator=user, sensitivity="public", may_be_named=True, may_share_with_partners=True)
    withdrawn(source, user)
    source.refresh_from_db()
    assert (source.sensitivity, source.may_be_named, source.may_share_with_partners, source.testifier) == (
        "confidential",
        False,
        False,
        None,
    )


def test_persons_it_alone_introduced_are_removed(testimony, user):
    withdrawn(testimony, user)
    assert not Person.objects.filter(source=testimony).exists()


def test_a_person_another_source_also_names_keeps_that_source_s_name(testimony, user):
    ilyas = person(testimony, 1)
    also_named(ilyas, "Ilyas Tursunov")
    withdrawn(testimony, user)
    assert list(ilyas.names.values_list("text", flat=True)) == ["Ilyas Tursunov"]


def test_another_testimony_s_rows_are_untouched(testimony, user):
    also_named(person(testimony, 1), "Ilyas Tursunov")
    before = others(testimony)
    withdrawn(testimony, user)
    assert others(testimony) == before


def test_a_case_whose_seeker_is_removed_goes_whole(testimony, user):
    withdrawn(testimony, user)
    assert not Case.objects.filter(source=testimony).exists()


def test_a_case_whose_seeker_another_source_speaks_of_is_closed_as_consent_withdrawn(testimony, user):
    also_named(person(testimony, 0), "Gülnar Tursun")
    withdrawn(testimony, user)
    case = Case.objects.get(source=testimony)
    assert (case.status, case.status_reason, case.sought.count()) == ("closed", "consent withdrawn", 0)


def test_the_candidates_and_decisions_of_a_removed_person_go_and_identities_are_regrouped(testimony, user):
    other = person(told("Ilyas Tursunov", "Gulnar Tursunova", creator=user), 0)
    decide(candidate(person(testimony, 1), other), "same", user)
    withdrawn(testimony, user)
    assert (MatchCandidate.objects.count(), Identity.objects.count()) == (0, 0)


def test_one_redacted_entry_records_the_counts(testimony, user):
    withdrawn(testimony, user)
    entry = Entry.objects.get(action="redacted")
    assert (entry.object_id, entry.detail["names"], entry.detail["persons_removed"], entry.detail["how"]) == (
        str(testimony.pk),
        2,
        2,
        "email",
    )


def test_the_withdrawal_writes_no_other_entry(testimony, user):
    last = Entry.objects.order_by("-sequence").first().sequence
    withdrawn(testimony, user)
    assert list(Entry.objects.filter(sequence__gt=last).values_list("action", flat=True)) == ["redacted"]


def test_the_entry_names_no_one_and_quotes_nothing(testimony, user):
    withdrawn(testimony, user)
    detail = str(Entry.objects.get(action="redacted").detail)
    assert not any(secret in detail for secret in (SEEKER, SOUGHT, SOUGHT_ID, WORDS, TAKEN_BY, VILLAGE))


def test_the_audit_chain_still_verifies(testimony, user):
    withdrawn(testimony, user)
    call_command("audit", "verify", stdout=StringIO())  # raises CommandError on a broken chain


def test_the_withdrawal_keeps_its_counts(testimony, user):
    assert withdrawn(testimony, user).removed["events"] == 1


def test_withdrawing_twice_is_refused(testimony, user):
    withdrawn(testimony, user)
    with pytest.raises(AlreadyWithdrawn):
        withdrawn(testimony, user)


def test_an_unknown_way_of_asking_is_refused_before_anything_is_removed(testimony, user):
    with pytest.raises(ValueError):
        withdraw_consent(testimony, user, "told the neighbour")
