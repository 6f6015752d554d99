from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """An import started from the web app: the uploaded file, how far it got, and what it did."""

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    stored_file = models.CharField(max_length=500)  # under REUNITE_HOME/uploads; removed when the job ends
    mapping = models.TextField(_("mapping"))  # a shipped mapping's name, or the TOML text of the user's own
    dataset = models.CharField(_("dataset"), max_length=200)
    dry_run = models.BooleanField(_("dry run"), default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    fraction = models.FloatField(default=0.0)
    rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(null=True, blank=True)
    rejects_file = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Export(models.Model):
    """A record of data that left reunite: who took what, when, for whom, filtered how, and the file's digest."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=20)
    audience = models.CharField(_("audience"), max_length=20)
    format = models.CharField(_("format"), max_length=8)
    tables = models.JSONField(_("tables"))
    filters = models.JSONField(_("filters"), default=dict)
    counts = models.JSONField(_("rows per table"), default=dict)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)

    class Meta:
        ordering = ["-created_at"]
