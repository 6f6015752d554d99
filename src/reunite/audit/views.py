from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from reunite.accounts.roles import READ_AUDIT
from reunite.audit.forms import Filters
from reunite.audit.models import Entry

PAGE_SIZE = 50


@permission_required(READ_AUDIT, raise_exception=True)
def audit_log(request):
    """The log, newest first, filtered by user, action, object type and dates: for administrators only, each seeing
    what the accounts of their organisation did (the installation's superusers see every entry)."""
    filters = Filters(request.GET)
    entries = Entry.objects.matching(**filters.cleaned_data) if filters.is_valid() else Entry.objects.none()
    entries = entries.seen_by(request.user)
    page = Paginator(entries.order_by("-sequence"), PAGE_SIZE).get_page(request.GET.get("page"))
    # The filters again, for the links to the other pages.
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {"filters": filters, "page": page, "query": query.urlencode()})
