"""`reunite stats --as USER --csv DIR`: the report's tables as CSV, small counts protected as in the report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reunite.registry.disclosure import NotAllowed
from reunite.reports import report
from reunite.reports.management.commands._reporting import add_report_arguments, user_and_options


class Command(BaseCommand):
    help = (
        "Write the report's tables as CSV files into a directory, one per table, and about.csv with the summary "
        "figures, the protection method and the data snapshot. A hidden count is an empty cell. Recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(parser)
        parser.add_argument("--csv", dest="directory", required=True, help="directory to write the CSV files into")

    def handle(self, *args, **options) -> None:
        user, chosen = user_and_options(options)
        directory = Path(options["directory"])
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"--csv: {directory} is a file, not a directory")
        try:
            made = report.make_report(user, chosen)
        except NotAllowed as refused:
            raise CommandError(str(refused)) from None
        files = report.csv_tables(made)
        directory.mkdir(parents=True, exist_ok=True)
        with transaction.atomic():
            report.record(user, made, "csv")
            for name, text in files.items():
                (directory / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(files)} CSV files to {directory}; figures SHA-256 {made.fingerprint}")
