"""Train, save, load and apply the Splink linkage model on feature rows (`reunite.linkage.features`).

The SQL engine is a parameter (`reunite.linkage.engines`). Nothing here fetches anything from the network.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from reunite.linkage.engines import DEFAULT, column_names, engine_api, read_rows
from reunite.linkage.features import COLUMNS, Feature

LOG_LEVEL = logging.WARNING  # Splink logs every step at INFO
FORMAT = "reunite.linkage/1"

_INTEGER_COLUMNS = {"birth_year", "birth_year_from", "birth_year_to", "birth_year_even", "birth_year_odd"}
SCHEMA = pa.schema([(c, pa.int32() if c in _INTEGER_COLUMNS else pa.string()) for c in COLUMNS])


class NotEnoughData(ValueError):
    """Training refused: too few records, or the estimates did not settle. No model is better than a wrong one."""


class Field(NamedTuple):
    """How one comparison judged a pair: the level it fell in and its contribution to the match weight (log2 of
    the Bayes factor, term-frequency adjustment included; 0 when either side is unknown)."""

    comparison: str
    level: str
    weight: float


class Pair(NamedTuple):
    record_id_l: str
    record_id_r: str
    match_probability: float
    match_weight: float
    fields: tuple[Field, ...] = ()


@cache
def model_data() -> dict[str, Any]:
    """The model as data: Splink settings and training choices (`data/settings.json`)."""
    text = resources.files("reunite.linkage").joinpath("data", "settings.json").read_text(encoding="utf-8")
    return json.loads(text)


def splink_settings(link_type: str | None = None) -> dict[str, Any]:
    """A fresh copy of the untrained Splink settings dictionary, optionally with another link type."""
    settings = json.loads(json.dumps(model_data()["splink"]))
    if link_type:
        settings["link_type"] = link_type
    return settings


@dataclass(frozen=True)
class TrainedModel:
    """A trained Splink model (its JSON as Splink saves it) with when and on how many records it was trained."""

    splink: dict[str, Any]
    trained_on: str
    record_count: int
    notes: tuple[str, ...] = field(default=())
    # column -> value -> share of the training records: one-record queries weigh common names as training did
    term_frequencies: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "trained_on": self.trained_on,
            "record_count": self.record_count,
            "notes": list(self.notes),
            "splink": self.splink,
            "term_frequencies": self.term_frequencies,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> TrainedModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path} is not a reunite linkage model")
        return cls(
            data["splink"],
            data["trained_on"],
            data["record_count"],
            tuple(data.get("notes", ())),
            data.get("term_frequencies", {}),
        )


def _tables(features: Sequence[Feature]) -> dict[str, pa.Table]:
    by_source: dict[str, list[Feature]] = {}
    for row in features:
        by_source.setdefault(row["source"], []).append(row)
    return {source: pa.Table.from_pylist(rows, schema=SCHEMA) for source, rows in sorted(by_source.items())}


def _linker(features: Sequence[Feature], settings: dict[str, Any], engine: str) -> Linker:
    """A Linker over the feature rows: one input table per source; one source means deduplication."""
    tables = _tables(features)
    settings = dict(settings)
    if len(tables) < 2:
        settings["link_type"] = "dedupe_only"
    api = engine_api(engine)
    frames = [api.register(table, table_name=f"records_{i}") for i, table in enumerate(tables.values())]
    return Linker(frames if len(frames) > 1 else frames[0], settings, log_level=LOG_LEVEL)


def _converged(session: Any, max_iterations: int) -> bool:
    history = getattr(session, "_core_model_settings_history", None)
    return history is None or len(history) - 1 < max_iterations


def _unestimated(model: dict[str, Any]) -> list[str]:
    """Comparison levels left without an m or u probability after training."""
    missing = []
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            if level.get("m_probability") is None or level.get("u_probability") is None:
                missing.append(f"{comparison['output_column_name']}: {level.get('label_for_charts')}")
    return missing


def _null_columns(comparison: dict[str, Any]) -> list[str]:
    """The columns a comparison reads, from its null level ("x_l IS NULL OR x_r IS NULL")."""
    null = next((lv for lv in comparison["comparison_levels"] if lv.get("is_null_level")), None)
    return re.findall(r"(\w+)_l IS NULL", null["sql_condition"]) if null else []


def _observable(comparison: dict[str, Any], features: Sequence[Feature]) -> bool:
    """Whether some pair of records from different sources (or one source, alone) has the columns on both sides."""
    columns = _null_columns(comparison)
    counts: dict[str, int] = {}
    for row in features:
        if all(row.get(c) is not None for c in columns):
            counts[row["source"]] = counts.get(row["source"], 0) + 1
    sources = {row["source"] for row in features}
    if len(sources) > 1:
        return len(counts) > 1
    return sum(counts.values()) > 1


def train(features: Sequence[Feature], engine: str = DEFAULT, link_type: str | None = None) -> TrainedModel:
    """Estimate the model on these records: u by random sampling, then m by EM on the training blocking rules.

    Raises NotEnoughData when there are too few records, or when EM does not converge or leaves levels unestimated.
    """
    training = model_data()["training"]
    if len(features) < training["min_records"]:
        raise NotEnoughData(
            f"not enough data to train: {len(features)} records, at least {training['min_records']} needed"
        )
    settings = splink_settings(link_type)
    notes: list[str] = []
    kept = [c for c in settings["comparisons"] if _observable(c, features)]
    for comparison in settings["comparisons"]:
        if comparison not in kept:
            notes.append(f"left out {comparison['output_column_name']}: never known on both sides in this data")
    settings["comparisons"] = kept
    sample = _sample(features, training["max_records"], training["seed"])
    if len(sample) < len(features):
        notes.append(f"trained on a sample of {len(sample):,} of the {len(features):,} records")
    linker = _linker(sample, settings, engine)
    linker.training.estimate_u_using_random_sampling(max_pairs=training["u_max_pairs"], seed=training["seed"])
    # Pairs are sampled for EM only when the records were: a smaller set's blocked pairs are few enough as they are.
    em_max_pairs = training["em_max_pairs"] if len(sample) < len(features) else None
    for rule in training["em_blocking_rules"]:
        session = linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=em_max_pairs)
        if not _converged(session, settings["max_iterations"]):
            raise NotEnoughData(f"not enough data to train: EM blocked on {rule!r} did not converge")
        notes.append(f"EM blocked on {rule}")
    prior = training["prior"]
    recall = _share_of_matches(linker.misc.save_model_to_json(), prior["levels"])
    if not recall > 0:
        raise NotEnoughData(f"not enough data to train: the model finds no match meeting {prior['rule']!r}")
    linker.training.estimate_probability_two_random_records_match([prior["rule"]], recall=recall)
    notes.append(f"prior from {prior['rule']}, which the trained model says {recall:.1%} of matches meet")
    splink = linker.misc.save_model_to_json()
    if missing := _unestimated(splink):
        raise NotEnoughData(f"not enough data to train: no estimate for {'; '.join(missing)}")
    return TrainedModel(
        splink, datetime.date.today().isoformat(), len(features), tuple(notes), term_frequencies(features, splink)
    )


def _share_of_matches(model: dict[str, Any], levels: dict[str, str]) -> float:
    """The share of true matches that fall in all the given levels (comparison -> level label), by the m
    probabilities: what a deterministic rule on those levels finds of the matches, as the trained model sees it."""
    share = 1.0
    for comparison in model["comparisons"]:
        label = levels.get(comparison["output_column_name"])
        if label is not None:
            level = next(lv for lv in comparison["comparison_levels"] if lv.get("label_for_charts") == label)
            share *= level["m_probability"]
    return share


def _sample(features: Sequence[Feature], size: int, seed: int) -> Sequence[Feature]:
    """At most `size` records, the same ones for the same data and seed: training time stays flat past it."""
    if len(features) <= size:
        return features
    return random.Random(seed).sample(list(features), size)  # nosec B311 # a reproducible sample, not a secret


def _tf_columns(settings: dict[str, Any]) -> list[str]:
    return sorted(
        {
            level["tf_adjustment_column"]
            for comparison in settings["comparisons"]
            for level in comparison["comparison_levels"]
            if level.get("tf_adjustment_column")
        }
    )


def term_frequencies(features: Sequence[Feature], settings: dict[str, Any]) -> dict[str, dict[str, float]]:
    """For each term-frequency-adjusted column, each value's share of the records that have one."""
    tables: dict[str, dict[str, float]] = {}
    for column in _tf_columns(settings):
        counts = Counter(row[column] for row in features if row.get(column) is not None)
        total = sum(counts.values())
        tables[column] = {value: count / total for value, count in sorted(counts.items())} if total else {}
    return tables


def _levels(settings: dict[str, Any]) -> dict[str, dict[int, str]]:
    """Comparison -> gamma value -> level label, numbered as Splink numbers them (null -1, last level 0)."""
    levels: dict[str, dict[int, str]] = {}
    for comparison in settings["comparisons"]:
        null = [lv for lv in comparison["comparison_levels"] if lv.get("is_null_level")]
        named = {-1: null[0].get("label_for_charts", "unknown") if null else "unknown"}
        counted = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for i, level in enumerate(counted):
            named[len(counted) - 1 - i] = level.get("label_for_charts", str(i))
        levels[comparison["output_column_name"]] = named
    return levels


class Run:
    """One application of a trained model to a set of records: predictions, then clusters from them.

    With `explain`, each pair carries its per-comparison levels and weights (`Pair.fields`). Common names are
    weighed by the frequencies of the larger of the two sets, these records or the model's training data: three
    records saying "Niyaz" twice do not make Niyaz a common name.
    """

    def __init__(
        self,
        model: TrainedModel,
        features: Sequence[Feature],
        engine: str = DEFAULT,
        explain: bool = False,
    ) -> None:
        settings = dict(model.splink, retain_intermediate_calculation_columns=explain, retain_matching_columns=explain)
        self.linker = _linker(features, settings, engine)
        self.explain = explain
        self.levels = _levels(settings)
        self.predictions: SplinkDataFrame | None = None
        if model.term_frequencies and model.record_count > len(features):
            self._register_frequencies(model)

    def _register_frequencies(self, model: TrainedModel) -> None:
        api = self.linker._db_api
        for column, shares in model.term_frequencies.items():
            table = pa.table({column: list(shares), f"tf_{column}": list(shares.values())})
            frame = api.register(table, table_name=f"tf_lookup_{column}")
            self.linker.table_management.register_term_frequency_lookup(frame, column)

    def predict(self, threshold: float = 0.5) -> list[Pair]:
        self.predictions = self.linker.inference.predict(threshold_match_probability=threshold)
        names = list(self.levels)
        columns = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
        if self.explain:
            columns += [f"gamma_{n}" for n in names] + [f"mw_{n}" for n in names]
            present = set(column_names(self.predictions))
            columns += [f"mw_tf_adj_{n}" for n in names if f"mw_tf_adj_{n}" in present]
        rows = read_rows(self.predictions, columns)
        if not self.explain:
            return [Pair(*row) for row in rows]
        return [self._explained(dict(zip(columns, row, strict=True))) for row in rows]

    def _explained(self, row: dict[str, Any]) -> Pair:
        fields = []
        for name, labels in self.levels.items():
            gamma = row[f"gamma_{name}"]
            weight = row[f"mw_{name}"] + (row.get(f"mw_tf_adj_{name}") or 0.0)
            fields.append(Field(name, labels.get(gamma, str(gamma)), weight))
        return Pair(
            row["unique_id_l"], row["unique_id_r"], row["match_probability"], row["match_weight"], tuple(fields)
        )

    def cluster(self, threshold: float = 0.5) -> dict[str, str]:
        """Record id -> cluster id, by connected components over the predicted pairs at or above the threshold."""
        if self.predictions is None:
            self.predict(threshold)
        clusters = self.linker.clustering.cluster_pairwise_predictions_at_threshold(
            self.predictions, threshold_match_probability=threshold
        )
        rows = read_rows(clusters, ["unique_id", "cluster_id"])
        return {record_id: cluster_id for record_id, cluster_id in rows}


def predict(
    model: TrainedModel, features: Sequence[Feature], threshold: float = 0.5, engine: str = DEFAULT
) -> list[Pair]:
    """Scored pairs of records from different sources (or one source's duplicates) at or above the threshold."""
    return Run(model, features, engine).predict(threshold)


def one_to_one(pairs: Iterable[Pair]) -> list[Pair]:
    """At most one match per record, most probable pairs first (greedy assignment).

    For two sources that each list a person at most once (an official list; a deduplicated set of testimonies),
    a record has at most one true match: a pair is kept unless one of its records is already taken by a more
    probable pair. This removes the runners-up that a common name brings, so a lower threshold can be used
    without linking two people into one; a record whose best candidate went to another keeps its next best.
    """
    taken: set[str] = set()
    kept = []
    for pair in sorted(pairs, key=lambda p: (-p.match_probability, p.record_id_l, p.record_id_r)):
        if pair.record_id_l not in taken and pair.record_id_r not in taken:
            taken.update((pair.record_id_l, pair.record_id_r))
            kept.append(pair)
    return kept


QUERY, CANDIDATE = "query", "candidate"


def find_matches(
    model: TrainedModel,
    queries: Sequence[Feature],
    candidates: Sequence[Feature],
    threshold: float = 0.1,
    engine: str = DEFAULT,
) -> list[Pair]:
    """The candidates that may be the same person as each query record, best first, explained, query on the left.

    Frequencies of names come from the model's training data, so a handful of candidates is weighed as fairly
    as a whole run; a candidate with the same id as a query (the record itself) is never returned.
    """
    if not queries or not candidates:
        return []
    rows = [dict(r, source=QUERY) for r in queries] + [dict(r, source=CANDIDATE) for r in candidates]
    settings = dict(model.splink, link_type="link_only")
    run = Run(dataclasses.replace(model, splink=settings), rows, engine, explain=True)
    query_ids = {r["unique_id"] for r in queries}
    found = []
    for pair in run.predict(threshold):
        if pair.record_id_r in query_ids and pair.record_id_l not in query_ids:
            pair = pair._replace(record_id_l=pair.record_id_r, record_id_r=pair.record_id_l)
        if pair.record_id_l != pair.record_id_r:
            found.append(pair)
    return sorted(found, key=lambda p: (p.record_id_l, -p.match_probability, p.record_id_r))


def cluster(
    model: TrainedModel, features: Sequence[Feature], threshold: float = 0.5, engine: str = DEFAULT
) -> dict[str, str]:
    """Record id -> identity cluster id, linking pairs whose match probability is at or above the threshold."""
    return Run(model, features, engine).cluster(threshold)
