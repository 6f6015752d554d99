import json
from io import StringIO

from django.core.management import call_command


def run(*args):
    out = StringIO()
    call_command("places", *args, stdout=out)
    return out.getvalue()


def test_resolve_prints_the_ranked_candidates_with_level_parent_score_and_matched_name():
    lines = run("resolve", "Keriye county, Hotan prefecture").splitlines()
    assert lines[0] == "Keriye county, Hotan prefecture"
    assert lines[1] == "  1. Keriye (于田县)  653226  county  in Hotan prefecture (和田地区)  1.00  (keriye)"


def test_resolve_gives_a_country_with_its_code_and_locality():
    assert "Istanbul, Türkiye  TR  country  locality Istanbul  1.00" in run("resolve", "Istanbul, Turkey")


def test_resolve_says_no_match_and_the_closest_candidates():
    lines = run("resolve", "Zzyzx").splitlines()
    assert lines[1].startswith("  no match — closest: ")


def test_resolve_says_when_the_text_is_ambiguous():
    out = run("resolve", "和田")
    assert out.splitlines()[0] == "和田  (ambiguous)"
    assert "Hetian County (和田县)" in out


def test_resolve_takes_several_texts():
    assert run("resolve", "Kulja", "Aqsu").count("\n\n") == 1


def test_resolve_json_describes_every_candidate():
    found = json.loads(run("resolve", "Kulja", "Zzyzx", "--json"))
    kulja, unknown = found
    assert (kulja["best"], kulja["match"], kulja["ambiguous"]) == ("654002", True, False)
    best = kulja["candidates"][0]
    assert (best["label"], best["level"], best["parent"]["code"], best["matched"]) == (
        "Ghulja (伊宁市)",
        "county",
        "654000",
        "kulja",
    )
    assert (unknown["best"], unknown["match"]) == (None, False)
    assert unknown["candidates"]


def test_resolve_json_gives_a_country_with_its_locality():
    country = json.loads(run("resolve", "Istanbul, Turkey", "--json"))[0]["candidates"][0]
    assert (country["kind"], country["code"], country["locality"]) == ("country", "TR", "Istanbul")
