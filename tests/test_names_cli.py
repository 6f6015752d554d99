import csv
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reunite.registry.models import NameKey


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("names", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    left = tmp_path / "left.csv"
    left.write_text("\ufeffid,name\nq1,阿布力克木·买买提明\nq2,\nq3,Миһрибан Қадир\n", encoding="utf-8")
    right = tmp_path / "right.tsv"
    right.write_text(
        "id\tname\nr1\tAblikim Memtimin\nr2\tMihriban Kader\nr3\tTursun Qadir\nr4\tMemtimin Ablikim\n", encoding="utf-8"
    )
    return left, right


def test_key_prints_the_reading_and_the_keys():
    assert (
        "part Memtimin: Latn, uly, reading memtimin, key mamtimin, blocks mmt mmn" in run("key", "Ablikim Memtimin")[0]
    )


def test_key_gives_the_arabic_form_of_the_reading():
    assert json.loads(run("key", "Ablikim", "--json")[0])[0]["arabic"] == "ئابلىكىم"


def test_key_json_describes_every_part():
    name = json.loads(run("key", "阿布力克木·买买提明", "--json")[0])[0]
    assert (name["script"], [p["reading"] for p in name["parts"]]) == ("Hani", ["ablikm", "memtimin"])


def test_key_describes_each_name_given():
    assert len(json.loads(run("key", "Ablikim Memtimin", "Mihriban Kader", "--json")[0])) == 2


def test_compare_prints_the_explanation_and_the_score():
    assert run("compare", "Ablikim Memtimin", "阿布力克木·买买提明")[0].splitlines()[-1].startswith("score 0.9")


def test_compare_json_gives_the_score_and_the_aligned_parts():
    found = json.loads(run("compare", "Memtimin Ablikim", "Ablikim Memtimin", "--json")[0])
    assert (found["score"], found["swapped"], len(found["pairs"])) == (0.95, True, 2)


def test_match_writes_the_best_right_row_of_each_left_row(files):
    rows = list(csv.reader(StringIO(run("match", *files)[0])))
    assert [r[:2] for r in rows] == [["left_id", "right_id"], ["q1", "r1"], ["q3", "r2"]]


def test_match_writes_the_output_file(files, tmp_path):
    run("match", *files, "--output", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0] == "left_id,right_id,score,rank"


def test_match_gives_up_to_top_rows_per_left_row(files):
    rows = list(csv.DictReader(StringIO(run("match", *files, "--top", 3)[0])))
    assert [r["rank"] for r in rows if r["left_id"] == "q1"] == ["1", "2"]


def test_match_reports_a_row_with_an_empty_name_by_its_row_number(files):
    assert "left.csv row 3: empty name, skipped" in run("match", *files)[1]


def test_match_prints_a_summary_line(files):
    assert "names match: 2 left rows, 4 right rows, 2 pairs written" in run("match", *files)[1]


def test_match_sniffs_a_tab_delimiter_from_the_content(tmp_path, files):
    left = tmp_path / "left.txt"
    left.write_text("id\tname\nq1\tMihriban Kader\n", encoding="utf-8")
    assert "q1,r2,1.0000,1" in run("match", left, files[1])[0]


def test_match_names_the_file_and_the_missing_column(tmp_path, files):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,full_name\n1,Ablikim\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.csv: no 'name' column"):
        run("match", files[0], bad)


def test_match_names_a_missing_file(tmp_path, files):
    with pytest.raises(CommandError, match=r"nothing\.csv: no such file"):
        run("match", tmp_path / "nothing.csv", files[1])


def test_reindex_rewrites_stale_search_keys(demo):
    NameKey.objects.update(block="stale")
    call_command("names", "reindex", stdout=StringIO())
    assert not NameKey.objects.filter(block="stale").exists()
