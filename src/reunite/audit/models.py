"""The audit log's tables: the entries, and the head of their chain.

Entries are only ever inserted (`chain.append`). The model refuses to save an existing entry or delete one, and
database triggers (`triggers`, installed by the migrations) refuse UPDATE and DELETE for anyone else; the one
update they allow is Django's setting `user` to NULL when an account is deleted, since the entry keeps who it was
in `username` and its hash does not cover `user`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """An audit entry cannot be changed or deleted."""


class Action(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    DELETED = "deleted", _("deleted")
    VIEWED = "viewed", _("viewed")
    EXPORTED = "exported", _("exported")
    IMPORTED = "imported", _("imported")
    LINKED = "linked", _("linked (a linkage run)")
    DECIDED = "decided", _("decided")
    UNDONE = "undone", _("undone (a decision)")
    REDACTED = "redacted", _("redacted")
    LOGGED_IN = "logged_in", _("logged in")
    LOGGED_OUT = "logged_out", _("logged out")
    LOGIN_FAILED = "login_failed", _("login failed")
    # The second factor (reunite.accounts.views, signals): never the secret or a code typed.
    TWO_FACTOR_ENROLLED = "2fa_enrolled", _("second factor enrolled")
    TWO_FACTOR_REFUSED = "2fa_refused", _("second factor code refused")
    TWO_FACTOR_RESET = "2fa_reset", _("second factor reset")


class EntryQuerySet(models.QuerySet):
    def seen_by(self, user) -> EntryQuerySet:
        """What an administrator may read: the entries of their organisation's accounts, and those of commands run
        on the server, which no account made (the installation's superusers read every entry)."""
        if user.is_superuser:
            return self
        colleagues = Q(user__membership__organisation__memberships__user=user)
        return self.filter(colleagues | Q(user__isnull=True, username=""))

    def update(self, **kwargs):
        raise AppendOnly("audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("audit entries cannot be deleted")

    def matching(
        self,
        *,
        user: str = "",
        action: str = "",
        object_type: str = "",
        since: date | None = None,
        until: date | None = None,
    ) -> EntryQuerySet:
        """Entries by the account named `user` (as it was named then), of an action and object type, written from
        the start of `since` to the end of `until` (days in the project's time zone); empty values do not filter."""
        entries = self
        if user:
            entries = entries.filter(username=user)
        if action:
            entries = entries.filter(action=action)
        if object_type:
            entries = entries.filter(object_type=object_type)
        # Bounds on the column itself, not on its date, so the index on `at` serves them.
        if since:
            entries = entries.filter(at__gte=_start_of(since))
        if until:
            entries = entries.filter(at__lt=_start_of(until + timedelta(days=1)))
        return entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class Entry(models.Model):
    """Who did what to which record, when. `detail` holds facts that identify no one: names of the fields changed,
    counts, ids, dataset names; never a name, a word of testimony or an ID number."""

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("when"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("entries")
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["at"], name="audit_entry_at"),
            models.Index(fields=["username", "sequence"], name="audit_entry_user"),
            models.Index(fields=["action", "sequence"], name="audit_entry_action"),
            models.Index(fields=["object_type", "object_id"], name="audit_entry_object"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type} {self.object_id}".strip()

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be deleted")


class Head(models.Model):
    """The chain's last sequence number and hash, in one row. Appending locks it (`select_for_update`), so appends
    take their turn however many transactions write at once; `verify` compares it with the last entry."""

    sequence = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
