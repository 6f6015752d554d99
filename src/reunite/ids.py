"""Chinese resident ID numbers (居民身份证号码): read one as written, normalise it, say what it tells and what is wrong.

An 18-character number is 6 digits of area code (where it was issued, usually the birthplace), the birth date
YYYYMMDD, 3 digits of sequence (odd for men, even for women) and a check digit (0-9 or X). The old 15-digit form
(issued until 1999) is area + YYMMDD (19YY) + sequence, without a check digit; it is converted to 18.

Numbers come from testimonies and leaked lists, typos included. A wrong check digit does not discard the number:
it is kept as evidence and flagged, its date, sex and area still read. Only a number whose form cannot be read
(wrong length, letters, an impossible date) is `malformed`. Nothing here raises on any text.

Pure Python (no Django); the check digit and the area codes come from `stdnum.cn.ric`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

Sex = Literal["F", "M", ""]

LENGTH = 18
OLD_LENGTH = 15
# Nobody alive when resident IDs were first issued (1984) was born before this year.
EARLIEST_BIRTH_YEAR = 1870
_DIGITS = frozenset("0123456789")
_PERIOD = re.compile(r"\[(\d*)-(\d*)\]")
# Most numbers in a list are already written plainly: those skip the Unicode folding, which is slow in bulk.
_PLAIN = re.compile(r"[0-9]{17}[0-9Xx]|[0-9]{15}")


@dataclass(frozen=True)
class ResidentId:
    """What one written resident ID number says. `problems` explains everything wrong with it; `defects` are the
    problems that make it unreadable (form or date), the others (check digit, area code) only flag it."""

    text: str
    number: str = ""
    valid: bool = False
    # None when there is no check digit to check: the old 15-digit form, or a number that cannot be read.
    checksum_ok: bool | None = None
    converted_from_15: bool = False
    birth_date: datetime.date | None = None
    sex: Sex = ""
    birthplace_code: str = ""
    problems: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()

    @property
    def malformed(self) -> bool:
        """True when the text is not a readable resident ID (wrong length, letters, impossible date)."""
        return bool(self.defects)


def parse_resident_id(text: str, today: datetime.date | None = None) -> ResidentId:
    """Read `text` as a resident ID number; spaces and hyphens are ignored, a lower-case x is accepted."""
    compact = normalise_text(text)
    if defects := _form_defects(compact):
        return ResidentId(text=text, problems=defects, defects=defects)
    converted = len(compact) == OLD_LENGTH
    number = _from_15(compact) if converted else compact
    checksum_ok = None if converted else number[-1] == ric.calc_check_digit(number)
    birth_date, date_defect = _birth_date(number, today or datetime.date.today())
    defects = (date_defect,) if date_defect else ()
    flags = []
    if checksum_ok is False:
        flags.append(
            f"check digit is {number[-1]} but should be {ric.calc_check_digit(number)} — kept as evidence, flagged"
        )
    if birth_date and (area := _area_problem(number[:6], birth_date.year)):
        flags.append(area)
    problems = (*defects, *flags)
    return ResidentId(
        text=text,
        number=number,
        valid=not problems,
        checksum_ok=checksum_ok,
        converted_from_15=converted,
        birth_date=birth_date,
        sex="M" if int(number[16]) % 2 else "F",
        birthplace_code=number[:6],
        problems=problems,
        defects=defects,
    )


def normalise_text(text: str) -> str:
    """The characters of a written number: compatibility forms folded (full-width digits), upper case, without
    spaces or hyphens (of any kind)."""
    if _PLAIN.fullmatch(text):
        return text.upper()
    cleaned = ric.compact(unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in cleaned if ch != "-" and not ch.isspace())


def _form_defects(compact: str) -> tuple[str, ...]:
    """Why `compact` does not have the form of an 18- or 15-character number; empty when it does."""
    if _PLAIN.fullmatch(compact):
        return ()
    if not compact:
        return ("is empty",)
    problems = []
    body, last = compact[:-1], compact[-1]
    strange = [ch for ch in body if ch not in _DIGITS] + ([] if last in _DIGITS or last == "X" else [last])
    if any(ch.isalpha() for ch in strange):
        problems.append("contains letters other than a final X")
    if any(not ch.isalpha() for ch in strange):
        problems.append("contains characters other than the digits 0-9 and a final X")
    if len(compact) not in (LENGTH, OLD_LENGTH):
        characters = "character" if len(compact) == 1 else "characters"
        problems.append(f"has {len(compact)} {characters}; a resident ID has 18 (or 15 in the old form)")
    elif len(compact) == OLD_LENGTH and last == "X":
        problems.append("ends in X, but the old 15-digit form has digits only")
    return tuple(problems)


def _from_15(old: str) -> str:
    """The 18-digit form of an old 15-digit number: the year gains "19", the check digit is computed."""
    body = old[:6] + "19" + old[6:]
    return body + ric.calc_check_digit(body + "0")  # calc_check_digit ignores the last character


def _birth_date(number: str, today: datetime.date) -> tuple[datetime.date | None, str]:
    """The birth date in the number, or None and why it cannot be one."""
    written = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None, f"birth date {written} does not exist"
    if born.year < EARLIEST_BIRTH_YEAR:
        return None, f"birth date {written} is before {EARLIEST_BIRTH_YEAR}, too early to be real"
    if born > today:
        return None, "birth date is in the future"
    return born, ""


@lru_cache(maxsize=65536)
def _area_problem(code: str, birth_year: int) -> str:
    """Why the area code cannot be right, or "" when it can.

    A code is fine when it existed in the birth year (stdnum's rule), and also when it was created later: numbers
    were first issued in 1984 with the codes of that time, to people born long before. Only a code never listed,
    or abolished before the person was born, is flagged. It depends on the code and year alone, and reading the
    code table is the costly part of reading a number, so each pair is looked up once."""
    try:
        # stdnum reads only the area code and the birth year of the number it is given.
        ric.get_birth_place(f"{code}{birth_year:04d}01010000")
        return ""
    except (ValidationError, KeyError, ValueError):
        pass
    periods = _area_periods(code)
    if not periods:
        return f"birthplace code {code} is not a known area code"
    if all(end is not None and end < birth_year for _, end in periods):
        return f"birthplace code {code} was abolished before the birth year {birth_year}"
    return ""


def _area_periods(code: str) -> list[tuple[int | None, int | None]]:
    """The years each county listed under `code` was in use (None: open-ended); empty when the code is unknown."""
    info = {key: value for _, props in numdb.get("cn/loc").info(code) for key, value in props.items()}
    periods: list[tuple[int | None, int | None]] = []
    for county in filter(None, info.get("county", "").split(",")):
        if match := _PERIOD.match(county):
            start, end = match.groups()
            periods.append((int(start) if start else None, int(end) if end else None))
        else:
            periods.append((None, None))
    return periods


def describe(rid: ResidentId) -> dict[str, Any]:
    """The parsed number as plain JSON-ready values."""
    return {
        "text": rid.text,
        "number": rid.number,
        "valid": rid.valid,
        "malformed": rid.malformed,
        "checksum_ok": rid.checksum_ok,
        "converted_from_15": rid.converted_from_15,
        "birth_date": rid.birth_date.isoformat() if rid.birth_date else None,
        "sex": rid.sex,
        "birthplace_code": rid.birthplace_code,
        "problems": list(rid.problems),
    }
