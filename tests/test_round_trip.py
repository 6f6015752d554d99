"""A round trip: an administrator's JSON export for the team, imported into an empty database, reproduces every
registry and cases table; importing it again changes nothing."""

from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange, SoughtPerson
from reunite.registry.disclosure import Audience
from reunite.registry.models import (
    Dataset,
    Event,
    EventPerson,
    IdentityNumber,
    NameKey,
    Person,
    PersonName,
    Place,
    Relationship,
    Source,
    Statement,
)
from reunite.transfer.export import export_data
from reunite.transfer.importer import import_file
from reunite.transfer.mapping import MappingError
from reunite.transfer.reading import ReadError
from reunite.transfer.restore import Restored
from tests.test_export import SOUGHT, account, recorded
from tests.transfer.files import official, resident_id, write_csv

APPLICANTS = Application.applicants.through
# Every registry and cases table, each before the tables that refer to it.
TABLES = [
    Dataset,
    Place,
    Source,
    Person,
    PersonName,
    NameKey,
    IdentityNumber,
    Statement,
    Relationship,
    Event,
    EventPerson,
    Case,
    SoughtPerson,
    CaseStatusChange,
    Application,
    APPLICANTS,
    ApplicationUpdate,
]
# Not in an export: when a person's row was made here (its source's moment is kept), and who invented data says a
# person really is (the truth linkage is measured against, never a source's fact).
# An export's records are restored into the restoring account's organisation, whichever held them before.
NOT_EXPORTED = {(Person, "created_at"), (Person, "known_identity"), (Source, "organisation"), (Dataset, "organisation")}
# Rows known by their owner and their rank among the owner's rows, in the order they were made.
OWNED = [(Person, "source"), (Event, "source"), (Case, "source"), (Application, "case"), (PersonName, "person")]
LIST = "Invented official list"


def official_list(path: Path, address: str = "喀什市") -> Path:
    rows = [
        official(1, "买买提·吐尔逊", resident_id("653101", "19700101", "011"), "喀什市", "1970-01-01", "2017-05"),
        official(2, "阿依古丽·艾力", resident_id("654002", "19850505", "022"), address, "1985-05-05", "2018"),
        official(3, "艾力·买买提", resident_id("653201", "19900909", "033"), "和田县", "1990-09-09", "2019-04-12"),
    ]
    return write_csv(path, rows)


def canonical_dump() -> dict[str, list[tuple]]:
    """Every row of every table, ids replaced by what the row refers to, sorted: equal in two databases when they
    hold the same data."""
    keys: dict[type, dict[int, object]] = {Dataset: dict(Dataset.objects.values_list("pk", "name"))}
    keys[Place] = _place_keys()
    keys[Source] = {
        s.pk: (s.kind, keys[Dataset].get(s.dataset_id), s.row_key, s.version, s.created_at.isoformat())
        for s in Source.objects.all()
    }
    for model, owner in OWNED:
        rank: dict[object, int] = defaultdict(int)
        owner_keys = keys[model._meta.get_field(owner).related_model]
        keys[model] = {}
        for pk, owner_id in model.objects.order_by("pk").values_list("pk", owner):
            key = owner_keys[owner_id]
            keys[model][pk] = (key, rank[key])
            rank[key] += 1
    return {
        model._meta.label: sorted((_row(obj, model, keys) for obj in model.objects.all()), key=repr) for model in TABLES
    }


def _place_keys() -> dict[int, object]:
    places = {p.pk: p for p in Place.objects.all()}

    def key(pk):
        place = places[pk]
        return (place.name, place.level, place.code, place.country, key(place.parent_id) if place.parent_id else None)

    return {pk: key(pk) for pk in places}


def _row(obj, model, keys) -> tuple:
    row = []
    for field in model._meta.concrete_fields:
        if field.primary_key or (model, field.name) in NOT_EXPORTED or field.related_model is get_user_model():
            continue
        value = getattr(obj, field.attname)
        row.append((field.name, keys[field.related_model][value] if field.is_relation and value is not None else value))
    return tuple(row)


def empty_the_registry() -> None:
    """Delete every registry and cases row, those that refer to others first."""
    Source.objects.update(testifier=None)
    for model in reversed(TABLES):
        if model is Place:
            for level in ("written", "country", "county", "prefecture", "region"):
                Place.objects.filter(level=level).delete()
        else:
            model.objects.all().delete()


@pytest.fixture
def data(demo, tmp_path):
    """The demo's families and an official list imported twice, its second row changed the second time."""
    import_file(official_list(tmp_path / "list.csv"), "official-list", dataset=LIST, find_matches=False)
    import_file(official_list(tmp_path / "list.csv", "伊宁市"), "official-list", dataset=LIST, find_matches=False)
    Dataset.objects.filter(name=LIST).update(description="invented for the round trip")


@pytest.fixture
def administrator(data):
    return get_user_model().objects.get(username="demo")


@pytest.fixture
def exported(administrator, tmp_path) -> Path:
    path = tmp_path / "export.json"
    export_data(administrator, audience=Audience.TEAM, fmt="json", output=path)
    return path


@pytest.fixture
def before(exported):
    return canonical_dump()


@pytest.fixture
def restored(before, exported, administrator):
    empty_the_registry()
    return import_file(exported, user=administrator)


def test_the_data_holds_every_kind_of_row(before):
    assert [table for table, rows in before.items() if not rows] == []


def test_the_official_list_s_changed_row_has_two_versions(before):
    assert Source.objects.filter(dataset__name=LIST, row_key="2").count() == 2


def test_emptying_the_registry_empties_every_table(before):
    empty_the_registry()
    assert [table for table, rows in canonical_dump().items() if rows] == []


def test_a_round_trip_reproduces_every_table(before, restored):
    assert canonical_dump() == before


def test_importing_the_export_a_second_time_changes_nothing(before, restored, exported):
    import_file(exported)
    assert canonical_dump() == before


def test_the_second_import_says_every_source_is_already_here(restored, exported):
    assert (import_file(exported).sources, import_file(exported).present) == (0, 6)


def test_the_restore_says_what_it_added(restored):
    assert (restored.sources, restored.added["persons"], restored.added["cases"]) == (6, 18, 2)


def test_importing_an_export_into_the_database_it_came_from_adds_nothing(before, exported):
    import_file(exported)
    assert canonical_dump() == before


def test_the_import_command_restores_an_export_without_a_mapping(before, exported):
    empty_the_registry()
    call_command("import", str(exported), stdout=StringIO())
    assert canonical_dump() == before


def test_the_import_command_says_what_it_restored(before, exported):
    empty_the_registry()
    out = StringIO()
    call_command("import", str(exported), stdout=out)
    assert out.getvalue().splitlines()[1:3] == ["  6 sources restored", "  0 sources already here (left as they are)"]


def test_a_dry_run_restores_nothing(before, exported):
    empty_the_registry()
    import_file(exported, dry_run=True)
    assert Source.objects.count() == 0


def test_a_dry_run_says_what_would_be_restored(before, exported):
    empty_the_registry()
    assert import_file(exported, dry_run=True).lines()[1] == "  6 sources would be restored"


# ------------------------------------------------------------------------------------------- other exports


def test_a_restored_partners_export_holds_no_name_the_export_withheld(db, tmp_path):
    caseworker = account("caseworker", "caseworker")
    recorded(may_share_with_partners=True)
    path = tmp_path / "partners.json"
    export_data(caseworker, audience=Audience.PARTNERS, fmt="json", output=path)
    empty_the_registry()
    import_file(path)
    assert (Person.objects.count(), PersonName.objects.filter(text=SOUGHT).exists()) == (2, False)


def test_a_partners_export_of_a_list_restored_twice_holds_each_row_once(db, tmp_path):
    import_file(official_list(tmp_path / "list.csv"), "official-list", dataset=LIST, find_matches=False)
    Source.objects.update(may_share_with_partners=True)
    path = tmp_path / "partners.json"
    export_data(account("caseworker", "caseworker"), audience=Audience.PARTNERS, fmt="json", output=path)
    empty_the_registry()
    import_file(path)
    import_file(path)
    assert Source.objects.count() == 3


def test_a_file_that_is_not_an_export_still_needs_a_mapping(db, tmp_path):
    with pytest.raises(MappingError):
        import_file(official_list(tmp_path / "list.csv"), dataset=LIST)


def test_an_export_of_a_later_format_is_refused(db, tmp_path):
    path = tmp_path / "later.json"
    path.write_text('{"manifest": {"format": "reunite export", "format_version": 99, "tables": []}}')
    with pytest.raises(ReadError, match="format version 99"):
        import_file(path)


def test_an_export_without_its_persons_cannot_be_restored(caseworker_export_of_events):
    with pytest.raises(ReadError, match="without the persons table"):
        import_file(caseworker_export_of_events)


@pytest.fixture
def caseworker_export_of_events(demo, tmp_path) -> Path:
    path = tmp_path / "events.json"
    export_data(account("caseworker", "caseworker"), tables=["events", "sources"], fmt="json", output=path)
    return path


def test_a_restore_is_a_restored_summary(before, exported):
    assert isinstance(import_file(exported), Restored)
