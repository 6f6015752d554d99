"""The second factor: enrol an authenticator app once, then type its code after each password.

Enrolling is open to a user who has no confirmed authenticator: at their first login, or after an administrator
reset theirs (`reunite twofactor reset`). Whoever has the password of an account that has one can never add
another. The secret is shown on the enrol page only, as a QR code drawn here and as text; it is never logged or
audited, nor is a code typed.
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.accounts.forms import CodeForm
from reunite.audit.models import Action
from reunite.audit.record import record


def page_then(name: str, next_url: str) -> str:
    """The URL of the page named `name`, which goes on to `next_url` once done."""
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _next(request: HttpRequest) -> str:
    """Where to go once the code is accepted: the page first asked for, if it is one of ours."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def verify(request: HttpRequest) -> HttpResponse:
    next_url = _next(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = _confirmed_device(request.user)
    if device is None:
        return redirect(page_then("two_factor_enrol", next_url))
    form = CodeForm(device)
    if request.method == "POST":
        form, accepted = _check(request, device)
        if accepted:
            return redirect(next_url)
    return render(request, "accounts/verify.html", {"form": form})


def enrol(request: HttpRequest) -> HttpResponse:
    next_url = _next(request)
    if _confirmed_device(request.user) is not None:
        return redirect(page_then("two_factor_verify", next_url))
    # The device waits unconfirmed, its secret in the database, until a code from the app proves it was set up.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator app", confirmed=False)
    form = CodeForm(device)
    if request.method == "POST":
        form, accepted = _check(request, device, confirming=True)
        if accepted:
            return redirect(next_url)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        # segno draws the QR code as inline SVG here: the secret goes to no other server and no script draws it.
        "qr_code": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, svgclass="qr")),  # nosec B308 B703 # SVG segno drew; no user text
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/enrol.html", context)


def _check(request: HttpRequest, device: TOTPDevice, confirming: bool = False) -> tuple[CodeForm, bool]:
    """Check the code posted against `device`, locked so that concurrent tries all count towards its throttling.
    Accepted: the session is verified (and the device confirmed, when enrolling). Refused: recorded."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        form = CodeForm(device, request.POST)
        if not form.is_valid():
            record(Action.TWO_FACTOR_REFUSED, request.user, user=request.user)
            return form, False
        if confirming:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record(Action.TWO_FACTOR_ENROLLED, request.user, user=request.user)
        otp_login(request, device)
    return form, True
