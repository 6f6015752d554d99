"""The `reunite` command: every command a user runs, as Django management commands.

`reunite serve`, `reunite migrate`, `reunite demo`, `reunite cases`, … ; `reunite help` lists them all.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["reunite", *sys.argv[1:]])


if __name__ == "__main__":
    main()
