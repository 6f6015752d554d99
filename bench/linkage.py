"""Figures of record linkage on invented families: testimonies against an official list.

    uv run python bench/linkage.py [--records 100000] [--seed 1] [--threshold 0.5] [--engine duckdb]

Generates families with `reunite.synth` until the two sources (`reunite.linkage.synthetic`: testimony records
in Latin/Arabic/Cyrillic forms, an official list in Chinese or pinyin with invented resident ID numbers) hold
about `--records` records together; then times each stage (generation, features, training, prediction, clustering),
and prints peak memory (the process's maximum resident set size, which includes DuckDB; not tracemalloc, which
would slow the Python stages several times over) and precision, recall and F1 of the predicted pairs against the
truth (a pair is true when both records carry the same person key).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import TypeVar

from reunite.linkage import Pair, Run, features, train
from reunite.linkage.evaluate import scores
from reunite.linkage.model import one_to_one
from reunite.linkage.synthetic import generate

T = TypeVar("T")
RECORDS_PER_FAMILY = 11.6  # testimony ~6.9 + official ~4.7, measured on the generator's families


def timed(label: str, times: dict[str, float], work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    times[label] = time.perf_counter() - start
    print(f"  {label:<12} {times[label]:8.2f} s", flush=True)
    return result


def oriented(pair: Pair) -> tuple[str, str]:
    """(testimony record, official record)."""
    return (
        (pair.record_id_l, pair.record_id_r)
        if pair.record_id_l.startswith("t:")
        else (pair.record_id_r, pair.record_id_l)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.5, help="for prediction and clustering")
    parser.add_argument("--engine", default="duckdb")
    args = parser.parse_args()

    times: dict[str, float] = {}
    families = max(1, round(args.records / RECORDS_PER_FAMILY))
    print(f"linkage benchmark: {families:,} families, seed {args.seed}, engine {args.engine}")
    data = timed("generation", times, lambda: generate(families, args.seed))
    records = data.records
    rows = timed("features", times, lambda: features(records))
    model = timed("training", times, lambda: train(rows, engine=args.engine))
    run = Run(model, rows, engine=args.engine)
    pairs = timed("prediction", times, lambda: run.predict(args.threshold))
    clusters = timed("clustering", times, lambda: run.cluster(args.threshold))
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    official = {r.truth: r.record_id for r in data.official}
    true = {(r.record_id, official[r.truth]) for r in data.testimony if r.truth in official}
    ordered = [oriented(p) for p in pairs]
    predicted = set(ordered)
    precision, recall, f1 = scores(predicted, true)  # type: ignore[arg-type]
    best = timed("one to one", times, lambda: one_to_one(pairs))
    linking = sum(times[k] for k in ("features", "training", "prediction", "clustering"))
    right_clusters = sum(1 for t in true if clusters.get(t[0]) == clusters.get(t[1]))

    print(f"records      {len(records):,} ({len(data.testimony):,} testimony, {len(data.official):,} official)")
    print(f"features     {len(records) / times['features']:,.0f} records/s")
    print(f"linking      {linking:.2f} s (features + training + prediction + clustering)")
    print(f"peak memory  {rss_peak / 2**20:,.0f} MiB (maximum resident set size: Python and DuckDB)")
    print(f"pairs        {len(pairs):,} predicted at p >= {args.threshold}, {len(true):,} true")
    print(f"precision    {precision:.4f}")
    print(f"recall       {recall:.4f}")
    print(f"F1           {f1:.4f}")
    for cut in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9):
        if cut >= args.threshold:
            above = {pair for pair, p in zip(ordered, pairs, strict=True) if p.match_probability >= cut}
            print(f"  at p >= {cut:<4}  precision {{:.4f}}  recall {{:.4f}}  F1 {{:.4f}}".format(*scores(above, true)))
    print("one to one (at most one match per record, most probable first):")
    for cut in (args.threshold, 0.05, 0.1, 0.2, 0.3, 0.5):
        if cut >= args.threshold:
            kept = {oriented(p) for p in best if p.match_probability >= cut}
            print(f"  at p >= {cut:<4}  precision {{:.4f}}  recall {{:.4f}}  F1 {{:.4f}}".format(*scores(kept, true)))
    print(f"clusters     {len(set(clusters.values())):,}; true pairs in one cluster: {right_clusters / len(true):.4f}")
    print(f"model        trained on {model.record_count:,} records on {model.trained_on}; {'; '.join(model.notes)}")


if __name__ == "__main__":
    main()
