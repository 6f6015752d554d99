from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reunite.accounts.twofactor import reset


class Command(BaseCommand):
    help = "The second factor of accounts: reset USERNAME forgets their authenticator (a lost phone, a new app)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{reset}")
        resetting = commands.add_parser(
            "reset", help="forget the account's authenticator and end its sessions: it sets up a new one at its login"
        )
        resetting.add_argument("username")

    def handle(self, *args: Any, subcommand: str, username: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        if reset(user):
            self.stdout.write(
                f"Second factor of {username!r} reset and their sessions ended: at their next login they set up a "
                "new authenticator app."
            )
        else:
            self.stdout.write(f"{username!r} had no authenticator set up; their sessions ended all the same.")
