"""Behaviour of the synthetic family generator that benchmarks and linkage tests rely on."""

from __future__ import annotations

import re
from datetime import date
from itertools import islice

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reunite.synth import (
    APPLICATION_KINDS,
    APPLICATION_STATUSES,
    CASE_STATUSES,
    EVENT_KINDS,
    LANGUAGES,
    NAME_KINDS,
    RELATION_KINDS,
    SENSITIVITIES,
    STATUSES,
    Family,
    generate_families,
    generate_family,
    uly_name,
)
from reunite.synth.generate import TODAY, load_tables

PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PARTIAL_DATE = re.compile(rf"^{PART}(?:/{PART})?$")


def bounds(text: str) -> tuple[date, date]:
    """Earliest and latest day a canonical partial date ("1979", "1979-04", "a/b") can mean."""
    first, _, last = text.partition("/")
    return _start(first), _end(last or first)


def _start(part: str) -> date:
    bits = [int(b) for b in part.split("-")]
    return date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)


def _end(part: str) -> date:
    bits = [int(b) for b in part.split("-")]
    if len(bits) == 3:
        return date(*bits)
    if len(bits) == 2:
        following = date(bits[0] + bits[1] // 12, bits[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(bits[0], 12, 31)


@pytest.fixture(scope="module")
def families() -> list[Family]:
    return list(generate_families(500, seed=11))


def check_family(family: Family) -> None:
    """Every invariant a consumer may rely on, for one family."""
    people = {p.key: p for p in family.persons}
    assert len(people) == len(family.persons)
    assert all(p.key.startswith(family.key + "-p") for p in family.persons)
    assert family.seeker in people
    assert family.sought and set(family.sought) <= set(people)
    assert family.seeker not in family.sought
    assert family.case_status in CASE_STATUSES

    for person in family.persons:
        assert person.sex in ("F", "M")
        assert person.status in STATUSES
        assert person.names and person.names[0].kind == "full"
        for form in person.names:
            assert isinstance(form.text, str) and form.text.strip() == form.text and form.text
            assert form.kind in NAME_KINDS
        if person.birth is not None:
            assert PARTIAL_DATE.match(person.birth), person.birth
            start, end = bounds(person.birth)
            assert start <= end <= TODAY

    for relation in family.relations:
        assert relation.a in people and relation.b in people and relation.a != relation.b
        assert relation.kind in RELATION_KINDS

    for event in family.events:
        assert event.kind in EVENT_KINDS
        assert event.persons and set(event.persons) <= set(people)
        assert event.date is not None and PARTIAL_DATE.match(event.date), event.date
        assert bounds(event.date)[1] <= TODAY

    testimony = family.testimony
    assert testimony.testifier in people
    assert testimony.language in LANGUAGES
    assert testimony.sensitivity in SENSITIVITIES
    assert PARTIAL_DATE.match(testimony.given_on)
    assert all(bounds(e.date)[1] <= bounds(testimony.given_on)[0] for e in family.events if e.date)
    assert 2 <= testimony.text.count(". ") + 1 <= 5

    for app in family.applications:
        assert app.kind in APPLICATION_KINDS and app.status in APPLICATION_STATUSES
        assert app.applicants and set(app.applicants) <= set(people)
        assert re.fullmatch(r"[A-Z]{2}", app.country)
        if app.filed_on and app.decided_on:
            assert app.filed_on <= app.decided_on

    check_names_follow_fathers(family)
    check_last_contacts(family)
    check_lives(family)


def check_names_follow_fathers(family: Family) -> None:
    """A Uyghur's second name is the father's given name: linkage relies on it."""
    people = {p.key: p for p in family.persons}
    for relation in family.relations:
        if relation.kind != "parent" or people[relation.a].sex != "M":
            continue
        father_given = uly_name(people[relation.a]).split(" ")[0]
        child_father_part = uly_name(people[relation.b]).split(" ")[1]
        assert child_father_part == father_given, (relation, family.key)


def check_last_contacts(family: Family) -> None:
    people = {p.key: p for p in family.persons}
    for event in family.events:
        if event.kind != "last_contact" or event.date is None:
            continue
        contact_start, contact_end = bounds(event.date)
        assert contact_end <= TODAY
        for key in event.persons:
            birth = people[key].birth
            if birth is not None:
                assert contact_start >= bounds(birth)[0], (event, birth)


def check_lives(family: Family) -> None:
    """Nothing happens to anyone before they are born or after they die; the dead are recorded dead."""
    people = {p.key: p for p in family.persons}
    died = {e.persons[0]: bounds(e.date or "") for e in family.events if e.kind == "death"}
    for key in died:
        assert people[key].status == "deceased"
    for event in family.events:
        start, end = bounds(event.date or "")
        for key in event.persons:
            birth = people[key].birth
            assert birth is None or end >= bounds(birth)[0], (event, birth)
            if key in died and event.kind != "death":
                assert start <= died[key][1], (event, died[key])
    sought_abroad = [k for k in family.sought if people[k].status == "abroad"]
    assert not sought_abroad or family.case_status == "reunified"


def test_same_seed_same_families() -> None:
    assert list(generate_families(25, seed=5)) == list(generate_families(25, seed=5))


def test_first_families_do_not_depend_on_count() -> None:
    short = list(generate_families(8, seed=3))
    assert short == list(islice(generate_families(40, seed=3), 8))
    assert generate_family(7, seed=3) == short[7]


def test_seeds_give_different_families() -> None:
    assert list(generate_families(5, seed=1)) != list(generate_families(5, seed=2))


def test_keys_name_the_seed_family_and_person() -> None:
    family = generate_family(123, seed=42)
    assert family.key == "s42-f000123"
    assert family.seeker == "s42-f000123-p00"
    assert family.persons[2].key == "s42-f000123-p02"


def test_invariants_over_many_families(families: list[Family]) -> None:
    for family in families:
        check_family(family)


def test_about_seven_persons_per_family(families: list[Family]) -> None:
    average = sum(len(f.persons) for f in families) / len(families)
    assert 6.5 <= average <= 7.6


def test_children_have_their_fathers_name_as_second_name(families: list[Family]) -> None:
    checked = 0
    for family in families:
        people = {p.key: p for p in family.persons}
        for relation in family.relations:
            if relation.kind == "parent" and people[relation.a].sex == "M":
                checked += 1
        check_names_follow_fathers(family)
    assert checked > 3 * len(families)


def test_uly_form_is_made_of_table_names(families: list[Family]) -> None:
    known = {n.uly for n in load_tables().male.items} | {n.uly for n in load_tables().female.items}
    for family in families[:100]:
        for person in family.persons:
            given_name, father = uly_name(person).split(" ")
            assert given_name in known and father in known


def test_most_sought_children_have_a_last_contact(families: list[Family]) -> None:
    with_contact = sum(1 for f in families if any(e.kind == "last_contact" for e in f.events))
    assert 0.7 <= with_contact / len(families) <= 0.95
    for family in families:
        for event in family.events:
            if event.kind == "last_contact":
                assert family.seeker in event.persons
                assert date(2016, 1, 1) <= bounds(event.date or "")[0]


def test_case_statuses_are_mostly_open_or_tracing(families: list[Family]) -> None:
    counts = {s: sum(1 for f in families if f.case_status == s) for s in CASE_STATUSES}
    assert counts["open"] + counts["tracing"] > len(families) / 2
    assert counts["reunified"] + counts["closed"] < len(families) / 5
    in_progress = [f for f in families if f.case_status in ("reunification_in_progress", "reunified")]
    assert in_progress and all(f.applications for f in in_progress)


def test_orphanage_placements_follow_caregivers_detention(families: list[Family]) -> None:
    placed = 0
    for family in families:
        carers = {r.a for r in family.relations if r.kind == "caregiver"}
        detentions = [
            bounds(e.date or "")[0] for e in family.events if e.kind == "detention" and carers & set(e.persons)
        ]
        for placement in (e for e in family.events if e.kind == "orphanage_placement"):
            placed += 1
            assert detentions, family.key
            assert bounds(placement.date or "")[1] >= min(detentions)
    assert placed > len(families) / 10


def test_scripts_appear_with_realistic_frequency(families: list[Family]) -> None:
    forms = [n.text for f in families for p in f.persons for n in p.names]
    arabic = sum(1 for t in forms if re.search("[\u0600-\u06ff]", t))
    chinese = sum(1 for t in forms if re.search("[\u4e00-\u9fff]", t))
    persons = sum(len(f.persons) for f in families)
    assert 0.3 < arabic / persons < 0.7
    assert 0.2 < chinese / persons < 0.7
    assert any("·" in t for t in forms)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=-(2**31), max_value=2**31), start=st.integers(min_value=0, max_value=10**6))
def test_invariants_hold_for_any_seed(seed: int, start: int) -> None:
    for index in range(start, start + 4):
        check_family(generate_family(index, seed=seed))


# ------------------------------------------------------------------------------------------ the tables


def test_names_table_is_large_and_skewed() -> None:
    tables = load_tables()
    male, female = tables.male.items, tables.female.items
    assert len(male) >= 120 and len(female) >= 120
    weights = sorted((n.weight for n in male), reverse=True)
    assert weights[0] >= 10 * weights[-1]


def test_uyghur_arabic_forms_are_written_correctly() -> None:
    tables = load_tables()
    vowels = set("aeéiouöü")
    for name in (*tables.male.items, *tables.female.items):
        assert re.fullmatch("[\u0626-\u06d5]+", name.arabic), name
        assert name.arabic.startswith("ئ") == (name.uly[0].lower() in vowels), name
        assert not re.search("[\u064b-\u0652]", name.arabic)  # no Arabic harakat in Uyghur
        assert re.fullmatch("[А-Яа-яӘәӨөҮүҢңҒғҚқҖҗҺһЁё]+", name.cyrillic), name
        assert re.fullmatch("[\u4e00-\u9fff]+", name.chinese), name


def test_places_have_every_spelling() -> None:
    for place in load_tables().places.items:
        assert re.fullmatch(r"65\d{4}", place.code)
        assert place.chinese and place.spellings["en"] and place.spellings["tr"] and place.spellings["cyr"]
        assert re.fullmatch("[\u0626-\u06d5 ]+", place.arabic)
