from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reunite.dates import PartialDate, PartialDateError, Precision, parse

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def partial_dates(draw):
    first = draw(days)
    return PartialDate(first, first + timedelta(days=draw(st.integers(0, 4000))))


@given(partial_dates())
def test_the_text_form_reads_back_as_the_same_date(value):
    assert parse(str(value)) == value


@given(partial_dates(), partial_dates())
def test_the_text_form_sorts_like_the_earliest_day(a, b):
    if a.earliest != b.earliest:
        assert (str(a) < str(b)) == (a.earliest < b.earliest)


@given(partial_dates(), days)
def test_days_since_never_exceeds_the_exact_count_from_any_allowed_day(value, today):
    assert value.days_since(today) <= (today - value.earliest).days


@pytest.mark.parametrize(
    ("text", "canonical", "precision"),
    [
        ("2016", "2016", Precision.YEAR),
        ("2016-05", "2016-05", Precision.MONTH),
        ("2016-05-12", "2016-05-12", Precision.DAY),
        ("12.05.2016", "2016-05-12", Precision.DAY),
        ("May 2017", "2017-05", Precision.MONTH),
        ("12 April 1974", "1974-04-12", Precision.DAY),
        ("2017年5月14日", "2017-05-14", Precision.DAY),
        ("2017年5月", "2017-05", Precision.MONTH),
        ("2017年", "2017", Precision.YEAR),
        ("about 1974", "1973/1975", Precision.RANGE),
        ("2015/2017", "2015/2017", Precision.RANGE),
        ("2008-03-20/2009-03-19", "2008-03-20/2009-03-19", Precision.RANGE),
        ("2016-01/2016-12", "2016", Precision.YEAR),
    ],
)
def test_what_testimonies_write_is_read(text, canonical, precision):
    value = parse(text)
    assert (str(value), value.precision) == (canonical, precision)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-02-30", "does not exist"),
        ("2021-13", "month 13 does not exist"),
        ("2017/2015", "cannot end"),
        ("last spring", "is not a date"),
        ("", "empty"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text, reason):
    with pytest.raises(PartialDateError, match=reason):
        parse(text)


def test_a_year_is_definitely_before_only_what_follows_all_of_it():
    assert parse("2016").definitely_before(parse("2017-01-01")) and not parse("2016").definitely_before(
        parse("2016-12-31")
    )
