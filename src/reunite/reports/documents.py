"""Documents as files: HTML that stands alone (its stylesheet inside), and PDF through WeasyPrint.

Nothing is fetched while a document is made: images come as `data:` URLs and fonts from the system's font
packages (fontconfig; `make install` puts in Noto Sans, Noto Naskh Arabic for Uyghur and Noto Sans CJK for
Chinese), so a report renders the same offline and leaks no request.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

STYLESHEET = "static/reports/print.css"


@cache
def stylesheet() -> str:
    return files("reunite.reports").joinpath(STYLESHEET).read_text(encoding="utf-8")


def standalone_html(template: str, context: dict) -> str:
    """The document as one HTML file, its stylesheet inside: it opens offline, in any browser, without the app."""
    # The stylesheet is our own file, not anyone's input.
    css = mark_safe(stylesheet())  # nosec B308 B703 # reunite's own stylesheet
    return render_to_string(template, {**context, "standalone_css": css})


def pdf(html: str) -> bytes:
    """The PDF of a standalone HTML document."""
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    # `data:` URLs only, and a refused URL is an error rather than a blank: a document never reaches out.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
