"""Cases: a seeker looking for the persons they lost, and the reunification applications that follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reunite.registry.fields import PartialDateField
from reunite.registry.models import Person, Source


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        TRACING = "tracing", _("tracing")
        LOCATED = "located", _("located")
        REUNIFICATION_IN_PROGRESS = "reunification_in_progress", _("reunification in progress")
        REUNIFIED = "reunified", _("reunified")
        CLOSED = "closed", _("closed")

    # Every status but these two still needs work, and shows on the dashboard.
    FINISHED = (Status.REUNIFIED, Status.CLOSED)

    seeker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases_as_seeker")
    sought = models.ManyToManyField(Person, through="SoughtPerson", related_name="cases_as_sought")
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="cases_opened")
    opened_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["status"], name="case_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C-{self.pk:05d}"

    @property
    def is_active(self) -> bool:
        return self.status not in self.FINISHED


class SoughtPerson(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sought_persons")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sought_in")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="sought_once_per_case")]


class CaseStatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=32, choices=Case.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["changed_at", "id"]


class Application(models.Model):
    """A reunification application: to which country and authority, of what kind, and how it went."""

    class Kind(models.TextChoices):
        FAMILY_REUNIFICATION_VISA = "family_reunification_visa", _("family reunification visa")
        ASYLUM = "asylum", _("asylum")
        HUMANITARIAN = "humanitarian", _("humanitarian visa")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("preparing")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        VISA_ISSUED = "visa_issued", _("visa issued")
        WITHDRAWN = "withdrawn", _("withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="applications")
    country = models.CharField(_("country (ISO 3166 code)"), max_length=2)
    authority = models.CharField(_("authority"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    filed_on = PartialDateField(_("filed on"))
    obstacles = models.TextField(_("obstacles"), blank=True)
    applicants = models.ManyToManyField(Person, related_name="applications", blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["filed_on_earliest", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.country})"


class ApplicationUpdate(models.Model):
    """One step in an application's history: what happened, when, with which decision or obstacle."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="updates")
    date = PartialDateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=Application.Status.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["date_earliest", "id"]
