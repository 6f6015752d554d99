"""Places: the gazetteer of Xinjiang in every script, countries, and a resolver for text as sources write it.

Pure Python: never imports Django.

    >>> resolve("Keriye county, Hotan prefecture").best.place.name_zh
    '于田县'
"""

from reunite.places.countries import Country, country_named
from reunite.places.gazetteer import Gazetteer, Place, gazetteer
from reunite.places.resolve import Candidate, Resolution, resolve

__all__ = ["Candidate", "Country", "Gazetteer", "Place", "Resolution", "country_named", "gazetteer", "resolve"]
