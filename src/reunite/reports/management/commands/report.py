"""`reunite report --as USER [--from DATE --to DATE] [--output report.pdf|report.html]`: the advocacy report."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reunite.registry.disclosure import NotAllowed
from reunite.reports import report
from reunite.reports.management.commands._reporting import add_report_arguments, user_and_options

RENDERERS = {".pdf": ("pdf", report.pdf), ".html": ("html", report.html), ".htm": ("html", report.html)}


class Command(BaseCommand):
    help = (
        "Write the advocacy report of the organisation's documented cases as PDF or HTML: figures with small counts "
        "protected, charts, anonymised quotes where consent allows, and the methodology. The report is recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(parser)
        parser.add_argument("--output", default="report.pdf", help="a .pdf or .html file (default report.pdf)")

    def handle(self, *args, **options) -> None:
        user, chosen = user_and_options(options)
        output = Path(options["output"])
        if output.suffix.lower() not in RENDERERS:
            raise CommandError(f"--output: {output.name} is neither .pdf nor .html")
        output_format, render = RENDERERS[output.suffix.lower()]
        try:
            made = report.make_report(user, chosen)
        except NotAllowed as refused:
            raise CommandError(str(refused)) from None
        content = render(made)
        data = content.encode("utf-8") if isinstance(content, str) else content
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(data)
        with transaction.atomic():
            report.record(user, made, output_format)
            partial.replace(output)
        figures = made.published.figures
        self.stdout.write(
            f"Wrote {output} ({len(data):,} bytes): {figures.counting['cases']} cases, "
            f"{made.published.hidden} figures protected, {len(made.quotes)} quotes; figures SHA-256 {made.fingerprint}"
        )
