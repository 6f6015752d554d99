"""The same 100,000-record linkage job on DuckDB and on Spark: that Spark runs it, and agrees with DuckDB.

    uv run --extra spark python bench/engines.py [--records 100000] [--seed 1] [--threshold 0.5]

Generates families as `bench/linkage.py` does, computes features once and trains once on DuckDB, then applies that
one model on each engine: prediction, then clustering. Prints, per engine, the wall time of each stage (for Spark,
the start of its JVM apart), peak memory, the number of pairs and their precision, recall and F1 against the truth
(as `bench/linkage.py` counts them); then how far the engines agree: pairs found by both or by one only, the largest
difference of match probability, and whether the clusters are the same partition of the records.

Memory: this process's maximum resident set size holds Python and DuckDB (training included, so it never falls).
Spark runs in a JVM, a child process: its own peak (VmHWM, read while it lives) is printed, and, once it has exited,
the peak of the children this process waited for (`getrusage(RUSAGE_CHILDREN)`; Spark's Python workers included).
Spark is configured by the REUNITE_SPARK_* environment variables (`reunite.linkage.engines`).
"""

from __future__ import annotations

import argparse
import os
import resource
from dataclasses import dataclass, field
from pathlib import Path

from linkage import RECORDS_PER_FAMILY, timed  # bench/linkage.py: the same families, timed alike

from reunite.linkage import Run, TrainedModel, features, train
from reunite.linkage.engines import spark_missing, spark_session
from reunite.linkage.evaluate import scores
from reunite.linkage.features import Feature
from reunite.linkage.synthetic import generate

PairKey = tuple[str, str]
MIB = 2**20
SPARK_SETTINGS = ("spark.master", "spark.driver.memory", "spark.sql.shuffle.partitions")


@dataclass
class Outcome:
    """One engine's run of the model: its pairs (testimony first) with probabilities, clusters and times."""

    engine: str
    times: dict[str, float] = field(default_factory=dict)
    pairs: dict[PairKey, float] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)


def oriented(record_l: str, record_r: str) -> PairKey:
    return (record_l, record_r) if record_l.startswith("t:") else (record_r, record_l)


def self_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB


def children_peak() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / MIB


def apply(engine: str, model: TrainedModel, rows: list[Feature], threshold: float) -> Outcome:
    if engine != "spark":  # Spark's heading comes before its JVM starts
        print(f"{engine}:", flush=True)
    outcome = Outcome(engine)
    run = timed("setup", outcome.times, lambda: Run(model, rows, engine=engine))
    pairs = timed("prediction", outcome.times, lambda: run.predict(threshold))
    outcome.clusters = timed("clustering", outcome.times, lambda: run.cluster(threshold))
    outcome.pairs = {oriented(p.record_id_l, p.record_id_r): p.match_probability for p in pairs}
    return outcome


def jvm_peak() -> float | None:
    """The Spark JVM's own peak resident set (Linux: VmHWM), while it still runs."""
    from pyspark import SparkContext

    process = getattr(SparkContext._gateway, "proc", None)
    status = Path(f"/proc/{process.pid}/status") if process else None
    if status is None or not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / MIB
    return None


def stop_jvm() -> None:
    """Stop Spark and wait for its JVM, which exits when its stdin closes, so RUSAGE_CHILDREN counts it."""
    from pyspark import SparkContext

    spark_session().stop()
    process = getattr(SparkContext._gateway, "proc", None)
    if process is not None:
        process.stdin.close()
        process.wait(timeout=60)


def partition(clusters: dict[str, str]) -> set[frozenset[str]]:
    """Clusters as sets of records: two engines may number the same clusters differently."""
    groups: dict[str, set[str]] = {}
    for record, cluster in clusters.items():
        groups.setdefault(cluster, set()).add(record)
    return {frozenset(group) for group in groups.values()}


def report(outcome: Outcome, true: set[PairKey], threshold: float) -> None:
    precision, recall, f1 = scores(set(outcome.pairs), true)
    print(f"{outcome.engine}")
    for label, seconds in outcome.times.items():
        print(f"  {label:<14} {seconds:8.2f} s")
    print(f"  pairs          {len(outcome.pairs):,} at p >= {threshold}, {len(true):,} true")
    print(f"  precision      {precision:.4f}")
    print(f"  recall         {recall:.4f}")
    print(f"  F1             {f1:.4f}")
    print(f"  clusters       {len(set(outcome.clusters.values())):,} over {len(outcome.clusters):,} records")


def agreement(duckdb: Outcome, spark: Outcome) -> None:
    both = duckdb.pairs.keys() & spark.pairs.keys()
    largest = max((abs(duckdb.pairs[k] - spark.pairs[k]) for k in both), default=0.0)
    print("agreement")
    print(f"  pairs in both        {len(both):,}")
    print(f"  only DuckDB          {len(duckdb.pairs.keys() - both):,}")
    print(f"  only Spark           {len(spark.pairs.keys() - both):,}")
    print(f"  largest |p1 - p2|    {largest:.3g}")
    same = partition(duckdb.clusters) == partition(spark.clusters)
    print(f"  clusters identical   {'yes' if same else 'NO'} (compared as partitions of the records)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.5, help="for prediction and clustering")
    args = parser.parse_args()
    if missing := spark_missing():
        raise SystemExit(missing)

    times: dict[str, float] = {}
    families = max(1, round(args.records / RECORDS_PER_FAMILY))
    print(f"engines benchmark: {families:,} families, seed {args.seed}, {os.cpu_count()} cores")
    data = timed("generation", times, lambda: generate(families, args.seed))
    rows = timed("features", times, lambda: features(data.records))
    model = timed("training", times, lambda: train(rows))  # on DuckDB, once: both engines apply this model
    official = {r.truth: r.record_id for r in data.official}
    true = {(r.record_id, official[r.truth]) for r in data.testimony if r.truth in official}

    duckdb = apply("duckdb", model, rows, args.threshold)
    duckdb_peak = self_peak()
    print("spark:", flush=True)
    conf = timed("JVM start", times, lambda: spark_session().sparkContext.getConf())
    spark_conf = {key: conf.get(key) for key in SPARK_SETTINGS}
    spark = apply("spark", model, rows, args.threshold)
    spark.times = {"JVM start": times["JVM start"], **spark.times}
    spark_self, spark_jvm = self_peak(), jvm_peak()
    stop_jvm()

    print()
    print(f"records        {len(rows):,} ({len(data.testimony):,} testimony, {len(data.official):,} official)")
    print(f"model          trained on DuckDB on {model.record_count:,} records in {times['training']:.1f} s")
    print("spark          " + ", ".join(f"{key} {value}" for key, value in spark_conf.items()))
    report(duckdb, true, args.threshold)
    print(f"  peak memory    {duckdb_peak:,.0f} MiB (this process: Python and DuckDB, training included)")
    report(spark, true, args.threshold)
    print(f"  peak memory    {spark_self:,.0f} MiB this process (Python; never below the figure above)")
    if spark_jvm is not None:
        print(f"                 {spark_jvm:,.0f} MiB the Spark JVM (child process, its own peak)")
    print(f"                 {children_peak():,.0f} MiB largest child waited for (RUSAGE_CHILDREN, after exit)")
    agreement(duckdb, spark)


if __name__ == "__main__":
    main()
