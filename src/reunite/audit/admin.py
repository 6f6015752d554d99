from django.contrib import admin

from reunite.audit.models import Entry
from reunite.audit.record import record_list, record_view


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """The log, read-only for everyone: entries are written by the application alone."""

    list_display = ["sequence", "at", "username", "role", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_id"]

    def get_queryset(self, request):
        return super().get_queryset(request).seen_by(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ViewsRecorded:
    """For the admin pages of records: a change page and a list are recorded as views, as the app's pages are
    (`record_view`, `record_list`)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if shown is not None:
            record_view(request, shown)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            record_list(request, self.model, [row.pk for row in changelist.result_list])
        return response
