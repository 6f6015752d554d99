"""Resetting someone's second factor: what an administrator does when a phone or its app is lost."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def reset(user: AbstractBaseUser) -> int:
    """Forget the user's authenticators and end their sessions; returns how many authenticators there were.

    Their sessions end too: one still open (on the lost phone's browser, say) would otherwise be sent to enrol a new
    authenticator without the password being asked again. Each confirmed authenticator deleted is recorded in the
    audit log (reunite.audit.signals)."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    end_sessions(user)
    return deleted


def end_sessions(user: AbstractBaseUser) -> None:
    """Delete the user's open sessions (sessions are kept in the database; which user a session is of is only in its
    encoded data, so each open one is read)."""
    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=theirs).delete()
