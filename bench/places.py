"""Figures of the place resolver: top-1 accuracy on two development lists, resolutions per second.

    uv run python bench/places.py [--seed 0] [--stream 200000] [--uncached 10000]

(a) Top-1 accuracy of `reunite.places.resolve`: `.best` must be the expected division (or None counts as a
    miss), on
    - `bench/data/place_spellings.tsv`: spellings written by hand for this benchmark (ULY, Turkish, English,
      German, Russian and Uyghur/Kazakh Cyrillic, Arabic script with and without ناھىيىسى/شەھىرى, Chinese with
      and without 县/市, pinyin, compound strings, typing mistakes), each with the current code meant;
    - the 38 places of `reunite.synth`'s `places.tsv`, every spelling of every column (uly, arabic, chinese,
      english, turkish, german, cyrillic), expected: the row's code as the gazetteer shows it today.
    Per list, per kind of spelling, overall, and every miss.
(b) Throughput on a stream of texts drawn with repetition from both lists (as an import sees them: the same
    few places again and again): with the resolver's cache, cleared before the stream; and, for information,
    without it (each text resolved afresh, the gazetteer's index already built).

Seeded and reproducible; a few seconds.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reunite.places import gazetteer, resolve

ACCURACY_TARGET = 0.95
THROUGHPUT_TARGET = 50_000
DEV_LIST = Path(__file__).resolve().parent / "data" / "place_spellings.tsv"
SYNTH_COLUMNS = ("uly", "arabic", "chinese", "english", "turkish", "german", "cyrillic")


@dataclass(frozen=True)
class Spelling:
    text: str
    code: str  # the division meant, current code
    kind: str  # the convention or script, for the report


def figure(label: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else "ok" if ok else "MISSED"
    print(f"  {label:<58} {value:>12}   {target:<10} {verdict}".rstrip())


def share(hits: int, total: int) -> str:
    return f"{hits / total:.1%}" if total else "-"


def dev_list() -> list[Spelling]:
    lines = [line for line in DEV_LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [Spelling(row["text"], row["code"], row["kind"]) for row in csv.DictReader(lines, delimiter="\t")]


def synth_list() -> list[Spelling]:
    text = resources.files("reunite.synth").joinpath("data", "places.tsv").read_text(encoding="utf-8")
    g = gazetteer()
    found = []
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        place = g.by_code(row["code"])
        code = place.code if place else row["code"]
        for column in SYNTH_COLUMNS:
            found += [Spelling(s.strip(), code, column) for s in row[column].split(",") if s.strip()]
    return found


# ------------------------------------------------------------------------------------------ (a) accuracy


def accuracy(name: str, spellings: list[Spelling]) -> tuple[int, int]:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses = []
    for s in spellings:
        resolution = resolve(s.text)
        best = resolution.best
        totals[s.kind] += 1
        if best is not None and best.code == s.code:
            hits[s.kind] += 1
        else:
            misses.append((s, resolution))
    total_hits = sum(hits.values())
    print(f"\n(a) {name}: {len(spellings)} spellings")
    for kind in sorted(totals, key=lambda k: -totals[k]):
        figure(f"top-1, {kind} ({totals[kind]})", share(hits[kind], totals[kind]), "", None)
    ok = total_hits / len(spellings) >= ACCURACY_TARGET
    figure("top-1, the whole list", share(total_hits, len(spellings)), f">= {ACCURACY_TARGET:.0%}", ok)
    g = gazetteer()
    for s, resolution in misses:
        expected = g.by_code(s.code)
        got = resolution.candidates[0] if resolution.candidates else None
        said = f"{got.label} {got.code} ({got.score:.2f})" if got else "nothing"
        verdict = "no match, closest" if resolution.best is None else "wrong"
        print(f"    miss [{s.kind}] {s.text!r}: expected {expected.label if expected else s.code}; {verdict} {said}")
    return total_hits, len(spellings)


# ---------------------------------------------------------------------------------------- (b) throughput


def throughput(spellings: list[Spelling], seed: int, stream_size: int, uncached_size: int) -> None:
    rng = random.Random(seed)
    stream = [s.text for s in rng.choices(spellings, k=stream_size)]
    distinct = len(set(stream))
    resolve("warm the gazetteer and its index")
    resolve.cache_clear()
    started = time.perf_counter()
    for text in stream:
        resolve(text)
    cached = len(stream) / (time.perf_counter() - started)
    sample = stream[:uncached_size]
    uncached_resolve = resolve.__wrapped__
    started = time.perf_counter()
    for text in sample:
        uncached_resolve(text)
    uncached = len(sample) / (time.perf_counter() - started)
    print(f"\n(b) a stream of {len(stream):,} texts drawn from both lists ({distinct:,} distinct), one core")
    ok = cached >= THROUGHPUT_TARGET
    figure("resolutions per second, with the cache (cleared first)", f"{cached:,.0f}", f">= {THROUGHPUT_TARGET:,}", ok)
    figure(f"resolutions per second, uncached ({len(sample):,} texts)", f"{uncached:,.0f}", "", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stream", type=int, default=200_000, help="texts in the throughput stream")
    parser.add_argument("--uncached", type=int, default=10_000, help="texts of the stream resolved uncached")
    options = parser.parse_args()
    started = time.perf_counter()
    resolve("Kashgar")
    print(f"gazetteer and the resolver's index built in {time.perf_counter() - started:.2f} s")
    dev, synth = dev_list(), synth_list()
    hits, total = 0, 0
    for name, spellings in (("bench/data/place_spellings.tsv", dev), ("synth places.tsv, every spelling", synth)):
        h, t = accuracy(name, spellings)
        hits, total = hits + h, total + t
    print("\n(a) both lists")
    figure("top-1, overall", share(hits, total), f">= {ACCURACY_TARGET:.0%}", hits / total >= ACCURACY_TARGET)
    throughput(dev + synth, options.seed, options.stream, options.uncached)
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
