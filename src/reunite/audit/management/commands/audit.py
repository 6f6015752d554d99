"""`reunite audit`: check the audit log's chain, or print its entries.

    reunite audit verify                          exit status 0 when intact; 1, with the sequence numbers, when not
    reunite audit list [--user U] [--action A] [--object-type T] [--since DATE] [--until DATE]

Entries carry no names, testimony text or ID numbers: what is printed is ids, field names and counts.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reunite.audit.chain import ranges, verify
from reunite.audit.models import Action, Entry

TAMPERED = 1
CHUNK = 2000


class Command(BaseCommand):
    help = "The audit log: verify its hash chain, or list its entries."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,list}")
        commands.add_parser("verify", help="find every entry altered, removed or inserted (exit status 1)")
        listing = commands.add_parser("list", help="print entries, oldest first")
        listing.add_argument("--user", default="", help="only this account's entries (its name when they were made)")
        listing.add_argument("--action", default="", choices=Action.values)
        listing.add_argument("--object-type", default="", help="e.g. registry.person")
        listing.add_argument("--since", type=date.fromisoformat, help="from this day (YYYY-MM-DD)")
        listing.add_argument("--until", type=date.fromisoformat, help="to this day, included")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "verify":
            self.verify()
        else:
            filters = {key: options[key] for key in ("user", "action", "object_type", "since", "until")}
            self.list(Entry.objects.matching(**filters).order_by("sequence"))

    def verify(self) -> None:
        report = verify()
        head = f"head #{report.head[0]} {report.head[1]}" if report.head else "no head yet"
        self.stdout.write(f"{report.entries} entries; {head}")
        for what, numbers in (("altered", report.altered), ("removed", report.removed), ("inserted", report.inserted)):
            if numbers:
                self.stdout.write(f"{what}: {ranges(numbers)}")
        if not report.intact:
            raise CommandError("the audit log has been tampered with", returncode=TAMPERED)
        self.stdout.write("intact")

    def list(self, entries) -> None:
        for entry in entries.iterator(chunk_size=CHUNK):
            what = f"{entry.object_type} #{entry.object_id}" if entry.object_id else entry.object_type or "-"
            who = f"{entry.username} ({entry.role or 'no role'})" if entry.username else "-"
            self.stdout.write(
                "\t".join(
                    [
                        str(entry.sequence),
                        entry.at.isoformat(timespec="seconds"),
                        who,
                        entry.action,
                        what,
                        json.dumps(entry.detail, sort_keys=True, ensure_ascii=False),
                    ]
                )
            )
