"""Charts of published tables, drawn on the server as SVG (matplotlib), readable in print: grey bars, the figure
written at each bar, a hidden count drawn as no bar with the word "hidden", a band as a bar to its lower end with
a line to its upper end. A chart sees only a `PublishedOneWay`: it cannot show what the tables do not."""

from __future__ import annotations

import base64
import io
import textwrap

from reunite.statistics import Band, PublishedOneWay

HIDDEN = "hidden"
_BAR, _RANGE = "#6b6b6b", "#222222"


def bar_chart(published: PublishedOneWay, unit: str) -> str:
    """The chart as a `data:` URL of an SVG image, for an <img> in the page, the HTML file and the PDF alike."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.figure import Figure

    labels = [textwrap.fill(label, 38) for label in published.categories]
    figure = Figure(figsize=(6.2, 0.42 * len(labels) + 0.8), layout="constrained")
    axes = figure.subplots()
    low = [_low(shown) for shown in published.cells]
    axes.barh(range(len(labels)), low, color=_BAR, height=0.6)
    longest = max((_high(shown) for shown in published.cells), default=0) or 1
    for row, shown in enumerate(published.cells):
        if isinstance(shown, Band):
            axes.plot([shown.low, shown.high], [row, row], color=_RANGE, linewidth=2)
        axes.text(_high(shown) + longest * 0.01, row, _label(shown), va="center", fontsize=8)
    axes.set_yticks(range(len(labels)), labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, longest * 1.15)
    axes.set_xlabel(unit, fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    # Text as paths: the SVG then draws the same in any viewer, with no font to find.
    with pyplot.rc_context({"svg.fonttype": "path", "svg.hashsalt": "reunite", "font.family": "DejaVu Sans"}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _low(shown) -> int:
    if isinstance(shown, Band):
        return shown.low
    return shown or 0


def _high(shown) -> int:
    if isinstance(shown, Band):
        return shown.high
    return shown or 0


def _label(shown) -> str:
    if shown is None:
        return HIDDEN
    return str(shown) if isinstance(shown, Band) else f"{shown:,}"
