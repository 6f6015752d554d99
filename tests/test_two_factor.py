"""The second factor: a password alone opens nothing; a new account sets up an authenticator app, then every login
asks for its code."""

from base64 import b32encode
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.audit.models import Entry
from tests.accounts import PASSWORD, account
from tests.test_login_required import PAGES

ENROL = "/accounts/two-factor/enrol/"
VERIFY = "/accounts/two-factor/"


def code(device: TOTPDevice, steps: int = 0) -> str:
    """What the user's app shows now (`steps` of 30 seconds away)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.drift += steps
    return f"{totp.token():06d}"


def wrong(device: TOTPDevice) -> str:
    """A code no step near now gives."""
    near = {code(device, steps) for steps in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in near)


@pytest.fixture
def password_only(client, user):
    """A browser whose user typed their password and nothing more."""
    client.force_login(user)
    return client


@pytest.fixture
def device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def enrolling(client) -> TOTPDevice:
    client.get(ENROL)
    return TOTPDevice.objects.get(confirmed=False)


def test_a_new_account_is_sent_to_set_up_its_authenticator(password_only):
    assert password_only.get("/", follow=True).redirect_chain[-1][0].startswith(ENROL)


def test_the_enrol_page_shows_a_qr_code_and_the_secret_to_type(password_only):
    page = password_only.get(ENROL).content.decode()
    device = TOTPDevice.objects.get()
    secret = b32encode(device.bin_key).decode()
    assert ('<svg width="' in page, f"<code>{secret[:4]} {secret[4:8]}" in page) == (True, True)


def test_a_wrong_code_is_refused(password_only):
    device = enrolling(password_only)
    page = password_only.post(ENROL, {"code": wrong(device)}).content.decode()
    assert "This code is not right" in page


def test_the_right_code_confirms_the_authenticator_and_opens_the_dashboard(password_only):
    device = enrolling(password_only)
    response = password_only.post(ENROL, {"code": code(device)}, follow=True)
    assert (response.redirect_chain[-1][0], TOTPDevice.objects.get().confirmed) == ("/", True)


def test_the_next_login_asks_for_the_code(client, device):
    response = client.post("/accounts/login/", {"username": "caseworker", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(VERIFY)


def test_the_code_opens_the_page_first_asked_for(password_only, device):
    asked = password_only.get("/cases/?status=tracing")
    assert password_only.post(asked.headers["Location"], {"code": code(device)}).headers["Location"] == (
        "/cases/?status=tracing"
    )


def test_a_wrong_code_at_login_is_refused(password_only, device):
    page = password_only.post(VERIFY, {"code": wrong(device)}).content.decode()
    assert "This code is not right" in page


def test_a_code_works_once(password_only, device):
    right = code(device)
    password_only.post(VERIFY, {"code": right})
    again = Client()
    again.force_login(device.user)
    assert "This code is not right" in again.post(VERIFY, {"code": right}).content.decode()


def test_wrong_codes_in_a_row_make_the_user_wait(password_only, device):
    password_only.post(VERIFY, {"code": wrong(device)})
    assert "Too many wrong codes" in password_only.post(VERIFY, {"code": code(device)}).content.decode()


def test_an_account_with_an_authenticator_cannot_set_up_another(password_only, device):
    assert password_only.get(ENROL).headers["Location"].startswith(VERIFY)


# Every page but the logout and the second factor's own, and the admin's.
CLOSED = [*(path for path in PAGES if not path.startswith("/accounts/")), "/admin/", "/admin/auth/user/"]


@pytest.mark.parametrize("path", CLOSED)
def test_a_password_alone_opens_no_page(client, db, path):
    client.force_login(account("administrator", "coordinator"))
    assert client.get(path).headers["Location"].startswith(VERIFY)


def test_logging_out_needs_no_code(password_only):
    assert password_only.post("/accounts/logout/").headers["Location"] == "/accounts/login/"


def test_the_demo_server_skips_the_second_factor(password_only, settings):
    settings.TWO_FACTOR_REQUIRED = False
    assert password_only.get("/").status_code == 200


def test_enrolment_and_a_wrong_code_are_recorded_without_the_secret_or_the_code(password_only):
    device = enrolling(password_only)
    password_only.post(ENROL, {"code": wrong(device)})
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # past the wait a wrong code imposes
        password_only.post(ENROL, {"code": code(device)})
    entries = list(Entry.objects.filter(action__startswith="2fa").order_by("sequence").values("action", "detail"))
    assert entries == [{"action": "2fa_refused", "detail": {}}, {"action": "2fa_enrolled", "detail": {}}]
