"""The Kader children, unnamed in their parents' testimony, found in an invented list of 10,000 children placed in
state institutions, written in Chinese.

The testimony tells of each child only who the parents are (the father Ablikim Memtimin in five spellings and
scripts, 阿布力克木·买买提明 among them; the mother Mihriban Kader) and a birth range (2003-03-20/2009-03-19; the
youngest 2008-03-20/2009-03-19). The list gives each child a Chinese name "given·father", sex, an exact birth date
and a birthplace. So a testimony child and a list row share only the father's given name (the list row's second
name part) and the birth date against the range.

The list also holds other children of fathers called 阿布力克木 (about one father in eighty in the name table) born
within those ranges: 42 within the elder children's range and 5 within the youngest's in this list. The testimony
cannot tell them from the Kader children, and no engine should, so "the planted children are in the top 10" would
test the dice, not the engine. Asserted instead, for each testimony child and each planted child its range allows
(the youngest's range rules out the three elder):
- the planted child is found, and the father's name is what linked them (the "father" field weighs for it);
- every record scored strictly above it is another planted child or a namesake the testimony cannot rule out
  (father 阿布力克木, born within the testimony's range).
The search uses threshold 0 because ranking is the question: on this evidence alone (a father's given name and a
birth range) no honest probability is high.
"""

import random
from datetime import date

import pytest

from reunite.dates import parse
from reunite.linkage import Pair, PersonRecord, features, find_matches
from reunite.registry.models import Person
from reunite.review.records import person_records
from reunite.synth.institutions import PlacedChild, placed_children

LIST_SIZE = 10_000
FATHER = "阿布力克木"  # Ablikim, the Chinese form the testimony gives
KASHGAR = "喀什"
# Invented: the four children as the list would write them, born within the ranges the testimony gives.
PLANTED = [
    ("艾合买提", "M", date(2004, 8, 17), "喀什市第一寄宿制学校"),
    ("米合日古丽", "F", date(2005, 11, 2), "喀什市第三儿童福利院"),
    ("努尔买买提", "M", date(2007, 1, 23), "喀什市第三儿童福利院"),
    ("阿依努尔", "F", date(2008, 10, 5), "喀什市第三儿童福利院"),
]


def list_record(child: PlacedChild) -> PersonRecord:
    return PersonRecord(
        record_id=child.key,
        source="institutions",
        names=(child.name,),
        sex=child.sex,
        birth=child.born.isoformat(),
        birthplace=child.birthplace,
        truth=child.key,
    )


@pytest.fixture(scope="module")
def institution_list() -> list[PlacedChild]:
    children = placed_children(LIST_SIZE - len(PLANTED), seed=5)
    rng = random.Random(5)
    for number, (given, sex, born, institution) in enumerate(PLANTED, 1):
        planted = PlacedChild(f"kader-{number}", f"{given}·{FATHER}", sex, born, KASHGAR, institution, date(2018, 5, 2))
        children.insert(rng.randrange(len(children)), planted)
    return children


@pytest.fixture
def kader_children(demo) -> list[PersonRecord]:
    persons = Person.objects.filter(known_identity__startswith="seed:kader:child").order_by("known_identity")
    return person_records(persons.values_list("pk", flat=True))


@pytest.fixture
def matches(kader_children, institution_list, synthetic_model) -> dict[str, list[Pair]]:
    """Testimony child -> every list record the model scores for it, best first."""
    queries = features(kader_children)
    pairs = find_matches(synthetic_model, queries, features(map(list_record, institution_list)), threshold=0.0)
    return {row["unique_id"]: [p for p in pairs if p.record_id_l == row["unique_id"]] for row in queries}


def _born_within(born: date, testimony_child: PersonRecord) -> bool:
    stated = parse(testimony_child.birth)
    return stated.earliest <= born <= stated.latest


def _could_be(child: PlacedChild, testimony_child: PersonRecord) -> bool:
    """Whether the testimony allows this list row: the father's given name, a birth date in the range."""
    return child.name.endswith(f"·{FATHER}") and _born_within(child.born, testimony_child)


def _planted_for(testimony_child: PersonRecord, institution_list: list[PlacedChild]) -> list[PlacedChild]:
    """The planted children the testimony allows for this child (the youngest's range rules out the elder ones)."""
    return [c for c in institution_list if c.key.startswith("kader-") and _born_within(c.born, testimony_child)]


def test_the_list_is_written_in_chinese_and_holds_the_planted_children(institution_list):
    planted = [child for child in institution_list if child.key.startswith("kader-")]
    assert len(institution_list) == LIST_SIZE and len(planted) == len(PLANTED)


def test_every_planted_child_is_found_through_the_fathers_name(matches, kader_children, institution_list):
    for testimony_child in kader_children:
        pairs = matches[testimony_child.record_id]
        father = {p.record_id_r: dict((f.comparison, f.weight) for f in p.fields).get("father", 0) for p in pairs}
        planted = _planted_for(testimony_child, institution_list)
        assert all(father.get(child.key, 0) > 0 for child in planted), testimony_child.truth


def test_only_namesakes_the_testimony_cannot_rule_out_rank_above_a_planted_child(
    matches, kader_children, institution_list
):
    by_key = {child.key: child for child in institution_list}
    for testimony_child in kader_children:
        pairs = matches[testimony_child.record_id]
        probability = {p.record_id_r: p.match_probability for p in pairs}
        for planted in _planted_for(testimony_child, institution_list):
            found = planted.key in probability
            above = [by_key[p.record_id_r] for p in pairs if found and p.match_probability > probability[planted.key]]
            allowed = all(c.key.startswith("kader-") or _could_be(c, testimony_child) for c in above)
            assert found and allowed, planted.key
