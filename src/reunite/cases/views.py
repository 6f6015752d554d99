from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reunite.accounts.models import organisation_of
from reunite.accounts.roles import DOCUMENT, FOLLOW_CASES, READ_RECORDS
from reunite.audit.record import record_list, record_view
from reunite.cases.forms import ApplicationForm, ApplicationUpdateForm, IntakePage, StatusChangeForm
from reunite.cases.intake import IntakeRefused, record_testimony, warnings
from reunite.cases.models import Application, ApplicationUpdate, Case, SoughtPerson
from reunite.registry.contact import by_last_contact, days_since, latest_contacts
from reunite.registry.disclosure import readable_sources
from reunite.registry.models import Person
from reunite.registry.views import readable_facts, timeline_of
from reunite.reports.dossier_views import DossierForm

PAGE_SIZE = 50


def dashboard(request):
    """The organisation's cases counted by status, for every role; the persons waiting for news, for roles that
    read records."""
    counts = dict(
        Case.objects.filter(source__organisation=organisation_of(request.user))
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_status = [(label, counts.get(value, 0), value) for value, label in Case.Status.choices]
    page = _waiting(request) if request.user.has_perm(READ_RECORDS) else None
    return render(request, "cases/dashboard.html", {"page": page, "by_status": by_status})


def _waiting(request):
    """The page of sought persons in active readable cases, the longest without contact first."""
    readable = readable_sources(request.user)
    active = SoughtPerson.objects.filter(case__status__in=_active_statuses(), case__source__in=readable)
    # Sort bare ids first: joining the displayed rows before the sort would widen every waiting row.
    waiting = by_last_contact(active, "person")
    page = Paginator(waiting.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = (
        SoughtPerson.objects.select_related("case", "person", "case__seeker")
        .prefetch_related(*readable_facts(readable, "person__"), *readable_facts(readable, "case__seeker__"))
        .in_bulk(page.object_list)
    )
    page.object_list = [rows[pk] for pk in page.object_list]
    record_list(request, Person, [pk for row in page.object_list for pk in (row.person_id, row.case.seeker_id)])
    _with_days(page.object_list)
    return page


def _with_days(sought_persons) -> None:
    """Give each SoughtPerson its `last_contact` and `days` since, as of today."""
    today = timezone.localdate()
    contacts = latest_contacts(s.person_id for s in sought_persons)
    for sought in sought_persons:
        sought.last_contact = contacts.get(sought.person_id)
        sought.days = days_since(sought.last_contact, today)


def _active_statuses() -> list[str]:
    return [s for s in Case.Status.values if s not in Case.FINISHED]


def readable_cases(user) -> QuerySet[Case]:
    """The cases the user may see: those opened by a source they may read."""
    return Case.objects.filter(source__in=readable_sources(user))


@permission_required(READ_RECORDS, raise_exception=True)
def case_list(request):
    status = request.GET.get("status", "")
    cases = (
        readable_cases(request.user)
        .select_related("seeker")
        .prefetch_related(*readable_facts(readable_sources(request.user), "seeker__"))
        .annotate(sought_count=Count("sought_persons"))
        .order_by("-opened_at", "-id")
    )
    if status in Case.Status.values:
        cases = cases.filter(status=status)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    record_list(request, Case, [case.pk for case in page])
    return render(request, "cases/case_list.html", {"page": page, "status": status, "statuses": Case.Status.choices})


@permission_required(READ_RECORDS, raise_exception=True)
def case_detail(request, case_id: int):
    readable = readable_sources(request.user)
    case = get_object_or_404(
        readable_cases(request.user)
        .select_related("seeker", "source")
        .prefetch_related(*readable_facts(readable, "seeker__")),
        pk=case_id,
    )
    record_view(request, case)
    sought = list(case.sought_persons.select_related("person").prefetch_related(*readable_facts(readable, "person__")))
    _with_days(sought)
    applications = case.applications.prefetch_related(
        Prefetch("updates", queryset=ApplicationUpdate.objects.select_related("recorded_by"))
    )
    people = [case.seeker_id, *(s.person_id for s in sought)]
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "sought": sought,
            "applications": applications,
            "timeline": timeline_of(people, readable, sources=[case.source_id]),
            "status_history": case.status_changes.select_related("changed_by"),
            "status_form": StatusChangeForm(initial={"status": case.status}),
            "application_form": ApplicationForm(),
            "update_form": ApplicationUpdateForm(),
            "dossier_form": DossierForm(),
        },
    )


@permission_required(DOCUMENT, raise_exception=True)
def new_testimony(request):
    page = IntakePage(request.POST or None)
    if request.method == "POST" and page.is_valid():
        intake = page.intake()
        if intake is not None:
            try:
                source = record_testimony(intake, request.user)
            except IntakeRefused as refused:
                page.show(refused.problems)
            else:
                messages.success(request, _("Testimony recorded."))
                for warning in warnings(intake):
                    messages.warning(request, page.explain(warning))
                case = source.cases_opened.first()
                if case:
                    return redirect("case_detail", case.pk)
                return redirect("person_detail", source.persons_introduced.order_by("id").first().pk)
    if request.method == "POST":
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    return render(request, "cases/new_testimony.html", {"page": page})


@require_POST
@permission_required(FOLLOW_CASES, raise_exception=True)
def change_status(request, case_id: int):
    case = get_object_or_404(readable_cases(request.user), pk=case_id)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            change = form.save(commit=False)
            change.case, change.changed_by = case, request.user
            change.save()
            case.status, case.status_reason = change.status, change.reason
            case.save(update_fields=["status", "status_reason"])
        messages.success(request, _("Case status changed."))
    else:
        messages.error(request, _("Status not changed: %(errors)s") % {"errors": _errors_text(form)})
    return redirect("case_detail", case.pk)


@require_POST
@permission_required(FOLLOW_CASES, raise_exception=True)
def add_application(request, case_id: int):
    case = get_object_or_404(readable_cases(request.user), pk=case_id)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            application = form.save(commit=False)
            application.case = case
            application.save()
            application.applicants.set(case.sought.all())
            ApplicationUpdate.objects.create(
                application=application,
                date=application.filed_on,
                status=application.status,
                note=application.obstacles,
                recorded_by=request.user,
            )
        messages.success(request, _("Application added."))
    else:
        messages.error(request, _("Application not added: %(errors)s") % {"errors": _errors_text(form)})
    return redirect("case_detail", case.pk)


@require_POST
@permission_required(FOLLOW_CASES, raise_exception=True)
def add_application_update(request, application_id: int):
    application = get_object_or_404(Application, pk=application_id, case__in=readable_cases(request.user))
    form = ApplicationUpdateForm(request.POST)
    if form.is_valid():
        step = form.step()
        with transaction.atomic():
            ApplicationUpdate.objects.create(
                application=application,
                date=step.date,
                status=step.status,
                note=step.note,
                recorded_by=request.user,
            )
            application.status = step.status
            application.save(update_fields=["status"])
        messages.success(request, _("Application updated."))
    else:
        messages.error(request, _("Application not updated: %(errors)s") % {"errors": _errors_text(form)})
    return redirect("case_detail", application.case_id)


def _errors_text(form) -> str:
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
