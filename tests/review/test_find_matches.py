"""Find matches for one person: from the person page, and by itself after every new testimony."""

import logging

import pytest

from reunite.cases.intake import NameEntry, PersonEntry, RelationEntry, TestimonyIntake, record_testimony
from reunite.registry.models import Person
from reunite.review import matching
from reunite.review.matching import select_candidates
from reunite.review.models import LinkageRun, MatchCandidate
from tests.review.helpers import adil, tell


@pytest.fixture
def planted(db) -> tuple[Person, Person]:
    """One invented man told of twice: in Latin letters, and in Chinese characters by another testimony."""
    (latin,) = tell(adil())
    (chinese,) = tell(adil("阿迪力·尼亚孜", birthplace="和田市"))
    return latin, chinese


def _pair(a: Person, b: Person) -> MatchCandidate | None:
    first, second = sorted((a.pk, b.pk))
    return MatchCandidate.objects.filter(person_a_id=first, person_b_id=second).first()


def test_the_person_page_offers_find_matches(planted, logged_in):
    assert (
        f'action="/persons/{planted[0].pk}/find-matches/"'
        in logged_in.get(f"/persons/{planted[0].pk}/").content.decode()
    )


def test_find_matches_finds_the_same_man_written_in_chinese(planted, trained, logged_in):
    logged_in.post(f"/persons/{planted[0].pk}/find-matches/")
    assert _pair(*planted).probability > 0.9


def test_the_candidate_found_is_listed_on_the_person_page(planted, trained, logged_in):
    page = logged_in.post(f"/persons/{planted[0].pk}/find-matches/", follow=True).content.decode()
    assert "1 candidates found (1 new)" in page and "阿迪力·尼亚孜" in page


def test_finding_again_adds_no_second_candidate(planted, trained, logged_in):
    logged_in.post(f"/persons/{planted[0].pk}/find-matches/")
    page = logged_in.post(f"/persons/{planted[1].pk}/find-matches/", follow=True).content.decode()
    assert "1 candidates found (0 new)" in page


def test_the_run_is_recorded_with_who_and_which_model(planted, trained, user, logged_in):
    logged_in.post(f"/persons/{planted[0].pk}/find-matches/")
    run = LinkageRun.objects.get()
    assert (run.kind, run.via, run.started_by, run.model_record_count) == ("find", "web", user, trained.record_count)


def test_without_a_model_the_page_says_how_to_train_one(planted, logged_in):
    page = logged_in.post(f"/persons/{planted[0].pk}/find-matches/", follow=True).content.decode()
    assert "No linkage model yet: train one with `reunite link train`" in page


def test_persons_of_the_same_testimony_are_never_candidates(db):
    brother, other_brother = tell(adil(), adil("Adil Niyaz"))
    assert other_brother.pk not in select_candidates([brother]).person_ids


def test_an_unnamed_child_is_selected_through_the_fathers_name(db):
    father = PersonEntry(names=[NameEntry("Erkin Tursun")], sex="M")
    child, _ = tell(PersonEntry(description="Youngest son"), father, relations=[RelationEntry(1, "parent", 0)])
    (in_a_list,) = tell(PersonEntry(names=[NameEntry("艾合买提·艾尔肯")]))
    assert in_a_list.pk in select_candidates([child]).person_ids


def test_a_list_child_is_selected_for_an_unnamed_child_the_other_way_round(db):
    father = PersonEntry(names=[NameEntry("Erkin Tursun")], sex="M")
    child, _ = tell(PersonEntry(description="Youngest son"), father, relations=[RelationEntry(1, "parent", 0)])
    (in_a_list,) = tell(PersonEntry(names=[NameEntry("艾合买提·艾尔肯")]))
    assert child.pk in select_candidates([in_a_list]).person_ids


def test_a_shared_id_number_selects_a_candidate_whatever_the_name(db):
    number = "653201197906110139"
    (first,) = tell(adil(identity_numbers=[number]))
    (second,) = tell(PersonEntry(names=[NameEntry("Someone Else")], identity_numbers=[number]))
    assert select_candidates([first]).person_ids == [second.pk]


def test_the_selection_says_when_it_was_capped(planted):
    tell(adil("Adil Memet"))
    assert select_candidates([planted[0]], cap=1).capped


def _intake(*persons: PersonEntry) -> TestimonyIntake:
    return TestimonyIntake(persons=list(persons), open_case=False)


def test_a_new_testimony_finds_matches_by_itself(planted, trained, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source = record_testimony(_intake(adil("Adil Niyaz")))
    assert _pair(planted[0], source.persons_introduced.get()).probability > 0.9


def test_a_new_testimony_is_stored_when_there_is_no_model(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_testimony(_intake(adil()))
    assert Person.objects.filter(names__text="Adil Niyaz").exists()


def test_a_new_testimony_is_stored_when_linkage_fails_and_the_log_names_nobody(
    planted, trained, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def failing(*args, **kwargs):
        raise RuntimeError("could not compare Adil Niyaz")

    monkeypatch.setattr(matching, "find_matches", failing)
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        record_testimony(_intake(adil("Adil Niyazov")))
    stored = Person.objects.filter(names__text="Adil Niyazov").exists()
    assert stored and "failed: RuntimeError" in caplog.text and "Adil" not in caplog.text
