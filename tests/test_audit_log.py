"""What the audit log records: every change (saves, deletes, testimonies, imports, decisions, exports), every view
of a restricted or confidential record, and logins; with who and when, and never a name, a word of testimony or an
ID number. Everyone here is invented."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.test import Client

from reunite.accounts.models import Membership, Organisation
from reunite.audit.models import AppendOnly, Entry
from reunite.cases.intake import EventEntry, NameEntry, PersonEntry, RelationEntry, TestimonyIntake, record_testimony
from reunite.registry.models import Dataset, Person, PersonName, Source
from reunite.review.decisions import decide, undo
from reunite.transfer.export import export_data
from reunite.transfer.importer import import_file
from tests.accounts import sign_in
from tests.review.helpers import adil, candidate, tell
from tests.transfer.files import ADIL_ID, resident_id, the_testimonies, write_csv

SEEKER = "Qutluq Invented-Auditee"
SOUGHT = "Ilshat Invented-Relative"
SOUGHT_ID = resident_id("653101", "19900101", "015")
WORDS = "They took him at night from the invented village."
PASSWORD = "a long enough secret"


def recorded(sensitivity: str = "confidential") -> Source:
    return record_testimony(
        TestimonyIntake(
            persons=[
                PersonEntry(names=[NameEntry(SEEKER)]),
                PersonEntry(names=[NameEntry(SOUGHT)], identity_numbers=[SOUGHT_ID]),
            ],
            text=WORDS,
            sensitivity=sensitivity,
            relations=[RelationEntry(0, "sibling", 1)],
            events=[EventEntry("detention", [1])],
            sought=[1],
        ),
        find_matches=False,
    )


def sought() -> Person:
    return Person.objects.get(names__text=SOUGHT)


def latest() -> int:
    """The sequence number of the last entry so far (0 for none)."""
    return Entry.objects.aggregate(last=Max("sequence"))["last"] or 0


def after(sequence: int) -> list[Entry]:
    return list(Entry.objects.filter(sequence__gt=sequence).order_by("sequence"))


def last(**filters) -> Entry:
    return Entry.objects.filter(**filters).order_by("-sequence").first()


@pytest.fixture
def administrator(db):
    user = get_user_model().objects.create_superuser("admin", password=PASSWORD)
    Membership.objects.create(user=user, organisation=Organisation.objects.sole())
    return user


@pytest.fixture
def admin_client(administrator):
    """A browser of its own: `logged_in` is the caseworker's."""
    client = Client()
    sign_in(client, administrator)
    return client


# ------------------------------------------------------------------------------------------------ changes


def test_a_testimony_is_one_created_entry_with_its_counts(db):
    source = recorded()
    assert [(e.action, e.object_type, e.object_id, e.detail["persons"], e.detail["events"]) for e in after(0)] == [
        ("created", "registry.source", str(source.pk), 2, 1)
    ]


def test_a_testimony_entry_names_the_case_it_opened(db):
    source = recorded()
    assert last(object_type="registry.source").detail["case"] == source.cases_opened.get().pk


def test_a_status_change_is_recorded_with_the_fields_and_who_changed_them(logged_in):
    case = recorded().cases_opened.get()
    logged_in.post(f"/cases/{case.pk}/status/", {"status": "located", "reason": f"{SOUGHT} found in a list"})
    entry = last(object_type="cases.case", action="changed")
    assert (entry.username, entry.role, entry.detail) == (
        "caseworker",
        "caseworker",
        {"fields": ["status", "status_reason"]},
    )


def test_a_save_records_the_names_of_the_fields_it_changed(db):
    source = recorded()
    source.sensitivity = Source.Sensitivity.RESTRICTED
    source.save()
    assert last(action="changed").detail == {"fields": ["sensitivity"]}


def test_an_edit_in_the_admin_is_recorded_as_the_administrator_s(admin_client):
    dataset = Dataset.objects.create(name="Invented list")
    admin_client.post(
        f"/admin/registry/dataset/{dataset.pk}/change/", {"name": "Invented list", "description": "a new description"}
    )
    entry = last(action="changed", object_type="registry.dataset")
    assert (entry.username, entry.detail) == ("admin", {"fields": ["description"]})


def test_a_delete_is_recorded_with_what_the_row_belonged_to(db):
    recorded()
    name = PersonName.objects.get(text=SOUGHT)
    name_id, person_id = name.pk, name.person_id
    name.delete()
    entry = last(action="deleted")
    assert (entry.object_type, entry.object_id, entry.detail["person"]) == (
        "registry.personname",
        str(name_id),
        person_id,
    )


def test_a_new_role_is_recorded_on_the_account(user):
    researcher = Group.objects.get(name="researcher")
    user.groups.add(researcher)
    assert last(object_type="auth.user", action="changed").detail == {"fields": ["groups"], "added": [researcher.pk]}


def test_a_change_that_is_rolled_back_leaves_no_entry(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        Dataset.objects.create(name="Invented list")
        raise RuntimeError("the change fails after the row was written")
    assert not Entry.objects.exists()


# ------------------------------------------------------------------------- decisions, imports and exports


def test_a_decision_is_one_decided_entry(user):
    pair = candidate(*(tell(adil(name))[0] for name in ("Adil Niyaz", "Adil Niyazov")))
    before = latest()
    decide(pair, "same", user, note=f"{SOUGHT} says so")
    assert [(e.action, e.object_id, e.username, e.detail["verdict"]) for e in after(before)] == [
        ("decided", str(pair.pk), "caseworker", "same")
    ]


def test_undoing_a_decision_is_recorded(user):
    pair = candidate(*(tell(adil(name))[0] for name in ("Adil Niyaz", "Adil Niyazov")))
    undo(decide(pair, "different", user), user)
    assert (last().action, last().detail["status"]) == ("undone", "pending")


def test_an_import_is_one_imported_entry_per_batch_with_its_counts(db, tmp_path):
    listing = write_csv(tmp_path / "list.csv", the_testimonies())
    import_file(listing, "testimony-list", dataset="Invented list", batch_size=2, find_matches=False)
    assert [
        (e.detail["dataset"], e.detail["rows"]) for e in Entry.objects.filter(action="imported").order_by("sequence")
    ] == [
        ("Invented list", 2),
        ("Invented list", 1),
    ]


def test_an_export_is_recorded_with_its_audience_and_digest(user, tmp_path):
    recorded()
    export = export_data(user, fmt="json", output=tmp_path / "export.json")
    entry = last(action="exported")
    assert (entry.username, entry.detail["audience"], entry.detail["sha256"]) == ("caseworker", "team", export.sha256)


def test_restoring_an_export_is_recorded_with_its_counts(user, tmp_path):
    recorded()
    export_data(user, fmt="json", output=tmp_path / "export.json")
    import_file(tmp_path / "export.json", user=user)
    assert (last().action, last().detail["present"]) == ("imported", 1)


# ----------------------------------------------------------------------------------------------------- views


def test_viewing_a_confidential_person_is_recorded(logged_in):
    recorded()
    logged_in.get(f"/persons/{sought().pk}/")
    entry = last(action="viewed")
    assert (entry.object_type, entry.object_id, entry.username, entry.detail) == (
        "registry.person",
        str(sought().pk),
        "caseworker",
        {"page": "person_detail"},
    )


def test_viewing_a_public_person_is_not_recorded(logged_in):
    recorded(sensitivity="public")
    logged_in.get(f"/persons/{sought().pk}/")
    assert not Entry.objects.filter(action="viewed").exists()


def test_viewing_a_case_is_recorded(logged_in):
    case = recorded().cases_opened.get()
    logged_in.get(f"/cases/{case.pk}/")
    assert (last().action, last().object_type, last().object_id) == ("viewed", "cases.case", str(case.pk))


def test_a_search_is_one_entry_with_what_it_showed_and_not_its_words(logged_in):
    recorded()
    logged_in.get("/search/", {"q": "Ilshat"})
    assert last().detail == {"page": "search", "shown": 1, "private": [sought().pk]}


def test_a_person_s_page_in_the_admin_is_recorded(admin_client):
    recorded()
    admin_client.get(f"/admin/registry/person/{sought().pk}/change/")
    assert (last().action, last().object_id, last().detail) == (
        "viewed",
        str(sought().pk),
        {"page": "admin:registry_person_change"},
    )


# ---------------------------------------------------------------------------------------------------- logins


def test_a_login_is_recorded(client, user):
    client.post("/accounts/login/", {"username": "caseworker", "password": PASSWORD})
    assert (last().action, last().username) == ("logged_in", "caseworker")


def test_a_failed_login_keeps_only_the_id_of_the_account_tried(client, user):
    client.post("/accounts/login/", {"username": "caseworker", "password": "not the password"})
    entry = last()
    assert (entry.action, entry.username, entry.object_type, entry.object_id) == (
        "login_failed",
        "",
        "auth.user",
        str(user.pk),
    )


def test_a_failed_login_of_no_account_keeps_nothing_typed(client, db):
    client.post("/accounts/login/", {"username": SEEKER, "password": "not the password"})
    entry = last()
    assert (entry.action, entry.username, entry.object_type, entry.object_id, entry.detail) == (
        "login_failed",
        "",
        "",
        "",
        {},
    )


# ----------------------------------------------------------------------------------------------- the rules


def test_no_entry_keeps_a_name_testimony_words_or_an_id_number(logged_in, admin_client, user, tmp_path):
    source = recorded()
    case = source.cases_opened.get()
    logged_in.get(f"/persons/{sought().pk}/")
    logged_in.get("/search/", {"q": SOUGHT})
    logged_in.post(f"/cases/{case.pk}/status/", {"status": "located", "reason": f"{SOUGHT} found, {SOUGHT_ID}"})
    admin_client.get(f"/admin/registry/source/{source.pk}/change/")
    logged_in.post("/accounts/login/", {"username": SEEKER, "password": WORDS})
    import_file(
        write_csv(tmp_path / "list.csv", the_testimonies()), "testimony-list", dataset="List", find_matches=False
    )
    export_data(user, fmt="json", output=tmp_path / "export.json")
    everything = json.dumps(list(Entry.objects.values()), default=str, ensure_ascii=False)
    assert not [secret for secret in (SEEKER, SOUGHT, SOUGHT_ID, WORDS, "Adil Tursun", ADIL_ID) if secret in everything]


def test_an_entry_cannot_be_saved_again(db):
    recorded()
    entry = last()
    entry.action = "viewed"
    with pytest.raises(AppendOnly):
        entry.save()


def test_entries_cannot_be_deleted_through_the_models(db):
    recorded()
    with pytest.raises(AppendOnly):
        Entry.objects.all().delete()
