"""A small count is never visible: the Kader family's three children in orphanages are a cell of 3."""

import csv
import io
from dataclasses import replace

import pytest

from reunite.reports import charts, report
from reunite.reports.options import read_options
from reunite.reports.publish import Method
from reunite.statistics import Band, OneWayTable, suppress
from tests.reports.conftest import AS_OF_ARTICLE

THRESHOLD = 5


def every_figure(made) -> list:
    published = made.published
    figures = []
    for table in published.tables:
        shown = table.published.shown
        figures += [v for row in shown for v in row] if table.two_way else list(shown)
    figures += [n for _, n in published.obstacles] + [published.applications]
    return figures


def test_no_count_or_total_below_the_threshold_is_published(families, advocate):
    made = report.make_report(advocate, AS_OF_ARTICLE)
    assert [v for v in every_figure(made) if isinstance(v, int) and 0 < v < THRESHOLD] == []


def test_a_band_reaching_below_the_threshold_leaves_every_small_count_possible(families, advocate):
    made = report.make_report(advocate, replace(AS_OF_ARTICLE, method=Method.BAND))
    low_bands = [v for v in every_figure(made) if isinstance(v, Band) and v.low < THRESHOLD]
    assert [b for b in low_bands if b.high - b.low + 1 < THRESHOLD - 1] == []


def test_the_orphanage_row_of_the_page_shows_no_count(families, advocate):
    made = report.make_report(advocate, AS_OF_ARTICLE)
    view = next(t for t in report.context(made)["tables"] if t["name"] == "children_by_placement")
    assert dict(view["rows"])["state orphanage"][0].text == "–"


def test_no_csv_cell_holds_a_small_count(families, advocate):
    made = report.make_report(advocate, AS_OF_ARTICLE)
    cells = [cell for text in report.csv_tables(made).values() for row in csv.reader(io.StringIO(text)) for cell in row]
    assert [cell for cell in cells if cell in {"1", "2", "3", "4"}] == []


def test_the_median_and_longest_wait_of_two_persons_are_not_shown(families, advocate):
    made = report.make_report(advocate, AS_OF_ARTICLE)
    assert (made.published.contact.median, made.published.contact.longest) == (None, None)


def test_a_chart_is_the_same_whatever_the_hidden_count_is():
    # 3 and 4 both hidden, with the same shown total: a chart drawn from either must be the same picture.
    three = suppress(OneWayTable(("a", "b", "c"), (3, 13, 40)))
    four = suppress(OneWayTable(("a", "b", "c"), (4, 12, 40)))
    assert charts.bar_chart(three, "persons") == charts.bar_chart(four, "persons")


@pytest.mark.parametrize("threshold", [1, 0, -3])
def test_a_threshold_below_two_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        read_options(None, None, threshold, "suppress", 3)
