"""The case dossier (`reunite.reports.dossier`): what a lawyer and a government each get of a case, and what never
leaves."""

import unicodedata
from pathlib import Path

import pypdfium2
import pytest
import time_machine

from reunite.accounts.models import Organisation
from reunite.cases.demo import faruh_family
from reunite.cases.intake import record_testimony
from reunite.cases.models import Case
from reunite.dates import parse
from reunite.registry.disclosure import NotAllowed
from reunite.registry.models import Event, EventPerson, PersonName, Place, Source, Statement
from reunite.reports.dossier import NotDisclosed, build_dossier, dossier_html, dossier_pdf
from tests.accounts import account
from tests.reports.helpers import ID_NUMBER, kader, kader_with_id_number, pdf_text, seen

SCREENSHOT = Path(__file__).parents[2] / "var" / "screenshots" / "dossier-kader.png"
FATHER_ARABIC = "ئابلىكىم مەمتىمىن"
FATHER_CHINESE = "阿布力克木·买买提明"
# What a second source, which agreed to go to partners but not to governments, says of the Kader family.
SECOND_SOURCE_SAYS = ["Ablikim Distinctname", "Aksu", "Exit ban", "with relatives"]


@pytest.fixture
def kader_pdf(user) -> bytes:
    return dossier_pdf(build_dossier(user, kader().pk, "lawyer"))


@pytest.fixture
def second_source(user) -> Case:
    """The Kader case, and a second testimony, shared with partners only, adding to what the first says."""
    case = kader()
    other = Source.objects.create(
        kind=Source.Kind.TESTIMONY, sensitivity="public", may_be_named=True, may_share_with_partners=True
    )
    father = case.source.persons_introduced.get(known_identity="seed:kader:ablikim")
    PersonName.objects.create(person=father, text="Ablikim Distinctname", source=other)
    child = case.sought.order_by("id").first()
    Statement.objects.create(
        person=child, source=other, status="with_relatives", birthplace=Place.objects.named("Aksu")
    )
    ban = Event.objects.create(kind="exit_ban", date=parse("2021-05"), source=other)
    EventPerson.objects.create(event=ban, person=child)
    return case


def test_a_lawyer_s_dossier_names_the_children_s_father_in_latin(kader_pdf):
    assert "Ablikim Memtimin" in pdf_text(kader_pdf)


def test_a_lawyer_s_dossier_names_the_children_s_father_in_chinese(kader_pdf):
    assert FATHER_CHINESE in pdf_text(kader_pdf)


def test_the_pdf_carries_the_father_s_name_in_uyghur_arabic_letters(kader_pdf):
    # The text layer gives right-to-left words in visual order: each word is found, not the phrase.
    words = unicodedata.normalize("NFKC", FATHER_ARABIC).split()
    assert [word for word in words if word not in pdf_text(kader_pdf)] == []


def test_the_father_s_uyghur_arabic_name_is_marked_as_uyghur_right_to_left(user):
    html = dossier_html(build_dossier(user, kader().pk, "lawyer"))
    assert f'<bdi lang="ug" dir="rtl">{FATHER_ARABIC}</bdi>' in html


def test_the_father_s_chinese_name_is_marked_as_chinese(user):
    html = dossier_html(build_dossier(user, kader().pk, "lawyer"))
    assert f'<bdi lang="zh">{FATHER_CHINESE}</bdi>' in html


def test_the_names_engine_s_renderings_are_labelled_as_transliterations(user):
    text = seen(build_dossier(user, kader().pk, "lawyer"))
    assert "Transliteration by reunite (no source wrote it): Uyghur Latin (ULY)" in text and "Ablikom ئابلىكوم" in text


def test_each_relationship_is_named_both_ways(user):
    assert "Ablikim Memtimin parent Sought person 1 child S1" in seen(build_dossier(user, kader().pk, "lawyer"))


def test_the_refusal_at_the_shanghai_consulate_is_in_the_timeline(user):
    assert "2020-06 Refusal Shanghai" in seen(build_dossier(user, kader().pk, "lawyer"))


def test_the_refusal_is_a_step_of_the_italian_application(user):
    text = seen(build_dossier(user, kader().pk, "lawyer"))
    assert "Family reunification visa · Italy (IT)" in text and "2020-06 refused" in text


def test_each_event_says_its_source_by_kind_and_date(user):
    text = seen(build_dossier(user, kader().pk, "government"))
    assert (
        "Refusal Shanghai Sought person 1; Sought person 2; Sought person 3; Sought person 4 S1: testimony, given"
        in text
    )


@time_machine.travel("2021-03-19")
def test_the_faruh_dossier_counts_the_days_since_the_daughters_were_heard_from(user):
    case = record_testimony(faruh_family(), find_matches=False).cases_opened.get()
    assert "Days since last contact: 1,594 days" in seen(build_dossier(user, case.pk, "lawyer"))


def test_a_source_without_consent_for_governments_adds_nothing_to_a_government_dossier(user, second_source):
    text = seen(build_dossier(user, second_source.pk, "government"))
    assert [said for said in SECOND_SOURCE_SAYS if said in text] == []


def test_the_same_source_adds_its_facts_to_a_lawyer_s_dossier(user, second_source):
    text = seen(build_dossier(user, second_source.pk, "lawyer"))
    assert [said for said in SECOND_SOURCE_SAYS if said not in text] == []


def test_the_government_dossier_says_how_many_sources_it_left_out(user, second_source):
    text = seen(build_dossier(user, second_source.pk, "government"))
    assert "1 source about this family is left out: its witness did not consent to sharing with governments" in text


def test_a_source_without_consent_to_be_named_gives_no_name_or_id_number(user):
    case = kader_with_id_number(may_be_named=False)
    text = pdf_text(dossier_pdf(build_dossier(user, case.pk, "lawyer")))
    # Word by word: the text layer gives right-to-left words in visual order.
    names = [unicodedata.normalize("NFKC", name) for name in PersonName.objects.values_list("text", flat=True)]
    words = {word for name in names for word in name.split()}
    assert [said for said in [*words, ID_NUMBER] if said in text] == []


def test_a_person_whose_name_is_withheld_is_said_to_be(user):
    text = seen(build_dossier(user, kader(may_be_named=False).pk, "lawyer"))
    assert "Seeker seeker name withheld (no consent to be named)" in text


def test_the_dossier_names_the_id_number_with_consent_to_be_named(user):
    assert ID_NUMBER in seen(build_dossier(user, kader_with_id_number().pk, "government"))


def test_the_testimony_s_words_never_appear(user):
    case = kader()
    text = seen(build_dossier(user, case.pk, "lawyer"))
    sentences = [sentence for sentence in case.source.text.split(". ") if sentence in text]
    assert sentences == []


def test_descriptions_and_notes_written_from_the_testimony_stay_in_the_organisation(user):
    text = seen(build_dossier(user, kader().pk, "lawyer"))
    written = ["Beijing was under strict closure", "only the embassy in Beijing", "Eldest child", "Mihriban's mother"]
    assert [words for words in written if words in text] == []


def test_a_government_dossier_of_a_testimony_without_that_consent_is_refused(user):
    with pytest.raises(NotDisclosed, match="has no consent to be shared with governments"):
        build_dossier(user, kader(may_share_with_governments=False).pk, "government")


def test_another_organisation_s_case_is_not_found(user):
    theirs = account("caseworker", "partner", organisation=Organisation.objects.create(name="Invented partner"))
    with pytest.raises(Case.DoesNotExist):
        build_dossier(user, kader(theirs).pk, "lawyer")


@pytest.mark.parametrize("role", ["advocate", "researcher", None])
def test_only_those_who_follow_cases_make_dossiers(db, role):
    case = kader(sensitivity="public")
    with pytest.raises(NotAllowed):
        build_dossier(account(role, f"{role}"), case.pk, "lawyer")


def test_an_unknown_recipient_is_refused(user):
    with pytest.raises(ValueError):
        build_dossier(user, kader().pk, "journalist")


def test_page_one_of_the_kader_dossier_is_kept_as_a_picture(kader_pdf):
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(kader_pdf)
    document[0].render(scale=1.5).to_pil().save(SCREENSHOT)
    document.close()
    assert SCREENSHOT.stat().st_size > 0
