"""Forms of the cases area. The testimony intake is one page of plain forms and formsets, turned into a
`TestimonyIntake` for `record_testimony`, whose problems are shown back on the fields they concern."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reunite.cases.intake import (
    SEEKER,
    ApplicationStep,
    EventEntry,
    NameEntry,
    PersonEntry,
    Problem,
    RelationEntry,
    TestimonyIntake,
)
from reunite.cases.models import Application, Case, CaseStatusChange
from reunite.names import Script, detect_script
from reunite.registry.fields import PartialDateFormField
from reunite.registry.models import Event, PersonName, Source, Statement, Status
from reunite.registry.relations import ROLE_CHOICES, stored

LANGUAGES = [
    ("", _("unknown")),
    ("ug", _("Uyghur")),
    ("tr", _("Turkish")),
    ("en", _("English")),
    ("zh", _("Chinese")),
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("de", _("German")),
    ("other", _("other")),
]
RELATIVE_ROWS = 6
EVENT_ROWS = 8
RELATION_ROWS = 4


def person_choices() -> list[tuple[str, str]]:
    """The persons of the intake page: the seeker, then each relative row by number."""
    return [(str(SEEKER), _("the seeker"))] + [
        (str(i), _("person %(n)s") % {"n": i}) for i in range(1, RELATIVE_ROWS + 1)
    ]


class TestimonyForm(forms.Form):
    recorded_by = forms.CharField(
        label=_("Given to"), max_length=200, required=False, help_text=_("Interviewer or organisation")
    )
    given_on = PartialDateFormField(label=_("Given on"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    text = forms.CharField(label=_("Testimony"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"), choices=Source.Sensitivity.choices, initial=Source.Sensitivity.CONFIDENTIAL
    )
    may_be_named = forms.BooleanField(label=_("May be named"), required=False)
    may_quote_anonymously = forms.BooleanField(label=_("May be quoted anonymously"), required=False)
    may_share_with_partners = forms.BooleanField(label=_("May be shared with partner organisations"), required=False)
    may_share_with_governments = forms.BooleanField(label=_("May be shared with governments"), required=False)
    may_contact = forms.BooleanField(label=_("May be contacted"), required=False)
    case_status = forms.ChoiceField(label=_("Case status"), choices=Case.Status.choices, initial=Case.Status.OPEN)


class PersonForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("In any script, as the testimony gives it")
    )
    other_names = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: other scripts, the Chinese form, nicknames"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("When the testimony does not name them: \u201cyoungest daughter\u201d"),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "\u2014")] + Statement.Sex.choices, required=False)
    birth_date = PartialDateFormField(label=_("Born"), required=False)
    birthplace = forms.CharField(label=_("Birthplace"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "\u2014")] + Status.choices, required=False)
    status_place = forms.CharField(label=_("Where now"), max_length=200, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=64, required=False)

    def entry(self) -> PersonEntry:
        data = self.cleaned_data
        names = [NameEntry(data["name"])] if data["name"].strip() else []
        names += [
            NameEntry(line.strip(), _name_kind(line)) for line in data["other_names"].splitlines() if line.strip()
        ]
        return PersonEntry(
            names=names,
            description=data["description"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            birthplace=data["birthplace"],
            status=data["status"],
            status_place=data["status_place"],
            identity_numbers=[data["id_number"]] if data["id_number"].strip() else [],
        )


def _name_kind(text: str) -> str:
    return PersonName.Kind.CHINESE if detect_script(text) is Script.HAN else PersonName.Kind.ALIAS


class RelativeForm(PersonForm):
    role = forms.ChoiceField(label=_("Is the"), choices=ROLE_CHOICES, initial="child")
    of = forms.TypedChoiceField(label=_("of"), coerce=int, initial=str(SEEKER))
    sought = forms.BooleanField(label=_("Sought"), required=False, initial=True)
    last_contact = PartialDateFormField(label=_("Last contact with the seeker"), required=False)

    # A row is in use once anything about the person is filled in; the defaults alone are not a person.
    _DEFAULTS = ("role", "of", "sought")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["of"].choices = person_choices()

    def has_changed(self) -> bool:
        return any(field not in self._DEFAULTS for field in self.changed_data)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=[("", "\u2014")] + Event.Kind.choices)
    persons = forms.TypedMultipleChoiceField(
        label=_("To whom"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    date = PartialDateFormField(label=_("When"), required=False)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    description = forms.CharField(label=_("Details"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = person_choices()


class RelationForm(forms.Form):
    holder = forms.TypedChoiceField(label=_("Person"), coerce=int)
    role = forms.ChoiceField(label=_("is the"), choices=[("", "\u2014"), *ROLE_CHOICES])
    other = forms.TypedChoiceField(label=_("of"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = self.fields["other"].choices = [("", "\u2014"), *person_choices()]


RelativeFormSet = forms.formset_factory(RelativeForm, extra=RELATIVE_ROWS, max_num=RELATIVE_ROWS)
EventFormSet = forms.formset_factory(EventForm, extra=EVENT_ROWS, max_num=EVENT_ROWS)
RelationFormSet = forms.formset_factory(RelationForm, extra=RELATION_ROWS, max_num=RELATION_ROWS)


class IntakePage:
    """The intake page's forms together: bound, validated, turned into one `TestimonyIntake`."""

    def __init__(self, data=None):
        self.testimony = TestimonyForm(data, prefix="testimony")
        self.seeker = PersonForm(data, prefix="seeker")
        self.relatives = RelativeFormSet(data, prefix="relatives")
        self.events = EventFormSet(data, prefix="events")
        self.relations = RelationFormSet(data, prefix="relations")
        # Aligned with the intake's lists, to show a problem on the form row it came from.
        self._person_forms: list[forms.Form] = []
        self._event_fields: list[tuple[forms.Form, str | None]] = []
        self._relation_fields: list[tuple[forms.Form, str]] = []

    def is_valid(self) -> bool:
        parts = [self.testimony, self.seeker, self.relatives, self.events, self.relations]
        return all([part.is_valid() for part in parts])

    def intake(self) -> TestimonyIntake | None:
        """The testimony the page describes; None, with errors on the page, when it refers to empty rows."""
        data = self.testimony.cleaned_data
        self._person_forms = [self.seeker]
        persons = [self.seeker.entry()]
        index_of_row = {SEEKER: SEEKER}
        for row, form in enumerate(self.relatives.forms, start=1):
            if form.has_changed():
                index_of_row[row] = len(persons)
                self._person_forms.append(form)
                persons.append(form.entry())

        def person(row: int, form: forms.Form, field: str) -> int | None:
            if row not in index_of_row:
                form.add_error(field, _("Person %(n)s is empty") % {"n": row})
                return None
            return index_of_row[row]

        relations, events, sought = [], [], []
        for index, form in enumerate(self._person_forms[1:], start=1):
            other = person(form.cleaned_data["of"], form, "of")
            if other is not None:
                relations.append(RelationEntry(*stored(index, form.cleaned_data["role"], other)))
                self._relation_fields.append((form, "of"))
            if form.cleaned_data["sought"]:
                sought.append(index)
            if contact := form.cleaned_data["last_contact"]:
                events.append(EventEntry(Event.Kind.LAST_CONTACT, [index, SEEKER], contact))
                self._event_fields.append((form, "last_contact"))
        for form in self.relations.forms:
            if form.has_changed():
                holder = person(form.cleaned_data["holder"], form, "holder")
                other = person(form.cleaned_data["other"], form, "other")
                if holder is not None and other is not None:
                    relations.append(RelationEntry(*stored(holder, form.cleaned_data["role"], other)))
                    self._relation_fields.append((form, "other"))
        for form in self.events.forms:
            if not form.has_changed():
                continue
            self._event_fields.append((form, None))
            who = [person(row, form, "persons") for row in form.cleaned_data["persons"]]
            events.append(
                EventEntry(
                    kind=form.cleaned_data["kind"],
                    persons=[i for i in who if i is not None],
                    date=form.cleaned_data["date"],
                    place=form.cleaned_data["place"],
                    description=form.cleaned_data["description"],
                )
            )
        if self.has_errors():
            return None
        return TestimonyIntake(
            persons=persons,
            given_on=data["given_on"],
            recorded_by=data["recorded_by"],
            language=data["language"],
            text=data["text"],
            sensitivity=data["sensitivity"],
            may_be_named=data["may_be_named"],
            may_quote_anonymously=data["may_quote_anonymously"],
            may_share_with_partners=data["may_share_with_partners"],
            may_share_with_governments=data["may_share_with_governments"],
            may_contact=data["may_contact"],
            relations=relations,
            events=events,
            sought=sought,
            case_status=data["case_status"],
        )

    def has_errors(self) -> bool:
        forms_ = [self.testimony, self.seeker, *self.relatives, *self.events, *self.relations]
        return any(form.errors for form in forms_)

    def show(self, problems: list[Problem]) -> None:
        """Put each problem `record_testimony` found on the field it concerns."""
        for problem in problems:
            form, field = self._locate(problem.where)
            form.add_error(field if field in form.fields else None, problem.message)

    def explain(self, problem: Problem) -> str:
        """A problem as a sentence naming the person's row ("Person 2: …"), for messages shown after saving."""
        where = problem.where
        if where[0] != "persons" or len(where) < 2:
            return problem.message
        form = self._person_forms[where[1]]
        if form is self.seeker:
            return _("The seeker: %(message)s") % {"message": problem.message}
        return _("Person %(n)s: %(message)s") % {"n": self.relatives.forms.index(form) + 1, "message": problem.message}

    def _locate(self, where: tuple) -> tuple[forms.Form, str | None]:
        head = where[0]
        if head == "persons" and len(where) > 1:
            field = where[2] if len(where) > 2 else None
            if field == "names":
                field = "name" if len(where) < 4 or where[3] == 0 else "other_names"
            if field == "identity_numbers":
                field = "id_number"
            return self._person_forms[where[1]], field
        if head == "events" and len(where) > 1:
            form, field = self._event_fields[where[1]]
            return form, field or (where[2] if len(where) > 2 else None)
        if head == "relations" and len(where) > 1:
            return self._relation_fields[where[1]]
        if head == "sought" and len(self._person_forms) > 1:
            return self._person_forms[1], "sought"
        if head in self.testimony.fields:
            return self.testimony, head
        return self.testimony, None


class StatusChangeForm(forms.ModelForm):
    class Meta:
        model = CaseStatusChange
        fields = ["status", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("status") == Case.Status.CLOSED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the case is closed."))
        return data


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["country", "authority", "kind", "status", "filed_on", "obstacles"]
        widgets = {"obstacles": forms.Textarea(attrs={"rows": 2})}

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Use the two-letter country code, e.g. IT, TR, DE."))
        return country


class ApplicationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Application.Status.choices)
    date = PartialDateFormField(label=_("Date"), required=False)
    note = forms.CharField(
        label=_("Decision, obstacle or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def step(self) -> ApplicationStep:
        return ApplicationStep(**self.cleaned_data)
