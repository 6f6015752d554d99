"""Figures of the names engine: accuracy across scripts, key throughput, `names match` on 100,000 names.

    uv run python bench/names.py [--seed 0]

(b) `parse_name` throughput on 200,000 generated full names, part caches warm, whole-name cache cleared.
(a) Top-1 accuracy on invented people written in every script, ranked by the blocking matcher
    (`reunite.names.match`): every recombination given × father of the name table in Chinese, Arabic and
    Cyrillic script, queried with each Latin spelling; then generated persons' Latin names against all
    persons' names in each other script.
(c) `reunite names match` (the command, as a user runs it) on 1,000 × 100,000 generated names: wall time
    and recall of the true right row.

Seeded and reproducible; about a minute. Needs no database: (c) runs the command with a scratch REUNITE_HOME.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reunite.names import Name, detect_script, parse_name, structure
from reunite.names.match import RightSide, candidates, index, match
from reunite.synth import Person, generate_families, uly_name

ACCURACY_TARGET = 0.95
THROUGHPUT_TARGET = 200_000
MATCH_SECONDS_TARGET = 30.0
LATIN = {"uly": "ULY", "turkish": "Turkish", "english": "English", "german": "German"}
TARGETS = {"chinese": ("Chinese", "·"), "arabic": ("Arabic", " "), "cyrillic": ("Cyrillic", " ")}
SCRIPT_OF = {"chinese": "Hani", "arabic": "Arab", "cyrillic": "Cyrl"}
GIVEN, FATHERS, QUERIES = 75, 75, 300
PERSON_QUERIES = 500
POOL_FAMILIES = 6_500  # enough for 5,000 persons with a Cyrillic form
KEY_NAMES = 200_000
MATCH_LEFT, MATCH_RIGHT = 1_000, 100_000


def figure(label: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else "ok" if ok else "MISSED"
    print(f"  {label:<66} {value:>12}   {target:<12} {verdict}".rstrip())


def share(hits: int, total: int) -> str:
    return f"{hits / total:.1%}" if total else "-"


# ----------------------------------------------------------------------------------- (a) the name table


@dataclass(frozen=True)
class TableName:
    uly: str
    sex: str
    forms: dict[str, str]  # convention or script -> the first listed form


def table_names() -> list[TableName]:
    text = resources.files("reunite.synth").joinpath("data", "names.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return [
        TableName(row["uly"], row["sex"], {column: row[column].split(",")[0].strip() for column in (*LATIN, *TARGETS)})
        for row in rows
    ]


@dataclass
class Tally:
    """Hits per (Latin spelling, target script), the misses, and how many misses blocking caused."""

    hits: Counter[tuple[str, str]] = field(default_factory=Counter)
    totals: Counter[tuple[str, str]] = field(default_factory=Counter)
    unblocked: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (query, found, truth)
    missed_names: Counter[str] = field(default_factory=Counter)


def group_of(right: RightSide) -> dict[str, int]:
    return {right.ids[row]: group for group, rows in enumerate(right.rows) for row in rows}


def blocked(right: RightSide, groups: dict[str, int], name: Name, truth: str) -> bool:
    return groups[truth] in candidates(right, name)


def recombinations(seed: int) -> tuple[list[tuple[TableName, TableName]], list[tuple[TableName, TableName]]]:
    """Every (given, father) of a seeded choice from the name table, and a seeded sample to query."""
    names = table_names()
    rng = random.Random(f"bench-names:{seed}")
    given = rng.sample(names, GIVEN)
    fathers = rng.sample([n for n in names if n.sex == "M"], FATHERS)
    pairs = [(g, f) for g in given for f in fathers]
    return pairs, rng.sample(pairs, QUERIES)


def rank_in_script(tally: Tally, target: str, pairs: list, queries: list) -> None:
    """Each query, in each Latin spelling, against every recombination written in the target script."""
    separator = TARGETS[target][1]
    pool = [(f"{g.uly}|{f.uly}", f"{g.forms[target]}{separator}{f.forms[target]}") for g, f in pairs]
    right = index(pool)
    groups = group_of(right)
    texts = dict(pool)
    for convention in LATIN:
        left = [(f"{g.uly}|{f.uly}", f"{g.forms[convention]} {f.forms[convention]}") for g, f in queries]
        found = {left_id: right_id for left_id, right_id, _, _ in match(left, pool, top=1)}
        for truth, query in left:
            tally.totals[convention, target] += 1
            if found.get(truth) == truth:
                tally.hits[convention, target] += 1
                continue
            tally.missed_names.update(truth.split("|"))
            tally.misses.append((query, texts.get(found.get(truth, ""), "nothing"), texts[truth]))
            tally.unblocked += not blocked(right, groups, parse_name(query), truth)


def recombination_accuracy(seed: int) -> float:
    pairs, queries = recombinations(seed)
    tally = Tally()
    for target in TARGETS:
        rank_in_script(tally, target, pairs, queries)
    print(f"\n(a) top-1 among all {len(pairs):,} recombinations given x father in the target script, {QUERIES} people")
    print(f"  {'Latin spelling':<16}" + "".join(f"{name:>10}" for name, _ in TARGETS.values()))
    for convention, label in LATIN.items():
        cells = (share(tally.hits[convention, t], tally.totals[convention, t]) for t in TARGETS)
        print(f"  {label:<16}" + "".join(f"{cell:>10}" for cell in cells))
    total, hits = sum(tally.totals.values()), sum(tally.hits.values())
    ok = hits / total >= ACCURACY_TARGET
    figure("top-1 accuracy, all spellings and scripts", share(hits, total), f">= {ACCURACY_TARGET:.0%}", ok)
    figure("truth not among the blocked candidates", f"{tally.unblocked} of {total}", "", None)
    print("  names most often in a miss: " + ", ".join(f"{n} {c}" for n, c in tally.missed_names.most_common(10)))
    for query, found, truth in tally.misses[:: max(1, len(tally.misses) // 8)][:8]:
        print(f"    {query}  ->  {found}  (truth {truth})")
    return hits / total


# ------------------------------------------------------------------------------ (a) generated persons


def script_form(person: Person, script: str) -> str | None:
    for form in person.names:
        if form.kind in ("full", "chinese") and detect_script(form.text) == SCRIPT_OF[script]:
            return form.text
    return None


@dataclass(frozen=True)
class PoolResult:
    pool: int
    asked: int
    hits: int  # top-1 is the person or a namesake (the same ULY given and father name)
    strict: int  # top-1 is the person
    unblocked: int


def rank_persons(persons: list[Person], script: str, rng: random.Random) -> PoolResult:
    """Persons' primary Latin names against every person's form in `script`."""
    uly = {p.key: uly_name(p) for p in persons}
    pool = [(p.key, form) for p in persons if (form := script_form(p, script))]
    right = index(pool)
    groups = group_of(right)
    askable = [p for p in persons if p.key in groups and detect_script(p.names[0].text) == "Latn"]
    left = [(p.key, p.names[0].text) for p in rng.sample(askable, min(PERSON_QUERIES, len(askable)))]
    found = {left_id: right_id for left_id, right_id, _, _ in match(left, pool, top=1)}
    return PoolResult(
        pool=len(pool),
        asked=len(left),
        hits=sum(truth in found and uly[found[truth]] == uly[truth] for truth, _ in left),
        strict=sum(found.get(truth) == truth for truth, _ in left),
        unblocked=sum(not blocked(right, groups, parse_name(query), truth) for truth, query in left),
    )


def person_accuracy(persons: list[Person], seed: int) -> float:
    rng = random.Random(f"bench-persons:{seed}")
    target = f">= {ACCURACY_TARGET:.0%}"
    print("\n(a) generated persons: primary Latin name -> the same person's form among all persons' forms")
    results = []
    for script, (label, _) in TARGETS.items():
        result = rank_persons(persons, script, rng)
        results.append(result)
        rate = result.hits / result.asked
        figure(
            f"{label}: top-1 is the person or a namesake (pool {result.pool:,})",
            f"{rate:.1%}",
            target,
            rate >= ACCURACY_TARGET,
        )
    asked = sum(r.asked for r in results)
    rate = sum(r.hits for r in results) / asked
    figure("all scripts: top-1 is the person or a namesake", f"{rate:.1%}", target, rate >= ACCURACY_TARGET)
    strict = share(sum(r.strict for r in results), asked)
    figure("all scripts: top-1 is the person (namesakes count as misses)", strict, "", None)
    figure("truth not among the blocked candidates", f"{sum(r.unblocked for r in results)} of {asked}", "", None)
    return rate


# ---------------------------------------------------------------------------------------- (b) throughput


def names_per_second(parse: Callable[[str], Name], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        parse(text)
    return len(texts) / (time.perf_counter() - started)


def key_throughput(persons: list[Person]) -> float:
    texts = [f.text for p in persons for f in p.names if f.kind in ("full", "chinese")][:KEY_NAMES]
    structure._parse.cache_clear()
    cold = names_per_second(parse_name, texts)  # first sight of most parts: readings computed
    structure._parse.cache_clear()
    warm = names_per_second(parse_name, texts)  # part caches warm, whole-name cache cleared before the run
    uncached = names_per_second(structure._parse.__wrapped__, texts)  # no whole-name cache at all
    distinct = len(set(texts))
    print(f"\n(b) parse_name on {len(texts):,} generated full names ({distinct:,} distinct), all scripts, one core")
    figure(
        "names/s, part caches warm, name cache cleared before",
        f"{warm:,.0f}",
        f">= {THROUGHPUT_TARGET:,}",
        warm >= THROUGHPUT_TARGET,
    )
    figure("names/s, part caches warm, no name cache at all", f"{uncached:,.0f}", "", None)
    figure("names/s, cold (every part read for the first time)", f"{cold:,.0f}", "", None)
    return warm


# ----------------------------------------------------------------------------------- (c) names match


def match_rows(persons: list[Person], seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Right: one full form of each person, any script. Left: another form of a sample of them."""
    rng = random.Random(f"bench-match:{seed}")
    forms = {p.key: [f.text for f in p.names if f.kind in ("full", "chinese")] for p in persons}
    right = [(key, rng.choice(texts)) for key, texts in forms.items()]
    chosen = dict(right)
    left = []
    for person in rng.sample(persons, len(persons)):
        others = [text for text in forms[person.key] if text != chosen[person.key]]
        if others:
            left.append((person.key, rng.choice(others)))
        if len(left) == MATCH_LEFT:
            break
    return left, right


def write_csv(path: Path, rows: Iterable[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name"])
        writer.writerows(rows)


def run_names_match(left: list[tuple[str, str]], right: list[tuple[str, str]]) -> tuple[float, dict[str, str], str]:
    """Wall time of `reunite names match` as a user runs it, each left id's top right id, and its summary."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        write_csv(folder / "left.csv", left)
        write_csv(folder / "right.csv", right)
        env = {**os.environ, "REUNITE_HOME": str(folder / "home"), "DJANGO_SETTINGS_MODULE": "reunite.settings"}
        command = [
            sys.executable,
            "-m",
            "reunite.cli",
            "names",
            "match",
            "left.csv",
            "right.csv",
            "--output",
            "out.csv",
        ]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        with (folder / "out.csv").open(encoding="utf-8", newline="") as file:
            top = {row["left_id"]: row["right_id"] for row in csv.DictReader(file)}
    return seconds, top, done.stderr.strip().splitlines()[-1]


def match_figures(persons: list[Person], seed: int) -> float:
    left, right = match_rows(persons, seed)
    seconds, top, summary = run_names_match(left, right)
    uly = {p.key: uly_name(p) for p in persons}
    strict = sum(top.get(key) == key for key, _ in left)
    namesake = sum(key in top and uly[top[key]] == uly[key] for key, _ in left)
    indexed = index(right)
    groups = group_of(indexed)
    unblocked = sum(not blocked(indexed, groups, parse_name(text), key) for key, text in left)
    print(
        f"\n(c) reunite names match, {len(left):,} left x {len(right):,} right names (another form of the same people)"
    )
    print(f"  the command says: {summary}")
    figure("wall time, seconds", f"{seconds:.1f}", f"< {MATCH_SECONDS_TARGET:.0f}", seconds < MATCH_SECONDS_TARGET)
    figure("recall@1: top-1 is the true row or a namesake", share(namesake, len(left)), "", None)
    figure("recall@1: top-1 is the true row (namesakes count as misses)", share(strict, len(left)), "", None)
    figure("truth not among the blocked candidates", f"{unblocked} of {len(left)}", "", None)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    seed = parser.parse_args().seed
    started = time.perf_counter()
    families = list(generate_families(15_000, seed=seed))
    persons = [p for f in families for p in f.persons]
    pool_persons = [p for f in families[:POOL_FAMILIES] for p in f.persons]
    key_throughput(persons)  # first, while the part caches are cold
    recombination_accuracy(seed)
    person_accuracy(pool_persons, seed)
    match_figures(persons[:MATCH_RIGHT], seed)
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
