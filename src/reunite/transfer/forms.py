from django import forms
from django.utils.translation import gettext_lazy as _

from reunite.registry.disclosure import Audience
from reunite.transfer.mapping import shipped

OWN_MAPPING = "own"
FORMATS = (("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel (XLSX)"))
TABLES = (("persons", _("persons")), ("cases", _("cases")), ("events", _("events")), ("sources", _("sources")))
AUDIENCES = (
    (Audience.TEAM, _("our own team")),
    (Audience.PARTNERS, _("a partner organisation (only sources whose witness agreed)")),
    (Audience.GOVERNMENTS, _("a government (only sources whose witness agreed)")),
)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV or TSV (any encoding), Excel (XLSX), JSON or JSON Lines"))
    mapping = forms.ChoiceField(label=_("Shape of the list"))
    mapping_file = forms.FileField(label=_("Your own mapping (TOML)"), required=False)
    dataset = forms.CharField(
        label=_("Dataset"), max_length=200, required=False, help_text=_("Leave empty to use the mapping's")
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing (dry run)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [(name, name) for name in shipped()] + [(OWN_MAPPING, _("my own mapping"))]

    def clean(self):
        data = super().clean()
        if data.get("mapping") == OWN_MAPPING and not data.get("mapping_file"):
            self.add_error("mapping_file", _("Choose the mapping file, or one of the shipped shapes."))
        return data

    def mapping_text(self) -> str:
        """The shipped mapping's name, or the text of the user's own."""
        if self.cleaned_data["mapping"] != OWN_MAPPING:
            return self.cleaned_data["mapping"]
        return self.cleaned_data["mapping_file"].read().decode("utf-8-sig")


class ExportForm(forms.Form):
    tables = forms.MultipleChoiceField(
        label=_("What"), choices=TABLES, initial=[t for t, _label in TABLES], widget=forms.CheckboxSelectMultiple
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="xlsx")
    audience = forms.ChoiceField(label=_("For"), choices=AUDIENCES, initial=Audience.TEAM)
    dataset = forms.CharField(label=_("Only this dataset"), max_length=200, required=False)
    since = forms.DateField(
        label=_("Only records added since"), required=False, widget=forms.DateInput({"type": "date"})
    )
