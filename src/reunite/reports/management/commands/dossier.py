"""`reunite dossier CASE_ID --as USERNAME --for lawyer|government [--output FILE.pdf]`: one case's dossier as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reunite.cases.models import Case
from reunite.registry.disclosure import NotAllowed
from reunite.reports.dossier import NotDisclosed, Recipient, build_dossier, dossier_pdf, record_dossier

REFUSED, UNUSABLE = 1, 2


class Command(BaseCommand):
    help = (
        "Write the dossier of a case for a family reunification or asylum application, as PDF: the family, the "
        "names in every script, the timeline and the applications, as far as each source's consent allows for the "
        "recipient (a lawyer gets what partner organisations may, a government what governments may). Caseworkers "
        "and administrators only; the dossier is recorded as an export."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case_id", type=int, help="the case's number (C-00042 is 42)")
        parser.add_argument("--as", dest="username", required=True, help="the account making the dossier")
        parser.add_argument(
            "--for", dest="recipient", required=True, choices=Recipient.values, help="whom the dossier goes to"
        )
        parser.add_argument(
            "--output", type=Path, help="the PDF file (default: dossier-C-00042-lawyer.pdf in the current directory)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no account named {options['username']!r}", returncode=UNUSABLE)
        case_id = options["case_id"]
        try:
            dossier = build_dossier(user, case_id, options["recipient"])
        except NotAllowed as refused:
            raise CommandError(f"dossier refused: {refused}", returncode=REFUSED) from None
        except Case.DoesNotExist:
            raise CommandError(f"no case {case_id} that {user.get_username()} may read", returncode=UNUSABLE) from None
        except NotDisclosed as withheld:
            raise CommandError(str(withheld), returncode=REFUSED) from None
        output: Path = options["output"] or Path(dossier.filename)
        content = dossier_pdf(dossier)
        # Written beside the output and moved into place with the record: no dossier is left that the record of
        # exports does not know of.
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(content)
        try:
            with transaction.atomic():
                export = record_dossier(user, dossier, content)
                partial.replace(output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        counts, withheld = dossier.counts, dossier.withheld
        self.stdout.write(
            f"wrote {output} ({len(content):,} bytes): {dossier.reference} for {dossier.recipient.value} "
            f"({dossier.audience.value}), as {user.get_username()} ({export.role})"
        )
        self.stdout.write(
            f"  {_count(counts['persons'], 'person')}, {_count(counts['events'], 'event')}, "
            f"{_count(counts['applications'], 'application')}, from {_count(len(dossier.sources), 'source')}"
        )
        self.stdout.write(
            f"  withheld: {_count(withheld.not_shared, 'source')} without consent to go to {dossier.shared_with}; "
            f"names and ID numbers of {_count(withheld.not_named, 'source')} without consent to be named; "
            f"{_count(withheld.notes, 'description or note', 'descriptions and notes')}"
        )
        self.stdout.write(f"recorded as export {export.pk} (SHA-256 {export.sha256})")


def _count(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"
