"""The spark engine (local Spark): chosen by name, it applies a model trained on DuckDB as DuckDB does.

Skipped, with the reason, where pyspark or Java is missing; never when CI=true, where it must run.
"""

import os

import pytest

from reunite.linkage import Run, engines, features, find_matches, train
from reunite.linkage.engines import ENGINES, EngineUnavailable, engine_api, spark_missing, spark_session
from reunite.linkage.model import Pair
from reunite.linkage.synthetic import OFFICIAL, TESTIMONY, generate

THRESHOLD = 0.5
TOLERANCE = 1e-9
# JVM options for a small job: C1 only starts Spark sooner; they change no result
FAST_START = {"REUNITE_SPARK_JAVA_OPTIONS": "-XX:TieredStopAtLevel=1", "REUNITE_SPARK_SHUFFLE_PARTITIONS": "2"}


@pytest.fixture(scope="module")
def spark():
    if missing := spark_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the spark engine must be tested when CI=true: {missing}")
        pytest.skip(f"the spark engine is not tested here: {missing}")
    with pytest.MonkeyPatch.context() as env:
        for name, value in FAST_START.items():
            env.setenv(name, os.environ.get(name, value))
        return spark_session()


@pytest.fixture(scope="module")
def rows():
    return features(generate(300, seed=3).records)


@pytest.fixture(scope="module")
def model(rows):
    return train(rows)  # on DuckDB: the model is the same whatever engine applies it


@pytest.fixture(scope="module")
def runs(spark, model, rows):
    """Each engine's run of the one model: its pairs at the threshold, and its clusters."""
    outcomes = {}
    for engine in ("duckdb", "spark"):
        run = Run(model, rows, engine=engine)
        pairs = {(p.record_id_l, p.record_id_r): p.match_probability for p in run.predict(THRESHOLD)}
        outcomes[engine] = pairs, run.cluster(THRESHOLD)
    return outcomes


def partition(clusters: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for record, cluster in clusters.items():
        groups.setdefault(cluster, set()).add(record)
    return {frozenset(group) for group in groups.values()}


def test_the_spark_engine_is_chosen_by_name(spark):
    assert "spark" in ENGINES
    api = engine_api("spark")
    assert api.sql_dialect.sql_dialect_str == "spark"
    assert api.spark.sparkContext is spark.sparkContext  # one Spark per process
    assert engine_api("spark").spark is not api.spark  # each run its own session: its own temporary views


def test_spark_predicts_the_pairs_duckdb_predicts(runs):
    duckdb_pairs, _ = runs["duckdb"]
    spark_pairs, _ = runs["spark"]
    assert len(duckdb_pairs) > 100
    assert set(spark_pairs) == set(duckdb_pairs)
    assert max(abs(spark_pairs[k] - duckdb_pairs[k]) for k in duckdb_pairs) < TOLERANCE


def test_spark_clusters_the_records_as_duckdb_does(runs, rows):
    _, duckdb_clusters = runs["duckdb"]
    _, spark_clusters = runs["spark"]
    assert set(spark_clusters) == {r["unique_id"] for r in rows}
    assert partition(spark_clusters) == partition(duckdb_clusters)


def test_explained_matches_are_the_same_on_spark(spark, model, rows):
    queries = [r for r in rows if r["source"] == TESTIMONY][:5]
    candidates = [r for r in rows if r["source"] == OFFICIAL]
    on_duckdb = find_matches(model, queries, candidates)
    on_spark = find_matches(model, queries, candidates, engine="spark")
    assert on_duckdb
    assert [levels(p) for p in on_spark] == [levels(p) for p in on_duckdb]
    for s, d in zip(on_spark, on_duckdb, strict=True):
        assert abs(s.match_probability - d.match_probability) < TOLERANCE
        assert all(abs(a.weight - b.weight) < TOLERANCE for a, b in zip(s.fields, d.fields, strict=True))


def levels(pair: Pair) -> tuple:
    return pair.record_id_l, pair.record_id_r, [(f.comparison, f.level) for f in pair.fields]


def test_without_java_the_spark_engine_says_what_to_install(monkeypatch):
    pytest.importorskip("pyspark")
    monkeypatch.setattr(engines, "_java", lambda: None)
    with pytest.raises(EngineUnavailable, match="default-jre-headless"):
        spark_session.__wrapped__()  # not the process's session, which may be running already
