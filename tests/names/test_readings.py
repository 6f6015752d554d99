import pytest

from reunite.names import Convention, parse_name, reading, to_arabic
from reunite.names.chinese import han_reading, pinyin_reading


@pytest.mark.parametrize(
    ("word", "uly"),
    [
        ("ئابلىكىم", "ablikim"),
        ("Абликим", "ablikim"),
        ("Мәмтимин", "memtimin"),
        ("Абдурахман", "abduraxman"),
        ("Ayşe", "ayshe"),
        ("Alimcan", "alimjan"),
        ("Kaschgar", "kashgar"),
        ("Abdukhaliq", "abduxaliq"),
    ],
)
def test_every_script_is_read_in_uyghur_latin(word, uly):
    assert reading(word)[0] == uly


@pytest.mark.parametrize(
    ("chinese", "uly"),
    [
        ("阿布力克木", "ablikm"),
        ("买买提明", "memtimin"),
        ("吐尔逊", "tursun"),
        ("古丽娜尔", "gülnar"),
        ("卡德尔", "qadir"),
        ("阿依仙木", "ayshem"),  # a closing m written -n + 木
        ("艾孜再", "ezize"),  # 孜 before 再 keeps its vowel: Chinese writes a doubled consonant once
    ],
)
def test_chinese_forms_are_read_as_the_uyghur_name_not_as_pinyin(chinese, uly):
    assert han_reading(chinese) == uly


def test_a_pinyin_spelling_from_a_chinese_passport_is_read_as_uyghur():
    assert pinyin_reading("Maimaitiming") == "memetmin"


def test_a_uyghur_latin_spelling_is_not_mistaken_for_pinyin():
    assert pinyin_reading("Memtimin") is None


def test_arabic_presentation_forms_from_pdfs_read_like_ordinary_letters():
    assert parse_name("ﺋﺎﺑﻠﯩﻜﯩﻢ").reading == parse_name("ئابلىكىم").reading == "ablikim"


def test_a_word_mixing_scripts_is_read_run_by_run():
    assert reading("Abliкim") == ("ablikim", Convention.NONE)


def test_a_reading_is_written_back_in_arabic_script_for_display():
    assert to_arabic("mihriban qadir") == "مىھرىبان قادىر"


@pytest.mark.parametrize(("word", "uly"), [("Gülçehre", "gülchehre"), ("Tschingis", "chingis"), ("Dschamal", "jamal")])
def test_a_spelling_rule_never_rewrites_what_another_produced(word, uly):
    assert reading(word)[0] == uly
