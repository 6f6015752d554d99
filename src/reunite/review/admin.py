"""Linkage records in the admin, read-only: decisions are made on the review pages, where they are recorded."""

from django.contrib import admin

from reunite.audit.admin import ViewsRecorded
from reunite.registry.admin import ReadableOnly
from reunite.review import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DecisionInline(admin.TabularInline):
    model = models.MatchDecision
    fields = ["decision", "decided_by", "decided_at", "note", "undone_by", "undone_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.LinkageRun)
class LinkageRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "via", "started_at", "started_by", "engine", "threshold", "record_count"]
    list_filter = ["kind", "via", "engine"]
    raw_id_fields = ["queries"]


@admin.register(models.MatchCandidate)
class MatchCandidateAdmin(ReadableOnly, ViewsRecorded, ReadOnlyAdmin):
    source_path = "person_a__source"
    list_display = ["id", "person_a", "person_b", "probability", "match_weight", "status", "last_seen"]
    list_filter = ["status"]
    raw_id_fields = ["person_a", "person_b", "first_run", "last_run"]
    inlines = [DecisionInline]


@admin.register(models.MatchDecision)
class MatchDecisionAdmin(ReadableOnly, ReadOnlyAdmin):
    source_path = "candidate__person_a__source"
    list_display = ["id", "candidate", "decision", "decided_by", "decided_at", "undone_by", "undone_at"]
    list_filter = ["decision"]
    raw_id_fields = ["candidate"]


class MemberInline(admin.TabularInline):
    model = models.IdentityMember
    raw_id_fields = ["person"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Identity)
class IdentityAdmin(ReadableOnly, ReadOnlyAdmin):
    source_path = "members__person__source"
    list_display = ["id", "formed_at"]
    inlines = [MemberInline]
