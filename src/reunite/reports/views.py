from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render

from reunite.accounts.roles import REPORT
from reunite.reports import report
from reunite.reports.forms import ReportForm
from reunite.reports.models import Report

_FILES = {
    Report.Format.PDF: (report.pdf, "application/pdf", "report.pdf"),
    Report.Format.HTML: (report.html, "text/html; charset=utf-8", "report.html"),
    Report.Format.CSV: (report.csv_zip, "application/zip", "report-tables.zip"),
}


@permission_required(REPORT, raise_exception=True)
def new_report(request):
    """The report's options; on submit, the report on the page or as a file to download. Every role may: the
    figures are aggregates, protected, and quote only what consent allows."""
    form = ReportForm(request.POST or None)
    shown: dict = {}
    if request.method == "POST" and form.is_valid():
        made = report.make_report(request.user, form.options)
        chosen = form.cleaned_data["format"]
        if chosen == Report.Format.PAGE:
            report.record(request.user, made, chosen)
            shown = report.context(made)
        else:
            render_file, content_type, filename = _FILES[chosen]
            content = render_file(made)
            report.record(request.user, made, chosen)
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
    recent = Report.objects.filter(created_by=request.user)[:10]
    return render(request, "reports/new_report.html", {"form": form, "recent": recent, **shown})
