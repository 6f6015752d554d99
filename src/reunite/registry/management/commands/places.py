"""`reunite places`: the place resolver from the command line (a thin layer over `reunite.places`).

    reunite places resolve TEXT… [--json]     the places each text can mean, best first: label, code, level,
                                              the parent division, score and the name that matched; for a
                                              country its ISO code and the place named within it

A text whose best candidate scores below the match threshold gets "no match" and its closest candidates; two
candidates too close to tell apart get "ambiguous".
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reunite.places import Candidate, Resolution, gazetteer, resolve


class Command(BaseCommand):
    help = "Xinjiang places and countries as sources write them: what a text can mean, ranked."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{resolve}")
        one = commands.add_parser("resolve", help="the places each text can mean, best first")
        one.add_argument("texts", nargs="+", metavar="TEXT")
        one.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        described = [describe_resolution(resolve(text)) for text in options["texts"]]
        if options["json"]:
            self.stdout.write(json.dumps(described, ensure_ascii=False, indent=2))
            return
        self.stdout.write("\n\n".join("\n".join(resolution_lines(r)) for r in described))


def describe_candidate(candidate: Candidate) -> dict[str, Any]:
    described: dict[str, Any] = {
        "label": candidate.label,
        "code": candidate.code,
        "score": candidate.score,
        "matched": candidate.matched,
    }
    if candidate.place is not None:
        parent = gazetteer().parent(candidate.place)
        described |= {
            "kind": "place",
            "level": candidate.place.level,
            "name_zh": candidate.place.name_zh,
            "parent": {"label": parent.label, "code": parent.code} if parent else None,
        }
    else:
        described |= {"kind": "country", "level": "country", "locality": candidate.locality}
    return described


def describe_resolution(resolution: Resolution) -> dict[str, Any]:
    best = resolution.best
    return {
        "text": resolution.text,
        "match": best is not None,
        "best": best.code if best else None,
        "ambiguous": resolution.ambiguous,
        "candidates": [describe_candidate(c) for c in resolution.candidates],
    }


def resolution_lines(resolution: dict[str, Any]) -> list[str]:
    candidates = resolution["candidates"]
    if not resolution["match"]:
        closest = ", ".join(f"{c['label']} {c['code']} ({c['score']:.2f})" for c in candidates) or "nothing"
        return [resolution["text"], f"  no match — closest: {closest}"]
    lines = [resolution["text"] + ("  (ambiguous)" if resolution["ambiguous"] else "")]
    for rank, c in enumerate(candidates, 1):
        if c["kind"] == "place":
            where = f"in {c['parent']['label']}" if c["parent"] else "-"
            lines.append(
                f"  {rank}. {c['label']}  {c['code']}  {c['level']}  {where}  {c['score']:.2f}  ({c['matched']})"
            )
        else:
            where = f"locality {c['locality']}" if c["locality"] else "-"
            lines.append(f"  {rank}. {c['label']}  {c['code']}  country  {where}  {c['score']:.2f}  ({c['matched']})")
    if resolution["ambiguous"]:
        lines.append("  ambiguous: the first candidates score too close to choose between them")
    return lines
