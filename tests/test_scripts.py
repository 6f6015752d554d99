import pytest
from hypothesis import given
from hypothesis import strategies as st

from reunite.names import Script, detect_script, fold


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
