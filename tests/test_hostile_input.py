"""Hostile text typed into every text field of every form: kept exactly as typed, shown escaped, never run.

Markup (`<script>`, an attribute breaking out of its quotes) must reach the pages as text, and SQL must reach the
database as a value: the tables are still there afterwards. Invented people only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from reunite.audit.models import Entry
from reunite.cases.models import Application, ApplicationUpdate, Case, CaseStatusChange
from reunite.registry.models import Event, Person, PersonName, Source, Statement
from reunite.review.models import MatchDecision
from reunite.transfer.models import Export, ImportJob
from tests.intake_form import intake_post
from tests.review.helpers import adil, candidate, tell
from tests.transfer.files import csv_text, official, resident_id

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "drop": "'; DROP TABLE registry_person; --",
    "delete": "Robert'); DELETE FROM cases_case;--",
}
payloads = pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
TABLES = {"registry_person", "registry_personname", "registry_source", "cases_case", "auth_user"}


def shown_escaped(page: str, text: str) -> bool:
    """The page shows `text` as text: escaped, and nowhere as the raw markup or quote it was typed as."""
    return escape(text) in page and text not in page and "<script>alert" not in page and "<img src=x" not in page


def never_raw(page: str, text: str) -> bool:
    return text not in page and "<script>alert" not in page and "<img src=x" not in page


def tables_intact() -> bool:
    return set(connection.introspection.table_names()) >= TABLES


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# ------------------------------------------------------------------------------------------- the testimony intake

INTAKE = "/testimonies/new/"


@dataclass
class IntakeField:
    """A text field of the intake page, where its value is stored, and which pages show it."""

    name: str
    stored: tuple  # (model, lookup): the row that must hold the text exactly
    shown_on: tuple[str, ...]  # "seeker", "sought" (person pages), "case", "dashboard", "search", "admin"
    blank: dict[str, str] = field(default_factory=dict)  # other fields emptied so this one is what shows


INTAKE_FIELDS = [
    IntakeField("seeker-name", (PersonName, "text"), ("seeker", "case", "dashboard", "search")),
    IntakeField("seeker-other_names", (PersonName, "text"), ("seeker",)),
    IntakeField("seeker-status_place", (Statement, "status_place__name"), ("seeker",)),
    IntakeField("relatives-0-name", (PersonName, "text"), ("sought", "case", "dashboard", "search")),
    IntakeField("relatives-0-other_names", (PersonName, "text"), ("sought",)),
    # Without a name the description is what names the person on every page.
    IntakeField(
        "relatives-0-description",
        (Person, "description"),
        ("sought", "case", "dashboard"),
        {"relatives-0-name": "", "relatives-0-other_names": ""},
    ),
    IntakeField("relatives-0-birthplace", (Statement, "birthplace__name"), ("sought",)),
    IntakeField("relatives-0-status_place", (Statement, "status_place__name"), ("sought", "case")),
    IntakeField("events-0-place", (Event, "place__name"), ("sought", "case")),
    IntakeField("events-0-description", (Event, "description"), ("sought", "case")),
    # The testimony's own text and who took it are read in the administration pages.
    IntakeField("testimony-text", (Source, "text"), ("admin",)),
    IntakeField("testimony-recorded_by", (Source, "recorded_by"), ("admin",)),
]


def _pages(client, where: tuple[str, ...], text: str) -> dict[str, str]:
    """Every page the intake's data reaches, by what it is called in `IntakeField.shown_on`."""
    case = Case.objects.get()
    sought = case.sought.get()
    pages = {
        "seeker": _get(client, f"/persons/{case.seeker_id}/"),
        "sought": _get(client, f"/persons/{sought.pk}/"),
        "case": _get(client, f"/cases/{case.pk}/"),
        "dashboard": _get(client, "/"),
        "cases": _get(client, "/cases/"),
        "search": _get(client, f"/search/?{_query(text)}"),
    }
    if "admin" in where:
        pages["admin"] = _get(client, reverse("admin:registry_source_change", args=[case.source_id]))
        pages["admin list"] = _get(client, reverse("admin:registry_source_changelist"))
    return pages


def _query(text: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": text})


@pytest.fixture
def staff(user):
    """The logged-in caseworker may also open the administration pages (where testimony text is read)."""
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@payloads
@pytest.mark.parametrize("intake_field", INTAKE_FIELDS, ids=lambda f: f.name)
def test_intake_text_is_stored_as_typed_and_shown_escaped(logged_in, staff, intake_field, text):
    response = logged_in.post(INTAKE, intake_post(**intake_field.blank, **{intake_field.name: text}))
    assert response.status_code == 302, response.content.decode()[:2000]
    model, lookup = intake_field.stored
    assert model.objects.filter(**{lookup: text}).count() == 1
    pages = _pages(logged_in, intake_field.shown_on, text)
    for where in intake_field.shown_on:
        assert shown_escaped(pages[where], text), where
    assert all(never_raw(page, text) for page in pages.values())
    assert tables_intact() and Person.objects.count() == 2 and Case.objects.count() == 1


# Fields the intake reads as something else (an ID number, a date): hostile text is refused, nothing is stored,
# and the form comes back with the text in its field, escaped.
REFUSED_INTAKE_FIELDS = [
    "seeker-id_number",
    "relatives-0-id_number",
    "testimony-given_on",
    "relatives-0-birth_date",
    "relatives-0-last_contact",
    "events-0-date",
]


@payloads
@pytest.mark.parametrize("name", REFUSED_INTAKE_FIELDS)
def test_intake_text_that_is_no_number_or_date_is_refused_and_shown_escaped(logged_in, name, text):
    response = logged_in.post(INTAKE, intake_post(**{name: text}))
    page = response.content.decode()
    assert response.status_code == 200 and shown_escaped(page, text)
    assert not (Source.objects.exists() or Person.objects.exists() or Case.objects.exists())
    assert tables_intact()


# ------------------------------------------------------------------------------------------------ the case page


@pytest.fixture
def case(logged_in) -> Case:
    """A case opened through the intake page, as a caseworker opens one."""
    logged_in.post(INTAKE, intake_post())
    return Case.objects.get()


@payloads
def test_a_status_reason_is_stored_as_typed_and_shown_escaped(logged_in, case, text):
    logged_in.post(f"/cases/{case.pk}/status/", {"status": "closed", "reason": text})
    case.refresh_from_db()
    assert case.status_reason == text and CaseStatusChange.objects.get(case=case, status="closed").reason == text
    assert shown_escaped(_get(logged_in, f"/cases/{case.pk}/"), text)
    assert tables_intact() and Case.objects.count() == 1


APPLICATION = {"country": "TR", "authority": "Turkish embassy in Beijing", "kind": "family_reunification_visa"}


@payloads
@pytest.mark.parametrize("name", ["authority", "obstacles"])
def test_application_text_is_stored_as_typed_and_shown_escaped(logged_in, case, name, text):
    logged_in.post(f"/cases/{case.pk}/applications/", {**APPLICATION, "status": "submitted", name: text})
    assert getattr(Application.objects.get(case=case), name) == text
    assert shown_escaped(_get(logged_in, f"/cases/{case.pk}/"), text)
    assert tables_intact()


@payloads
@pytest.mark.parametrize("name", ["country", "filed_on"])
def test_application_text_that_is_no_country_or_date_is_refused(logged_in, case, name, text):
    page = logged_in.post(
        f"/cases/{case.pk}/applications/", {**APPLICATION, "status": "submitted", name: text}, follow=True
    ).content.decode()
    assert not Application.objects.exists() and never_raw(page, text) and tables_intact()


@payloads
def test_an_application_step_note_is_stored_as_typed_and_shown_escaped(logged_in, case, text):
    logged_in.post(f"/cases/{case.pk}/applications/", {**APPLICATION, "status": "submitted"})
    application = Application.objects.get()
    logged_in.post(f"/applications/{application.pk}/updates/", {"status": "refused", "note": text})
    assert ApplicationUpdate.objects.filter(application=application, note=text).count() == 1
    assert shown_escaped(_get(logged_in, f"/cases/{case.pk}/"), text)
    assert tables_intact()


@payloads
def test_an_application_step_date_that_is_no_date_is_refused(logged_in, case, text):
    logged_in.post(f"/cases/{case.pk}/applications/", {**APPLICATION, "status": "submitted"})
    application = Application.objects.get()
    page = logged_in.post(
        f"/applications/{application.pk}/updates/", {"status": "refused", "date": text}, follow=True
    ).content.decode()
    assert application.updates.count() == 1 and never_raw(page, text) and tables_intact()


# ------------------------------------------------------------------------------------------------------ review


@payloads
def test_a_decision_note_is_stored_as_typed_and_shown_escaped(logged_in, text):
    pair = candidate(*(tell(adil(name))[0] for name in ("Adil Niyaz", "Adil Niyazov")))
    logged_in.post(f"/review/{pair.pk}/decide/", {"decision": "different", "note": text})
    assert MatchDecision.objects.get(candidate=pair).note == text
    assert shown_escaped(_get(logged_in, f"/review/{pair.pk}/"), text)
    assert tables_intact()


# ------------------------------------------------------------------------------------------------------ search


@payloads
def test_a_search_is_shown_escaped_and_changes_nothing(logged_in, text):
    tell(adil())
    before = Person.objects.count()
    page = _get(logged_in, f"/search/?{_query(text)}")
    assert shown_escaped(page, text)
    assert tables_intact() and Person.objects.count() == before


@payloads
def test_a_found_name_is_shown_escaped_in_the_results(logged_in, text):
    (person,) = tell(adil(text))
    page = _get(logged_in, f"/search/?{_query(text)}")
    assert f'href="/persons/{person.pk}/"' in page and shown_escaped(page, text)


# ---------------------------------------------------------------------------------------------- import, export


@pytest.fixture
def in_the_request(settings):
    settings.IMPORT_IN_BACKGROUND = False


ROW = official(1, "阿迪力·吐尔逊", resident_id("653201", "19800314", "013"), "喀什市", "1980-03-14", "2017年5月")


def _upload(client, rows, file_name: str = "list.csv", **fields):
    data = {"mapping": "official-list", "dataset": "Invented list", **fields}
    data["file"] = SimpleUploadedFile(file_name, csv_text(rows).encode("utf-8"), content_type="text/csv")
    return client.post(reverse("new_import"), data)


@payloads
def test_an_import_dataset_name_is_stored_as_typed_and_shown_escaped(logged_in, in_the_request, text):
    _upload(logged_in, [ROW], dataset=text)
    job = ImportJob.objects.get()
    assert job.dataset == text
    assert shown_escaped(_get(logged_in, reverse("import_job", args=[job.pk])), text)
    assert shown_escaped(_get(logged_in, reverse("new_import")), text)
    logged_in.post(reverse("start_import", args=[job.pk]))
    assert Source.objects.get().dataset.name == text
    assert shown_escaped(_get(logged_in, f"/persons/{Person.objects.get().pk}/"), text)
    assert tables_intact()


@payloads
def test_an_uploaded_file_name_is_shown_escaped(logged_in, in_the_request, text):
    _upload(logged_in, [ROW], file_name=f"{text}.csv")
    job = ImportJob.objects.get()
    assert job.file_name.startswith(text.split("/")[-1])  # a browser sends the name; Django keeps its last part
    assert never_raw(_get(logged_in, reverse("import_job", args=[job.pk])), job.file_name)
    assert never_raw(_get(logged_in, reverse("new_import")), job.file_name)
    assert tables_intact()


@payloads
def test_a_name_in_an_imported_list_is_stored_as_written_and_shown_escaped(logged_in, in_the_request, text):
    _upload(logged_in, [{**ROW, "姓名": text}])
    job = ImportJob.objects.get()
    assert shown_escaped(_get(logged_in, reverse("import_job", args=[job.pk])), text)
    logged_in.post(reverse("start_import", args=[job.pk]))
    person = PersonName.objects.get(text=text).person
    assert shown_escaped(_get(logged_in, f"/persons/{person.pk}/"), text)
    assert tables_intact()


@payloads
def test_an_export_dataset_filter_is_shown_escaped_and_nothing_leaves(logged_in, text):
    tell(adil())
    response = logged_in.post(
        reverse("new_export"), {"tables": ["persons"], "audience": "team", "format": "json", "dataset": text}
    )
    assert response.status_code == 200 and shown_escaped(response.content.decode(), text)
    assert not Export.objects.exists() and tables_intact()


# ------------------------------------------------------------------------------------------- audit log, login


@payloads
def test_the_audit_filter_is_shown_escaped(logged_in, user, text):
    user.groups.add(Group.objects.get(name="administrator"))
    page = _get(logged_in, f"{reverse('audit_log')}?{_query(text).replace('q=', 'user=')}")
    assert shown_escaped(page, text) and tables_intact()


@payloads
def test_a_hostile_username_at_login_is_refused_shown_escaped_and_recorded_without_it(client, db, text):
    entries = Entry.objects.count()
    response = client.post(reverse("login"), {"username": text, "password": "whatever it is"})
    page = response.content.decode()
    assert response.status_code in (200, 403) and never_raw(page, text)
    if response.status_code == 200:
        assert escape(text) in page
    assert "_auth_user_id" not in client.session and tables_intact()
    assert all(text not in str(entry.detail) for entry in Entry.objects.order_by("sequence")[entries:])
