"""Time of the advocacy report on a registry of 100,000 generated persons (SQLite by default).

    uv run python bench/report.py [--persons 100000] [--seed 0]

Uses the registry of `bench/pages.py` in `var/bench/` (filled with `reunite generate` until it holds the persons
asked for, kept between runs), then times, as an advocate would make it: counting the figures, protecting them
and choosing the quotes; the HTML with its charts; the PDF; and the CSV tables. Prints each stage, the total and
peak memory. Target: the whole PDF report under 30 s. Set DATABASE_URL to measure PostgreSQL instead.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import fill  # noqa: E402  (sets REUNITE_HOME to var/bench and Django up)

# isort: split

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402

from reunite.accounts.models import Membership, Organisation  # noqa: E402
from reunite.accounts.roles import Role  # noqa: E402
from reunite.cases.models import Case  # noqa: E402
from reunite.registry.models import Person  # noqa: E402
from reunite.reports import report  # noqa: E402
from reunite.reports.report import Options  # noqa: E402

TARGET_SECONDS = 30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    fill(args.persons, args.seed)
    # An advocate: the role that makes reports and reads no record.
    advocate, _ = get_user_model().objects.get_or_create(username="bench-advocate")
    advocate.groups.add(Group.objects.get(name=Role.ADVOCATE))
    Membership.objects.get_or_create(user=advocate, defaults={"organisation": Organisation.objects.sole()})
    print(f"registry: {Person.objects.count():,} persons, {Case.objects.count():,} cases")
    stages = {}
    started = time.perf_counter()
    made = report.make_report(advocate, Options())
    stages["count, protect, quote"] = time.perf_counter() - started
    mark = time.perf_counter()
    html = report.html(made)
    stages["HTML with charts"] = time.perf_counter() - mark
    mark = time.perf_counter()
    pdf = report.documents.pdf(html)
    stages["PDF (WeasyPrint)"] = time.perf_counter() - mark
    total = time.perf_counter() - started
    mark = time.perf_counter()
    tables = report.csv_tables(made)
    stages["CSV tables"] = time.perf_counter() - mark
    for stage, seconds in stages.items():
        print(f"  {stage:<24} {seconds:6.2f} s")
    figures = made.published.figures
    print(
        f"PDF report: {total:.2f} s (target under {TARGET_SECONDS} s) for {figures.counting['cases']:,} cases and "
        f"{figures.counting['sought_persons']:,} sought persons; {len(pdf):,} bytes, {len(tables)} CSV tables, "
        f"{made.published.hidden} figures protected"
    )
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
