"""The case dossier: what a lawyer or a government needs of one case for a family reunification or asylum
application, as a PDF.

    dossier = build_dossier(user, case_id, Recipient.LAWYER)
    content = dossier_pdf(dossier)
    record_dossier(user, dossier, content)

What goes in is decided by `registry.disclosure`, never here: the sources the user may take out to the recipient's
audience (`disclosed_sources`; a lawyer acting for the family is a partner, outside the organisation) and, of each,
which parts (`disclosure`). Every fact shows with its own source or not at all: names and ID numbers with consent
to be named, free text (descriptions, notes) where the testimony's words may go, the testimony's words and imported
rows never. The dossier says what it withheld, in counts. Nothing here logs or prints a value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pycountry
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reunite.accounts.models import organisation_of
from reunite.accounts.roles import FOLLOW_CASES, role_of
from reunite.cases.models import Application, Case
from reunite.dates import PartialDate
from reunite.names import Script, parse_name, to_arabic
from reunite.places import gazetteer
from reunite.registry.contact import DaysSince, days_since, latest_contacts
from reunite.registry.disclosure import (
    Audience,
    Disclosure,
    NotAllowed,
    disclosed_sources,
    disclosure,
    readable_sources,
)
from reunite.registry.models import Event, EventPerson, IdentityNumber, Person, PersonName, Place, Relationship, Source
from reunite.registry.models import Statement as StatementRow
from reunite.registry.relations import ROLE_LABELS, role_of_other
from reunite.registry.views import SCRIPT_LABELS, readable_facts, timeline_of
from reunite.reports.documents import pdf, standalone_html
from reunite.transfer.models import Export


class Recipient(models.TextChoices):
    LAWYER = "lawyer", gettext_lazy("a lawyer acting for the family")
    GOVERNMENT = "government", gettext_lazy("a government")

    @property
    def audience(self) -> Audience:
        return _AUDIENCES[self]


# The lawyer works outside the organisation, whoever they act for: what reaches them is what a partner may have.
_AUDIENCES = {Recipient.LAWYER: Audience.PARTNERS, Recipient.GOVERNMENT: Audience.GOVERNMENTS}
_AUDIENCE_NAMES = {
    Audience.PARTNERS: gettext_lazy("partner organisations"),
    Audience.GOVERNMENTS: gettext_lazy("governments"),
}
_PARTS = {
    "seeker": gettext_lazy("seeker"),
    "sought": gettext_lazy("sought"),
    "relative": gettext_lazy("relative"),
}
# How each script is marked, so that the stylesheet picks its font and the reader its direction.
_SCRIPT_MARKS = {Script.ARABIC: ("ug", "rtl"), Script.HAN: ("zh", "")}


class NotDisclosed(Exception):
    """The testimony that opened the case may not go to the recipient, and with it the case. The message says why
    and names no one."""


@dataclass(frozen=True)
class Text:
    """Text with its language and direction when they are not the document's."""

    text: str
    lang: str = ""
    dir: str = ""


@dataclass(frozen=True)
class SourceRef:
    """A source as the dossier cites it: its kind and date, never its words."""

    ref: str  # "S1": facts point to it
    kind: str
    dated: str
    dataset: str
    named: bool  # whether its names and ID numbers are in the dossier


@dataclass(frozen=True)
class Name:
    text: Text
    script: str
    kind: str
    source: SourceRef


@dataclass(frozen=True)
class Transliteration:
    """A reading of a recorded name by the names engine: not a name any source wrote."""

    latin: Text  # Uyghur Latin (ULY)
    arabic: Text  # Uyghur Arabic script


@dataclass(frozen=True)
class IdNumber:
    kind: str
    value: str
    source: SourceRef


@dataclass(frozen=True)
class Statement:
    """What one source says of one person."""

    source: SourceRef
    sex: str
    birth_date: str
    birthplace: tuple[Text, ...]
    ethnicity: str
    status: str
    status_place: tuple[Text, ...]


@dataclass
class DossierPerson:
    label: Text  # the first name that may go, else the role in the case ("Sought person 2")
    role: str
    unnamed: str  # why no name shows; empty when one does
    description: str
    names: list[Name]
    transliterations: list[Transliteration]
    id_numbers: list[IdNumber]
    statements: list[Statement]
    days: DaysSince | None  # since the last contact, for the persons sought


@dataclass(frozen=True)
class Kinship:
    """One relationship, read both ways: `person` is `role` of `relative`, who is `reverse` of them."""

    person: Text
    role: str
    relative: Text
    reverse: str
    source: SourceRef


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    kind: str
    place: tuple[Text, ...]
    persons: tuple[Text, ...]
    description: str
    source: SourceRef


@dataclass(frozen=True)
class Step:
    date: str
    status: str
    note: str


@dataclass(frozen=True)
class DossierApplication:
    kind: str
    country: str
    authority: str
    status: str
    filed_on: str
    obstacles: str
    applicants: tuple[Text, ...]
    steps: tuple[Step, ...]
    source: SourceRef


@dataclass(frozen=True)
class StatusChange:
    on: date
    status: str
    reason: str


@dataclass(frozen=True)
class Withheld:
    """What the dossier kept back, in counts."""

    not_shared: int  # sources about the family without consent to go to the recipient
    not_named: int  # sources in the dossier without consent to be named: their names and ID numbers are not
    notes: int  # descriptions and notes, which may name anyone


@dataclass
class Dossier:
    case_id: int
    reference: str
    recipient: Recipient
    organisation: str
    made_on: date
    status: str
    status_reason: str
    opened_on: date
    status_history: list[StatusChange]
    persons: list[DossierPerson]
    kinships: list[Kinship]
    timeline: list[TimelineEvent]
    applications: list[DossierApplication]
    sources: list[SourceRef]
    withheld: Withheld

    @property
    def audience(self) -> Audience:
        return self.recipient.audience

    @property
    def shared_with(self) -> str:
        """Whom the witnesses consented to share with, for the dossier to reach its recipient."""
        return str(_AUDIENCE_NAMES[self.audience])

    @property
    def title(self) -> str:
        return _("Case dossier %(reference)s") % {"reference": self.reference}

    @property
    def filename(self) -> str:
        return f"dossier-{self.reference}-{self.recipient.value}.pdf"

    @property
    def counts(self) -> dict[str, int]:
        return {"persons": len(self.persons), "events": len(self.timeline), "applications": len(self.applications)}


def build_dossier(user: AbstractBaseUser, case_id: int, recipient: Recipient | str) -> Dossier:
    """What the dossier of the case holds for `recipient`, as far as the user may take it out to them.

    Raises ValueError for an unknown recipient, `NotAllowed` for a role that does not follow cases,
    `Case.DoesNotExist` for a case the user may not read (another organisation's answers as if it did not exist),
    and `NotDisclosed` when the testimony that opened the case may not go to the recipient."""
    recipient = Recipient(recipient)
    if not user.has_perm(FOLLOW_CASES):
        raise NotAllowed(f"the role {role_of(user) or 'none'} does not make case dossiers")
    readable = readable_sources(user)
    case = (
        Case.objects.select_related("source").defer("source__text", "source__raw").get(pk=case_id, source__in=readable)
    )
    disclosed = disclosed_sources(user, recipient.audience)
    if not disclosed.filter(pk=case.source_id).exists():
        raise NotDisclosed(
            f"no dossier of {case.reference} for {recipient.label}: the testimony that opened it has no consent "
            f"to be shared with {_AUDIENCE_NAMES[recipient.audience]}"
        )
    return _Builder(user, case, recipient, readable, disclosed).dossier()


def dossier_html(dossier: Dossier) -> str:
    """The dossier as one HTML file that opens anywhere, offline."""
    return standalone_html(
        "reports/document.html", {"title": dossier.title, "body": "reports/dossier_body.html", "dossier": dossier}
    )


def dossier_pdf(dossier: Dossier) -> bytes:
    return pdf(dossier_html(dossier))


def record_dossier(user: AbstractBaseUser, dossier: Dossier, content: bytes) -> Export:
    """Record the dossier as data that left reunite; its creation is the "exported" entry of the audit log, in the
    same transaction."""
    with transaction.atomic():
        return Export.objects.create(
            created_by=user,
            role=role_of(user).value,
            audience=dossier.audience.value,
            format="pdf",
            tables=["dossier"],
            filters={"case": dossier.case_id, "recipient": dossier.recipient.value},
            counts=dossier.counts,
            sha256=hashlib.sha256(content).hexdigest(),
        )


class _Builder:
    """One dossier's facts, each read with its own source's disclosure."""

    def __init__(
        self,
        user: AbstractBaseUser,
        case: Case,
        recipient: Recipient,
        readable: QuerySet[Source],
        disclosed: QuerySet[Source],
    ):
        self.user, self.case, self.recipient = user, case, recipient
        self.readable, self.disclosed, self.audience = readable, disclosed, recipient.audience
        self.today = timezone.localdate()
        self.sought = list(case.sought_persons.values_list("person_id", flat=True))
        self.core = [case.seeker_id, *self.sought]
        self.family = _with_relatives(self.core, disclosed)
        self.refs: dict[int, SourceRef] = {}
        self.notes_withheld = 0

    def dossier(self) -> Dossier:
        case = self.case
        events = list(
            timeline_of(self.family, self.disclosed, sources=[case.source_id]).defer("source__text", "source__raw")
        )
        applications = list(
            case.applications.filter(Q(source=None) | Q(source__in=self.disclosed))
            .select_related("source")
            .defer("source__text", "source__raw")
            .prefetch_related("applicants", "updates")
        )
        applicants = Application.applicants.through.objects.filter(application__in=applications)
        mentioned = {
            *EventPerson.objects.filter(event__in=events).values_list("person_id", flat=True),
            *applicants.values_list("person_id", flat=True),
        }
        order = [*self.family, *sorted(mentioned - set(self.family))]
        self.persons = (
            Person.objects.select_related("source")
            .defer("source__text", "source__raw")
            .prefetch_related(*readable_facts(self.disclosed))
            .in_bulk(order)
        )
        self.introduced_disclosed = set(
            self.disclosed.filter(pk__in={person.source_id for person in self.persons.values()}).values_list(
                "pk", flat=True
            )
        )
        contacts = latest_contacts(self.sought, sources=self.disclosed)
        self.days = {pk: days_since(contacts.get(pk), self.today) for pk in self.sought}
        self.ref(case.source)  # S1: the testimony the case comes from
        self.labels = self._labels(order)
        persons = [self._person(pk) for pk in self.family]
        kinships = self._kinships()
        timeline = [self._event(event) for event in events]
        dossier_applications = [self._application(application) for application in applications]
        history = [
            StatusChange(
                timezone.localtime(change.changed_at).date(),
                change.get_status_display(),
                self.note(case.source, change.reason),
            )
            for change in case.status_changes.all()
        ]
        return Dossier(
            case_id=case.pk,
            reference=case.reference,
            recipient=self.recipient,
            organisation=str(organisation_of(self.user)),
            made_on=self.today,
            status=case.get_status_display(),
            status_reason=self.note(case.source, case.status_reason),
            opened_on=timezone.localtime(case.opened_at).date(),
            status_history=history,
            persons=persons,
            kinships=kinships,
            timeline=timeline,
            applications=dossier_applications,
            sources=list(self.refs.values()),
            withheld=Withheld(
                not_shared=self._sources_not_shared(),
                not_named=sum(not ref.named for ref in self.refs.values()),
                notes=self.notes_withheld,
            ),
        )

    def parts(self, source: Source) -> Disclosure:
        return disclosure(source, self.audience)

    def ref(self, source: Source) -> SourceRef:
        """The source as cited, numbered in the order the dossier first cites it."""
        if source.pk not in self.refs:
            dated = (
                _("given %(date)s") % {"date": source.given_on}
                if source.given_on
                else _("recorded %(date)s") % {"date": timezone.localtime(source.created_at).date()}
            )
            self.refs[source.pk] = SourceRef(
                ref=f"S{len(self.refs) + 1}",
                kind=source.get_kind_display(),
                dated=dated,
                dataset=source.dataset.name if source.dataset_id else "",
                named=self.parts(source).names,
            )
        return self.refs[source.pk]

    def note(self, source: Source, text: str) -> str:
        """Free text, where its source's disclosure lets it go; counted when it may not."""
        if not text or self.parts(source).notes:
            return text
        self.notes_withheld += 1
        return ""

    def _named(self, person: Person) -> list[PersonName]:
        return [name for name in person.names.all() if self.parts(name.source).names]

    def _part(self, pk: int) -> str:
        if pk == self.case.seeker_id:
            return "seeker"
        return "sought" if pk in self.sought else "relative" if pk in self.family else "other"

    def _labels(self, order: list[int]) -> dict[int, Text]:
        """Each person by their first name that may go, else by their part in the case, numbered."""
        fallbacks = {
            "seeker": _("Seeker"),
            "sought": _("Sought person %(n)s"),
            "relative": _("Relative %(n)s"),
            "other": _("Another person %(n)s"),
        }
        counters = dict.fromkeys(fallbacks, 0)
        labels = {}
        for pk in order:
            part = self._part(pk)
            counters[part] += 1
            named = self._named(self.persons[pk])
            labels[pk] = _name_text(named[0]) if named else Text(fallbacks[part] % {"n": counters[part]})
        return labels

    def _person(self, pk: int) -> DossierPerson:
        person = self.persons[pk]
        named = self._named(person)
        unnamed = ""
        if not named:
            unnamed = (
                _("name withheld (no consent to be named)")
                if person.names.all()
                else _("no name in the sources of this dossier")
            )
        introduced = person.source_id in self.introduced_disclosed
        return DossierPerson(
            label=self.labels[pk],
            role=_PARTS[self._part(pk)],
            unnamed=unnamed,
            description=self.note(person.source, person.description) if introduced else "",
            names=[
                Name(_name_text(n), SCRIPT_LABELS[Script(n.script)], n.get_kind_display(), self.ref(n.source))
                for n in named
            ],
            transliterations=_transliterations(named),
            id_numbers=[
                IdNumber(number.get_kind_display(), number.value, self.ref(number.source))
                for number in person.identity_numbers.all()
                if self.parts(number.source).names
            ],
            statements=[self._statement(statement) for statement in person.statements.all()],
            days=self.days.get(pk),
        )

    def _statement(self, statement: StatementRow) -> Statement:
        return Statement(
            source=self.ref(statement.source),
            sex=statement.get_sex_display(),
            birth_date=_date(statement.birth_date),
            birthplace=_place(statement.birthplace),
            ethnicity=statement.ethnicity,
            status=statement.get_status_display(),
            status_place=_place(statement.status_place),
        )

    def _kinships(self) -> list[Kinship]:
        rows = (
            Relationship.objects.filter(person__in=self.family, relative__in=self.family, source__in=self.disclosed)
            .select_related("source")
            .defer("source__text", "source__raw")
            .order_by("pk")
        )
        return [
            Kinship(
                person=self.labels[row.person_id],
                role=str(ROLE_LABELS[role_of_other(row, row.relative_id)]),
                relative=self.labels[row.relative_id],
                reverse=str(ROLE_LABELS[role_of_other(row, row.person_id)]),
                source=self.ref(row.source),
            )
            for row in rows
        ]

    def _event(self, event: Event) -> TimelineEvent:
        return TimelineEvent(
            date=_date(event.date),
            kind=event.get_kind_display(),
            place=_place(event.place),
            persons=tuple(self.labels[person.pk] for person in event.persons.all()),
            description=self.note(event.source, event.description),
            source=self.ref(event.source),
        )

    def _application(self, application: Application) -> DossierApplication:
        # An application added on the case page has no source of its own: it is the case's.
        source = application.source or self.case.source
        country = pycountry.countries.get(alpha_2=application.country)
        return DossierApplication(
            kind=application.get_kind_display(),
            country=f"{country.name} ({application.country})" if country else application.country,
            authority=application.authority,
            status=application.get_status_display(),
            filed_on=_date(application.filed_on),
            obstacles=self.note(source, application.obstacles),
            applicants=tuple(self.labels[person.pk] for person in application.applicants.all()),
            steps=tuple(
                Step(_date(step.date), step.get_status_display(), self.note(source, step.note))
                for step in application.updates.all()
            ),
            source=self.ref(source),
        )

    def _sources_not_shared(self) -> int:
        """How many sources the user reads that speak of the family or the case, and may not go to the recipient."""
        readable = self.readable
        family = _with_relatives(self.core, readable)
        concerned = {self.case.source_id}
        for facts in (PersonName, IdentityNumber, StatementRow):
            concerned |= set(
                facts.objects.filter(person__in=family, source__in=readable).values_list("source", flat=True)
            )
        concerned |= set(
            Relationship.objects.filter(person__in=family, relative__in=family, source__in=readable).values_list(
                "source", flat=True
            )
        )
        events = timeline_of(family, readable, sources=[self.case.source_id]).prefetch_related(None)
        concerned |= set(events.values_list("source", flat=True))
        concerned |= set(self.case.applications.filter(source__in=readable).values_list("source", flat=True))
        return len(concerned) - self.disclosed.filter(pk__in=concerned).count()


def _with_relatives(core: list[int], sources: QuerySet[Source]) -> list[int]:
    """The persons of the case and those these sources relate to them, in that order."""
    rows = Relationship.objects.filter(Q(person__in=core) | Q(relative__in=core), source__in=sources)
    relatives = {pk for pair in rows.values_list("person_id", "relative_id") for pk in pair} - set(core)
    return [*dict.fromkeys(core), *sorted(relatives)]


def _name_text(name: PersonName) -> Text:
    lang, direction = _SCRIPT_MARKS.get(Script(name.script), ("", ""))
    return Text(name.text, lang, direction)


def _transliterations(names: Iterable[PersonName]) -> list[Transliteration]:
    """Each distinct reading of the names in Uyghur Latin, with its Uyghur Arabic-script form."""
    readings = dict.fromkeys(parse_name(name.text).reading for name in names)
    return [Transliteration(Text(_capitalised(uly)), Text(to_arabic(uly), "ug", "rtl")) for uly in readings if uly]


def _capitalised(reading: str) -> str:
    # The engine reads in lower case; a name is written with capitals. `str.title` would capitalise after an
    # apostrophe, which ULY uses to separate letters ("se'et").
    return " ".join(word[:1].upper() + word[1:] for word in reading.split())


def _date(value: PartialDate | None) -> str:
    return str(value) if value else ""


def _place(place: Place | None) -> tuple[Text, ...]:
    """A division of Xinjiang in Latin, Chinese and Uyghur; any other place as the registry holds it."""
    if place is None:
        return ()
    division = gazetteer().by_code(place.code) if place.code else None
    if division is None:
        return (Text(str(place)),)
    usual = division.spellings[0] if division.spellings else division.name_en
    return (Text(usual), Text(division.name_zh, "zh"), Text(division.name_ug, "ug", "rtl"))
