"""A record of each report made: with what options, from which data snapshot, with which figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """One report or set of statistics tables that left reunite. The figures' digest and the snapshot say whether
    two reports came from the same data with the same options: then their figures are the same."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"
        CSV = "csv", _("CSV tables")
        PAGE = "page", _("page in the app")

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=20)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    options = models.JSONField(_("options"))
    snapshot = models.JSONField(_("data snapshot"))
    figures_sha256 = models.CharField(_("SHA-256 of the figures"), max_length=64)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{_('Report')} #{self.pk}"
