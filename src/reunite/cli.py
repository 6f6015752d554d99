"""The `reunite` command: every command a user runs, as Django management commands.

`reunite serve`, `reunite migrate`, `reunite demo`, `reunite cases`, … ; `reunite help` lists them all.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunite.settings")
    from django.core.management import execute_from_command_line

    from reunite.db.sqlcipher.keys import KeyProblem

    try:
        execute_from_command_line(["reunite", *sys.argv[1:]])
    except KeyProblem as problem:
        # A missing or wrong database key is the operator's to fix: the reason, not a traceback.
        sys.stderr.write(f"reunite: {problem}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
