"""Names across scripts. Pure Python: never imports Django, so researchers can use it from a notebook."""

from reunite.names.scripts import Script, detect_script, fold

__all__ = ["Script", "detect_script", "fold"]
