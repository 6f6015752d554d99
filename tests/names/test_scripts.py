import pytest
from hypothesis import given
from hypothesis import strategies as st

from reunite.names import Convention, Script, detect_script, fold
from reunite.names.scripts import latin_convention


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Ablikim Memtimin", Script.LATIN),
        ("Abdürrahim Şükür", Script.LATIN),
        ("ئابلىكىم مەمتىمىن", Script.ARABIC),
        ("Абликим Мәмтимин", Script.CYRILLIC),
        ("阿布力克木·买买提明", Script.HAN),
        ("Ablikim 阿布力克木", Script.MIXED),
        ("123", Script.MIXED),
    ],
)
def test_the_script_of_a_name_is_detected(text, script):
    assert detect_script(text) is script


@given(st.text())
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_folding_ignores_case_and_spacing_but_keeps_uyghur_letters():
    assert (fold("  MIHRIBAN   Kader "), fold("ئۈرۈمچى")) == ("mihriban kader", "ئۈرۈمچى")


@pytest.mark.parametrize(
    ("word", "convention"),
    [
        ("Ayşe", Convention.TURKISH),
        ("Alimcan", Convention.TURKISH),
        ("Méhriban", Convention.ULY),
        ("Kaschgar", Convention.GERMAN),
        ("Abdukhaliq", Convention.ENGLISH),
        ("Ablikim", Convention.ULY),
    ],
)
def test_the_latin_convention_of_a_word_is_recognised(word, convention):
    assert latin_convention(word) is convention
