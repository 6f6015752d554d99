"""`reunite ids parse`, on invented numbers (Hotan city's area code, invented dates, check digits computed)."""

import json
import os
import subprocess
import sys
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from stdnum.cn import ric

BODY = "65320119850203002"
WOMAN = BODY + ric.calc_check_digit(BODY + "0")
WRONG = BODY + ("7" if WOMAN[-1] != "7" else "3")
PLACES = {
    "653201": SimpleNamespace(name_en="Hotan", name_zh="和田市", parent="653200"),
    "653200": SimpleNamespace(name_en="Hotan Prefecture", name_zh="和田地区", parent=None),
}


@pytest.fixture
def gazetteer(monkeypatch):
    fake = SimpleNamespace(gazetteer=lambda: SimpleNamespace(by_code=PLACES.get))
    monkeypatch.setitem(sys.modules, "reunite.places", fake)


@pytest.fixture
def no_gazetteer(monkeypatch):
    monkeypatch.setitem(sys.modules, "reunite.places", None)  # importing it raises ImportError


def run(*args: str) -> str:
    out = StringIO()
    call_command("ids", "parse", *args, stdout=out)
    return out.getvalue()


def test_parse_prints_the_normalised_number(no_gazetteer):
    assert run(WOMAN.lower()[:6] + " " + WOMAN[6:]).splitlines()[0] == WOMAN


def test_parse_says_a_valid_number_is_valid(no_gazetteer):
    assert "  valid       yes" in run(WOMAN)


def test_parse_says_why_a_number_is_invalid(no_gazetteer):
    assert f"valid       no: check digit is {WRONG[-1]} but should be {WOMAN[-1]}" in run(WRONG)


def test_parse_prints_birth_date_and_sex(no_gazetteer):
    assert "  born        1985-02-03\n  sex         female" in run(WOMAN)


def test_parse_prints_the_bare_code_without_the_gazetteer(no_gazetteer):
    assert run(WOMAN).splitlines()[-1] == "  birthplace  653201"


def test_parse_names_the_place_and_its_parent_from_the_gazetteer(gazetteer):
    assert run(WOMAN).splitlines()[-1] == "  birthplace  653201 Hotan (和田市), Hotan Prefecture (和田地区)"


def test_parse_says_a_15_digit_number_was_converted(no_gazetteer):
    assert "converted   from the old 15-digit form" in run("653201850203002")


def test_parse_reports_an_unreadable_number(no_gazetteer):
    assert run("12345").splitlines()[0] == "'12345' (not readable)"


def test_parse_json_describes_every_number(no_gazetteer):
    assert [n["valid"] for n in json.loads(run(WOMAN, WRONG, "--json"))] == [True, False]


def test_parse_json_gives_the_place_names(gazetteer):
    assert json.loads(run(WOMAN, "--json"))[0]["birthplace"][0]["name_zh"] == "和田市"


def _exit_status(*args: str, tmp_path) -> int:
    env = {**os.environ, "REUNITE_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "reunite", "ids", *args], env=env, capture_output=True).returncode


def test_invalid_numbers_exit_with_status_0(tmp_path):
    assert _exit_status("parse", WRONG, "12345", tmp_path=tmp_path) == 0


def test_a_usage_error_exits_with_status_2(tmp_path):
    assert _exit_status("parse", tmp_path=tmp_path) == 2
