import dataclasses

import pytest
from splink import SettingsCreator

from reunite.linkage import NotEnoughData, TrainedModel, features, predict, train
from reunite.linkage.engines import engine_api
from reunite.linkage.model import Run, model_data, splink_settings
from reunite.linkage.records import PersonRecord
from reunite.linkage.synthetic import OFFICIAL, TESTIMONY, generate

FAMILIES = 300


@pytest.fixture(scope="module")
def data():
    return generate(FAMILIES, seed=3)


@pytest.fixture(scope="module")
def rows(data):
    return features(data.records)


@pytest.fixture(scope="module")
def model(rows):
    return train(rows)


def true_pairs(data) -> set[tuple[str, str]]:
    official = {r.truth: r.record_id for r in data.official}
    return {(r.record_id, official[r.truth]) for r in data.testimony if r.truth in official}


def oriented(pairs) -> set[tuple[str, str]]:
    return {(a, b) if a.startswith("t:") else (b, a) for a, b, *_ in pairs}


def test_the_settings_load_as_splink_settings():
    data = model_data()
    assert {"splink", "training"} <= set(data)
    settings = splink_settings()
    assert settings["link_type"] == "link_only"
    assert {c["output_column_name"] for c in settings["comparisons"]} >= {"given", "father", "birth", "birthplace"}
    assert SettingsCreator.from_path_or_dict(settings).get_settings("duckdb")
    assert splink_settings("dedupe_only")["link_type"] == "dedupe_only"
    assert model_data()["splink"]["link_type"] == "link_only"  # a copy each time, never the cached data


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown linkage engine"):
        engine_api("punch cards")


def test_training_refuses_too_little_data(rows):
    with pytest.raises(NotEnoughData, match="not enough data to train"):
        train(rows[:200])


def test_the_generated_sources_hold_invented_people_in_two_scripts(data):
    assert {r.source for r in data.testimony} == {TESTIMONY}
    assert {r.source for r in data.official} == {OFFICIAL}
    assert len(data.official) < len(data.testimony)
    assert sum(1 for r in data.official if r.id_number) > 0.7 * len(data.official)
    chinese = sum(1 for r in data.official if any("\u4e00" <= ch <= "\u9fff" for ch in r.names[0]))
    assert 0.5 * len(data.official) < chinese < len(data.official)  # the others in pinyin
    assert not any("\u4e00" <= ch <= "\u9fff" for r in data.testimony for name in r.names for ch in name)


def test_the_model_records_its_date_and_data_size(model, rows):
    assert model.record_count == len(rows)
    assert len(model.trained_on) == 10
    assert any("left out id_number" in note for note in model.notes)  # no testimony carries an ID number


def test_testimonies_link_to_the_official_list(data, rows, model):
    truth = true_pairs(data)
    found = oriented(predict(model, rows, threshold=0.5))
    hits = len(found & truth)
    assert hits / len(found) >= 0.97
    assert hits / len(truth) >= 0.80


def test_clusters_join_the_linked_records(data, rows, model):
    run = Run(model, rows)
    pairs = run.predict(0.5)
    clusters = run.cluster(0.5)
    assert set(clusters) == {r["unique_id"] for r in rows}
    assert all(clusters[p.record_id_l] == clusters[p.record_id_r] for p in pairs)


def test_a_saved_model_predicts_the_same(tmp_path, rows, model):
    path = tmp_path / "model.json"
    model.save(path)
    loaded = TrainedModel.load(path)
    assert (loaded.trained_on, loaded.record_count) == (model.trained_on, model.record_count)
    before = sorted(predict(model, rows, 0.3))
    after = sorted(predict(loaded, rows, 0.3))
    assert [(a, b) for a, b, *_ in before] == [(a, b) for a, b, *_ in after]
    assert all(abs(x.match_probability - y.match_probability) < 1e-9 for x, y in zip(before, after, strict=True))


def test_records_without_a_name_or_birth_still_take_part(data, model):
    official = {r.truth: r for r in data.official if r.id_number and r.birth}
    testimony = [r for r in data.testimony if r.truth in official and r.birth and len(r.birth) == 10]
    nameless = dataclasses.replace(official[testimony[0].truth], names=())
    birthless = dataclasses.replace(official[testimony[1].truth], birth=None, id_number=None)
    others = [r for r in data.official if r.record_id not in (nameless.record_id, birthless.record_id)]
    rows = features([*data.testimony, *others, nameless, birthless])
    scored = oriented(predict(model, rows, threshold=0.0))
    assert (testimony[0].record_id, nameless.record_id) in scored
    assert (testimony[1].record_id, birthless.record_id) in scored


def test_a_chinese_list_that_puts_the_fathers_name_first_is_still_found(data, model):
    # Sadiq Memtili, written father first and spelt differently: 买买提力·沙地克 reads Memtili Sadiq
    testimony = PersonRecord("t:sadiq", TESTIMONY, names=("Sadiq Memtili",), sex="M", birth="1964")
    official = PersonRecord("o:sadiq", OFFICIAL, names=("买买提力·沙地克",), sex="M", birth="1964-02-15")
    rows = features([*data.records, testimony, official])
    pair = next(
        p
        for p in Run(model, rows, explain=True).predict(0.0)
        if {p.record_id_l, p.record_id_r} == {"t:sadiq", "o:sadiq"}
    )
    assert [(f.comparison, f.level) for f in pair.fields[:2]] == [
        ("given", "swapped, coarse keys"),
        ("father", "unknown, or swapped with the given name"),
    ]
