"""Server time of the main pages on a registry of 100,000 generated persons (SQLite by default).

    uv run python bench/pages.py [--persons 100000] [--requests 200] [--seed 0]

Fills `var/bench/` with `reunite generate` until it holds the persons asked for (kept between runs), then
times the dashboard, a person page, a case page and a search through Django's request handler, each
with its own random choice of person, case and search term, and prints p50 and p95 in milliseconds.
Set DATABASE_URL to measure PostgreSQL instead.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REUNITE_HOME", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunite.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from reunite.accounts.models import Membership, Organisation  # noqa: E402
from reunite.accounts.roles import Role  # noqa: E402
from reunite.cases.models import Case  # noqa: E402
from reunite.registry.models import Person, PersonName  # noqa: E402

FAMILIES_PER_ROUND = 2000
TARGET_P95_MS = 150


def fill(persons: int, seed: int) -> None:
    call_command("migrate", verbosity=0)
    families = 0
    while (present := Person.objects.count()) < persons:
        # Families vary in size: aim by the mean so far, in steps small enough not to overshoot by much.
        per_family = present / families if families else 7
        families += max(50, min(FAMILIES_PER_ROUND, round((persons - present) / per_family)))
        call_command("generate", families=families, seed=seed)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def timed(client: Client, paths: list[str]) -> list[float]:
    samples = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    fill(args.persons, args.seed)
    rng = random.Random(args.seed)
    # A caseworker of the installation's organisation: the role that reads every record, as the pages are used.
    user, _ = get_user_model().objects.get_or_create(username="bench")
    user.groups.add(Group.objects.get(name=Role.CASEWORKER))
    Membership.objects.get_or_create(user=user, defaults={"organisation": Organisation.objects.sole()})
    client = Client()
    client.force_login(user)
    # Past the second factor too, as a caseworker is once they typed their code (tests/accounts.py: sign_in).
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "bench"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    person_ids = list(Person.objects.values_list("id", flat=True))
    case_ids = list(Case.objects.values_list("id", flat=True))
    first_words = [text.split()[0] for text in PersonName.objects.order_by("?").values_list("folded", flat=True)[:2000]]
    n = args.requests
    pages = {
        "dashboard": [f"/?page={rng.randint(1, 20)}" for _ in range(n)],
        "person page": [f"/persons/{rng.choice(person_ids)}/" for _ in range(n)],
        "case page": [f"/cases/{rng.choice(case_ids)}/" for _ in range(n)],
        "search": [f"/search/?q={rng.choice(first_words)}" for _ in range(n)],
    }
    for paths in pages.values():  # warm caches and connections once
        timed(client, paths[:5])

    print(
        f"database: {connection.vendor}; persons: {len(person_ids):,}; cases: {len(case_ids):,}; requests per page: {n}"
    )
    print(f"{'page':<14}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}   target p95 < {TARGET_P95_MS} ms")
    for name, paths in pages.items():
        samples = timed(client, paths)
        p95 = percentile(samples, 95)
        verdict = "ok" if p95 < TARGET_P95_MS else "SLOW"
        print(f"{name:<14}{statistics.median(samples):>10.1f}{p95:>10.1f}{max(samples):>10.1f}   {verdict}")


if __name__ == "__main__":
    main()
