import time_machine

from reunite.cases.intake import EventEntry, NameEntry, PersonEntry, TestimonyIntake, record_testimony
from reunite.dates import parse
from reunite.registry.models import Person
from tests.accounts import sign_in


def _family(name: str, *contacts: str, status: str = "open"):
    child = PersonEntry(names=[NameEntry(name)])
    events = [EventEntry("last_contact", [1, 0], parse(c)) for c in contacts]
    record_testimony(
        TestimonyIntake(
            persons=[PersonEntry(names=[NameEntry(f"Parent of {name}")]), child],
            events=events,
            sought=[1],
            case_status=status,
        )
    )
    return Person.objects.get(names__text=name)


@time_machine.travel("2021-03-19")
def test_days_since_last_contact_counts_from_the_latest_last_contact(logged_in):
    _family("Aynur Ablet", "2015-01-01", "2016-11-06", "2016-03-02")
    assert "1,594 days" in logged_in.get("/").content.decode()


def test_days_since_last_contact_grows_with_the_date(logged_in, user):
    _family("Aynur Ablet", "2016-11-06")
    with time_machine.travel("2021-03-19"):
        before = logged_in.get("/").content.decode()
    with time_machine.travel("2021-03-29"):
        # Ten days on, the session has long expired: the caseworker logs in again.
        after = sign_in(logged_in, user).get("/").content.decode()
    assert "1,594 days" in before and "1,604 days" in after


@time_machine.travel("2021-03-19")
def test_an_imprecise_last_contact_shows_a_lower_bound(logged_in):
    _family("Aynur Ablet", "2016")
    assert "at least 1,539 days" in logged_in.get("/").content.decode()


def test_the_longest_without_contact_comes_first(logged_in):
    _family("Recent Child", "2019-06-01")
    _family("Oldest Child", "2016-01-01")
    _family("Middle Child", "2017-06-01")
    page = logged_in.get("/").content.decode()
    assert page.index("Oldest Child") < page.index("Middle Child") < page.index("Recent Child")


def test_a_sought_person_never_heard_from_is_listed_without_a_figure(logged_in):
    _family("Silent Child")
    assert "no contact recorded" in logged_in.get("/").content.decode()


def test_reunified_cases_leave_the_waiting_list(logged_in):
    _family("Home Child", "2018-01-01", status="reunified")
    assert "Home Child" not in logged_in.get("/").content.decode()


def test_cases_are_counted_by_status(logged_in):
    _family("A", "2018-01-01", status="tracing")
    _family("B", "2018-01-01", status="tracing")
    assert "<strong>2</strong>Tracing" in logged_in.get("/").content.decode()


def test_an_empty_registry_says_how_to_start(logged_in):
    assert "Record a testimony" in logged_in.get("/").content.decode()
