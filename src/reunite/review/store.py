"""The trained linkage model of this installation: one JSON file, `settings.LINKAGE_MODEL`.

`reunite link train` writes it, from this registry's records when there are enough, or from invented families
(`--synthetic`) on a small database such as the demo; every "find matches" and whole run reads it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.conf import settings

from reunite.linkage import TrainedModel, features, train
from reunite.linkage.synthetic import generate
from reunite.registry.models import Person
from reunite.review.records import iter_person_records

TRAIN_COMMAND = "reunite link train"
# Testimonies and lists, and duplicates within each: the link type of a whole run and of training on the registry.
LINK_AND_DEDUPE = "link_and_dedupe"


class NoModel(Exception):
    """No trained model yet, or the file is not one: says which command trains one."""


def model_path() -> Path:
    return Path(settings.LINKAGE_MODEL)


_loaded: dict[Path, tuple[float, TrainedModel]] = {}


def load_model() -> TrainedModel:
    """The saved model, read again only when the file changed."""
    path = model_path()
    try:
        changed = path.stat().st_mtime
    except FileNotFoundError:
        raise NoModel(
            f"No linkage model yet: train one with `{TRAIN_COMMAND}` "
            f"(or `{TRAIN_COMMAND} --synthetic 1500` while the registry is small)."
        ) from None
    cached = _loaded.get(path)
    if cached is None or cached[0] != changed:
        try:
            _loaded[path] = (changed, TrainedModel.load(path))
        except (ValueError, KeyError) as error:
            raise NoModel(f"{path} is not a linkage model ({error}); train one with `{TRAIN_COMMAND}`.") from None
    return _loaded[path][1]


def save_model(model: TrainedModel) -> Path:
    """Write the model, replacing the file whole so a reader never sees half of it."""
    path = model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    model.save(partial)
    partial.replace(path)
    return path


def train_on_registry() -> TrainedModel:
    """A model estimated on every person in the registry; `NotEnoughData` says why when there are too few."""
    ids = Person.objects.order_by("pk").values_list("pk", flat=True).iterator()
    rows = features(iter_person_records(ids))
    return train(rows, link_type=LINK_AND_DEDUPE)


def train_on_synthetic(families: int, seed: int) -> TrainedModel:
    """A model estimated on the testimonies and official-list records of invented families, not on the registry."""
    rows = features(generate(families, seed).records)
    model = train(rows)
    note = f"trained on {families} invented families (reunite.linkage.synthetic, seed {seed}), not on the registry"
    return dataclasses.replace(model, notes=(note, *model.notes))
