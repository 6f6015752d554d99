"""Names across scripts. Pure Python: never imports Django, so researchers can use it from a notebook.

>>> compare("Ablikim Memtimin", "阿布力克木·买买提明").score > 0.8
True
"""

from reunite.names.compare import POSSIBLY_SAME, Comparison, Frequencies, compare, part_similarity
from reunite.names.readings import reading, to_arabic
from reunite.names.scripts import Convention, Script, detect_script, fold
from reunite.names.structure import Name, Part, parse_name

__all__ = [
    "POSSIBLY_SAME",
    "Comparison",
    "Convention",
    "Frequencies",
    "Name",
    "Part",
    "Script",
    "compare",
    "detect_script",
    "fold",
    "parse_name",
    "part_similarity",
    "reading",
    "to_arabic",
]
