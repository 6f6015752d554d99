"""Every format and encoding a list comes in imports the same rows; `reading` streams them."""

import codecs
import csv
import datetime
import io
import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reunite.registry.models import PersonName
from reunite.transfer import reading
from reunite.transfer.importer import import_file
from reunite.transfer.reading import ReadError, detect_encoding, open_table, sniff_delimiter
from tests.transfer.files import (
    a_testimony,
    csv_text,
    official,
    the_testimonies,
    write_csv,
    write_json,
    write_jsonl,
    write_xlsx,
)

NAMES = {"Adil Tursun", "Gülnar Adil", "Mihriban Kader", "米合日班·卡德尔", "Tursun Niyaz", "Aygül Hesen"}


def imported_names(path, **options) -> set[str]:
    import_file(path, "testimony-list", dataset="Example testimonies", find_matches=False, **options)
    return set(PersonName.objects.values_list("text", flat=True))


WRITERS = {
    "comma.csv": lambda p, rows: write_csv(p, rows),
    "semicolon.csv": lambda p, rows: write_csv(p, rows, ";"),
    "tab.tsv": lambda p, rows: write_csv(p, rows, "\t"),
    "pipe.txt": lambda p, rows: write_csv(p, rows, "|"),
    "utf8-bom.csv": lambda p, rows: write_csv(p, rows, encoding="utf-8-sig"),
    "utf16.csv": lambda p, rows: write_csv(p, rows, "\t", encoding="utf-16"),
    "utf16-without-bom.txt": lambda p, rows: write_csv(p, rows, "\t", encoding="utf-16-le"),
    "gb18030.csv": lambda p, rows: write_csv(p, rows, encoding="gb18030"),
    "list.xlsx": write_xlsx,
    "list.json": write_json,
    "list.jsonl": write_jsonl,
}


@pytest.mark.parametrize("name", WRITERS)
def test_every_format_and_encoding_imports_the_same_names(db, tmp_path, name):
    path = WRITERS[name](tmp_path / name, the_testimonies())
    assert imported_names(path) >= NAMES


@pytest.mark.parametrize("name", WRITERS)
def test_every_format_keeps_the_rows_values_verbatim(tmp_path, name):
    path = WRITERS[name](tmp_path / name, the_testimonies())
    with open_table(path) as table:
        assert [row.values for row in table.rows()] == the_testimonies()


def test_a_gb18030_official_list_in_chinese_imports(db, tmp_path):
    row = official(1, "阿依古丽·阿布力克木", "", "新疆喀什市", "1992-06-07", "")
    path = write_csv(tmp_path / "list.csv", [row], encoding="gb18030")
    import_file(path, "official-list", dataset="Example official list", find_matches=False)
    assert PersonName.objects.get().text == "阿依古丽·阿布力克木"


def test_a_file_with_another_name_is_told_by_its_content(tmp_path):
    path = write_json(tmp_path / "export.dat", the_testimonies())
    with open_table(path) as table:
        assert table.format == "json"


def turkish(name: str) -> dict[str, str]:
    """A row a Windows spreadsheet in Turkey could save: no Chinese characters."""
    return a_testimony(1, **{"Victim's name": name, "Chinese name": ""})


def test_the_encoding_can_be_given_when_it_cannot_be_told(db, tmp_path):
    path = write_csv(tmp_path / "turkish.csv", [turkish("Adil Türsün")], encoding="cp1254")
    assert "Adil Türsün" in imported_names(path, encoding="cp1254")


def test_a_file_in_a_legacy_encoding_is_refused_with_the_way_out(tmp_path):
    path = write_csv(tmp_path / "turkish.csv", [turkish("Adil Türsün Şükür")], encoding="cp1254")
    with pytest.raises(ReadError) as refused:
        open_table(path)
    assert "say which encoding it is (--encoding, e.g. cp1254)" in str(refused.value)


def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("\n" + csv_text(the_testimonies()) + ",,,,,,,,,\n" + csv_text([a_testimony(1)]).split("\n", 1)[1])
    with open_table(path) as table:
        assert [row.number for row in table.rows()] == [3, 4, 5, 7]


def test_json_rows_are_numbered_by_their_position(tmp_path):
    path = write_json(tmp_path / "list.json", the_testimonies())
    with open_table(path) as table:
        assert [row.number for row in table.rows()] == [1, 2, 3]


def test_json_lines_are_numbered_by_their_line(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text("\n".join(["", *(json.dumps(row) for row in the_testimonies())]))
    with open_table(path) as table:
        assert [row.number for row in table.rows()] == [2, 3, 4]


def test_spreadsheet_dates_and_numbers_arrive_as_text(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["No.", "Born", "Count"])
    book.active.append([7, datetime.datetime(1980, 3, 14), 2.5])
    book.save(tmp_path / "list.xlsx")
    with open_table(tmp_path / "list.xlsx") as table:
        assert next(table.rows()).values == {"No.": "7", "Born": "1980-03-14", "Count": "2.5"}


def test_cells_past_the_header_keep_their_value(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("a,b\n1,2,extra\n")
    with open_table(path) as table:
        assert next(table.rows()).values == {"a": "1", "b": "2", "column 3": "extra"}


def test_a_header_naming_a_column_twice_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Name,Name\nAdil,Tursun\n")
    with pytest.raises(ReadError, match=r"has a header naming one column twice \(columns 1 and 2\)"):
        open_table(path)


def test_a_json_file_that_is_not_a_list_of_objects_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('{"Name": "Adil"}')
    with pytest.raises(ReadError, match="is not a JSON list of objects"):
        open_table(path)


def test_reading_the_first_row_of_a_large_file_reads_only_its_beginning(tmp_path):
    rows = [a_testimony(1, **{"No.": str(n)}) for n in range(20_000)]
    path = write_jsonl(tmp_path / "large.jsonl", rows)
    with open_table(path) as table:
        next(table.rows())
        assert table.progress() < 0.1


def test_a_json_list_is_read_item_by_item_across_chunk_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "CHUNK_CHARS", 7)
    path = write_json(tmp_path / "list.json", the_testimonies())
    with open_table(path) as table:
        assert [row.values["No."] for row in table.rows()] == ["1", "2", "3"]


# ------------------------------------------------------------------------------------------ properties

cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=12)
headers = st.lists(
    st.text(alphabet=string.ascii_letters + " 名字", min_size=1, max_size=8).map(str.strip).filter(bool),
    min_size=2,
    max_size=5,
    unique=True,
)


@st.composite
def tables(draw):
    columns = draw(headers)
    rows = draw(st.lists(st.fixed_dictionaries({c: cells for c in columns}), min_size=1, max_size=6))
    return [row for row in rows if any(v.strip() for v in row.values())] or [dict.fromkeys(columns, "x")]


@settings(max_examples=60, deadline=None)
@given(
    rows=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_delimited_table_reads_back_as_written(tmp_path_factory, rows, delimiter, encoding):
    path = tmp_path_factory.mktemp("csv") / "list.csv"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    with open_table(path) as table:
        assert [row.values for row in table.rows()] == rows


@settings(max_examples=60, deadline=None)
@given(rows=tables(), chunk=st.integers(1, 40))
def test_any_json_list_reads_back_item_by_item(tmp_path_factory, rows, chunk):
    path = tmp_path_factory.mktemp("json") / "list.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    reading.CHUNK_CHARS, saved = chunk, reading.CHUNK_CHARS
    try:
        with open_table(path) as table:
            assert [row.values for row in table.rows()] == rows
    finally:
        reading.CHUNK_CHARS = saved


@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), min_size=1))
def test_text_that_is_utf8_is_read_as_utf8(text):
    assert detect_encoding(text.encode("utf-8"), at_end=True) == "utf-8"


@given(text=st.text(min_size=1, max_size=200))
def test_text_with_a_byte_order_mark_is_read_by_it(text):
    assert detect_encoding(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), at_end=True) == "utf-16"


def test_the_delimiter_is_the_one_that_cuts_every_line_alike():
    assert sniff_delimiter('name;note\n"Adil Tursun";"a, b, c"\n"Gülnar";"d, e"\n') == ";"
