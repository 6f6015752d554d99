"""Statistical disclosure control for the count tables of published reports. Pure Python: never imports Django, so
researchers can use it from a notebook.

>>> table = OneWayTable.from_counts({"orphanage": 3, "boarding school": 12, "unknown": 40})
>>> suppress(table).shown
(None, None, 40, 55)
>>> [str(shown) for shown in band(table).shown]
['1–4', '10–14', '40–44', '51–62']
"""

from reunite.statistics.banding import BandScale, band, banding_method
from reunite.statistics.suppression import DEFAULT_THRESHOLD, suppress, suppression_method
from reunite.statistics.tables import Band, OneWayTable, PublishedOneWay, PublishedTwoWay, Shown, TwoWayTable

__all__ = [
    "DEFAULT_THRESHOLD",
    "Band",
    "BandScale",
    "OneWayTable",
    "PublishedOneWay",
    "PublishedTwoWay",
    "Shown",
    "TwoWayTable",
    "band",
    "banding_method",
    "suppress",
    "suppression_method",
]
