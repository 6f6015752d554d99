"""Who reaches what: every role against every page and action, and another organisation's records asked for by id.

The world: our organisation holds a confidential testimony (case C) and two restricted ones (case R, and a lone
record R2); a partner organisation holds its own testimony. A researcher reads restricted sources but never a
confidential one; an advocate and an account without a role read no record; a caseworker of the partner
organisation works with its own records only, and ours answer "not found" as if they did not exist.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from reunite.accounts.models import Organisation
from reunite.cases.intake import NameEntry, PersonEntry, TestimonyIntake, record_testimony
from reunite.cases.models import Case
from reunite.registry.models import Person, Source
from reunite.transfer.models import ImportJob
from tests.accounts import account, sign_in
from tests.review.helpers import candidate

ROLES = ("administrator", "caseworker", "researcher", "advocate", "none", "partner")


def told(sensitivity: str, *names: str, creator=None, open_case: bool = True) -> Source:
    intake = TestimonyIntake(
        persons=[PersonEntry(names=[NameEntry(name)]) for name in names],
        sensitivity=sensitivity,
        sought=[1] if open_case else [],
        open_case=open_case,
    )
    return record_testimony(intake, creator, find_matches=False)


@dataclass
class World:
    users: dict
    ids: dict


@pytest.fixture
def world(db) -> World:
    users = {role: account(role, role) for role in ("administrator", "caseworker", "researcher", "advocate")}
    users["administrator"].is_staff = True
    users["administrator"].save()
    users["none"] = account(None, "nobody")
    ours = users["caseworker"]
    confidential = told("confidential", "Gulnar Tursun", "Ilyas Memet", creator=ours)
    restricted = told("restricted", "Aynur Ablet", "Adil Niyaz", creator=ours)
    lone = told("restricted", "Adil Niyazov", creator=ours, open_case=False)
    partner = Organisation.objects.create(name="Invented partner organisation")
    users["partner"] = account("caseworker", "partner", organisation=partner)
    theirs = told("confidential", "Mihray Kadir", "Nur Kadir", creator=users["partner"])
    sought_c = confidential.persons_introduced.order_by("id")[1]
    sought_r = restricted.persons_introduced.order_by("id")[1]
    alone = lone.persons_introduced.get()
    job = ImportJob.objects.create(created_by=users["caseworker"], file_name="list.csv", stored_file="/nonexistent")
    ids = {
        "case_c": confidential.cases_opened.get().pk,
        "case_r": restricted.cases_opened.get().pk,
        "case_theirs": theirs.cases_opened.get().pk,
        "person_c": sought_c.pk,
        "person_r": sought_r.pk,
        "pair_r": candidate(sought_r, alone).pk,
        "pair_c": candidate(sought_c, alone).pk,
        "job": job.pk,
    }
    return World(users, ids)


# (what, method, url, data, expected status for each of ROLES in order)
OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
MATRIX = [
    ("dashboard", "get", "/", None, (OK, OK, OK, OK, OK, OK)),
    ("case list", "get", "/cases/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("confidential case", "get", "/cases/{case_c}/", None, (OK, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("restricted case", "get", "/cases/{case_r}/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    (
        "partner's case",
        "get",
        "/cases/{case_theirs}/",
        None,
        (NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, OK),
    ),
    ("confidential person", "get", "/persons/{person_c}/", None, (OK, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("restricted person", "get", "/persons/{person_r}/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("search", "get", "/search/?q=Adil", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("intake form", "get", "/testimonies/new/", None, (OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    ("review queue", "get", "/review/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("restricted pair", "get", "/review/{pair_r}/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("confidential pair", "get", "/review/{pair_c}/", None, (OK, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("import page", "get", "/import/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("someone's import", "get", "/import/{job}/", None, (NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND)),
    ("export page", "get", "/export/", None, (OK, OK, OK, FORBIDDEN, FORBIDDEN, OK)),
    ("audit log", "get", "/audit/", None, (OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)),
    # Reports are aggregates, protected: every role makes them, each of its own organisation's cases.
    ("report page", "get", "/reports/", None, (OK, OK, OK, OK, FORBIDDEN, OK)),
    (
        "a report",
        "post",
        "/reports/",
        {"threshold": 5, "method": "suppress", "quotes": 2, "format": "page"},
        (OK, OK, OK, OK, FORBIDDEN, OK),
    ),
    # Lookups of the gazetteer and of what an ID number's digits say: no record is read.
    ("place suggestions", "get", "/places/suggest/?q=Hotan", None, (OK,) * 6),
    ("ID number details", "post", "/ids/details/", {"number": "653101197001010113"}, (OK,) * 6),
    ("admin person", "get", "/admin/registry/person/{person_r}/change/", None, (OK, *[REDIRECT] * 5)),
    (
        "change status",
        "post",
        "/cases/{case_c}/status/",
        {"status": "closed", "reason": "invented"},
        (REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    (
        "add application",
        "post",
        "/cases/{case_r}/applications/",
        {"country": "TR", "authority": "Invented office", "kind": "family_reunification", "status": "preparing"},
        (REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    (
        # The confidential testimony agreed to nothing: the case page says no dossier may go to a lawyer.
        "case dossier",
        "post",
        "/cases/{case_c}/dossier/",
        {"recipient": "lawyer"},
        (REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    (
        "decide",
        "post",
        "/review/{pair_r}/decide/",
        {"decision": "not_sure"},
        (REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
    (
        "find matches",
        "post",
        "/persons/{person_r}/find-matches/",
        {},
        (REDIRECT, REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, NOT_FOUND),
    ),
]
CELLS = [
    pytest.param(what, method, url, data, role, expected, id=f"{what}-{role}")
    for what, method, url, data, statuses in MATRIX
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("what", "method", "url", "data", "role", "expected"), CELLS)
def test_each_role_reaches_what_it_may(world, what, method, url, data, role, expected):
    client = sign_in(Client(), world.users[role])
    response = getattr(client, method)(url.format(**world.ids), data)
    assert response.status_code == expected


def test_a_researcher_s_search_does_not_find_a_confidential_record(world):
    client = sign_in(Client(), world.users["researcher"])
    found = client.get("/search/", {"q": "Ilyas Memet"}).context["found"]
    assert world.ids["person_c"] not in [hit.person.pk for hit in found]


def test_another_organisation_s_search_does_not_find_our_records(world):
    client = sign_in(Client(), world.users["partner"])
    found = client.get("/search/", {"q": "Adil Niyaz"}).context["found"]
    assert world.ids["person_r"] not in [hit.person.pk for hit in found]


def test_the_dashboard_counts_only_the_organisation_s_cases(world):
    client = sign_in(Client(), world.users["partner"])
    assert (
        client.get("/").context["by_status"][0][1]
        == Case.objects.filter(source__organisation__name__contains="partner").count()
    )


def test_an_advocate_s_dashboard_lists_no_person(world):
    client = sign_in(Client(), world.users["advocate"])
    assert "Aynur" not in client.get("/").content.decode()


def test_the_review_queue_hides_pairs_the_researcher_may_not_read(world):
    client = sign_in(Client(), world.users["researcher"])
    assert [c.pk for c in client.get("/review/").context["page"]] == [world.ids["pair_r"]]


def test_the_admin_lists_only_the_organisation_s_persons(world):
    client = sign_in(Client(), world.users["administrator"])
    listed = client.get("/admin/registry/person/").context["cl"].result_list
    assert set(listed) == set(Person.objects.exclude(source__organisation__name__contains="partner"))


def test_linkage_never_pairs_records_of_two_organisations(world):
    from reunite.review.matching import select_candidates

    ours = Person.objects.get(pk=world.ids["person_r"])
    theirs_named_alike = told("restricted", "Aynur Ablet", "Adil Niyaz", creator=world.users["partner"])
    assert not set(select_candidates([ours]).person_ids) & {p.pk for p in theirs_named_alike.persons_introduced.all()}
