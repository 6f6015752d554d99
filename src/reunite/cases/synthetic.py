"""Invented families from `reunite.synth`, recorded through the same intake as real testimonies."""

from __future__ import annotations

from reunite.cases.intake import (
    ApplicationEntry,
    ApplicationStep,
    EventEntry,
    NameEntry,
    PersonEntry,
    RelationEntry,
    TestimonyIntake,
)
from reunite.dates import PartialDate, parse
from reunite.synth import Family


def _date(text: str | None) -> PartialDate | None:
    return parse(text) if text else None


def intake_from_family(family: Family) -> TestimonyIntake:
    # The intake wants the seeker first.
    order = sorted(range(len(family.persons)), key=lambda i: family.persons[i].key != family.seeker)
    position = {family.persons[i].key: n for n, i in enumerate(order)}
    persons = [
        PersonEntry(
            names=[NameEntry(n.text, n.kind) for n in p.names],
            description=p.description,
            sex=p.sex,
            birth_date=_date(p.birth),
            birthplace=p.birthplace or "",
            status=p.status,
            status_place=p.status_place or "",
            known_identity=p.key,
        )
        for p in (family.persons[i] for i in order)
    ]
    testimony = family.testimony
    return TestimonyIntake(
        persons=persons,
        testifier=position[testimony.testifier],
        given_on=_date(testimony.given_on),
        recorded_by=testimony.recorded_by,
        language=testimony.language,
        text=testimony.text,
        sensitivity=testimony.sensitivity,
        may_be_named=testimony.may_be_named,
        may_quote_anonymously=testimony.may_quote_anonymously,
        may_share_with_partners=testimony.may_share_with_partners,
        may_share_with_governments=testimony.may_share_with_governments,
        may_contact=testimony.may_contact,
        relations=[RelationEntry(position[r.a], r.kind, position[r.b]) for r in family.relations],
        events=[
            EventEntry(e.kind, [position[k] for k in e.persons], _date(e.date), e.place or "", e.description)
            for e in family.events
        ],
        sought=[position[k] for k in family.sought],
        case_status=family.case_status,
        applications=[
            ApplicationEntry(
                country=a.country,
                authority=a.authority,
                kind=a.kind,
                filed_on=_date(a.filed_on),
                steps=_steps(a),
                obstacles=a.obstacles,
                applicants=[position[k] for k in a.applicants],
            )
            for a in family.applications
        ],
    )


def _steps(application) -> list[ApplicationStep]:
    steps = [ApplicationStep("submitted", _date(application.filed_on))] if application.filed_on else []
    if application.status != "submitted" or not steps:
        steps.append(ApplicationStep(application.status, _date(application.decided_on), application.obstacles))
    return steps
