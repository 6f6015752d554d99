"""Record linkage: which records, across sources and scripts, describe the same person. Pure Python, no Django.

    records   PersonRecord: one source's record of one person
    features  the columns computed once per record (names engine keys, birth, places, ID) that Splink compares
    model     train (EM on the data at hand), save/load as JSON, predict pairs, cluster into identities
    synthetic testimonies against an official list, from invented families, with the truth

The model is data: `data/settings.json`. The engine (DuckDB now) is a parameter, not a fork in the code.
"""

from reunite.linkage.features import features
from reunite.linkage.model import (
    Field,
    NotEnoughData,
    Pair,
    Run,
    TrainedModel,
    cluster,
    find_matches,
    predict,
    train,
)
from reunite.linkage.records import PersonRecord

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
