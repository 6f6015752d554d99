"""Cases to make dossiers of, and what a reader of a dossier sees."""

import re
import unicodedata
from dataclasses import replace
from html import unescape

import pypdfium2

from reunite.cases.demo import kader_family
from reunite.cases.intake import NameEntry, PersonEntry, TestimonyIntake, record_testimony
from reunite.cases.models import Case
from reunite.reports.dossier import Dossier, dossier_html

# A resident ID number of Kashgar city with a right check digit, invented.
ID_NUMBER = "653101198001010114"


def kader(creator=None, **consent) -> Case:
    """The Kader family's case, its testimony with the seed article's consents unless told otherwise."""
    return record_testimony(replace(kader_family(), **consent), creator, find_matches=False).cases_opened.get()


def kader_with_id_number(**consent) -> Case:
    """The Kader family's case, the children's father with a resident ID number."""
    intake = kader_family()
    intake.persons[1] = replace(intake.persons[1], identity_numbers=[ID_NUMBER])
    return record_testimony(replace(intake, **consent), find_matches=False).cases_opened.get()


def small_case(creator=None, **consent) -> Case:
    """An invented seeker and the person she seeks, told with every consent unless told otherwise: a dossier
    quick to render."""
    consent = {
        "may_be_named": True,
        "may_share_with_partners": True,
        "may_share_with_governments": True,
        **consent,
    }
    intake = TestimonyIntake(
        persons=[PersonEntry(names=[NameEntry("Gulnar Tursun")]), PersonEntry(names=[NameEntry("Ilyas Memet")])],
        text="Invented words of an invented witness.",
        sensitivity="restricted",
        sought=[1],
        **consent,
    )
    return record_testimony(intake, creator, find_matches=False).cases_opened.get()


def seen(dossier: Dossier) -> str:
    """The dossier's text as a reader of its HTML sees it: tags dropped, spaces collapsed."""
    article = re.search(r"<article.*</article>", dossier_html(dossier), re.DOTALL)[0]
    inline = re.sub(r"</?(bdi|span|strong)\b[^>]*>", "", article)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def pdf_text(content: bytes) -> str:
    """The PDF's text layer, every page, in compatibility form (Arabic letters come out in presentation forms)."""
    document = pypdfium2.PdfDocument(content)
    try:
        return unicodedata.normalize("NFKC", "\n".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()
