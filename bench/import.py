"""Speed and memory of `reunite import` on an official list of invented people.

    uv run python bench/import.py [--rows 1000000] [--seed 1] [--keep DIR] [--profile]

Writes a CSV of the shape the shipped `official-list` mapping reads (序号, 姓名, 身份证号, 住址, 出生日期, 拘留日期)
with `--rows` invented people: Chinese names drawn by weight from `reunite.synth`'s name table (given name ·
father's given name), resident ID numbers built from the place table's area codes with computed check digits (2 %
wrong), addresses naming the place table's cities and counties, birth and detention dates. Then imports it into a
fresh SQLite database in a temporary folder (removed afterwards) and prints rows/s, wall time and peak memory (the
process's maximum resident set size, generation included). Nobody in the file is real.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from stdnum.cn import ric

from reunite.synth.generate import load_tables

COLUMNS = ("序号", "姓名", "身份证号", "住址", "出生日期", "拘留日期")
WRONG_CHECK_DIGIT = 0.02
NO_DETENTION_DATE = 0.1
EARLIEST_BIRTH, LATEST_BIRTH = date(1940, 1, 1), date(2005, 12, 31)
EARLIEST_DETENTION, LATEST_DETENTION = date(2017, 1, 1), date(2019, 12, 31)
ADDRESS_FORMS = ("{place}", "新疆{place}", "新疆维吾尔自治区{place}")


def write_list(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    tables = load_tables()
    birth_days = (LATEST_BIRTH - EARLIEST_BIRTH).days
    detention_days = (LATEST_DETENTION - EARLIEST_DETENTION).days
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for number in range(1, rows + 1):
            sex = rng.choice("FM")
            given = (tables.female if sex == "F" else tables.male).pick(rng)
            father = tables.male.pick(rng)
            place = tables.places.pick(rng)
            born = EARLIEST_BIRTH + timedelta(days=rng.randrange(birth_days))
            detained = EARLIEST_DETENTION + timedelta(days=rng.randrange(detention_days))
            out.writerow(
                (
                    number,
                    f"{given.chinese}·{father.chinese}",
                    resident_id(rng, place.code, born, sex),
                    rng.choice(ADDRESS_FORMS).format(place=rng.choice(place.chinese)),
                    born.isoformat(),
                    "" if rng.random() < NO_DETENTION_DATE else detained.isoformat(),
                )
            )


def resident_id(rng: random.Random, area: str, born: date, sex: str) -> str:
    sequence = rng.randrange(0, 999, 2) + (1 if sex == "M" else 0)
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    check = ric.calc_check_digit(body + "0")
    if rng.random() < WRONG_CHECK_DIGIT:
        check = "0" if check != "0" else "1"
    return body + check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="use this folder (kept) instead of a temporary one")
    parser.add_argument("--profile", action="store_true", help="print the import's 25 costliest functions")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="reunite-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    # A fresh database of its own: set before Django reads its settings.
    os.environ["REUNITE_HOME"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunite.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from reunite.transfer.importer import import_file

    listing = folder / "official-list.csv"
    started = time.perf_counter()
    write_list(listing, args.rows, args.seed)
    generated = time.perf_counter() - started
    print(f"generated    {args.rows:,} rows in {generated:.1f} s ({listing.stat().st_size / 2**20:,.0f} MiB)")
    call_command("migrate", verbosity=0)

    def progress(done: float, rows: int) -> None:
        print(f"  {rows:>10,} rows  {done:6.1%}  {time.perf_counter() - started:7.1f} s", end="\r", file=sys.stderr)

    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = import_file(listing, "official-list", dataset="bench official list", progress=progress)
    if profiler:
        profiler.disable()
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(" " * 60, end="\r", file=sys.stderr)
    for line in summary.lines():
        print(f"  {line}")
    print(f"import       {wall:.1f} s wall time")
    print(f"rate         {summary.rows / wall:,.0f} rows/s")
    print(f"peak memory  {peak / 2**20:,.0f} MiB (maximum resident set size)")
    print(f"database     {(folder / 'reunite.sqlite3').stat().st_size / 2**20:,.0f} MiB")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
