"""Reading the rows of a list as organisations hold them: CSV or TSV, XLSX, JSON or JSON Lines.

Every reader streams: it holds one row (and a read buffer) at a time, so a file of a million rows costs no more
memory than one of ten. A row is its 1-based number as a person finds it in the file (see `Row`) and its values
as text, keyed by column name.

Text files are decoded by what their bytes show: a byte order mark (UTF-8, UTF-16), UTF-16 without one (every other
byte zero), strict UTF-8, else GB18030 when what it decodes is Chinese. Anything else is refused with a reason
rather than guessed; `encoding=` says what a file is when it is none of those.

Pure Python: never imports Django.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMATS = ("csv", "xlsx", "json", "jsonl")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Enough to see the header and a few dozen rows: the encoding and delimiter are decided on this much.
SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")
# JSON is read in pieces this big; an object longer than a piece is read on until it is whole.
CHUNK_CHARS = 64 * 1024
# JSON objects may leave out empty fields: the columns are every key seen in this many first objects.
JSON_COLUMN_SAMPLE = 100
# Of the non-ASCII characters GB18030 decodes, at least this share must be common Chinese ones (GB2312).
CHINESE_SHARE = 0.8
# A CSV field may hold a whole testimony.
csv.field_size_limit(16 * 1024 * 1024)


class ReadError(Exception):
    """The file cannot be read as a table: the message says why, never quoting its content."""


@dataclass(frozen=True, slots=True)
class Row:
    """`number` is where a person finds the row: its row in a spreadsheet (the header is row 1, so the first row
    of data is row 2) for CSV and XLSX, its line for JSON Lines, its position in the list (from 1) for JSON."""

    number: int
    values: dict[str, str]


class Table:
    """An open file: its columns, then its rows, read once. Use as a context manager.

    `handle` is the binary file under a text format, whose position tells the progress; a spreadsheet tells it by
    rows (`row_count`). `close` releases what the format holds open.
    """

    def __init__(
        self,
        path: Path,
        fmt: str,
        columns: tuple[str, ...],
        rows: Iterator[Row],
        close: Callable[[], None],
        handle: IO[bytes] | None = None,
        row_count: int = 0,
    ):
        self.path, self.format, self.columns = path, fmt, columns
        self._rows, self._close, self._handle = rows, close, handle
        self.row_count = row_count
        self.size = os.path.getsize(path)
        self.encoding = ""
        self.delimiter = ""
        self._position = 0

    def rows(self) -> Iterator[Row]:
        """Each row with something in it; a file that turns out unreadable part-way raises `ReadError`."""
        try:
            for row in self._rows:
                self._position = row.number
                yield row
        except UnicodeDecodeError as error:
            raise ReadError(
                f"cannot be decoded as {self.encoding} after row {self._position}: {_decode_reason(error)}"
            ) from None
        except csv.Error as error:
            raise ReadError(f"is not readable CSV after row {self._position} ({error})") from None

    def progress(self) -> float:
        """How much of the file has been read, from 0 to 1 (by bytes, or by rows in a spreadsheet)."""
        if self._handle is not None:
            return min(1.0, self._handle.tell() / self.size) if self.size else 1.0
        return min(1.0, self._position / self.row_count) if self.row_count else 0.0

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_table(path: str | Path, fmt: str = "", encoding: str = "", sheet: str = "") -> Table:
    """Open a file for reading its rows; `fmt` (csv, xlsx, json, jsonl) when its name does not say it."""
    path = Path(path)
    if not path.is_file():
        raise ReadError("is not a file")
    fmt = fmt or format_of(path)
    if fmt not in FORMATS:
        raise ReadError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "xlsx":
        return _open_xlsx(path, sheet)
    raw = open(path, "rb")  # noqa: SIM115 (the table closes it)
    try:
        encoding = encoding or detect_encoding(raw.read(SAMPLE_BYTES), at_end=raw.read(1) == b"")
        raw.seek(0)
        # utf-8-sig and utf-16 drop the byte order mark themselves.
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        table = {"csv": _open_csv, "json": _open_json, "jsonl": _open_jsonl}[fmt](path, text, raw)
    except ReadError:
        raw.close()
        raise
    except (UnicodeDecodeError, LookupError, csv.Error) as error:
        raw.close()
        raise ReadError(f"cannot be read as {encoding}: {_decode_reason(error)}") from None
    table.encoding = encoding
    return table


def format_of(path: Path) -> str:
    """The format a file's name says; for another name, what its first bytes look like."""
    if fmt := _EXTENSIONS.get(path.suffix.lower()):
        return fmt
    with open(path, "rb") as f:
        start = f.read(512)
    if start.startswith(b"PK"):
        return "xlsx"
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    return {b"[": "json", b"{": "jsonl"}.get(stripped[:1], "csv")


def detect_encoding(sample: bytes, at_end: bool = False) -> str:
    """The encoding of a text file, from its first bytes (`at_end`: the sample is the whole file)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if zeros := _utf16_without_bom(sample):
        return zeros
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=at_end)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _reads_as_chinese(sample, at_end):
        return "gb18030"
    raise ReadError(
        "cannot tell its encoding: it is not UTF-8, UTF-16 or GB18030 (Chinese); "
        "save it as UTF-8, or say which encoding it is (--encoding, e.g. cp1254)"
    )


def _utf16_without_bom(sample: bytes) -> str:
    """Text in UTF-16 without a byte order mark has a zero in every other byte (ASCII characters)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return ""
    if sample[1::2].count(0) > 0.4 * pairs and sample[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le"
    if sample[0::2].count(0) > 0.4 * pairs and sample[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be"
    return ""


def _reads_as_chinese(sample: bytes, at_end: bool) -> bool:
    """GB18030 decodes almost any bytes: a Windows-1252 or -1254 file decodes too, as nonsense. Chinese text is
    mostly in GB2312's common characters, both of whose bytes are above 0xA0, where a Latin letter with an accent
    followed by a plain one ("ür") decodes to a rare character."""
    try:
        text = codecs.getincrementaldecoder("gb18030")("strict").decode(sample, final=at_end)
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in text if ord(ch) > 127]
    return bool(wide) and sum(map(_common_chinese, wide)) >= CHINESE_SHARE * len(wide)


def _common_chinese(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _decode_reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"bytes that are not {error.encoding} at byte {error.start}"
    return str(error)


# ------------------------------------------------------------------------------------------------------ CSV


def _open_csv(path: Path, text: IO[str], raw: IO[bytes]) -> Table:
    sample = text.read(SAMPLE_BYTES)
    text.seek(0)
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else sniff_delimiter(sample)
    reader = csv.reader(text, delimiter=delimiter)
    number, header = _first_nonempty(reader)
    if header is None:
        raise ReadError("has no header row")
    columns = header_columns(header)
    table = Table(path, "csv", columns, _csv_rows(reader, columns, number), text.close, raw)
    table.delimiter = delimiter
    return table


def sniff_delimiter(sample: str) -> str:
    """The delimiter that cuts the first lines into the same number of fields as the header, most fields first."""
    lines = sample.splitlines()
    if len(sample) >= SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample is cut too
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        records = [r for r in csv.reader(lines[:50], delimiter=delimiter) if r]
        if not records:
            continue
        width = len(records[0])
        score = (sum(len(r) == width for r in records) if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def header_columns(cells: list[Any]) -> tuple[str, ...]:
    """Column names: trimmed; a blank one is named by its position ("column 7"); a repeated one is refused (by
    position: a file without a header would have a row of data here)."""
    names = [_cell_text(c).strip() or f"column {i}" for i, c in enumerate(cells, 1)]
    while names and names[-1] == f"column {len(names)}":
        names.pop()  # spreadsheets often carry empty columns after the last one
    first: dict[str, int] = {}
    for position, name in enumerate(names, 1):
        if (earlier := first.setdefault(name, position)) != position:
            raise ReadError(f"has a header naming one column twice (columns {earlier} and {position})")
    return tuple(names)


def _first_nonempty(records: Iterator[list[Any]]) -> tuple[int, list[Any] | None]:
    for number, record in enumerate(records, 1):
        if any(_cell_text(c).strip() for c in record):
            return number, record
    return 0, None


def _csv_rows(reader: Iterator[list[str]], columns: tuple[str, ...], header_number: int) -> Iterator[Row]:
    for number, record in enumerate(reader, header_number + 1):
        if values := _values(columns, record):
            yield Row(number, values)


def _values(columns: tuple[str, ...], cells: list[Any] | tuple[Any, ...]) -> dict[str, str]:
    """A row's values by column; empty for a row with nothing in it. Cells past the header keep their value under
    "column N", so nothing in the file is lost."""
    texts = [_cell_text(c) for c in cells]
    if not any(t.strip() for t in texts):
        return {}
    values = dict(zip(columns, texts, strict=False))
    for column in columns[len(texts) :]:
        values[column] = ""
    for i, extra in enumerate(texts[len(columns) :], len(columns) + 1):
        if extra.strip():
            values[f"column {i}"] = extra
    return values


def _cell_text(value: Any) -> str:
    """A cell as text: dates as ISO 8601, whole numbers without ".0", empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        # No text format means a NUL character, and PostgreSQL cannot store one.
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


# ----------------------------------------------------------------------------------------------------- XLSX


def _open_xlsx(path: Path, sheet: str) -> Table:
    from openpyxl import load_workbook  # only XLSX files need it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ReadError(f"is not an XLSX workbook ({type(error).__name__})") from None
    if sheet and sheet not in book.sheetnames:
        book.close()
        raise ReadError(f"has no sheet {sheet!r}; its sheets are {', '.join(book.sheetnames)}")
    worksheet = book[sheet] if sheet else book.worksheets[0]
    records = worksheet.iter_rows(values_only=True)
    number, header = _first_nonempty(records)
    if header is None:
        book.close()
        raise ReadError("has no header row")
    columns = header_columns(list(header))
    return Table(path, "xlsx", columns, _xlsx_rows(records, columns, number), book.close, None, worksheet.max_row or 0)


def _xlsx_rows(records: Iterator[tuple[Any, ...]], columns: tuple[str, ...], header: int) -> Iterator[Row]:
    for number, cells in enumerate(records, header + 1):
        if values := _values(columns, cells):
            yield Row(number, values)


# ----------------------------------------------------------------------------------------------------- JSON


def _open_json(path: Path, text: IO[str], raw: IO[bytes]) -> Table:
    return _keyed_table(path, "json", _json_list(text), text, raw)


def _open_jsonl(path: Path, text: IO[str], raw: IO[bytes]) -> Table:
    return _keyed_table(path, "jsonl", _json_lines(text), text, raw)


def _keyed_table(path: Path, fmt: str, objects: Iterator[tuple[int, Any]], text: IO[str], raw: IO[bytes]) -> Table:
    """A table of JSON objects: its columns are the keys of its first objects, which are read ahead and kept."""
    ahead: list[tuple[int, Any]] = []
    for item in objects:
        ahead.append(item)
        if len(ahead) == JSON_COLUMN_SAMPLE:
            break
    columns: dict[str, None] = {}
    for number, item in ahead:
        columns.update(dict.fromkeys(_object(number, item, fmt)))
    if not columns:
        raise ReadError("holds no objects with fields")

    def rows() -> Iterator[Row]:
        for number, item in _chain(ahead, objects):
            if values := {str(k): _json_text(v) for k, v in _object(number, item, fmt).items()}:
                yield Row(number, values)

    return Table(path, fmt, tuple(columns), rows(), text.close, raw)


def _chain(ahead: list[tuple[int, Any]], rest: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    while ahead:
        yield ahead.pop(0)
    yield from rest


def _object(number: int, item: Any, fmt: str) -> dict:
    if not isinstance(item, dict):
        where = f"line {number}" if fmt == "jsonl" else f"item {number}"
        raise ReadError(f"{where} is not an object (each row must be an object of column: value)")
    return item


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _cell_text(value)
    return json.dumps(value, ensure_ascii=False)


def _json_lines(text: IO[str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text, 1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise ReadError(f"line {number} is not JSON ({error.msg})") from None


def _json_list(text: IO[str]) -> Iterator[tuple[int, Any]]:
    """The items of a JSON list, one at a time, without holding the list: each item is decoded from a buffer
    that is topped up from the file until the item is whole."""
    decoder = json.JSONDecoder()
    buffer, at, ended = "", 0, False

    def fill() -> bool:
        nonlocal buffer, at, ended
        chunk = text.read(CHUNK_CHARS)
        buffer, at, ended = buffer[at:] + chunk, 0, not chunk
        return bool(chunk)

    def skip_space() -> str:
        nonlocal at
        while True:
            while at < len(buffer) and buffer[at] in " \t\r\n":
                at += 1
            if at < len(buffer) or not fill():
                return buffer[at] if at < len(buffer) else ""

    if skip_space() != "[":
        raise ReadError("is not a JSON list of objects (it must start with [)")
    at += 1
    number = 0
    while True:
        ch = skip_space()
        if ch == "]":
            return
        if number:
            if ch != ",":
                raise ReadError(f"is not valid JSON after item {number} (expected , or ])")
            at += 1
            skip_space()
        number += 1
        while True:
            try:
                item, end = decoder.raw_decode(buffer, at)
                break
            except json.JSONDecodeError as error:
                if ended or not fill():
                    raise ReadError(f"item {number} is not valid JSON ({error.msg})") from None
        at = end
        yield number, item
