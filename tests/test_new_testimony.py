from stdnum.cn import ric

from reunite.cases.models import Case
from reunite.registry.models import Event, IdentityNumber, Person, PersonName, Relationship, Source, Statement
from tests.intake_form import intake_post

URL = "/testimonies/new/"


def _resident_id(body: str) -> str:
    """An invented resident ID number: 17 digits and their check digit."""
    return body + ric.calc_check_digit(body + "0")


# Invented: Hotan city's area code, a woman born 1985-02-03; a man born 2011-04-02 (the son is said born 2010).
MOTHER_ID = _resident_id("65320119850203002")
SON_ID_OTHER_DATE = _resident_id("65320120110402001")


def _nothing_stored() -> bool:
    return not (Source.objects.exists() or Person.objects.exists() or Event.objects.exists())


def test_the_form_offers_every_section(logged_in):
    page = logged_in.get(URL).content.decode()
    assert all(part in page for part in ["The testimony", "The seeker", "Person 1", "What happened"])


def test_a_full_testimony_opens_a_case_for_the_sought_child(logged_in):
    response = logged_in.post(URL, intake_post())
    case = Case.objects.get()
    assert response.headers["Location"] == f"/cases/{case.pk}/"
    assert [p.display_name for p in case.sought.all()] == ["Ilyas Memet"]


def test_the_same_save_stores_names_in_every_script_given(logged_in):
    logged_in.post(URL, intake_post())
    assert set(PersonName.objects.values_list("text", "script")) == {
        ("Gulnar Tursun", "Latn"),
        ("گۈلنار تۇرسۇن", "Arab"),
        ("Ilyas Memet", "Latn"),
        ("伊力亚斯·买买提", "Hani"),
    }


def test_the_mother_is_stored_as_parent_of_her_son(logged_in):
    logged_in.post(URL, intake_post())
    relationship = Relationship.objects.get()
    assert (relationship.person.display_name, relationship.kind, relationship.relative.display_name) == (
        "Gulnar Tursun",
        "parent",
        "Ilyas Memet",
    )


def test_last_contact_and_told_events_are_stored_with_the_testimony_as_source(logged_in):
    logged_in.post(URL, intake_post())
    source = Source.objects.get()
    assert sorted((kind, str(date)) for kind, date in source.events.values_list("kind", "date")) == [
        ("last_contact", "2017-05-01"),
        ("orphanage_placement", "2018"),
    ]


def test_an_impossible_date_is_refused_naming_the_field(logged_in):
    response = logged_in.post(URL, intake_post(**{"relatives-0-birth_date": "2010-02-30"}))
    assert "2010-02-30 does not exist" in response.content.decode() and _nothing_stored()


def test_a_last_contact_before_birth_is_refused_and_nothing_is_saved(logged_in):
    response = logged_in.post(URL, intake_post(**{"relatives-0-last_contact": "2009-01-01"}))
    assert "before the person was born" in response.content.decode() and _nothing_stored()


def test_a_relationship_to_oneself_is_refused(logged_in):
    response = logged_in.post(
        URL, intake_post(**{"relations-0-holder": "1", "relations-0-role": "caregiver", "relations-0-other": "1"})
    )
    assert "cannot be their own relative" in response.content.decode() and _nothing_stored()


def test_a_person_without_name_or_description_is_refused(logged_in):
    response = logged_in.post(URL, intake_post(**{"relatives-0-name": "", "relatives-0-other_names": ""}))
    assert "give a name, or describe the person" in response.content.decode() and _nothing_stored()


def test_an_event_about_an_empty_row_is_refused(logged_in):
    response = logged_in.post(URL, intake_post(**{"events-0-persons": "3"}))
    assert "Person 3 is empty" in response.content.decode() and _nothing_stored()


def test_a_person_named_only_by_description_is_accepted(logged_in):
    logged_in.post(
        URL,
        intake_post(
            **{"relatives-0-name": "", "relatives-0-other_names": "", "relatives-0-description": "youngest son"}
        ),
    )
    assert Case.objects.get().sought.get().display_name == "youngest son"


def test_a_relationship_problem_is_shown_on_its_row(logged_in):
    response = logged_in.post(
        URL, intake_post(**{"relations-0-holder": "1", "relations-0-role": "caregiver", "relations-0-other": "1"})
    )
    assert response.context["page"].relations.forms[0].errors["other"] == ["a person cannot be their own relative"]


def _statement_of(name: str) -> Statement:
    return Statement.objects.get(person__names__text=name)


def test_an_id_number_fills_an_empty_birth_date(logged_in):
    logged_in.post(URL, intake_post(**{"seeker-id_number": MOTHER_ID}))
    assert str(_statement_of("Gulnar Tursun").birth_date) == "1985-02-03"


def test_an_id_number_fills_an_empty_sex(logged_in):
    logged_in.post(URL, intake_post(**{"seeker-id_number": MOTHER_ID, "seeker-sex": ""}))
    assert _statement_of("Gulnar Tursun").sex == "F"


def test_an_id_number_fills_an_empty_birthplace_with_its_county(logged_in):
    logged_in.post(URL, intake_post(**{"seeker-id_number": MOTHER_ID, "seeker-birthplace": ""}))
    assert _statement_of("Gulnar Tursun").birthplace.code == "653201"


def test_an_id_number_of_another_birthplace_gives_a_warning(logged_in):
    response = logged_in.post(
        URL, intake_post(**{"seeker-id_number": MOTHER_ID, "seeker-birthplace": "Kashgar"}), follow=True
    )
    assert "the ID number gives birthplace Hotan (和田市), not Kashgar" in response.content.decode()


def test_an_id_number_within_the_stated_prefecture_agrees(logged_in):
    response = logged_in.post(
        URL, intake_post(**{"seeker-id_number": MOTHER_ID, "seeker-birthplace": "Hotan prefecture"}), follow=True
    )
    assert "gives birthplace" not in response.content.decode()


def test_an_id_number_is_stored_as_written_and_normalised(logged_in):
    written = f"{MOTHER_ID[:6]} {MOTHER_ID[6:14]} {MOTHER_ID[14:]}"
    logged_in.post(URL, intake_post(**{"seeker-id_number": written}))
    assert IdentityNumber.objects.values_list("value", "normalised").get() == (written, MOTHER_ID)


def test_a_contradicting_id_number_gives_a_warning(logged_in):
    response = logged_in.post(URL, intake_post(**{"relatives-0-id_number": SON_ID_OTHER_DATE}), follow=True)
    assert "Person 1: the ID number gives birth date 2011-04-02, not within 2010-04-02" in response.content.decode()


def test_a_contradicting_id_number_keeps_the_testimonys_birth_date(logged_in):
    logged_in.post(URL, intake_post(**{"relatives-0-id_number": SON_ID_OTHER_DATE}))
    assert str(_statement_of("Ilyas Memet").birth_date) == "2010-04-02"


def test_an_id_number_of_the_other_sex_gives_a_warning(logged_in):
    response = logged_in.post(URL, intake_post(**{"seeker-id_number": SON_ID_OTHER_DATE}), follow=True)
    assert "The seeker: the ID number says male, the testimony female" in response.content.decode()


def test_a_wrong_check_digit_is_saved_and_flagged(logged_in):
    wrong = MOTHER_ID[:-1] + ("7" if MOTHER_ID[-1] != "7" else "3")
    logged_in.post(URL, intake_post(**{"seeker-id_number": wrong}))
    assert IdentityNumber.objects.get().checksum_ok is False


def test_a_malformed_id_number_is_refused_on_its_field(logged_in):
    response = logged_in.post(URL, intake_post(**{"relatives-0-id_number": MOTHER_ID[:16]}))
    assert response.context["page"].relatives.forms[0].errors["id_number"] == [
        "the ID number is not a resident ID: has 16 characters; a resident ID has 18 (or 15 in the old form)"
    ]


def test_a_malformed_id_number_stores_nothing(logged_in):
    logged_in.post(URL, intake_post(**{"relatives-0-id_number": MOTHER_ID[:14] + "02X1"}))
    assert _nothing_stored()


def test_a_wrong_check_digit_gives_a_warning(logged_in):
    wrong = MOTHER_ID[:-1] + ("7" if MOTHER_ID[-1] != "7" else "3")
    response = logged_in.post(URL, intake_post(**{"seeker-id_number": wrong}), follow=True)
    assert "The seeker: the ID number&#x27;s check digit is" in response.content.decode()
