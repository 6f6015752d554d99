"""The case dossier from the case page: the recipient chosen, the PDF downloaded, the export recorded."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from reunite.accounts.roles import FOLLOW_CASES
from reunite.cases.models import Case
from reunite.reports.dossier import NotDisclosed, Recipient, build_dossier, dossier_pdf, record_dossier


class DossierForm(forms.Form):
    recipient = forms.ChoiceField(label=_("For"), choices=Recipient.choices, initial=Recipient.LAWYER)


@require_POST
@permission_required(FOLLOW_CASES, raise_exception=True)
def case_dossier(request: HttpRequest, case_id: int) -> HttpResponse:
    form = DossierForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("No dossier: choose whom it is for."))
        return redirect("case_detail", case_id)
    try:
        dossier = build_dossier(request.user, case_id, form.cleaned_data["recipient"])
    except Case.DoesNotExist:
        raise Http404 from None
    except NotDisclosed as withheld:
        messages.error(request, str(withheld))
        return redirect("case_detail", case_id)
    content = dossier_pdf(dossier)
    record_dossier(request.user, dossier, content)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{dossier.filename}"'
    return response
