"""`reunite names`: the names engine from the command line (a thin layer over `reunite.names`).

    reunite names key NAME… [--json]            script, ULY reading (and its Arabic form), each part's keys
    reunite names compare A B [--json]          score and the explanation behind it
    reunite names match LEFT RIGHT [--top K] [--output FILE]
                                                best right rows for each left row, as CSV left_id,right_id,score,rank
    reunite names reindex                       rewrite the search keys of every stored name (after the
                                                engine's rules or data change)

LEFT and RIGHT are CSV or TSV files (UTF-8, with or without BOM) whose header holds at least `id` and `name`.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reunite.names import Comparison, Name, Part, compare, detect_script, parse_name, to_arabic
from reunite.names.match import match
from reunite.registry.models import NameKey, PersonName, fill_name_keys

REQUIRED_COLUMNS = ("id", "name")
DELIMITERS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}


class Command(BaseCommand):
    help = "Names across scripts: keys of a name, comparison of two names, matching two lists of names."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{key,compare,match,reindex}")
        key = commands.add_parser("key", help="script, ULY reading and phonetic keys of each name")
        key.add_argument("names", nargs="+", metavar="NAME")
        key.add_argument("--json", action="store_true", help="print JSON")
        pair = commands.add_parser("compare", help="how alike two names are, with the explanation")
        pair.add_argument("a", metavar="A")
        pair.add_argument("b", metavar="B")
        pair.add_argument("--json", action="store_true", help="print JSON")
        both = commands.add_parser("match", help="best right rows for each left row (CSV or TSV with id, name)")
        both.add_argument("left", type=Path, metavar="LEFT", help="names to look for: CSV or TSV with id, name")
        both.add_argument("right", type=Path, metavar="RIGHT", help="names to look among: CSV or TSV with id, name")
        both.add_argument("--top", type=int, default=1, help="right rows per left row (default 1)")
        both.add_argument("--output", type=Path, help="CSV file to write (default: standard output)")
        commands.add_parser("reindex", help="rewrite the search keys of every stored name")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "key":
            self.key(options["names"], options["json"])
        elif subcommand == "compare":
            self.compare(options["a"], options["b"], options["json"])
        elif subcommand == "reindex":
            self.reindex()
        else:
            self.match(options["left"], options["right"], options["top"], options["output"])

    def key(self, texts: list[str], as_json: bool) -> None:
        described = [describe_name(parse_name(text)) for text in texts]
        if as_json:
            self.stdout.write(json.dumps(described, ensure_ascii=False, indent=2))
            return
        for name in described:
            self.stdout.write("\n".join(name_lines(name)))

    def reindex(self) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            NameKey.objects.all().delete()
            names = fill_name_keys(PersonName, NameKey)
        self.stdout.write(f"Search keys rewritten for {names} names in {time.perf_counter() - started:.1f} s.")

    def compare(self, a: str, b: str, as_json: bool) -> None:
        comparison = compare(a, b)
        if as_json:
            self.stdout.write(json.dumps(describe_comparison(a, b, comparison), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(comparison.explain())

    def match(self, left: Path, right: Path, top: int, output: Path | None) -> None:
        if top < 1:
            raise CommandError("--top must be at least 1")
        started = time.perf_counter()
        left_rows = read_names(left, self.stderr)
        right_rows = read_names(right, self.stderr)
        with _opened(output, self.stdout) as out:
            written = write_pairs(out, match(left_rows, right_rows, top))
        self.stderr.write(
            f"names match: {len(left_rows):,} left rows, {len(right_rows):,} right rows, "
            f"{written:,} pairs written, {time.perf_counter() - started:.1f} s"
        )


# ------------------------------------------------------------------------------------------------- key


def describe_part(part: Part) -> dict[str, Any]:
    return {
        "text": part.text,
        "script": part.script.value,
        "convention": part.convention.value,
        "reading": part.reading,
        "key": part.key,
        "skeleton": part.skeleton,
        "blocks": list(part.blocks),
    }


def describe_name(name: Name) -> dict[str, Any]:
    return {
        "name": name.text,
        "script": detect_script(name.text).value,
        "reading": name.reading,
        "arabic": to_arabic(name.reading) if name.reading else "",
        "parts": [describe_part(part) for part in name.parts],
    }


def name_lines(name: dict[str, Any]) -> list[str]:
    lines = [
        name["name"],
        f"  script   {name['script']}",
        f"  reading  {name['reading'] or '(no letters)'}",
        f"  arabic   {name['arabic']}",
    ]
    for part in name["parts"]:
        lines.append(
            f"  part {part['text']}: {part['script']}, {part['convention']}, reading {part['reading']}, "
            f"key {part['key']}, blocks {' '.join(part['blocks'])}"
        )
    return lines


# --------------------------------------------------------------------------------------------- compare


def describe_comparison(a: str, b: str, comparison: Comparison) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "score": comparison.score,
        "pairs": [
            {
                "a": describe_part(pair.a),
                "b": describe_part(pair.b),
                "similarity": round(pair.similarity, 4),
                "weight": round(pair.weight, 4),
            }
            for pair in comparison.pairs
        ],
        "unmatched_a": [part.text for part in comparison.unmatched_a],
        "unmatched_b": [part.text for part in comparison.unmatched_b],
        "swapped": comparison.swapped,
        "joined": comparison.joined,
        "explanation": comparison.explain(),
    }


# ----------------------------------------------------------------------------------------------- match


def delimiter(path: Path, sample: str) -> str:
    """Tab or comma (or ;, |) from the file's extension, else from its first line."""
    if path.suffix.lower() in DELIMITERS:
        return DELIMITERS[path.suffix.lower()]
    header = sample.splitlines()[0] if sample else ""
    return max("\t,;|", key=header.count) if header else ","


def read_names(path: Path, errors: TextIO) -> list[tuple[str, str]]:
    """(id, name) of each row; rows without an id or a name with letters are reported on `errors` and skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise CommandError(f"{path}: no such file") from e
    except UnicodeDecodeError as e:
        raise CommandError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(path, text))
    columns = _columns(path, next(reader, []))
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        row_id, name = (cells[i].strip() if i < len(cells) else "" for i in columns)
        problem = _row_problem(row_id, name)
        if problem:
            errors.write(f"{path} row {reader.line_num}: {problem}, skipped")
        else:
            rows.append((row_id, name))
    return rows


def _columns(path: Path, header: list[str]) -> tuple[int, int]:
    """Where the id and name columns are in the header."""
    found = {cell.strip().lower(): i for i, cell in reversed(list(enumerate(header)))}
    for column in REQUIRED_COLUMNS:
        if column not in found:
            present = ", ".join(cell.strip() for cell in header) or "none"
            raise CommandError(f"{path}: no '{column}' column in the header (columns: {present})")
    id_column, name_column = (found[column] for column in REQUIRED_COLUMNS)
    return id_column, name_column


def _row_problem(row_id: str, name: str) -> str | None:
    if not name:
        return "empty name"
    if not row_id:
        return "empty id"
    if not parse_name(name).parts:
        return "no letters in the name"
    return None


def write_pairs(out: TextIO, pairs: Iterator[tuple[str, str, float, int]]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["left_id", "right_id", "score", "rank"])
    written = 0
    for left_id, right_id, score, rank in pairs:
        writer.writerow([left_id, right_id, f"{score:.4f}", rank])
        written += 1
    return written


@contextmanager
def _opened(path: Path | None, stdout: TextIO) -> Iterator[TextIO]:
    """The output file, or the command's standard output when there is none."""
    if path is None:
        yield stdout
        return
    try:
        file = path.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise CommandError(f"{path}: cannot write ({e.strerror})") from e
    with file:
        yield file
