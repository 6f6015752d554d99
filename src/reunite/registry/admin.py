from django.contrib import admin

from reunite.audit.admin import ViewsRecorded
from reunite.registry import models


class NameInline(admin.TabularInline):
    model = models.PersonName
    fields = ["text", "kind", "script", "source"]
    readonly_fields = ["script"]
    raw_id_fields = ["source"]
    extra = 0


class StatementInline(admin.TabularInline):
    model = models.Statement
    raw_id_fields = ["source", "birthplace", "status_place"]
    extra = 0


class IdentityNumberInline(admin.TabularInline):
    model = models.IdentityNumber
    raw_id_fields = ["source"]
    extra = 0


@admin.register(models.Person)
class PersonAdmin(ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "display_name", "description", "created_at"]
    search_fields = ["names__folded", "description"]
    raw_id_fields = ["source"]
    inlines = [NameInline, StatementInline, IdentityNumberInline]


@admin.register(models.Source)
class SourceAdmin(ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "kind", "sensitivity", "given_on", "recorded_by", "dataset", "created_at"]
    list_filter = ["kind", "sensitivity", "dataset"]
    raw_id_fields = ["testifier"]


@admin.register(models.Event)
class EventAdmin(ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "kind", "date", "place", "source"]
    list_filter = ["kind"]
    raw_id_fields = ["persons", "source", "place"]


@admin.register(models.Relationship)
class RelationshipAdmin(ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "person", "kind", "relative", "source"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "relative", "source"]


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "code", "parent"]
    search_fields = ["folded", "code"]
    raw_id_fields = ["parent"]


admin.site.register(models.Dataset)
