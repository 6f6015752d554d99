"""Nothing in reunite's templates, scripts or pages needs what the content policy forbids: no inline script, no
event-handler attribute, no inline style, no `javascript:` link; no eval or HTML injection in the scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import reunite
from reunite.cases.models import Case
from tests.intake_form import intake_post

SOURCE = Path(reunite.__file__).parent
# A document written to a file (a report, a dossier) carries its stylesheet inside, to open offline anywhere; the
# app never serves it (the Reports page shows the body within the app's page).
FILE_DOCUMENTS = {SOURCE / "reports" / "templates" / "reports" / "document.html"}
TEMPLATES = sorted(set(SOURCE.glob("**/templates/**/*.html")) - FILE_DOCUMENTS)
SCRIPTS = sorted(SOURCE.glob("static/**/*.js"))

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """What a strict content policy would block: inline script bodies (a `src` script or a JSON data block is
    fine), handler attributes, style attributes and elements, javascript: URLs."""
    found = [
        body.strip()[:80]
        for attributes, body in SCRIPT_TAG.findall(html)
        if body.strip() and "application/json" not in attributes
    ]
    found += [
        m[0][:80]
        for pattern in (HANDLER, STYLE_ATTRIBUTE, STYLE_ELEMENT, JAVASCRIPT_URL)
        for m in pattern.finditer(html)
    ]
    return found


def test_the_templates_were_found():
    assert len(TEMPLATES) >= 15 and len(SCRIPTS) >= 2


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_template_has_inline_script_handler_or_style(template):
    assert inline_code(template.read_text()) == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_script_evaluates_text_or_writes_html(script):
    code = script.read_text()
    forbidden = [r"\beval\s*\(", r"new\s+Function\s*\(", r"\.innerHTML\b", r"\.outerHTML\b", r"document\.write"]
    assert [pattern for pattern in forbidden if re.search(pattern, code)] == []
    assert not re.search(r"setTimeout\s*\(\s*[\"']", code)  # a string run as code


def test_the_checks_would_see_each_kind_of_inline_code():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script><b onclick="x()">'
        '<p style="color: red"><style>p{}</style><a href="javascript:x()">'
    )
    assert len(inline_code(html)) == 5


@pytest.fixture
def case(logged_in) -> Case:
    logged_in.post("/testimonies/new/", intake_post())
    return Case.objects.get()


def test_the_rendered_pages_have_no_inline_code(logged_in, user, case):
    user.is_staff = user.is_superuser = True
    user.save()
    sought = case.sought.get()
    urls = [
        "/",
        "/cases/",
        f"/cases/{case.pk}/",
        f"/persons/{sought.pk}/",
        f"/persons/{case.seeker_id}/",
        "/search/?q=Ilyas",
        "/testimonies/new/",
        "/review/",
        "/import/",
        "/export/",
        reverse("admin:index"),
        reverse("admin:registry_person_changelist"),
        reverse("admin:registry_person_change", args=[sought.pk]),
        reverse("admin:cases_case_change", args=[case.pk]),
    ]
    found = {}
    for url in urls:
        response = logged_in.get(url)
        assert response.status_code == 200, url
        if inline := inline_code(response.content.decode()):
            found[url] = inline
    assert found == {}


def test_the_login_page_has_no_inline_code(client, db):
    assert inline_code(client.get("/accounts/login/").content.decode()) == []
