"""The search keys written with every name: by the intake, by `PersonName.save`, by the migration's backfill."""

from reunite.names import parse_name
from reunite.registry.models import NameKey, Person, PersonName, fill_name_keys


def _keys(name: PersonName) -> list[tuple[int, str, str]]:
    return sorted(name.keys.values_list("position", "key", "block"))


def _expected(text: str) -> list[tuple[int, str, str]]:
    return sorted((i, p.key, b) for i, p in enumerate(parse_name(text).parts) for b in p.blocks)


def _name(text: str) -> PersonName:
    return PersonName.objects.get(text=text)


def test_the_intake_writes_the_keys_of_every_name(demo):
    assert _keys(_name("阿布力克木·买买提明")) == _expected("阿布力克木·买买提明")


def test_each_key_row_carries_the_person_of_its_name(demo):
    mother = Person.objects.get(known_identity="seed:kader:mihriban")
    assert set(NameKey.objects.filter(name__person=mother).values_list("person_id", flat=True)) == {mother.pk}


def test_a_name_written_before_keys_existed_gets_them_from_the_backfill(demo):
    NameKey.objects.filter(name=_name("Mirzeban")).delete()
    fill_name_keys(PersonName, NameKey, batch_size=2)
    assert _keys(_name("Mirzeban")) == _expected("Mirzeban")


def test_the_backfill_leaves_names_that_have_keys_alone(demo):
    before = NameKey.objects.count()
    fill_name_keys(PersonName, NameKey)
    assert NameKey.objects.count() == before


def test_editing_a_name_replaces_its_keys(demo):
    name = _name("Mirzeban")
    name.text = "Gulnar Tursun"
    name.save()
    assert _keys(name) == _expected("Gulnar Tursun")


def test_an_edited_name_is_found_by_its_new_spelling(demo, logged_in):
    name = _name("Mirzeban")
    name.text = "Gulnar"
    name.save()
    assert "Mihriban Kader" in logged_in.get("/search/", {"q": "Gulnar"}).content.decode()
