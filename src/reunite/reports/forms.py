from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reunite.reports.models import Report
from reunite.reports.options import read_options
from reunite.reports.publish import Method
from reunite.reports.quotes import DEFAULT_QUOTES
from reunite.reports.report import Options
from reunite.statistics import DEFAULT_THRESHOLD


class ReportForm(forms.Form):
    start = forms.DateField(
        label=_("Cases documented from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("to (and figures as of)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    threshold = forms.IntegerField(
        label=_("Smallest count shown"), initial=DEFAULT_THRESHOLD, min_value=2, max_value=100
    )
    method = forms.ChoiceField(
        label=_("Small counts are"),
        choices=[(Method.SUPPRESS.value, _("hidden")), (Method.BAND.value, _("shown in bands"))],
        initial=Method.SUPPRESS.value,
    )
    quotes = forms.IntegerField(label=_("Quotes, at most"), initial=DEFAULT_QUOTES, min_value=0, max_value=50)
    format = forms.ChoiceField(label=_("As"), choices=Report.Format.choices[::-1], initial=Report.Format.PAGE)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["options"] = read_options(
                data["start"], data["end"], data["threshold"], data["method"], data["quotes"]
            )
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return data

    @property
    def options(self) -> Options:
        return self.cleaned_data["options"]
