"""The dossier from the case page: the form, the PDF downloaded, the record of what left, and who may."""

import hashlib

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from reunite.accounts.models import Organisation
from reunite.audit.models import Entry
from reunite.transfer.models import Export
from tests.accounts import account, sign_in
from tests.reports.helpers import small_case


def ask(client: Client, case, recipient: str = "lawyer"):
    return client.post(reverse("case_dossier", args=[case.pk]), {"recipient": recipient})


def test_a_caseworker_downloads_the_dossier_as_a_pdf(logged_in):
    case = small_case()
    response = ask(logged_in, case)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/pdf",
        f'attachment; filename="dossier-{case.reference}-lawyer.pdf"',
    )


def test_the_download_is_a_pdf(logged_in):
    assert ask(logged_in, small_case()).content.startswith(b"%PDF")


def test_the_dossier_is_recorded_as_an_export_with_its_digest(logged_in, user):
    response = ask(logged_in, small_case(), "government")
    export = Export.objects.get()
    assert (export.created_by, export.audience, export.sha256) == (
        user,
        "governments",
        hashlib.sha256(response.content).hexdigest(),
    )


def test_one_exported_entry_is_written_in_the_audit_log(logged_in):
    case = small_case()
    ask(logged_in, case)
    assert list(Entry.objects.filter(action="exported").values_list("object_type", "detail__filters")) == [
        ("transfer.export", {"case": case.pk, "recipient": "lawyer"})
    ]


def test_the_case_page_offers_the_dossier_to_a_caseworker(logged_in):
    case = small_case()
    assert "Dossier (PDF)" in logged_in.get(reverse("case_detail", args=[case.pk])).content.decode()


def test_the_case_page_does_not_offer_it_to_a_researcher(client, db):
    case = small_case()
    sign_in(client, account("researcher", "researcher"))
    assert "Dossier (PDF)" not in client.get(reverse("case_detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize("role", ["advocate", "researcher"])
def test_those_who_do_not_follow_cases_are_refused(client, db, role):
    case = small_case()
    sign_in(client, account(role, role))
    assert ask(client, case).status_code == 403


def test_another_organisation_s_case_is_not_found(logged_in):
    theirs = account("caseworker", "partner", organisation=Organisation.objects.create(name="Invented partner"))
    assert ask(logged_in, small_case(theirs)).status_code == 404


def test_a_case_without_consent_for_the_recipient_says_so_on_the_case_page(logged_in):
    case = small_case(may_share_with_governments=False)
    page = logged_in.post(reverse("case_dossier", args=[case.pk]), {"recipient": "government"}, follow=True)
    assert "has no consent to be shared with governments" in page.content.decode()


def test_a_refused_dossier_is_not_recorded(logged_in):
    ask(logged_in, small_case(may_share_with_partners=False))
    assert not Export.objects.exists()


def test_an_unknown_recipient_gives_no_dossier(logged_in):
    case = small_case()
    page = logged_in.post(reverse("case_dossier", args=[case.pk]), {"recipient": "journalist"}, follow=True)
    assert "No dossier: choose whom it is for." in page.content.decode()


def test_a_dossier_is_not_had_by_a_link(logged_in):
    assert logged_in.get(reverse("case_dossier", args=[small_case().pk])).status_code == 405


def test_the_form_needs_its_csrf_token(logged_in):
    logged_in.handler.enforce_csrf_checks = True
    response = ask(logged_in, small_case())
    assert response.status_code == 403 and b"CSRF verification failed" in response.content


def test_the_form_with_its_token_gives_the_dossier(logged_in):
    logged_in.handler.enforce_csrf_checks = True
    case = small_case()
    logged_in.get(reverse("case_detail", args=[case.pk]))
    token = logged_in.cookies[settings.CSRF_COOKIE_NAME].value
    response = logged_in.post(
        reverse("case_dossier", args=[case.pk]), {"recipient": "lawyer", "csrfmiddlewaretoken": token}
    )
    assert response["Content-Type"] == "application/pdf"
