from django.contrib import admin

from reunite.audit.admin import ViewsRecorded
from reunite.cases import models
from reunite.registry.admin import ReadableOnly


class SoughtInline(admin.TabularInline):
    model = models.SoughtPerson
    raw_id_fields = ["person"]
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = models.CaseStatusChange
    readonly_fields = ["changed_at", "changed_by"]
    extra = 0


@admin.register(models.Case)
class CaseAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    list_display = ["reference", "seeker", "status", "opened_at"]
    list_filter = ["status"]
    raw_id_fields = ["seeker", "source"]
    inlines = [SoughtInline, StatusChangeInline]


class UpdateInline(admin.TabularInline):
    model = models.ApplicationUpdate
    readonly_fields = ["recorded_at", "recorded_by"]
    extra = 0


@admin.register(models.Application)
class ApplicationAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    source_path = "case__source"
    list_display = ["id", "case", "country", "kind", "status", "filed_on"]
    list_filter = ["country", "kind", "status"]
    raw_id_fields = ["case", "applicants", "source"]
    inlines = [UpdateInline]
