import json
from io import StringIO

import time_machine
from django.core.management import call_command

from reunite.cases.models import Case
from reunite.registry.models import Event, Person


def _seeker(name: str) -> Case:
    return Case.objects.get(seeker__names__text=name)


def test_the_kader_family_seeks_four_children(demo):
    assert _seeker("Mihriban Kader").sought.count() == 4


def test_three_kader_children_went_to_orphanages_and_one_to_a_boarding_school(demo):
    children = _seeker("Mihriban Kader").sought.all()
    placements = Event.objects.filter(persons__in=children).values_list("kind", flat=True)
    assert (
        sorted(placements.filter(kind__endswith="placement"))
        == ["boarding_school_placement"] + ["orphanage_placement"] * 3
    )


def test_the_refusal_in_shanghai_is_on_the_kader_application(demo):
    application = _seeker("Mihriban Kader").applications.get()
    assert [u.status for u in application.updates.all()] == ["approved", "refused"]


def test_the_father_is_found_under_every_spelling_the_article_uses(demo):
    father = Person.objects.get(known_identity="seed:kader:ablikim")
    assert {"Ablikom", "阿布力克木·买买提明", "ئابلىكىم مەمتىمىن"} <= set(father.names.values_list("text", flat=True))


def test_the_faruh_family_seeks_two_daughters(demo):
    assert sorted(p.description for p in _seeker("Omer Faruh").sought.all()) == ["Elder daughter", "Younger daughter"]


@time_machine.travel("2021-03-19")
def test_the_faruh_daughters_have_not_been_heard_from_for_1594_days(demo, logged_in):
    assert logged_in.get("/").content.decode().count('class="days">1,594 days<') == 2


def test_loading_the_demo_twice_adds_nothing(demo):
    before = Person.objects.count()
    call_command("demo", families=0, password="another demo password", no_linkage_model=True, stdout=StringIO())
    assert Person.objects.count() == before


def test_the_demo_prints_how_to_log_in(db):
    out = StringIO()
    call_command("demo", families=0, password="printed password", no_linkage_model=True, stdout=out)
    assert "as 'demo' with password 'printed password'" in out.getvalue()


def test_the_demo_trains_a_linkage_model_on_invented_families_so_find_matches_works(db, linkage_model_path):
    out = StringIO()
    call_command("demo", families=0, password="printed password", stdout=out)
    assert "Linkage model trained on 1500 invented families" in out.getvalue() and linkage_model_path.exists()


@time_machine.travel("2021-03-19")
def test_reunite_cases_json_lists_both_families_with_days_since_last_contact(demo):
    out = StringIO()
    call_command("cases", "--json", stdout=out)
    cases = {c["seeker"]["name"]: c for c in json.loads(out.getvalue())}
    assert [s["days_since_last_contact"] for s in cases["Omer Faruh"]["sought"]] == [1594, 1594] and len(
        cases["Mihriban Kader"]["sought"]
    ) == 4


def test_reunite_cases_prints_one_line_per_sought_person(demo):
    out = StringIO()
    call_command("cases", stdout=out)
    assert out.getvalue().count("Elder daughter") == 1
