"""An administrator resets someone's second factor (a lost phone): `reunite twofactor reset` or the admin. The
user sets up a new authenticator at their next login; their open sessions end; the reset is in the audit log."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.audit.models import Entry
from tests.accounts import PASSWORD, account, sign_in


def reset(username: str) -> str:
    out = StringIO()
    call_command("twofactor", "reset", username, stdout=out)
    return out.getvalue()


@pytest.fixture
def coordinator(db):
    """An administrator of the installation (the admin site's), logged in past both factors."""
    administrator = account("administrator", "coordinator")
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    return sign_in(Client(), administrator)


def test_after_a_reset_the_next_login_sets_up_a_new_authenticator(logged_in, client):
    reset("caseworker")
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": "caseworker", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/enrol/")


def test_a_reset_ends_the_users_open_sessions(logged_in):
    reset("caseworker")
    assert logged_in.get("/").headers["Location"].startswith("/accounts/login/")


def test_a_reset_is_in_the_audit_log(logged_in, user):
    reset("caseworker")
    entry = Entry.objects.order_by("-sequence").first()
    assert (entry.action, entry.object_id, entry.detail) == ("2fa_reset", str(user.pk), {})


def test_the_command_says_what_it_did(logged_in):
    assert "reset and their sessions ended" in reset("caseworker")


def test_an_unknown_account_is_refused(db):
    with pytest.raises(CommandError, match="no user"):
        reset("nobody")


def test_an_administrator_resets_through_the_admin(coordinator, logged_in, user):
    device = TOTPDevice.objects.get(user=user)
    coordinator.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert logged_in.get("/").headers["Location"].startswith("/accounts/login/")


def test_the_admin_cannot_make_an_authenticator(coordinator):
    assert coordinator.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403


def test_the_admin_never_shows_a_secret(coordinator, logged_in, user):
    device = TOTPDevice.objects.get(user=user)
    page = coordinator.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    assert ("Throttling" in page, device.key in page) == (True, False)
