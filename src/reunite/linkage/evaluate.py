"""How well predicted pairs agree with the known truth: for benchmarks and researchers' notebooks."""

from __future__ import annotations

from collections.abc import Set
from typing import NamedTuple, TypeVar

PairKey = TypeVar("PairKey")


class Scores(NamedTuple):
    precision: float
    recall: float
    f1: float


def scores(predicted: Set[PairKey], true: Set[PairKey]) -> Scores:
    """Precision, recall and F1 of predicted pairs against true pairs (both as sets of the same kind of key)."""
    hits = len(predicted & true)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(true) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)
