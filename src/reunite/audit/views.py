from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from reunite.accounts.roles import Role, role_of
from reunite.audit.forms import Filters
from reunite.audit.models import Entry

PAGE_SIZE = 50


def audit_log(request):
    """The log, newest first, filtered by user, action, object type and dates: for administrators only."""
    if role_of(request.user) is not Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only administrators read the audit log."))
    filters = Filters(request.GET)
    entries = Entry.objects.matching(**filters.cleaned_data) if filters.is_valid() else Entry.objects.none()
    page = Paginator(entries.order_by("-sequence"), PAGE_SIZE).get_page(request.GET.get("page"))
    # The filters again, for the links to the other pages.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"filters": filters, "page": page, "query": query.urlencode()})
