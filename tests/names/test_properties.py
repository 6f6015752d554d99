"""What must hold for any text at all: no crash, keys of the expected alphabet, scores in range."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reunite.names import compare, parse_name
from reunite.names.keys import phonetic_key

UYGHUR_LETTERS = "ئابپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيە"
names = st.text(
    alphabet=st.sampled_from(
        list(UYGHUR_LETTERS + "abcdefghijklmnopqrstuvwxyzéöüşçğı абвгдәөүҗқңһ阿布力克木买提明·‧ -'😢1.")
    ),
    max_size=40,
)
anything = st.text(max_size=200)


@given(anything)
def test_any_text_parses_without_error(text):
    assert all(part.reading for part in parse_name(text).parts)


@settings(max_examples=20)
@given(st.text(min_size=1, max_size=60).map(lambda s: (s * 10_000)[:10_000]))
def test_a_very_long_string_gives_a_bounded_name(text):
    assert len(parse_name(text).parts) <= 8


@given(names)
def test_keys_use_only_the_phonetic_classes(text):
    assert all(set(part.key) <= set("aiubptdkhszjclrmnwy") for part in parse_name(text).parts)


@given(names)
def test_keys_are_stable_under_refolding(text):
    assert all(phonetic_key(part.reading) == part.key for part in parse_name(text).parts)


@given(names, names)
def test_scores_lie_between_0_and_1(a, b):
    assert 0.0 <= compare(a, b).score <= 1.0


@given(names, names)
def test_comparison_is_symmetric(a, b):
    assert abs(compare(a, b).score - compare(b, a).score) < 1e-3


@given(names)
def test_a_name_with_parts_matches_itself_fully(text):
    name = parse_name(text)
    assert not name.parts or compare(name, name).score == 1.0
