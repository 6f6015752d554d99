"""Output records of the synthetic family generator.

Other code (importers, page-speed and record-linkage benchmarks) consumes these exact names and
types, so they change only together with their consumers.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES: tuple[str, ...] = (
    "unknown",
    "at_liberty",
    "abroad",
    "detained",
    "imprisoned",
    "state_orphanage",
    "boarding_school",
    "hospitalised",
    "with_relatives",
    "disappeared",
    "deceased",
)

EVENT_KINDS: tuple[str, ...] = (
    "separation",
    "last_contact",
    "harassment",
    "detention",
    "interrogation",
    "hospitalisation",
    "release",
    "orphanage_placement",
    "boarding_school_placement",
    "passport_confiscation",
    "exit_ban",
    "travel",
    "visa_application",
    "refusal",
    "reunification",
    "death",
    "other",
)

NAME_KINDS: tuple[str, ...] = ("full", "given", "father", "chinese", "alias")
RELATION_KINDS: tuple[str, ...] = ("parent", "spouse", "sibling", "grandparent", "guardian", "caregiver")
CASE_STATUSES: tuple[str, ...] = (
    "open",
    "tracing",
    "located",
    "reunification_in_progress",
    "reunified",
    "closed",
)
LANGUAGES: tuple[str, ...] = ("ug", "tr", "en", "zh", "kk", "ru", "de")
SENSITIVITIES: tuple[str, ...] = ("public", "restricted", "confidential")
APPLICATION_KINDS: tuple[str, ...] = ("family_reunification_visa", "asylum", "humanitarian")
APPLICATION_STATUSES: tuple[str, ...] = (
    "preparing",
    "submitted",
    "approved",
    "refused",
    "visa_issued",
    "withdrawn",
)


@dataclass(frozen=True)
class NameForm:
    text: str
    kind: str  # one of NAME_KINDS


@dataclass(frozen=True)
class Person:
    key: str  # "s42-f000123-p02": seed, family index, person index
    names: tuple[NameForm, ...]  # first is the primary form; at least one
    sex: str  # "F" | "M"
    birth: str | None  # "1979", "1979-04", "1979-04-12", "2007/2009", "2008-03-20/2009-03-19"
    birthplace: str | None  # as the source writes it: "Kashgar", "Ghulja", "喀什市", "Qeshqer"
    status: str  # one of STATUSES
    status_place: str | None  # "Istanbul, Turkey", "Kashgar", "Aksu prefecture"
    description: str  # "eldest daughter"; may be ""


@dataclass(frozen=True)
class Relation:
    a: str  # person key; read "a is <kind> of b"
    kind: str  # one of RELATION_KINDS
    b: str


@dataclass(frozen=True)
class Event:
    kind: str  # one of EVENT_KINDS
    date: str | None  # canonical partial date text, as Person.birth
    place: str | None
    persons: tuple[str, ...]  # person keys
    description: str


@dataclass(frozen=True)
class Testimony:
    testifier: str  # person key (usually the seeker)
    given_on: str  # canonical partial date text
    recorded_by: str  # invented organisation or interviewer
    language: str  # one of LANGUAGES
    text: str  # invented first-person paragraph, 2-5 sentences, consistent with the events
    sensitivity: str  # one of SENSITIVITIES
    may_be_named: bool
    may_quote_anonymously: bool
    may_share_with_partners: bool
    may_share_with_governments: bool
    may_contact: bool


@dataclass(frozen=True)
class Application:
    country: str  # ISO 3166 alpha-2 of the host country
    authority: str  # "Italian consulate in Shanghai"
    kind: str  # one of APPLICATION_KINDS
    status: str  # one of APPLICATION_STATUSES
    filed_on: str | None
    decided_on: str | None
    obstacles: str
    applicants: tuple[str, ...]  # person keys


@dataclass(frozen=True)
class Family:
    key: str  # "s42-f000123"
    seeker: str  # person key of the parent abroad looking for the others
    persons: tuple[Person, ...]
    relations: tuple[Relation, ...]
    events: tuple[Event, ...]
    sought: tuple[str, ...]  # person keys the seeker is looking for (non-empty)
    case_status: str  # one of CASE_STATUSES
    testimony: Testimony
    applications: tuple[Application, ...]
