"""`reunite export --as USERNAME --output PATH`: take persons, cases, events and sources out, as that user may."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from reunite.cases.models import Case
from reunite.registry.disclosure import Audience, NotAllowed
from reunite.transfer.export import FORMATS, TABLES, export_data

REFUSED, UNUSABLE = 1, 2

AUDIENCE_HELP = """\
What leaves is decided by the account's role and by each source's sensitivity and consent (docs/export.md):
  team         the organisation's own people: every source the role reads (researchers: public and restricted,
               never confidential), with names, testimony text and imported rows
  partners     a partner organisation: only sources whose witness agreed to sharing with partners; names and ID
               numbers only with consent to be named; never testimony text, free-text notes or imported rows
  governments  a government (a reunification application, say): as partners, for sources whose witness agreed
               to sharing with governments
Advocates, who work with figures only, and accounts without a role export nothing.

Formats: json (one file, the manifest first; `reunite import` restores it), xlsx (a sheet per table, the manifest
first), csv (a directory, or a .zip: a file per table and manifest.json). Without --format, the output's suffix
decides (.json, .xlsx; anything else is csv). The manifest says what, when, by whom, for whom, with which filters,
and what was withheld; it names no one.

Every export is recorded (who, when, for whom, what, filters, counts, SHA-256 of the file). Nothing printed names a
person."""


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = (
        "Export persons, cases, events and sources as CSV, JSON or XLSX with a manifest, as much as the account's "
        "role and each source's consent allow for the audience; the export is recorded."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return super().create_parser(
            prog_name, subcommand, formatter_class=_HelpFormatter, epilog=AUDIENCE_HELP, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="username", required=True, help="the account whose role decides what leaves")
        parser.add_argument("--audience", default=Audience.TEAM.value, choices=[a.value for a in Audience])
        parser.add_argument(
            "--tables", default=",".join(TABLES), help=f"which tables, comma-separated (default: {','.join(TABLES)})"
        )
        parser.add_argument("--format", choices=FORMATS, help="csv, json or xlsx (default: from the output's suffix)")
        parser.add_argument("--dataset", nargs="+", action="extend", default=[], help="only these lists' rows")
        parser.add_argument("--since", type=date.fromisoformat, help="only sources recorded on or after this date")
        parser.add_argument("--until", type=date.fromisoformat, help="only sources recorded on or before this date")
        parser.add_argument(
            "--case-status", nargs="+", action="extend", default=[], choices=Case.Status.values, help="only such cases"
        )
        parser.add_argument("--output", required=True, type=Path, help="the file (a directory or a .zip for csv)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no account named {options['username']!r}", returncode=UNUSABLE)
        output: Path = options["output"]
        fmt = options["format"] or {".json": "json", ".xlsx": "xlsx"}.get(output.suffix.lower(), "csv")
        filters = {key: options[key] for key in ("dataset", "since", "until")} | {"case_status": options["case_status"]}
        try:
            export = export_data(
                user,
                audience=options["audience"],
                tables=[table.strip() for table in options["tables"].split(",") if table.strip()],
                fmt=fmt,
                output=output,
                filters=filters,
            )
        except NotAllowed as error:
            raise CommandError(f"export refused: {error}", returncode=REFUSED) from None
        except ValueError as error:
            raise CommandError(str(error), returncode=UNUSABLE) from None
        self.stdout.write(f"wrote {output} ({fmt}) for {export.audience}, as {user.get_username()} ({export.role})")
        for table, count in export.counts.items():
            self.stdout.write(f"  {table}: {count}")
        for note in export.manifest["withheld"]:
            self.stdout.write(f"withheld: {note}")
        self.stdout.write(f"recorded as export {export.pk} (SHA-256 {export.sha256})")
