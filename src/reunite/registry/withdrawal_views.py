"""The page where a caseworker or administrator records that a witness withdrew consent (`registry.withdrawal`):
GET shows what would be removed, as counts; POST removes it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from reunite.accounts.roles import WITHDRAW_CONSENT
from reunite.audit.record import record_view
from reunite.registry.disclosure import readable_sources
from reunite.registry.forms import WithdrawalForm
from reunite.registry.withdrawal import COUNT_LABELS, AlreadyWithdrawn, removal, withdraw_consent


@permission_required(WITHDRAW_CONSENT, raise_exception=True)
def withdraw(request, source_id: int):
    # A source the user may not read is not there for them (404), whatever their permissions.
    source = get_object_or_404(readable_sources(request.user).select_related("withdrawal__by"), pk=source_id)
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdrawal = withdraw_consent(source, request.user, form.cleaned_data["how"])
        except AlreadyWithdrawn:
            messages.info(request, _("Consent to this source was already withdrawn: nothing more was removed."))
        else:
            messages.success(
                request, _("Consent withdrawn: %(removed)s.") % {"removed": _described(withdrawal.removed)}
            )
        # The page of the (now emptied) source: the persons it introduced may no longer exist.
        return redirect("withdraw_consent", source.pk)
    record_view(request, source)
    # Once withdrawn, what was removed then; before, what would be.
    counts = source.withdrawal.removed if source.withdrawn else removal(source)
    return render(request, "registry/withdraw.html", {"source": source, "form": form, "counts": _labelled(counts)})


def _labelled(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(COUNT_LABELS[name], count) for name, count in counts.items() if name in COUNT_LABELS]


def _described(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {label}" for label, count in _labelled(counts) if count) or _("nothing to remove")
