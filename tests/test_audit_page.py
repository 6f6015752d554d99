"""The audit page: administrators browse and filter the log, newest first; no one else reads it."""

import re

import pytest
import time_machine
from django.test import Client

from reunite.audit.models import Entry
from reunite.registry.models import Dataset
from tests.accounts import account, sign_in


@pytest.fixture
def administrator(db):
    """An administrator by role (not a superuser)."""
    return account("administrator", "coordinator")


@pytest.fixture
def admin_client(administrator):
    client = Client()
    sign_in(client, administrator)
    return client


def rows(client, **filters) -> list[tuple[str, str, str]]:
    """(sequence, user, action) of each entry the page lists, in its order."""
    page = client.get("/audit/", filters).content.decode()
    cells = re.findall(r"<tr><td>(\d+)</td>\s*<td>[^<]*</td>\s*<td>(\w*)[^\n]*\n\s*<td>([^<]*)</td>", page)
    return [(sequence, user, action) for sequence, user, action in cells]


def test_an_administrator_sees_the_log_newest_first(admin_client):
    dataset = Dataset.objects.create(name="Invented list")
    newest = Entry.objects.get(object_type="registry.dataset", object_id=str(dataset.pk))
    sequences = [int(sequence) for sequence, _, _ in rows(admin_client)]
    assert sequences == list(range(newest.sequence, 0, -1))


def test_the_log_filters_by_action(admin_client):
    Dataset.objects.create(name="Invented list").delete()
    assert [action for _, _, action in rows(admin_client, action="deleted")] == ["deleted"]


def test_the_log_filters_by_user(admin_client, logged_in):
    assert {user for _, user, _ in rows(admin_client, user="caseworker")} == {"caseworker"}


def test_the_log_filters_by_object_type(admin_client):
    Dataset.objects.create(name="Invented list")
    assert [action for _, _, action in rows(admin_client, object_type="registry.dataset")] == ["created"]


def test_the_log_filters_by_dates(admin_client):
    made = {}
    for day in ("2024-01-10", "2024-02-10", "2024-03-10"):
        with time_machine.travel(f"{day} 12:00Z"):
            made[day] = Dataset.objects.create(name=f"List of {day}")
    february = Entry.objects.get(object_type="registry.dataset", object_id=str(made["2024-02-10"].pk))
    assert [sequence for sequence, _, _ in rows(admin_client, since="2024-02-01", until="2024-02-10")] == [
        str(february.sequence)
    ]


def test_the_next_page_keeps_the_filters(admin_client):
    for n in range(51):
        Dataset.objects.create(name=f"Invented list {n}")
    page = admin_client.get("/audit/", {"action": "created"}).content.decode()
    assert 'href="?action=created&amp;page=2"' in page


def test_a_caseworker_is_refused(logged_in):
    assert logged_in.get("/audit/").status_code == 403


def test_only_administrators_see_the_link(admin_client, logged_in):
    links = ['href="/audit/"' in client.get("/").content.decode() for client in (admin_client, logged_in)]
    assert links == [True, False]
