"""`reunite stats --csv DIR`: the report's tables for analysts, protected as in the report."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def stats(*args: str) -> str:
    out = StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def rows(path) -> dict:
    with path.open(encoding="utf-8") as f:
        return {row[0]: row[1:] for row in csv.reader(f)}


def test_each_table_is_a_csv_file(families, advocate, tmp_path):
    stats("--as", "advocate", "--to", "2021-03-19", "--csv", str(tmp_path))
    assert (tmp_path / "families_by_status.csv").exists()


def test_a_hidden_count_is_an_empty_cell(families, advocate, tmp_path):
    stats("--as", "advocate", "--to", "2021-03-19", "--csv", str(tmp_path))
    assert rows(tmp_path / "children_by_placement.csv")["state orphanage"] == [""]


def test_the_threshold_decides_what_is_shown(families, advocate, tmp_path):
    stats("--as", "advocate", "--to", "2021-03-19", "--threshold", "2", "--csv", str(tmp_path))
    assert rows(tmp_path / "children_by_placement.csv")["state orphanage"] == ["3"]


def test_about_csv_states_the_method_and_the_snapshot(families, advocate, tmp_path):
    stats("--as", "advocate", "--csv", str(tmp_path))
    assert {"method", "audit_sequence", "figures_sha256"} <= set(rows(tmp_path / "about.csv"))


def test_a_file_in_the_way_is_refused(advocate, tmp_path):
    (tmp_path / "taken").write_text("")
    with pytest.raises(CommandError, match="is a file, not a directory"):
        stats("--as", "advocate", "--csv", str(tmp_path / "taken"))
