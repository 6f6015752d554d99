import time_machine

from reunite.cases.models import Case


def _case(name: str) -> Case:
    return Case.objects.get(seeker__names__text=name)


@time_machine.travel("2021-03-19")
def test_sought_persons_show_days_since_last_contact(demo, logged_in):
    page = logged_in.get(f"/cases/{_case('Omer Faruh').pk}/").content.decode()
    assert page.count('class="days">1,594 days<') == 2


def test_the_application_history_tells_the_shanghai_refusal(demo, logged_in):
    page = logged_in.get(f"/cases/{_case('Mihriban Kader').pk}/").content.decode()
    assert "only the Beijing embassy can issue these visas" in page


def test_the_timeline_of_the_case_includes_the_grandparents_detention(demo, logged_in):
    page = logged_in.get(f"/cases/{_case('Omer Faruh').pk}/").content.decode()
    assert "Detention" in page


def test_changing_the_status_is_kept_in_the_history(demo, logged_in):
    case = _case("Omer Faruh")
    logged_in.post(f"/cases/{case.pk}/status/", {"status": "located", "reason": "Found in a list"})
    assert list(case.status_changes.values_list("status", flat=True)) == ["tracing", "located"]


def test_closing_a_case_needs_a_reason(demo, logged_in):
    case = _case("Omer Faruh")
    logged_in.post(f"/cases/{case.pk}/status/", {"status": "closed", "reason": ""})
    case.refresh_from_db()
    assert case.status == "tracing"


def test_an_application_can_be_added_and_followed(demo, logged_in):
    case = _case("Omer Faruh")
    logged_in.post(
        f"/cases/{case.pk}/applications/",
        {
            "country": "tr",
            "authority": "Turkish embassy in Beijing",
            "kind": "family_reunification_visa",
            "status": "submitted",
            "filed_on": "2021-04",
        },
    )
    application = case.applications.get()
    logged_in.post(
        f"/applications/{application.pk}/updates/",
        {"status": "refused", "date": "2021-09", "note": "Children's passports confiscated"},
    )
    application.refresh_from_db()
    assert (application.country, application.status, application.updates.count()) == ("TR", "refused", 2)


def test_the_case_list_filters_by_status(demo, logged_in):
    page = logged_in.get("/cases/?status=tracing").content.decode()
    assert "Omer Faruh" in page and "Mihriban Kader" not in page
