"""Seedable generator of invented separated Uyghur families, the data source for benchmarks and demos.

Standard library only, no Django: ``generate_families(count, seed)`` yields :class:`Family` records.
"""

from .generate import generate_families, generate_family, uly_name
from .model import (
    APPLICATION_KINDS,
    APPLICATION_STATUSES,
    CASE_STATUSES,
    EVENT_KINDS,
    LANGUAGES,
    NAME_KINDS,
    RELATION_KINDS,
    SENSITIVITIES,
    STATUSES,
    Application,
    Event,
    Family,
    NameForm,
    Person,
    Relation,
    Testimony,
)

__all__ = [
    "APPLICATION_KINDS",
    "APPLICATION_STATUSES",
    "CASE_STATUSES",
    "EVENT_KINDS",
    "LANGUAGES",
    "NAME_KINDS",
    "RELATION_KINDS",
    "SENSITIVITIES",
    "STATUSES",
    "Application",
    "Event",
    "Family",
    "NameForm",
    "Person",
    "Relation",
    "Testimony",
    "generate_families",
    "generate_family",
    "uly_name",
]
