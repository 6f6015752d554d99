"""Linkage runs in the audit log: one entry per run, with its figures, however many candidates it stored."""

from django.db.models import Max

from reunite.audit.models import Entry
from reunite.review.matching import link_all
from tests.review.helpers import adil, tell


def linked_since(sequence: int) -> list[tuple[str, str, dict]]:
    entries = Entry.objects.filter(sequence__gt=sequence).order_by("sequence")
    return [(e.action, e.object_type, e.detail) for e in entries]


def latest() -> int:
    return Entry.objects.aggregate(last=Max("sequence"))["last"] or 0


def test_find_matches_from_a_person_page_is_one_entry_naming_the_person(trained, logged_in):
    (latin,) = tell(adil())
    tell(adil("阿迪力·尼亚孜", birthplace="和田市"))
    before = latest()
    logged_in.post(f"/persons/{latin.pk}/find-matches/")
    [(action, object_type, detail)] = linked_since(before)
    assert (action, object_type, detail["via"], detail["candidates"], detail["persons"]) == (
        "linked",
        "review.linkagerun",
        "web",
        1,
        [latin.pk],
    )


def test_a_whole_run_is_one_entry_with_its_counts(trained, records):
    before = latest()
    link_all()
    [(action, _, detail)] = linked_since(before)
    assert (action, detail["kind"], detail["records"]) == ("linked", "run", 3)
