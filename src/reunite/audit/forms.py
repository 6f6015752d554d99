from django import forms
from django.utils.translation import gettext_lazy as _

from reunite.audit.models import Action
from reunite.audit.signals import tracked_models

ANY = [("", _("any"))]


class Filters(forms.Form):
    """The audit page's filters; each empty one does not filter (`EntryQuerySet.matching`)."""

    user = forms.CharField(label=_("User"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("Action"), choices=ANY + Action.choices, required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput({"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = sorted(model._meta.label_lower for model in tracked_models())
        self.fields["object_type"].choices = ANY + [(label, label) for label in labels]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end comes before the start."))
        return data
