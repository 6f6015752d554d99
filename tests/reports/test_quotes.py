"""Quotes: only what the witness allowed, and nothing that names anyone."""

from dataclasses import replace

from reunite.cases.demo import faruh_family, kader_family
from reunite.cases.intake import record_testimony
from reunite.registry.withdrawal import withdraw_consent
from reunite.reports import report
from tests.reports.conftest import AS_OF_ARTICLE

FARUH_WORDS = "For the past 1,594 days, we have not heard from our daughters."
KADER_WORDS = "other relatives were afraid to take care of my children"


def quoted(user) -> str:
    return " ".join(q.text for q in report.make_report(user, AS_OF_ARTICLE).quotes)


def test_a_witness_who_allowed_anonymous_quotation_is_quoted_in_their_own_words(families, advocate):
    assert FARUH_WORDS in quoted(advocate)


def test_a_testimony_without_consent_to_quotation_never_appears(db, advocate):
    record_testimony(replace(kader_family(), may_quote_anonymously=False))
    record_testimony(faruh_family())
    assert KADER_WORDS not in report.html(report.make_report(advocate, AS_OF_ARTICLE))


def test_a_confidential_testimony_is_not_quoted(db, advocate):
    record_testimony(replace(faruh_family(), sensitivity="confidential"))
    assert quoted(advocate) == ""


def test_a_withdrawn_testimony_is_not_quoted(families, advocate, django_user_model):
    withdraw_consent(families[1], django_user_model.objects.create_user("caseworker"), "email")
    assert FARUH_WORDS not in quoted(advocate)


def test_the_names_a_testimony_gives_are_taken_out_in_any_spelling(db, advocate):
    words = "“Mirzeban told me that Mihriban Kader was at the consulate, and Ablikom with her.”"
    record_testimony(replace(kader_family(), text=words))
    assert quoted(advocate) == "[name] told me that [name] was at the consulate, and [name] with her."


def test_numbers_and_dates_are_taken_out(db, advocate):
    words = "“They took his card 653101198203154321 on 12 May 2017 and called +90 532 123 45 67 twice.”"
    record_testimony(replace(faruh_family(), text=words))
    assert quoted(advocate) == "They took his card [number] on [date] and called [number] twice."
