from stdnum.cn import ric

from reunite.cases.intake import NameEntry, PersonEntry, TestimonyIntake, record_testimony
from reunite.dates import parse
from reunite.registry.models import Person


def _page(client, key: str) -> str:
    return client.get(f"/persons/{Person.objects.get(known_identity=key).pk}/").content.decode()


def test_names_are_grouped_by_script(demo, logged_in):
    page = _page(logged_in, "seed:kader:ablikim")
    assert all(s in page for s in ["Uyghur Arabic script:", "Cyrillic:", "Chinese characters:", "Latin:"])


def test_the_family_is_shown_as_links(demo, logged_in):
    child = Person.objects.get(known_identity="seed:kader:child1")
    assert f'href="/persons/{child.pk}/"' in _page(logged_in, "seed:kader:mihriban")


def test_a_child_sees_its_caregivers(demo, logged_in):
    assert _page(logged_in, "seed:faruh:daughter1").count("Caregiver") == 2


def test_the_timeline_shows_each_event_with_its_source(demo, logged_in):
    page = _page(logged_in, "seed:kader:grandfather")
    assert "Interrogation" in page and "Hospitalisation" in page and "Testimony #" in page


def test_conflicting_birth_dates_from_two_sources_are_both_shown(logged_in):
    record_testimony(
        TestimonyIntake(
            persons=[PersonEntry(names=[NameEntry("Adil Tohti")], birth_date=parse("1979"), known_identity="adil")],
            open_case=False,
        )
    )
    adil = Person.objects.get(known_identity="adil")
    second = record_testimony(TestimonyIntake(persons=[PersonEntry(names=[NameEntry("Someone")])], open_case=False))
    adil.statements.create(source=second, birth_date=parse("1981"))
    page = logged_in.get(f"/persons/{adil.pk}/").content.decode()
    assert "1979" in page and "1981" in page and "Sources disagree" in page


def test_a_sought_person_page_links_to_the_case(demo, logged_in):
    assert "sought by" in _page(logged_in, "seed:faruh:daughter2")


def test_an_unknown_person_is_not_found(logged_in):
    assert logged_in.get("/persons/999999/").status_code == 404


def test_latin_names_are_also_shown_in_uyghur_arabic_script(demo, logged_in):
    assert "مىھرىبان كادەر" in _page(logged_in, "seed:kader:mihriban")


def _with_id_number(number: str, **facts) -> str:
    """The page of an invented person recorded with this ID number."""
    entry = PersonEntry(names=[NameEntry("Adil Tohti")], identity_numbers=[number], known_identity="adil", **facts)
    record_testimony(TestimonyIntake(persons=[entry], open_case=False))
    return "adil"


# Invented: Hotan city's area code, a man born 1979-06-11, and that number with a wrong check digit.
ADIL_ID = "65320119790611013" + ric.calc_check_digit("65320119790611013" + "0")
WRONG_CHECK = ADIL_ID[:-1] + ("7" if ADIL_ID[-1] != "7" else "3")


def test_an_id_number_with_a_wrong_check_digit_is_flagged(logged_in):
    assert "check digit wrong" in _page(logged_in, _with_id_number(WRONG_CHECK))


def test_what_the_id_number_says_is_shown(logged_in):
    assert "born 1979-06-11" in _page(logged_in, _with_id_number(ADIL_ID))


def test_the_normalised_number_is_shown_when_written_otherwise(logged_in):
    assert f"<code>{ADIL_ID}</code>" in _page(logged_in, _with_id_number(f"{ADIL_ID[:6]}-{ADIL_ID[6:]}"))


def test_an_id_number_contradicting_a_source_is_marked(logged_in):
    page = _page(logged_in, _with_id_number(ADIL_ID, birth_date=parse("1981")))
    assert "contradicts a source" in page
