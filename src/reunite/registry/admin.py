from django.contrib import admin

from reunite.accounts.models import organisation_of
from reunite.audit.admin import ViewsRecorded
from reunite.registry import models
from reunite.registry.disclosure import readable_sources


class ReadableOnly:
    """Admin pages of records list and open only what the user may read (`registry.disclosure`): their
    organisation's records, of the sensitivities their role reads; another organisation's id answers "not found"."""

    source_path = "source"  # from the model to the `Source` whose readability decides

    def get_queryset(self, request):
        # By primary key: a path through a one-to-many relation (an identity's members) would repeat rows.
        readable = self.model.objects.filter(**{f"{self.source_path}__in": readable_sources(request.user)})
        return super().get_queryset(request).filter(pk__in=readable.values("pk"))


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
class PersonAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "display_name", "description", "created_at"]
    search_fields = ["names__folded", "description"]
    raw_id_fields = ["source"]
    inlines = [NameInline, StatementInline, IdentityNumberInline]


@admin.register(models.Source)
class SourceAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    source_path = "pk"
    list_display = ["id", "kind", "sensitivity", "given_on", "recorded_by", "dataset", "created_at"]
    list_filter = ["kind", "sensitivity", "dataset"]
    raw_id_fields = ["testifier"]


@admin.register(models.Event)
class EventAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "kind", "date", "place", "source"]
    list_filter = ["kind"]
    raw_id_fields = ["persons", "source", "place"]


@admin.register(models.Relationship)
class RelationshipAdmin(ReadableOnly, ViewsRecorded, admin.ModelAdmin):
    list_display = ["id", "person", "kind", "relative", "source"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "relative", "source"]


@admin.register(models.Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "code", "parent"]
    search_fields = ["folded", "code"]
    raw_id_fields = ["parent"]


@admin.register(models.Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    exclude = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisation=organisation_of(request.user))

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.organisation = organisation_of(request.user)
        super().save_model(request, obj, form, change)
