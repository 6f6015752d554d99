"""`reunite withdraw SOURCE_ID --as USERNAME --how "by email" [--yes]`: a witness withdrew consent; empty their
source and remove the facts only it states (docs/consent.md). Prints counts, never what was removed."""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reunite.accounts.roles import WITHDRAW_CONSENT
from reunite.registry.disclosure import NotAllowed, readable_sources
from reunite.registry.models import Source, Withdrawal
from reunite.registry.withdrawal import COUNT_LABELS, AlreadyWithdrawn, removal, withdraw_consent

REFUSED, UNUSABLE = 1, 2


def way_asked(text: str) -> str:
    """A way of asking from its value or its label ("email", "by email"), in any case."""
    wanted = " ".join(text.split()).casefold()
    for value, label in Withdrawal.How.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    known = ", ".join(f"{value!r} ({label})" for value, label in Withdrawal.How.choices)
    raise CommandError(f"unknown way of asking {text!r}: one of {known}", returncode=UNUSABLE)


class Command(BaseCommand):
    help = (
        "A witness withdrew consent: empty their source (words, raw row, who took it, consents) and remove every "
        "fact it alone states; what other sources say is kept. Recorded in the audit log with counts only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=int, help="the source's id (a testimony, or a row of an imported list)")
        parser.add_argument("--as", dest="username", required=True, help="the account recording the withdrawal")
        parser.add_argument(
            "--how",
            required=True,
            help="how the request came: " + ", ".join(str(label) for label in Withdrawal.How.labels),
        )
        parser.add_argument("--yes", action="store_true", help="do it without asking (needed when not at a terminal)")

    def handle(self, *args: Any, **options: Any) -> None:
        how = way_asked(options["how"])
        user = self.account(options["username"])
        source = self.source(user, options["source"])
        if source.withdrawn:
            raise CommandError(f"source {source.pk} was already withdrawn: nothing more to remove", returncode=REFUSED)
        self.stdout.write(f"withdrawing consent to source {source.pk} ({source.get_kind_display()}) removes:")
        self.counts(removal(source))
        if not options["yes"]:
            self.confirm()
        try:
            withdrawal = withdraw_consent(source, user, how)
        except AlreadyWithdrawn as error:
            raise CommandError(str(error), returncode=REFUSED) from None
        self.stdout.write(f"withdrawn (withdrawal {withdrawal.pk}, recorded in the audit log); removed:")
        self.counts(withdrawal.removed)

    def account(self, username: str) -> AbstractBaseUser:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no account named {username!r}", returncode=UNUSABLE)
        if not user.has_perm(WITHDRAW_CONSENT):
            raise CommandError(
                f"{username} may not withdraw consent (caseworkers and administrators may)", returncode=REFUSED
            )
        return user

    def source(self, user: AbstractBaseUser, pk: int) -> Source:
        """The source, if the account may read it: another organisation's sources are not there for it."""
        try:
            source = readable_sources(user).filter(pk=pk).first()
        except NotAllowed as error:
            raise CommandError(str(error), returncode=REFUSED) from None
        if source is None:
            raise CommandError(f"no source {pk} that {user.get_username()} may read", returncode=UNUSABLE)
        return source

    def counts(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.stdout.write(f"  {count} {COUNT_LABELS[name]}")

    def confirm(self) -> None:
        # Without a terminal nobody can answer: refuse rather than read a "yes" from a pipe by accident.
        if not sys.stdin.isatty():
            raise CommandError("not at a terminal: give --yes to withdraw without asking", returncode=UNUSABLE)
        answer = input("withdraw consent and remove all this? It cannot be undone. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            raise CommandError("nothing withdrawn", returncode=REFUSED)
