"""The PDF of the demo data, made as a user would: `reunite migrate`, `reunite demo`, `reunite report`, in a
REUNITE_HOME of its own. Its text layer is read back, and its pages rendered to PNG (var/screenshots/)."""

import unicodedata
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest

from tests.test_encrypted_database import reunite

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> pypdfium2.PdfDocument:
    home = tmp_path_factory.mktemp("demo-report")
    output = home / "report.pdf"
    for args in (
        ["migrate", "-v0"],
        ["demo", "--password", "demo password for tests", "--no-linkage-model"],
        ["report", "--as", "demo", "--to", "2026-12-01", "--output", str(output)],
    ):
        done = reunite(home, *args)
        assert done.returncode == 0, done.stderr
    return pypdfium2.PdfDocument(output.read_bytes())


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return unicodedata.normalize("NFKC", "\n".join(page.get_textpage().get_text_range() for page in pdf))


def test_the_report_quotes_the_faruh_family_s_1594_days(text):
    assert "For the past 1,594 days, we have not heard from our daughters." in text


def test_the_report_quotes_the_kader_family_without_a_name(text):
    assert "other relatives were afraid to take care of my children" in text


def test_the_report_names_the_obstacle_of_the_kader_children_at_the_shanghai_consulate(text):
    assert "only the embassy in Beijing issues the visa" in text


def test_prefectures_are_written_in_chinese(text):
    assert "喀什地区" in text


def test_prefectures_are_written_in_uyghur(text):
    # The text layer holds Arabic letters in the order they are drawn: compare the letters, not their order.
    assert not Counter("قەشقەر ۋىلايىتى") - Counter(text)


def test_the_report_states_its_method_of_protection(text):
    assert "Counts below 5 are not shown" in text


def test_the_pages_render_to_png(pdf):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pdf, start=1):
        page.render(scale=1.5).to_pil().save(SCREENSHOTS / f"report-page-{number}.png")
    assert (SCREENSHOTS / "report-page-1.png").stat().st_size > 10_000


def test_uyghur_and_chinese_are_drawn_not_left_blank(pdf, text):
    # The page with the prefectures, rendered: a font missing its letters would leave the cells empty or boxed.
    page = next(p for p in pdf if "喀什地区" in p.get_textpage().get_text_range())
    image = page.render(scale=1).to_pil().convert("L")
    assert sum(image.histogram()[:128]) > 5_000  # dark pixels
