from django import forms
from django.utils.translation import gettext_lazy as _

from reunite.review.models import Decision


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: what decided it, for whoever reviews this again"),
    )
