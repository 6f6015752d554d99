"""The report's figures before protection, against counts made by hand from the seed article's two families.

Kader: four children sought (three in orphanages, one in a boarding school), no date of last contact, the
grandmother detained, the grandfather interrogated; from Kashgar, living in Italy; one application to Italy for
family reunification visas, refused. Faruh: two daughters sought, whereabouts unknown, last heard from 1,594 days
before the article; both grandparents detained; from Ghulja (Ili), living in Turkey; no application.
"""

from datetime import date

from reunite.accounts.models import Organisation
from reunite.cases.demo import REPORT_DATE, kader_family
from reunite.cases.intake import record_testimony
from reunite.reports.figures import Period, count_figures
from reunite.review.decisions import decide
from tests.review.helpers import candidate

AS_OF_ARTICLE = Period(end=REPORT_DATE)


def counts(name: str, period: Period = AS_OF_ARTICLE) -> dict:
    table = count_figures(Organisation.objects.sole(), period).table(name).counts
    if hasattr(table, "categories"):
        return {c: n for c, n in zip(table.categories, table.counts, strict=True) if n}
    return {
        (r, c): n
        for r, row in zip(table.rows, table.counts, strict=True)
        for c, n in zip(table.columns, row, strict=True)
        if n
    }


def test_families_are_counted_by_the_status_of_their_case(families):
    assert counts("families_by_status") == {"tracing": 1, "reunification in progress": 1}


def test_sought_persons_are_counted_by_status(families):
    assert counts("sought_persons_by_status") == {"in a state orphanage": 3, "in a boarding school": 1, "unknown": 2}


def test_children_are_counted_by_where_they_are(families):
    assert counts("children_by_placement") == {"state orphanage": 3, "boarding school": 1, "unknown": 2}


def test_children_are_counted_by_prefecture_of_origin_and_placement(families):
    assert counts("children_by_prefecture_and_placement") == {
        ("Kashgar prefecture · 喀什地区 · قەشقەر ۋىلايىتى", "state orphanage"): 3,
        ("Kashgar prefecture · 喀什地区 · قەشقەر ۋىلايىتى", "boarding school"): 1,
        ("Ili · 伊犁哈萨克自治州 · ئىلى قازاق ئاپتونوم ۋىلايىتى", "unknown"): 2,
    }


def test_time_since_last_contact_is_counted_as_of_the_last_day_of_the_period(families):
    assert counts("days_since_last_contact") == {"4 to 5 years": 2, "no date of last contact": 4}


def test_the_days_since_last_contact_are_those_the_article_gives(families):
    assert count_figures(Organisation.objects.sole(), Period(end=REPORT_DATE)).days == (1594, 1594)


def test_caregivers_are_counted_by_detention(families):
    assert counts("caregivers_detained") == {"detained or imprisoned": 3, "not reported detained": 1}


def test_families_are_counted_by_country_of_residence_of_the_seeker(families):
    assert counts("families_by_country_of_residence") == {"Italy": 1, "Türkiye": 1}


def test_applications_are_counted_by_country_and_outcome(families):
    assert counts("applications_by_country_and_outcome") == {("Italy", "refused"): 1}


def test_the_obstacles_of_the_application_are_named(families):
    figures = count_figures(Organisation.objects.sole(), Period(end=REPORT_DATE))
    assert {category for category, n in figures.obstacles if n} == {
        "only the embassy in Beijing issues the visa",
        "embassy or consulate closed",
    }


def test_cases_outside_the_period_are_not_counted(families):
    assert counts("families_by_status", Period(date(2010, 1, 1), date(2019, 12, 31))) == {}


def test_records_confirmed_as_one_person_are_counted_once(families, django_user_model):
    again = record_testimony(kader_family())
    first = families[0].persons_introduced.get(known_identity="seed:kader:child1")
    second = again.persons_introduced.get(known_identity="seed:kader:child1")
    decide(candidate(first, second), "same", django_user_model.objects.create_user("reviewer"))
    assert counts("children_by_placement")["boarding school"] == 1
