from hypothesis import given, settings
from hypothesis import strategies as st

from reunite.names import Frequencies, compare, parse_name
from reunite.names.compare import Scorer
from reunite.names.match import MIN_SCORE, match

LETTERS = list("abdeghiklmnoqrstuüéyzşç ") + list("阿布力克木买提明·") + list("ئابلىكمەتقادر") + list("абдикмнрсту")
names = st.text(alphabet=st.sampled_from(LETTERS), max_size=30)

DECOYS = [
    ("d1", "Ablikim Tursun"),
    ("d2", "Tursun Memtimin"),
    ("d3", "Mihriban Kader"),
    ("d4", "Memtimin Ablikim"),
    ("d5", "Abliz Memet"),
]


def test_the_true_match_is_found_across_scripts_among_decoys():
    right = [*DECOYS, ("truth", "ئابلىكىم مەمتىمىن")]
    assert [r[1] for r in match([("q", "阿布力克木·买买提明")], right)] == ["truth"]


def test_a_cyrillic_name_finds_its_latin_form():
    assert [r[1] for r in match([("q", "Миһрибан Қадир")], DECOYS)] == ["d3"]


def test_top_rows_come_best_first():
    scores = [score for _, _, score, _ in match([("q", "Ablikim Memtimin")], DECOYS, top=3)]
    assert scores == sorted(scores, reverse=True)


def test_ranks_count_up_from_one():
    assert [r[3] for r in match([("q", "Ablikim Memtimin")], DECOYS, top=3)] == [1, 2, 3]


def test_no_more_than_top_rows_per_left_name():
    assert len(list(match([("q", "Ablikim Memtimin")], DECOYS, top=2))) == 2


def test_candidates_below_the_floor_are_skipped():
    assert all(score >= MIN_SCORE for _, _, score, _ in match([("q", "Ablikim Memtimin")], DECOYS, top=5))


def test_a_candidate_sharing_a_block_but_scoring_below_the_floor_is_not_reported():
    assert "d5" not in [right for _, right, _, _ in match([("q", "Ablikim Memtimin")], DECOYS, top=5)]


def test_a_name_sharing_nothing_finds_nothing():
    assert list(match([("q", "Gülnar Hoshur")], DECOYS)) == []


def test_namesakes_keep_the_right_side_order():
    right = [("b", "Tursun Qadir"), ("a", "Tursun Qadir")]
    assert [r[1] for r in match([("q", "Tursun Qadir")], right, top=2)] == ["b", "a"]


def test_empty_inputs_give_nothing():
    assert (list(match([], DECOYS)), list(match([("q", "Ablikim")], [])), list(match([("q", "")], DECOYS))) == (
        [],
        [],
        [],
    )


def test_scores_are_those_of_compare_with_the_right_sides_frequencies():
    frequencies = Frequencies.of([parse_name(text) for _, text in DECOYS])
    texts = dict(DECOYS)
    rows = list(match([("q", "Ablikim Memtimin")], DECOYS, top=5))
    assert [s for _, _, s, _ in rows] == [
        compare("Ablikim Memtimin", texts[r], frequencies).score for _, r, _, _ in rows
    ]


@settings(max_examples=300)
@given(names, names, st.lists(names, max_size=5))
def test_the_bulk_scorer_gives_the_scores_of_compare(a, b, population):
    frequencies = Frequencies.of([parse_name(text) for text in [a, b, *population]])
    assert Scorer(parse_name(a), frequencies).score(parse_name(b)) == compare(a, b, frequencies).score
