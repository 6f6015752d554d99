"""What `reunite report` and `reunite stats` share: who makes the report, and with which options."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from reunite.reports.options import read_options
from reunite.reports.publish import Method
from reunite.reports.quotes import DEFAULT_QUOTES
from reunite.reports.report import Options
from reunite.statistics import DEFAULT_THRESHOLD


def add_report_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--as",
        dest="username",
        help="the account making the report (any role), for its organisation (default: the installation's one)",
    )
    parser.add_argument("--from", dest="start", help="cases documented from this day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", help="cases documented up to this day, and figures as of it")
    parser.add_argument(
        "--threshold", type=int, default=DEFAULT_THRESHOLD, help=f"smallest count shown (default {DEFAULT_THRESHOLD})"
    )
    parser.add_argument(
        "--method", choices=[m.value for m in Method], default=Method.SUPPRESS.value, help="hide or band small counts"
    )
    parser.add_argument(
        "--quotes", type=int, default=DEFAULT_QUOTES, help=f"at most so many (default {DEFAULT_QUOTES})"
    )


def user_and_options(options: dict):
    user = None
    if options["username"] is not None:
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"no account {options['username']!r}") from None
    try:
        chosen: Options = read_options(
            options["start"], options["end"], options["threshold"], options["method"], options["quotes"]
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    return user, chosen
