"""The audit page: administrators browse and filter the log, newest first; no one else reads it."""

import re

import pytest
import time_machine
from django.test import Client

from reunite.registry.models import Dataset
from tests.accounts import account


@pytest.fixture
def administrator(db):
    """An administrator by role (not a superuser)."""
    return account("administrator", "coordinator")


@pytest.fixture
def admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def rows(client, **filters) -> list[tuple[str, str, str]]:
    """(sequence, user, action) of each entry the page lists, in its order."""
    page = client.get("/audit/", filters).content.decode()
    cells = re.findall(r"<tr><td>(\d+)</td>\s*<td>[^<]*</td>\s*<td>(\w*)[^\n]*\n\s*<td>([^<]*)</td>", page)
    return [(sequence, user, action) for sequence, user, action in cells]


def test_an_administrator_sees_the_log_newest_first(admin_client):
    Dataset.objects.create(name="Invented list")
    assert [action for _, _, action in rows(admin_client)] == ["created", "logged in", "changed", "created"]


def test_the_log_filters_by_action(admin_client):
    Dataset.objects.create(name="Invented list").delete()
    assert [action for _, _, action in rows(admin_client, action="deleted")] == ["deleted"]


def test_the_log_filters_by_user(admin_client, logged_in):
    assert {user for _, user, _ in rows(admin_client, user="caseworker")} == {"caseworker"}


def test_the_log_filters_by_object_type(admin_client):
    Dataset.objects.create(name="Invented list")
    assert [action for _, _, action in rows(admin_client, object_type="registry.dataset")] == ["created"]


def test_the_log_filters_by_dates(admin_client):
    for day in ("2024-01-10", "2024-02-10", "2024-03-10"):
        with time_machine.travel(f"{day} 12:00Z"):
            Dataset.objects.create(name=f"List of {day}")
    assert [sequence for sequence, _, _ in rows(admin_client, since="2024-02-01", until="2024-02-10")] == ["5"]


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
