"""What must hold for any table: nothing small is shown, nothing hidden can be worked out, what is shown is true.

The attacks are written here from the published figures alone, independently of the package's own audit: the one a
reader can do by hand (a line with a single unknown gives it away; repeated until nothing more is learnt), and the
exact one, a linear programme per hidden count for its smallest and largest possible value. A 2-D table with its
margins has a totally unimodular constraint matrix, so those bounds are whole numbers: an interval wider than zero
means at least two possible counts.
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from reunite.statistics import Band, OneWayTable, TwoWayTable, band, suppress

counts = st.one_of(st.integers(0, 9), st.integers(0, 50))
thresholds = st.integers(2, 10)
one_way_tables = st.lists(counts, min_size=1, max_size=8).map(
    lambda values: OneWayTable(tuple(f"c{i}" for i in range(len(values))), tuple(values))
)
two_way_tables = (
    st.integers(1, 4)
    .flatmap(lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=4))
    .map(
        lambda rows: TwoWayTable(
            tuple(f"r{i}" for i in range(len(rows))),
            tuple(f"k{j}" for j in range(len(rows[0]))),
            tuple(map(tuple, rows)),
        )
    )
)
any_tables = st.one_of(one_way_tables, two_way_tables)


def true_and_shown(table, published):
    """Every count and total, true and as published, in one flat order; and the lines (positions, total last)."""
    if isinstance(table, OneWayTable):
        return [*table.counts, table.total], list(published.shown), [list(range(len(table.counts) + 1))]
    grid = table.with_margins()
    height, width = len(grid), len(grid[0])
    lines = [[i * width + j for j in range(width)] for i in range(height)]
    lines += [[i * width + j for i in range(height)] for j in range(width)]
    return [v for row in grid for v in row], [s for row in published.shown for s in row], lines


def recovered_by_hand(shown, lines):
    """Positions a reader learns by repeatedly solving lines with a single unknown."""
    known = {p for p, s in enumerate(shown) if isinstance(s, int)}
    learnt = set()
    while single := next((line for line in lines if len(set(line) - known) == 1), None):
        (position,) = set(single) - known
        known.add(position)
        learnt.add(position)
    return learnt


def feasible_intervals(shown, lines, lower, upper):
    """For each unknown position, its smallest and largest value (None when unbounded) given every line's sum."""
    unknown = [p for p, s in enumerate(shown) if not isinstance(s, int)]
    column = {p: k for k, p in enumerate(unknown)}
    rows, rhs = [], []
    for line in lines:
        row = [0.0] * len(unknown)
        constant = 0
        for place, p in enumerate(line):
            sign = -1 if place == len(line) - 1 else 1
            if p in column:
                row[column[p]] += sign
            else:
                constant -= sign * shown[p]
        rows.append(row)
        rhs.append(constant)
    bounds = [(lower[p], upper[p]) for p in unknown]
    intervals = {}
    for p in unknown:
        objective = [0.0] * len(unknown)
        objective[column[p]] = 1.0
        low = linprog(objective, A_eq=rows, b_eq=rhs, bounds=bounds)
        high = linprog([-c for c in objective], A_eq=rows, b_eq=rhs, bounds=bounds)
        assert low.status == 0 and high.status in (0, 3)
        intervals[p] = (low.fun, -high.fun if high.status == 0 else None)
    return intervals


def is_wide(interval):
    low, high = interval
    return high is None or high - low > 0.5


@given(any_tables, thresholds)
def test_no_small_count_is_shown(table, threshold):
    _, shown, _ = true_and_shown(table, suppress(table, threshold))
    assert not [s for s in shown if s is not None and 0 < s < threshold]


@given(any_tables, thresholds)
def test_a_line_with_a_shown_total_hides_none_or_at_least_two_adding_up_to_the_threshold(table, threshold):
    true, shown, lines = true_and_shown(table, suppress(table, threshold))
    hidden_in_lines = [[p for p in line if shown[p] is None] for line in lines if shown[line[-1]] is not None]
    assert all(not h or (len(h) >= 2 and sum(true[p] for p in h) >= threshold) for h in hidden_in_lines)


@given(any_tables, thresholds)
def test_no_hidden_count_can_be_worked_out_by_hand(table, threshold):
    _, shown, lines = true_and_shown(table, suppress(table, threshold))
    assert not recovered_by_hand(shown, lines)


@settings(deadline=None)
@given(any_tables, thresholds)
def test_every_hidden_count_could_have_at_least_two_values(table, threshold):
    # The reader knows zeros are shown, so every hidden count is at least 1.
    _, shown, lines = true_and_shown(table, suppress(table, threshold))
    intervals = feasible_intervals(shown, lines, [1] * len(shown), [None] * len(shown))
    assert all(map(is_wide, intervals.values()))


@given(any_tables, thresholds)
def test_what_is_shown_is_the_true_count(table, threshold):
    true, shown, _ = true_and_shown(table, suppress(table, threshold))
    assert all(s is None or s == t for s, t in zip(shown, true, strict=True))


@given(any_tables, thresholds)
def test_primary_and_secondary_are_exactly_the_hidden_positions(table, threshold):
    published = suppress(table, threshold)
    _, shown, _ = true_and_shown(table, published)
    assert published.primary.isdisjoint(published.secondary) and sum(s is None for s in shown) == len(
        published.primary | published.secondary
    )


@given(any_tables, thresholds)
def test_the_same_table_gives_the_same_result(table, threshold):
    assert suppress(table, threshold) == suppress(table, threshold)


@given(any_tables, thresholds)
def test_the_method_names_the_threshold(table, threshold):
    assert f"below {threshold}" in suppress(table, threshold).method


@given(any_tables, thresholds)
def test_banding_shows_no_count_exactly_except_zero(table, threshold):
    _, shown, _ = true_and_shown(table, band(table, threshold))
    assert all(s == 0 or (isinstance(s, Band) and s.high > s.low) for s in shown)


@given(any_tables, thresholds)
def test_banding_puts_every_count_and_total_inside_its_band(table, threshold):
    true, shown, _ = true_and_shown(table, band(table, threshold))
    assert all(s == t if s == 0 else s.low <= t <= s.high for s, t in zip(shown, true, strict=True))


@given(any_tables, thresholds)
def test_banding_puts_every_small_count_in_the_first_band(table, threshold):
    published = band(table, threshold)
    cells = published.cells if isinstance(table, OneWayTable) else [s for row in published.cells for s in row]
    values = table.counts if isinstance(table, OneWayTable) else [v for row in table.counts for v in row]
    assert all(s.low == 1 and s.high >= threshold - 1 for s, v in zip(cells, values, strict=True) if 0 < v < threshold)


@settings(deadline=None)
@given(any_tables, thresholds)
def test_banded_totals_narrow_no_count_to_one_value(table, threshold):
    _, shown, lines = true_and_shown(table, band(table, threshold))
    # A reader who takes each band as the bounds of its count, and the totals as sums, still finds two values.
    lower = [s if s == 0 else s.low for s in shown]
    upper = [s if s == 0 else s.high for s in shown]
    intervals = feasible_intervals([s if s == 0 else None for s in shown], lines, lower, upper)
    assert all(map(is_wide, intervals.values()))
