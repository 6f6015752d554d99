from hypothesis import given
from hypothesis import strategies as st

from reunite.linkage.evaluate import scores

pairs = st.sets(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=30)


def test_half_right_half_found():
    assert scores({("a", "b"), ("c", "d")}, {("a", "b"), ("e", "f")}) == (0.5, 0.5, 0.5)


def test_nothing_predicted_scores_zero_not_an_error():
    assert scores(set(), {("a", "b")}) == (0.0, 0.0, 0.0)


@given(pairs, pairs)
def test_scores_stay_between_zero_and_one_and_f1_between_the_two(predicted, true):
    precision, recall, f1 = scores(predicted, true)
    assert 0 <= f1 <= 1
    assert min(precision, recall) - 1e-12 <= f1 <= max(precision, recall) + 1e-12
