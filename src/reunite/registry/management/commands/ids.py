"""`reunite ids`: Chinese resident ID numbers from the command line (a thin layer over `reunite.ids`).

    reunite ids parse NUMBER… [--json]     each number normalised, valid or not and why, and what it tells:
                                           birth date, sex, birthplace code (and the place's name when the
                                           gazetteer `reunite.places` is installed)

Every number given is reported, invalid ones too (exit status 0); only a usage error exits with 2.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reunite.ids import describe, parse_resident_id

SEXES = {"F": "female", "M": "male"}
# How many levels of parents a place is named with (county, prefecture, region).
PLACE_LEVELS = 3


class Command(BaseCommand):
    help = "Chinese resident ID numbers: normalised form, validity and what each number tells."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{parse}")
        parse = commands.add_parser("parse", help="normalise and check each number, and say what it tells")
        parse.add_argument("numbers", nargs="+", metavar="NUMBER")
        parse.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        described = [describe_number(text) for text in options["numbers"]]
        if options["json"]:
            self.stdout.write(json.dumps(described, ensure_ascii=False, indent=2))
            return
        for number in described:
            self.stdout.write("\n".join(number_lines(number)))


def describe_number(text: str) -> dict[str, Any]:
    """`reunite.ids.describe` with the birthplace's names, when the gazetteer knows the code."""
    described = describe(parse_resident_id(text))
    described["birthplace"] = place_names(described["birthplace_code"]) if described["birthplace_code"] else []
    return described


def place_names(code: str) -> list[dict[str, str]]:
    """The place of `code` and its parents (county first), from `reunite.places`; empty without it."""
    try:
        from reunite.places import gazetteer
    except ImportError:
        return []
    by_code = getattr(gazetteer(), "by_code", None)
    names: list[dict[str, str]] = []
    seen = set()
    while by_code and code and code not in seen and len(names) < PLACE_LEVELS:
        seen.add(code)
        place = by_code(code)
        if place is None:
            break
        names.append({"code": code, "name_en": place.name_en, "name_zh": place.name_zh})
        code = place.parent or ""
    return names


def number_lines(number: dict[str, Any]) -> list[str]:
    lines = [number["number"] or f"{number['text']!r} (not readable)"]
    if number["valid"]:
        lines.append("  valid       yes")
    else:
        lines += [f"  valid       no: {problem}" for problem in number["problems"]]
    if number["converted_from_15"]:
        lines.append("  converted   from the old 15-digit form (check digit computed)")
    if number["birth_date"]:
        lines.append(f"  born        {number['birth_date']}")
    if number["sex"]:
        lines.append(f"  sex         {SEXES[number['sex']]}")
    if number["birthplace_code"]:
        names = ", ".join(f"{place['name_en']} ({place['name_zh']})" for place in number["birthplace"])
        lines.append(f"  birthplace  {number['birthplace_code']}{' ' + names if names else ''}")
    return lines
