"""Invented lists for the import tests, and writers for every format the importer reads. Nobody here is real."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from stdnum.cn import ric

TESTIMONY_COLUMNS = [
    "No.",
    "Victim's name",
    "Chinese name",
    "ID number",
    "Testifier",
    "Relation to victim",
    "Location",
    "Time of detention",
    "Status",
    "Testimony",
]
OFFICIAL_COLUMNS = ["序号", "姓名", "身份证号", "住址", "出生日期", "拘留日期"]


def resident_id(area: str, born: str, sequence: str) -> str:
    """An invented resident ID number with a right check digit: born as YYYYMMDD, sequence odd for a man."""
    body = f"{area}{born}{sequence}"
    return body + ric.calc_check_digit(body + "0")


ADIL_ID = resident_id("653201", "19800314", "013")
MIHRIBAN_ID = resident_id("654002", "19750921", "024")


def a_testimony(number: int, **changes: str) -> dict[str, str]:
    """Row `number` of an invented testimony list; rows 1-3 are different people."""
    rows = {
        1: [
            "1",
            "Adil Tursun",
            "阿迪力·吐尔逊",
            ADIL_ID,
            "Gülnar Adil",
            "daughter",
            "Kashgar",
            "May 2017",
            "in camp",
            "My father was taken from our home in May 2017.",
        ],
        2: [
            "2",
            "Mihriban Kader",
            "米合日班·卡德尔",
            MIHRIBAN_ID,
            "Ekrem Abdulla",
            "son",
            "Ghulja",
            "2018",
            "prison",
            "We heard she was sentenced.",
        ],
        3: [
            "3",
            "Tursun Niyaz",
            "",
            "",
            "Aygül Hesen",
            "wife",
            "Keriye county, Hotan prefecture",
            "12 April 2019",
            "disappeared",
            "Nobody has heard from him since.",
        ],
    }
    return {**dict(zip(TESTIMONY_COLUMNS, rows[number], strict=True)), **changes}


def the_testimonies(*changed: dict[str, str]) -> list[dict[str, str]]:
    """The three rows, with some replaced by changed versions (matched by "No.")."""
    by_number = {row["No."]: row for row in changed}
    return [by_number.get(str(n), a_testimony(n)) for n in (1, 2, 3)]


def official(number: int, name: str, number_id: str, address: str, born: str, detained: str) -> dict[str, str]:
    return dict(zip(OFFICIAL_COLUMNS, [str(number), name, number_id, address, born, detained], strict=True))


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(path)
    return path


def write_json(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path
