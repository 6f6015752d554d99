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
