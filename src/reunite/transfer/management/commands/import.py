"""`reunite import FILE --mapping MAPPING`: bring a list in, each row a source kept verbatim; `reunite import
EXPORT.json`: restore a reunite export.

Exit status: 0 when every row was imported (or was already), 1 when some rows were rejected (the others are in),
2 when the file or the mapping could not be used, or the import stopped part-way (the batches before are stored;
running the same import again completes it).
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter
from django.db import DatabaseError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from reunite.transfer.importer import Summary, import_file
from reunite.transfer.mapping import MappingError, shipped
from reunite.transfer.reading import FORMATS, ReadError
from reunite.transfer.restore import Restored

REJECTED, UNUSABLE = 1, 2

FORMAT_HELP = """\
A mapping is a TOML file saying which column becomes which fact (docs/import.md explains it all):

  [dataset]
  row_key = ["No."]                        # the column(s) that identify a row across imports
  [source]
  text = "Testimony"                       # free text kept with the row's source
  [persons.victim]                         # a person the row speaks of, by role
  names = [{ column = "Victim's name" }, { column = "Chinese name", kind = "chinese" }]
  id_numbers = ["ID number"]
  status = "Status"                        # words mapped to statuses (values = { "in camp" = "detained" })
  status_place = "Location"                # places go through the gazetteer
  [persons.testifier]
  names = ["Testifier"]
  gave_testimony = true
  [[relations]]                            # what the testifier is to the victim: mother, son, ...
  person = "testifier"
  relative = "victim"
  column = "Relation to victim"
  [[events]]
  kind = "detention"
  persons = ["victim"]
  date = { column = "Time of detention", format = "free text" }   # or a strptime format: "%d.%m.%Y"

Shipped mappings (--mapping NAME): {shipped}.
A reunite export (reunite export --format json) needs no mapping: it is restored as it was, and importing it again
adds nothing (docs/export.md).
Exit status: 0 all rows in, 1 some rows rejected (see --rejects), 2 the file or mapping could not be used or the
import stopped part-way (run it again to complete it: rows already in are not imported twice).
Nothing printed names a person or quotes a value: problems give the row, the column and the reason."""


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = (
        "Import a list (CSV or TSV in any delimiter, UTF-8, UTF-16 or GB18030; XLSX; JSON; JSON Lines) with a "
        "mapping: each row becomes a source kept verbatim, with the persons, names, ID numbers, relationships and "
        "events it states. Importing again changes nothing; a changed row adds a new version."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        epilog = FORMAT_HELP.replace("{shipped}", ", ".join(shipped()))
        return super().create_parser(prog_name, subcommand, formatter_class=_HelpFormatter, epilog=epilog, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the list: .csv .tsv .txt .xlsx .json .jsonl")
        parser.add_argument(
            "--mapping", help="a mapping file (TOML), or a shipped mapping's name; none for a reunite export"
        )
        parser.add_argument("--dataset", default="", help="the list's name (default: the mapping's [dataset] name)")
        parser.add_argument("--dry-run", action="store_true", help="check every row and count; write nothing")
        parser.add_argument("--rejects", metavar="FILE", help="write the rejected rows here (CSV), with reasons")
        parser.add_argument("--encoding", default="", help="the text file's encoding when it is not detected")
        parser.add_argument("--format", default="", choices=("", *FORMATS), help="when the file name does not say")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(stderr=True)
        progress = Progress(
            TextColumn("importing"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rows]} rows"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal or options["verbosity"] == 0,
        )
        task = progress.add_task("import", total=1.0, rows=0)
        try:
            with progress:
                summary = import_file(
                    options["file"],
                    options["mapping"],
                    dataset=options["dataset"],
                    dry_run=options["dry_run"],
                    rejects=options["rejects"],
                    encoding=options["encoding"],
                    fmt=options["format"],
                    progress=lambda done, rows: progress.update(task, completed=done, rows=rows),
                )
        except MappingError as error:
            raise CommandError("\n".join(error.reasons), returncode=UNUSABLE) from None
        except ReadError as error:
            raise CommandError(f"{options['file']} {error}", returncode=UNUSABLE) from None
        except DatabaseError as error:
            # The type only: a database's message may quote a value.
            raise CommandError(
                f"the import stopped ({type(error).__name__}): the batch under way was not written, those before "
                "it are stored; run the same import again to complete it",
                returncode=UNUSABLE,
            ) from None
        if isinstance(summary, Restored):
            self.stdout.write("\n".join(summary.lines()))
        else:
            self.report(summary, options["rejects"])

    def report(self, summary: Summary, rejects: str | None) -> None:
        for problem in summary.problems:
            self.stderr.write(str(problem))
        if (more := summary.problem_count - len(summary.problems)) > 0:
            where = f"every rejected row is in {rejects}" if rejects else "--rejects FILE writes every rejected row"
            self.stderr.write(f"… and {more} more problems ({where})")
        for line in summary.lines():
            self.stdout.write(line)
        if summary.rejected:
            raise CommandError(f"{summary.rejected} rows rejected", returncode=REJECTED)
