"""The advocacy report: figures counted, protected, charted, quoted and explained, as HTML, PDF or CSV tables.

The same data and options give the same figures: the report states the data snapshot it came from (the audit
log's head when it was made: every change to the data moves it) and the fingerprint of its figures.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import ngettext

from reunite.accounts.models import Organisation, organisation_of
from reunite.accounts.roles import REPORT, role_of
from reunite.audit.models import Head
from reunite.registry.disclosure import NotAllowed
from reunite.registry.models import Source
from reunite.reports import charts, documents
from reunite.reports.figures import Period, count_figures
from reunite.reports.models import Report
from reunite.reports.publish import Method, Protection, PublishedFigures, publish
from reunite.reports.quotes import DEFAULT_QUOTES, Quote, quotes
from reunite.statistics import DEFAULT_THRESHOLD, Band

TEMPLATE_BODY = "reports/report_body.html"


@dataclass(frozen=True)
class Options:
    start: date | None = None
    end: date | None = None
    threshold: int = DEFAULT_THRESHOLD
    method: Method = Method.SUPPRESS
    quotes: int = DEFAULT_QUOTES

    def as_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "start": self.start and self.start.isoformat(),
            "end": self.end and self.end.isoformat(),
            "method": self.method.value,
        }


@dataclass(frozen=True)
class Snapshot:
    """Which data a report came from: the audit log's head (sequence number and hash) when it was counted."""

    audit_sequence: int
    audit_hash: str
    made_at: str

    @classmethod
    def now(cls) -> Snapshot:
        head = Head.objects.first()
        return cls(
            head.sequence if head else 0, head.hash if head else "", timezone.now().isoformat(timespec="seconds")
        )


@dataclass(frozen=True)
class AdvocacyReport:
    options: Options
    published: PublishedFigures
    quotes: list[Quote]
    snapshot: Snapshot
    sources: dict[str, int] = field(default_factory=dict)  # the period's case-opening sources, by kind

    @property
    def fingerprint(self) -> str:
        return self.published.fingerprint()


def make_report(user, options: Options) -> AdvocacyReport:
    """Count, protect and quote, as of now, for the user's organisation (`user` None: a command run on the server,
    for the installation's one organisation)."""
    organisation = _organisation(user)
    protection = Protection(options.threshold, options.method)
    # One read transaction: the snapshot and the figures see the same data.
    with transaction.atomic():
        snapshot = Snapshot.now()
        figures = count_figures(organisation, Period(options.start, options.end))
        sources = Source.objects.filter(pk__in=figures.sources)
        chosen = quotes(sources, options.quotes)
        by_kind = {kind: sources.filter(kind=kind).count() for kind in Source.Kind.values}
    return AdvocacyReport(options, publish(figures, protection), chosen, snapshot, by_kind)


def _organisation(user) -> Organisation:
    if user is None:
        try:
            return Organisation.objects.sole()
        except ImproperlyConfigured:
            raise NotAllowed("this installation has several organisations: say whose report with --as USER") from None
    if not user.has_perm(REPORT):
        raise NotAllowed("this account may not make reports")
    organisation = organisation_of(user)
    if organisation is None:
        raise NotAllowed("the account belongs to no organisation")
    return organisation


def record(user, report: AdvocacyReport, output_format: str) -> Report:
    """The report's row: its creation writes the audit log's "exported" entry."""
    return Report.objects.create(
        created_by=user,
        role=(role_of(user) or "") if user else "",
        format=output_format,
        options=report.options.as_json(),
        snapshot=asdict(report.snapshot),
        figures_sha256=report.fingerprint,
    )


# ------------------------------------------------------------------------------------------------ rendering


def context(report: AdvocacyReport) -> dict[str, Any]:
    """What the templates show: every figure already published, formatted; charts as images."""
    published = report.published
    return {
        "title": "Separated families: documented cases",
        "body": TEMPLATE_BODY,
        "report": report,
        "options": report.options,
        "figures": published.figures,
        "tables": [_table_view(t) for t in published.tables],
        "contact": published.contact,
        "median_days": _days(published.contact.median),
        "longest_days": _days(published.contact.longest),
        "obstacles": [(category, _shown(n)) for category, n in published.obstacles],
        "applications": _shown(published.applications),
        "families": _shown(published.tables[0].published.total),
        "protection": published.protection,
        "hidden": published.hidden,
        "quotes": report.quotes,
        "sources": report.sources,
        "snapshot": report.snapshot,
        "fingerprint": report.fingerprint,
    }


def html(report: AdvocacyReport) -> str:
    return documents.standalone_html("reports/document.html", context(report))


def pdf(report: AdvocacyReport) -> bytes:
    return documents.pdf(html(report))


def csv_tables(report: AdvocacyReport) -> dict[str, str]:
    """Each published table as CSV (file name → text), and the summary figures and the method in `about.csv`."""
    files = {f"{t.table.name}.csv": _csv(t) for t in report.published.tables}
    about = io.StringIO()
    writer = csv.writer(about)
    writer.writerow(["item", "value"])
    published = report.published
    rows = [
        ("period_from", report.options.start or ""),
        ("period_to", report.options.end or ""),
        ("as_of", published.figures.as_of),
        ("median_days_since_last_contact", _blank(published.contact.median)),
        ("longest_days_since_last_contact", _blank(published.contact.longest)),
        ("applications", _text(published.applications)),
        *((f"obstacle: {category}", _text(n)) for category, n in published.obstacles),
        ("threshold", published.protection.threshold),
        ("method", published.protection.description),
        ("audit_sequence", report.snapshot.audit_sequence),
        ("audit_hash", report.snapshot.audit_hash),
        ("figures_sha256", report.fingerprint),
    ]
    writer.writerows(rows)
    files["about.csv"] = about.getvalue()
    return files


def csv_zip(report: AdvocacyReport) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(report).items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


@dataclass(frozen=True)
class _Cell:
    text: str
    hidden: bool


def _shown(value) -> _Cell:
    return _Cell(_text(value), not isinstance(value, int))


def _text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Band):
        return str(value)
    return f"{value:,}"


def _days(value: int | None) -> str:
    if value is None:
        return ""
    return ngettext("%(days)s day", "%(days)s days", value) % {"days": number_format(value, force_grouping=True)}


def _blank(value: int | None) -> str | int:
    return "" if value is None else value


def _table_view(published_table) -> dict[str, Any]:
    table, published = published_table.table, published_table.published
    view: dict[str, Any] = {"name": table.name, "title": table.title, "unit": table.unit}
    if published_table.two_way:
        view["columns"] = [*published.columns, "total"]
        labels = [*published.rows, "total"]
        view["rows"] = [(label, [_shown(v) for v in row]) for label, row in zip(labels, published.shown, strict=True)]
    else:
        view["columns"] = [table.unit]
        labels = [*published.categories, "total"]
        view["rows"] = [(label, [_shown(v)]) for label, v in zip(labels, published.shown, strict=True)]
        if table.chart:
            view["chart"] = charts.bar_chart(published, table.unit)
    return view


def _csv(published_table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    published = published_table.published
    if published_table.two_way:
        writer.writerow(["", *published.columns, "total"])
        for label, row in zip([*published.rows, "total"], published.shown, strict=True):
            writer.writerow([label, *(_csv_value(v) for v in row)])
    else:
        writer.writerow(["category", published_table.table.unit])
        for label, value in zip([*published.categories, "total"], published.shown, strict=True):
            writer.writerow([label, _csv_value(value)])
    return out.getvalue()


def _csv_value(value) -> str | int:
    # An analyst's tools read an empty cell as missing: a hidden count is empty, a band its text.
    if value is None:
        return ""
    return str(value) if isinstance(value, Band) else value
