"""Record linkage as the app keeps it: runs, the candidate pairs they found, people's decisions, identities.

A candidate is two registry persons that may be one person. Only a person's decision says they are: every
decision is kept (an undo is recorded on it, never a deletion), and persons joined by current "same person"
decisions form an `Identity`. Nothing here edits a registry row: the records of every source stay as they were.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reunite.registry.models import Person


class LinkageRun(models.Model):
    """One application of the linkage model: a whole run, or "find matches" for some persons."""

    class Kind(models.TextChoices):
        RUN = "run", _("whole run")
        FIND = "find", _("find matches")

    class Via(models.TextChoices):
        CLI = "cli", _("command line")
        WEB = "web", _("person page")
        INTAKE = "intake", _("after an intake")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    via = models.CharField(_("started from"), max_length=8, choices=Via.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    engine = models.CharField(_("engine"), max_length=16)
    threshold = models.FloatField(_("threshold"))
    queries = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("persons matched"))
    datasets = models.JSONField(_("datasets linked"), default=list, blank=True)
    record_count = models.PositiveIntegerField(_("records"), default=0)
    candidate_count = models.PositiveIntegerField(_("candidates at or above the threshold"), default=0)
    new_count = models.PositiveIntegerField(_("candidates not seen before"), default=0)
    model_trained_on = models.CharField(_("model trained on"), max_length=10)
    model_record_count = models.PositiveIntegerField(_("model training records"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Decision(models.TextChoices):
    SAME = "same", _("same person")
    DIFFERENT = "different", _("not the same")
    UNSURE = "unsure", _("not sure")


class MatchCandidate(models.Model):
    """Two persons the model says may be one, stored once: `person_a` is always the lower id."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SAME = Decision.SAME.value, Decision.SAME.label
        DIFFERENT = Decision.DIFFERENT.value, Decision.DIFFERENT.label
        UNSURE = Decision.UNSURE.value, Decision.UNSURE.label

    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"))
    # [[comparison, level, weight], ...] as the model explained the pair: what each field added to the weight.
    explanation = models.JSONField(_("explanation"), default=list)
    # The current decision's verdict (pending without one), kept here so the queue filters and sorts by index;
    # `decisions.settle` rewrites it from the decisions whenever one is made or undone.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    first_run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="+")
    first_seen = models.DateTimeField(_("first found"), default=timezone.now)
    last_seen = models.DateTimeField(_("last found"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="candidate_pair_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="candidate_pair_ordered"),
        ]
        indexes = [models.Index(fields=["status", "-probability", "id"], name="candidate_queue")]

    def __str__(self) -> str:
        return f"{_('Candidate')} #{self.pk}"

    @property
    def percent(self) -> float:
        return self.probability * 100


class MatchDecision(models.Model):
    """A person's verdict on a candidate. Never deleted: an undo records who undid it and when.

    The current decision of a candidate is its latest one not undone; undoing it brings back the one before.
    """

    candidate = models.ForeignKey(MatchCandidate, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(undone_at__isnull=True, undone_by__isnull=True)
                | Q(undone_at__isnull=False, undone_by__isnull=False),
                name="decision_undone_by_and_when",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.candidate})"


class Identity(models.Model):
    """Persons that current "same person" decisions join, directly or through others (a connected component)."""

    formed_at = models.DateTimeField(_("formed"), default=timezone.now)

    class Meta:
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return f"{_('Identity')} #{self.pk}"


class IdentityMember(models.Model):
    identity = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="members")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="identity_membership")

    def __str__(self) -> str:
        return f"{self.identity}: {_('person')} #{self.person_id}"
