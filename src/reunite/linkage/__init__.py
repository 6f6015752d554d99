"""Record linkage: which records, across sources and scripts, describe the same person. Pure Python, no Django.

    records   PersonRecord: one source's record of one person
    features  the columns computed once per record (names engine keys, birth, places, ID) that Splink compares
    model     train (EM on the data at hand), save/load as JSON, predict pairs, cluster into identities
    engines   the SQL engines Splink runs on, by name (DuckDB, Spark)
    evaluate  precision, recall and F1 against a known truth
    synthetic testimonies against an official list, from invented families, with the truth

The model is data: `data/settings.json`. The engine is a parameter, not a fork in the code.
"""

import importlib
from typing import Any

from reunite.linkage.features import features
from reunite.linkage.records import PersonRecord

_FROM_MODEL = {
    "Field",
    "NotEnoughData",
    "Pair",
    "Run",
    "TrainedModel",
    "cluster",
    "find_matches",
    "one_to_one",
    "predict",
    "train",
}


def __getattr__(name: str) -> Any:
    # The model loads Splink, which takes seconds and memory: only when one of its names is asked for.
    if name in _FROM_MODEL:
        return getattr(importlib.import_module("reunite.linkage.model"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Field",
    "NotEnoughData",
    "Pair",
    "PersonRecord",
    "Run",
    "TrainedModel",
    "cluster",
    "features",
    "find_matches",
    "predict",
    "train",
]
