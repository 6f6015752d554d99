import doctest
import subprocess
import sys

import pytest

import reunite.statistics
from reunite.statistics import Band, OneWayTable, TwoWayTable, band, suppress


def two_way(*counts):
    return TwoWayTable(
        tuple(f"row {i}" for i in range(len(counts))), tuple(f"col {j}" for j in range(len(counts[0]))), counts
    )


def everything_shown(published):
    rows = published.shown if isinstance(published.shown[0], tuple) else (published.shown,)
    return [shown for row in rows for shown in row]


def test_a_cell_of_3_is_never_visible_in_any_table_or_total():
    # Children by placement for one family group, and by prefecture: a 3 as a count and as a row's total.
    placements = OneWayTable.from_counts({"orphanage": 3, "boarding school": 12, "unknown": 40})
    by_prefecture = two_way((3, 0, 0), (12, 20, 8), (30, 25, 40))
    published = [suppress(placements), suppress(by_prefecture), band(placements), band(by_prefecture)]
    assert 3 not in [shown for table in published for shown in everything_shown(table)]


def test_a_row_with_one_small_cell_hides_a_second_one():
    published = suppress(two_way((3, 12, 40), (20, 30, 60), (40, 45, 70)))
    assert published.cells[0].count(None) == 2


def test_the_second_hidden_count_is_the_smallest_other_one():
    published = suppress(OneWayTable.from_counts({"detained": 3, "free": 40, "unknown": 12, "deceased": 25}))
    assert published.shown == (None, 40, None, 25, 80)


def test_between_equal_counts_the_first_is_hidden():
    published = suppress(OneWayTable.from_counts({"Turkey": 3, "Kazakhstan": 12, "Germany": 12}))
    assert published.shown == (None, None, 12, 27)


def test_two_small_counts_adding_up_below_the_threshold_take_a_third_with_them():
    # Hiding 1 and 2 alone would publish their sum, 3, by subtraction from the total.
    published = suppress(OneWayTable.from_counts({"a": 1, "b": 2, "c": 30, "d": 40}))
    assert published.shown == (None, None, None, 40, 73)


def test_a_total_below_the_threshold_is_hidden():
    published = suppress(OneWayTable.from_counts({"orphanage": 3, "boarding school": 0}))
    assert published.total is None


def test_zeros_are_shown():
    published = suppress(OneWayTable.from_counts({"orphanage": 0, "boarding school": 3, "unknown": 12, "home": 20}))
    assert published.cells[0] == 0


def test_large_counts_are_shown_exactly():
    published = suppress(two_way((3, 12, 40), (20, 30, 60), (40, 45, 70)))
    assert published.shown[2] == (40, 45, 70, 155)


def test_hiding_a_second_cell_in_a_row_hides_more_in_its_columns_until_no_line_has_one():
    published = suppress(two_way((3, 10, 50), (20, 30, 60), (40, 45, 70)))
    assert published.secondary == {(0, 1), (1, 0), (1, 1)}


def test_only_the_small_count_is_primary():
    published = suppress(two_way((3, 10, 50), (20, 30, 60), (40, 45, 70)))
    assert published.primary == {(0, 0)}


def test_a_square_of_ones_that_could_only_be_ones_is_protected_further():
    # With threshold 2 each row and column of the square hides two ones, summing to 2: a reader who knows a hidden
    # count is at least 1 would still know each is 1, so a loop of larger counts is hidden with them.
    published = suppress(two_way((1, 1, 20), (1, 1, 30), (20, 30, 40)), threshold=2)
    assert published.secondary == {(0, 2), (1, 2), (2, 0), (2, 1), (2, 2)}


def test_a_higher_threshold_hides_larger_counts():
    published = suppress(OneWayTable.from_counts({"a": 7, "b": 12, "c": 40}), threshold=10)
    assert published.cells[0] is None


def test_the_method_text_says_what_was_done():
    method = suppress(OneWayTable.from_counts({"a": 7, "b": 12})).method
    assert method.startswith("Counts below 5 are not shown, nor is any total below 5 (primary suppression).")


def test_banding_shows_1_4_for_3():
    published = band(OneWayTable.from_counts({"orphanage": 3, "boarding school": 12}))
    assert str(published.cells[0]) == "1–4"


def test_banding_shows_a_zero_as_0():
    published = band(OneWayTable.from_counts({"orphanage": 0, "boarding school": 12}))
    assert published.cells[0] == 0


def test_a_banded_total_is_the_range_its_bands_add_up_to():
    # Banded on its own, a total of 4 would be "1–4", and four counts in "1–4" could then only be four ones.
    published = band(OneWayTable.from_counts({"a": 1, "b": 1, "c": 1, "d": 1}))
    assert published.total == Band(4, 16)


def test_banded_totals_of_a_two_way_table_add_up_the_bands_of_their_line():
    published = band(two_way((3, 0), (20, 30)))
    assert published.shown[2] == (Band(21, 28), Band(30, 34), Band(51, 62))


def test_bands_past_the_last_edge_keep_the_last_width():
    published = band(OneWayTable.from_counts({"a": 37, "b": 120}), edges=(1, 10, 50))
    assert published.cells == (Band(10, 49), Band(90, 129))


def test_the_banding_method_text_names_the_bands_and_the_threshold():
    method = band(OneWayTable.from_counts({"a": 7})).method
    assert method.startswith(
        "Counts are shown in bands (1–4, 5–9, 10–14, …) rather than exactly, so that no count below 5"
    )


def test_a_threshold_of_2_still_bands_at_least_two_counts_together():
    published = band(OneWayTable.from_counts({"a": 1, "b": 3}), threshold=2)
    assert published.cells == (Band(1, 2), Band(3, 5))


def test_bands_that_would_show_a_count_exactly_are_refused():
    with pytest.raises(ValueError, match="at least two counts"):
        band(OneWayTable.from_counts({"a": 1}), edges=(1, 2, 5))


def test_a_first_band_that_leaves_out_small_counts_is_refused():
    with pytest.raises(ValueError, match="every count below the threshold"):
        band(OneWayTable.from_counts({"a": 1}), threshold=10, edges=(1, 5))


def test_a_threshold_below_2_is_refused():
    with pytest.raises(ValueError, match="2 or more"):
        suppress(OneWayTable.from_counts({"a": 1}), threshold=1)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="0 or more"):
        OneWayTable.from_counts({"a": -1})


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="3 counts for 2 labels"):
        TwoWayTable(("a",), ("x", "y"), ((1, 2, 3),))


def test_a_notebook_can_import_the_package_without_django():
    code = "import sys, reunite.statistics; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_example_in_the_package_docstring_holds():
    assert doctest.testmod(reunite.statistics).failed == 0
