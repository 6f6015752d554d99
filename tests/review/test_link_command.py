"""`reunite link`: train, a whole run, find matches for one person; ids and figures printed, never names."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reunite.dates import parse
from reunite.registry.models import Dataset
from reunite.review.decisions import decide
from reunite.review.models import MatchCandidate
from tests.review.helpers import adil, list_row, tell


def link(*args) -> str:
    out = StringIO()
    call_command("link", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def planted(db):
    """One invented man told of twice (Latin letters, Chinese characters), and someone else."""
    return tell(adil())[0], tell(adil("阿迪力·尼亚孜", birthplace="和田市"))[0], tell(adil("Tursun Qadir"))[0]


def test_without_a_model_the_command_says_which_command_trains_one(planted):
    with pytest.raises(CommandError, match="reunite link train"):
        link("person", planted[0].pk)


def test_training_on_too_small_a_registry_says_why_and_what_to_do(planted):
    with pytest.raises(CommandError, match="not enough data to train.*--synthetic"):
        link("train")


def test_training_on_invented_families_says_so_and_saves_the_model(db, linkage_model_path):
    out = link("train", "--synthetic", 1500)
    assert "invented families" in out and linkage_model_path.exists()


def test_a_whole_run_prints_counts_and_no_names(planted, trained):
    out = link("run")
    assert "Linked 3 records" in out and "1 candidates, 1 new" in out and "Adil" not in out


def test_a_whole_run_keeps_the_decisions_already_made(planted, trained, user):
    link("run")
    decide(MatchCandidate.objects.get(), "different", user)
    out = link("run")
    assert "1 already decided" in out and MatchCandidate.objects.get().status == "different"


def test_find_matches_for_one_person_prints_ids_and_probabilities_only(planted, trained):
    out = link("person", planted[0].pk)
    found = re.search(rf"person #{planted[1].pk}, probability (\d\.\d{{3}})", out)
    assert found and float(found[1]) > 0.9 and "Adil" not in out


def test_an_unknown_person_is_an_error(db):
    with pytest.raises(CommandError, match="no person #999999"):
        link("person", 999999)


def test_two_datasets_are_linked_to_each_other_only(db, trained):
    placements, transfers = Dataset.objects.create(name="placements"), Dataset.objects.create(name="transfers")
    born = parse("2008-10-05")
    list_row(placements, "1", "阿依努尔·阿布力克木", sex="F", birth_date=born)
    list_row(placements, "2", "阿依努尔·阿布力克木", sex="F", birth_date=born)  # a duplicate within one list
    list_row(transfers, "9", "Aynur Ablikim", sex="F", birth_date=born)
    link("run", "--datasets", "placements", transfers.pk, "--threshold", 0)
    assert MatchCandidate.objects.count() == 2


def test_one_match_each_keeps_a_persons_most_probable_candidate_only(db, trained):
    placements, transfers = Dataset.objects.create(name="placements"), Dataset.objects.create(name="transfers")
    list_row(placements, "1", "阿依努尔·阿布力克木", sex="F", birth_date=parse("2008-10-05"))
    list_row(placements, "2", "阿依努尔·阿布力克木", sex="F", birth_date=parse("2009"))  # a namesake, less alike
    aynur = list_row(transfers, "9", "Aynur Ablikim", sex="F", birth_date=parse("2008-10-05"))
    link("run", "--datasets", "placements", "transfers", "--threshold", 0, "--one-match-each")
    kept = MatchCandidate.objects.get()
    assert {kept.person_a.source.row_key, kept.person_b.source.row_key} == {"1", aynur.source.row_key}


def test_one_match_each_needs_two_datasets(db, trained):
    with pytest.raises(CommandError, match="needs --datasets"):
        link("run", "--one-match-each")


def test_an_unknown_dataset_is_an_error(db, trained):
    with pytest.raises(CommandError, match="no dataset 'nowhere'"):
        link("run", "--datasets", "nowhere", "elsewhere")


def test_a_threshold_must_be_a_probability(db):
    with pytest.raises(CommandError, match="not a probability"):
        link("run", "--threshold", 2)
