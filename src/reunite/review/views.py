from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from reunite.accounts.roles import REVIEW
from reunite.audit.record import record_list, record_view
from reunite.registry.disclosure import readable_persons, readable_sources
from reunite.registry.models import Person, PersonName, Relationship, Source, Statement
from reunite.registry.views import IdSays, identity_numbers, names_by_script, readable_facts
from reunite.review.decisions import NotCurrent, current_decision, decide, undo
from reunite.review.forms import DecisionForm
from reunite.review.models import LinkageRun, MatchCandidate, MatchDecision

PAGE_SIZE = 50
# A field's bar is as long as its weight in bits, up to this many: past it, a field has decided alone.
BAR_BITS = 10
# The model's comparisons (`reunite.linkage` settings) as a reviewer reads them.
COMPARISON_LABELS = {
    "given": _lazy("Given name"),
    "father": _lazy("Father's given name"),
    "mother": _lazy("Mother's given name"),
    "birth": _lazy("Birth date"),
    "sex": _lazy("Sex"),
    "birthplace": _lazy("Birthplace"),
    "id_number": _lazy("ID number"),
}


def readable_candidates(user) -> QuerySet[MatchCandidate]:
    """The candidate pairs the user may review: both persons introduced by sources they may read."""
    readable = readable_sources(user)
    return MatchCandidate.objects.filter(person_a__source__in=readable, person_b__source__in=readable)


@permission_required(REVIEW, raise_exception=True)
def review_queue(request):
    status = request.GET.get("status", "")
    if status not in MatchCandidate.Status.values:
        status = MatchCandidate.Status.PENDING
    readable = readable_sources(request.user)
    candidates = (
        readable_candidates(request.user)
        .filter(status=status)
        .select_related("person_a", "person_b")
        .prefetch_related(*readable_facts(readable, "person_a__"), *readable_facts(readable, "person_b__"))
        .order_by("-probability", "id")
    )
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    record_list(request, MatchCandidate, [candidate.pk for candidate in page])
    counts = dict(readable_candidates(request.user).values_list("status").annotate(n=Count("id")).order_by())
    statuses = [(value, label, counts.get(value, 0)) for value, label in MatchCandidate.Status.choices]
    return render(request, "review/queue.html", {"page": page, "status": status, "statuses": statuses})


@dataclass
class Side:
    """One person of a candidate pair, as the candidate page shows it."""

    person: Person
    names_by_script: list[tuple[str, list[PersonName]]]
    statements: list[Statement]
    identity_numbers: list[IdSays]
    parents: list[Person]
    sources: list[Source]


@dataclass
class FieldRow:
    """One comparison of the explanation: the level the pair fell in and what it added to the match weight."""

    comparison: str
    level: str
    weight: float

    @property
    def label(self) -> str:
        return str(COMPARISON_LABELS.get(self.comparison, self.comparison))

    @property
    def signed(self) -> str:
        return f"{self.weight:+.2f}"

    @property
    def direction(self) -> str:
        return "up" if self.weight > 0 else "down" if self.weight < 0 else "none"

    @property
    def bar(self) -> int:
        """The bar's length in tenths of its cell (a CSS class: no inline style under the content policy)."""
        return min(BAR_BITS, round(abs(self.weight)))


def _side(person: Person, readable: QuerySet[Source]) -> Side:
    statements = list(person.statements.all())
    parents = [
        relationship.person
        for relationship in Relationship.objects.filter(
            relative=person, kind=Relationship.Kind.PARENT, source__in=readable
        )
        .select_related("person")
        .prefetch_related("person__names")
    ]
    told = {person.source_id} | {name.source_id for name in person.names.all()} | {s.source_id for s in statements}
    sources = list(Source.objects.filter(pk__in=told).select_related("dataset").order_by("id"))
    return Side(person, names_by_script(person), statements, identity_numbers(person), parents, sources)


@permission_required(REVIEW, raise_exception=True)
def candidate_detail(request, candidate_id: int):
    readable = readable_sources(request.user)
    candidate = get_object_or_404(
        readable_candidates(request.user)
        .select_related("person_a", "person_b", "first_run", "last_run")
        .prefetch_related(*readable_facts(readable, "person_a__"), *readable_facts(readable, "person_b__")),
        pk=candidate_id,
    )
    record_view(request, candidate)
    fields = [FieldRow(*field) for field in candidate.explanation]
    return render(
        request,
        "review/candidate.html",
        {
            "candidate": candidate,
            "sides": [_side(candidate.person_a, readable), _side(candidate.person_b, readable)],
            "fields": fields,
            # What the fields do not explain: the prior odds of two records matching, as a weight.
            "prior": FieldRow("prior", "", candidate.match_weight - sum(field.weight for field in fields)),
            "decisions": candidate.decisions.select_related("decided_by", "undone_by").order_by("-decided_at", "-id"),
            "current": current_decision(candidate),
            "form": DecisionForm(),
            "next_pending": readable_candidates(request.user)
            .filter(status=MatchCandidate.Status.PENDING)
            .exclude(pk=candidate.pk)
            .order_by("-probability", "id")
            .first(),
        },
    )


@require_POST
@permission_required(REVIEW, raise_exception=True)
def record_decision(request, candidate_id: int):
    candidate = get_object_or_404(readable_candidates(request.user), pk=candidate_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        made = decide(candidate, form.cleaned_data["decision"], request.user, form.cleaned_data["note"])
        messages.success(request, _("Decision recorded: %(decision)s.") % {"decision": made.get_decision_display()})
    else:
        messages.error(request, _("Nothing recorded: choose a decision."))
    return redirect("candidate_detail", candidate.pk)


@require_POST
@permission_required(REVIEW, raise_exception=True)
def undo_decision(request, candidate_id: int, decision_id: int):
    decision = get_object_or_404(
        MatchDecision, pk=decision_id, candidate_id=candidate_id, candidate__in=readable_candidates(request.user)
    )
    try:
        undo(decision, request.user)
    except NotCurrent:
        messages.error(request, _("Only the current decision can be undone; this one no longer is."))
    else:
        messages.success(request, _("Decision undone."))
    return redirect("candidate_detail", candidate_id)


@require_POST
@permission_required(REVIEW, raise_exception=True)
def find_matches(request, person_id: int):
    person = get_object_or_404(readable_persons(request.user), pk=person_id)
    # reunite.linkage loads Splink (seconds): imported when someone matches, not when the app starts.
    from reunite.review.matching import find_matches_for
    from reunite.review.store import NoModel

    try:
        found = find_matches_for([person], via=LinkageRun.Via.WEB, user=request.user)
    except NoModel as error:
        messages.error(request, str(error))
    else:
        counts = {"count": len(found.candidates), "new": found.run.new_count}
        messages.success(request, _("%(count)s candidates found (%(new)s new).") % counts)
        if found.capped:
            messages.warning(request, found.run.notes)
    return redirect("person_detail", person.pk)
