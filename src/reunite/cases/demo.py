"""The two families of the seed article, as it tells them, and nothing it does not tell.

Source: the article on Amnesty International's report of 19 March 2021 (`shared/seeds/`). The article
spells the same people several ways ("Mihriban"/"Mirzeban", "Memtimin"/"Memtinin"/"Ablikom",
"Omer"/"Yomair"): each spelling is kept as a name of its own. The children are not named in the article,
so they are recorded by description. The 1,594 days are counted back from the report's date.
"""

from __future__ import annotations

from datetime import date, timedelta

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

REPORT_DATE = date(2021, 3, 19)
DAYS_WITHOUT_NEWS = 1594
ARTICLE = "Amnesty International (report of 19 March 2021)"

FULL, ALIAS, CHINESE = "full", "alias", "chinese"


def _person(key: str, *names: tuple[str, str], **facts) -> PersonEntry:
    return PersonEntry(names=[NameEntry(t, k) for t, k in names], known_identity=f"seed:{key}", **facts)


def kader_family() -> TestimonyIntake:
    # 12 years old on 19 March 2021; all four children were minors then.
    youngest_born = PartialDate(date(2008, 3, 20), date(2009, 3, 19))
    minor_born = PartialDate(date(2003, 3, 20), date(2009, 3, 19))
    mother, father, grandmother, grandfather = 0, 1, 2, 3
    children = [4, 5, 6, 7]
    persons = [
        _person(
            "kader:mihriban",
            ("Mihriban Kader", FULL),
            ("Mirzeban", ALIAS),
            sex="F",
            birthplace="Kashgar",
            status="abroad",
            status_place="Italy",
        ),
        _person(
            "kader:ablikim",
            ("Ablikim Memtimin", FULL),
            ("Ablikim Memtinin", ALIAS),
            ("Ablikom", ALIAS),
            ("ئابلىكىم مەمتىمىن", FULL),
            ("Абликим Мәмтимин", FULL),
            ("阿布力克木·买买提明", CHINESE),
            sex="M",
            status="abroad",
            status_place="Italy",
        ),
        _person("kader:grandmother", description="Mihriban's mother", sex="F", status="detained"),
        _person("kader:grandfather", description="Mihriban's father", sex="M"),
        _person(
            "kader:child1",
            description="Eldest child",
            birth_date=minor_born,
            status="boarding_school",
            status_place="Kashgar",
        ),
        _person(
            "kader:child2",
            description="Second child",
            birth_date=minor_born,
            status="state_orphanage",
            status_place="Kashgar",
        ),
        _person(
            "kader:child3",
            description="Third child",
            birth_date=minor_born,
            status="state_orphanage",
            status_place="Kashgar",
        ),
        _person(
            "kader:child4",
            description="Youngest child, 12 years old in March 2021",
            birth_date=youngest_born,
            status="state_orphanage",
            status_place="Kashgar",
        ),
    ]
    relations = [RelationEntry(mother, "spouse", father)]
    relations += [RelationEntry(parent, "parent", c) for parent in (mother, father) for c in children]
    relations += [RelationEntry(g, "parent", mother) for g in (grandmother, grandfather)]
    relations += [RelationEntry(g, "caregiver", c) for g in (grandmother, grandfather) for c in children]
    events = [
        EventEntry(
            "harassment",
            [mother, father],
            None,
            "Kashgar",
            "Repeatedly harassed by police and asked to turn in their passports",
        ),
        EventEntry("travel", [mother, father], parse("2016"), "Italy", "Fled from Kashgar to Italy"),
        EventEntry(
            "separation",
            [mother, father, *children],
            parse("2016"),
            "Kashgar",
            "The four children stayed with Mihriban's parents",
        ),
        EventEntry("detention", [grandmother], None, "", "Taken to a detention camp soon after the parents fled"),
        EventEntry("interrogation", [grandfather], None, "", "Interrogated for several days"),
        EventEntry("hospitalisation", [grandfather], None, "", "Hospitalised for months after the interrogation"),
        EventEntry("boarding_school_placement", [children[0]], None, "", "Admitted to a boarding school"),
        EventEntry("orphanage_placement", children[1:], None, "", "Placed in orphanages by the authorities"),
        EventEntry(
            "visa_application",
            [mother, father, *children],
            parse("2019"),
            "Italy",
            "Italy agreed to let the children travel to Italy (family reunification)",
        ),
        EventEntry(
            "travel",
            children,
            parse("2020-06"),
            "Shanghai",
            "Set off from Kashgar for the Italian consulate in Shanghai",
        ),
        EventEntry(
            "refusal",
            children,
            parse("2020-06"),
            "Shanghai",
            "Italian consulate in Shanghai refused: only the embassy in Beijing could issue "
            "family reunification visas, and Beijing was closed",
        ),
    ]
    application = ApplicationEntry(
        country="IT",
        authority="Italian government; consulate in Shanghai; embassy in Beijing",
        kind="family_reunification_visa",
        steps=[
            ApplicationStep("approved", parse("2019"), "Italy agreed to allow the children to travel to Italy"),
            ApplicationStep(
                "refused",
                parse("2020-06"),
                "Consulate in Shanghai refused: only the Beijing embassy can issue these visas",
            ),
        ],
        obstacles="Only the Italian embassy in Beijing can issue family reunification visas; "
        "Beijing was under strict closure in June 2020",
        applicants=children,
    )
    return TestimonyIntake(
        persons=persons,
        testifier=mother,
        given_on=PartialDate(date(2020, 1, 1), REPORT_DATE),
        recorded_by=ARTICLE,
        language="",
        text=(
            "Mihriban Kader and her husband Ablikim Memtimin, from Kashgar, were repeatedly harassed by police "
            "and asked to turn in their passports, and fled to Italy in 2016. Their four children stayed with "
            "Mihriban's parents; her mother was taken to a detention camp and her father interrogated, then "
            "hospitalised. \u201cAfter my parents\u2019 accident, other relatives were afraid to take care of my "
            "children, fearing they would also be sent to a detention camp.\u201d"
        ),
        sensitivity="public",
        may_be_named=True,
        may_quote_anonymously=True,
        may_share_with_partners=True,
        may_share_with_governments=True,
        relations=relations,
        events=events,
        sought=children,
        case_status="reunification_in_progress",
        applications=[application],
    )


def faruh_family() -> TestimonyIntake:
    father, mother, grandmother, grandfather = 0, 1, 2, 3
    daughters = [4, 5]
    last_contact = REPORT_DATE - timedelta(days=DAYS_WITHOUT_NEWS)
    persons = [
        _person("faruh:omer", ("Omer Faruh", FULL), ("Yomair", ALIAS), sex="M", status="abroad", status_place="Turkey"),
        _person("faruh:meryem", ("Meryem Faruh", FULL), sex="F", status="abroad", status_place="Turkey"),
        _person("faruh:grandmother", description="Meryem's mother", sex="F", status="detained"),
        _person("faruh:grandfather", description="Meryem's father", sex="M", status="detained"),
        _person("faruh:daughter1", description="Elder daughter", sex="F", status="unknown", status_place="Ghulja"),
        _person("faruh:daughter2", description="Younger daughter", sex="F", status="unknown", status_place="Ghulja"),
    ]
    relations = [RelationEntry(father, "spouse", mother)]
    relations += [RelationEntry(p, "parent", d) for p in (father, mother) for d in daughters]
    relations += [RelationEntry(g, "parent", mother) for g in (grandmother, grandfather)]
    relations += [RelationEntry(g, "caregiver", d) for g in (grandmother, grandfather) for d in daughters]
    events = [
        EventEntry(
            "separation",
            [father, mother, *daughters],
            None,
            "Ghulja",
            "Left their two young children at home in Kulle with Meryem's parents",
        ),
        EventEntry(
            "last_contact",
            [*daughters, father, mother],
            PartialDate(last_contact, last_contact),
            "",
            f"{DAYS_WITHOUT_NEWS:,} days before the report of 19 March 2021",
        ),
        EventEntry(
            "detention",
            [grandmother, grandfather],
            None,
            "",
            "Taken to a detention camp, as a close friend told the parents",
        ),
    ]
    return TestimonyIntake(
        persons=persons,
        testifier=father,
        given_on=PartialDate(date(2020, 1, 1), REPORT_DATE),
        recorded_by=ARTICLE,
        text=(
            "Omer and Meryem Faruh, in Turkey, left their two young children at home in Kulle with Meryem's "
            "parents. After they lost contact with the grandparents, a close friend told them they had been "
            "taken to a detention camp. \u201cFor the past 1,594 days, we have not heard from our daughters.\u201d"
        ),
        sensitivity="public",
        may_be_named=True,
        may_quote_anonymously=True,
        may_share_with_partners=True,
        may_share_with_governments=True,
        relations=relations,
        events=events,
        sought=daughters,
        case_status="tracing",
    )


SEED_FAMILIES = (kader_family, faruh_family)
