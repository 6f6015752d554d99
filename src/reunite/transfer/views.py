from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reunite.accounts.roles import EXPORT, IMPORT
from reunite.registry.disclosure import Audience
from reunite.transfer import jobs
from reunite.transfer.export import export_data
from reunite.transfer.forms import ExportForm, ImportForm
from reunite.transfer.models import ImportJob

RECENT_JOBS = 10
CONTENT_TYPES = {
    "csv": "application/zip",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@permission_required(IMPORT, raise_exception=True)
def new_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = ImportJob.objects.create(
            created_by=request.user,
            file_name=form.cleaned_data["file"].name,
            stored_file=str(jobs.keep_upload(form.cleaned_data["file"])),
            mapping=form.mapping_text(),
            dataset=form.cleaned_data["dataset"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("import_job", job.pk)
    recent = ImportJob.objects.filter(created_by=request.user)[:RECENT_JOBS]
    return render(request, "transfer/import.html", {"form": form, "recent": recent})


def _own_job(request, job_id: int) -> ImportJob:
    if not request.user.has_perm(IMPORT):
        raise PermissionDenied(_("Your role does not import lists."))
    return get_object_or_404(ImportJob, pk=job_id, created_by=request.user)


def import_job(request, job_id: int):
    job = _own_job(request, job_id)
    preview = jobs.preview(job) if job.state == ImportJob.State.WAITING else None
    return render(request, "transfer/import_job.html", {"job": job, "preview": preview})


@require_POST
def start_import(request, job_id: int):
    job = _own_job(request, job_id)
    if job.state == ImportJob.State.WAITING:
        jobs.start(job)
    return redirect("import_job", job.pk)


@require_POST
def cancel_import(request, job_id: int):
    job = _own_job(request, job_id)
    if job.state == ImportJob.State.WAITING:
        Path(job.stored_file).unlink(missing_ok=True)
        job.delete()
        messages.info(request, _("The import was cancelled; nothing was written."))
    return redirect("new_import")


def import_rejects(request, job_id: int):
    job = _own_job(request, job_id)
    if not job.rejects_file or not Path(job.rejects_file).exists():
        raise Http404
    return FileResponse(open(job.rejects_file, "rb"), as_attachment=True, filename=f"rejected-rows-{job.pk}.csv")


@permission_required(EXPORT, raise_exception=True)
def new_export(request):
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filters = {k: str(v) for k in ("dataset", "since") if (v := data.get(k))}
        fmt = data["format"]
        folder = Path(tempfile.mkdtemp(prefix="reunite-export-"))
        output = folder / f"reunite-export.{'zip' if fmt == 'csv' else fmt}"
        try:
            export = export_data(
                request.user,
                audience=Audience(data["audience"]),
                tables=tuple(data["tables"]),
                fmt=fmt,
                output=output,
                filters=filters,
            )
            handle = output.open("rb")  # noqa: SIM115 - the response closes it once sent
        except ValueError as error:  # a filter naming no dataset, say: said on the form, nothing written
            form.add_error(None, str(error))
            return render(request, "transfer/export.html", {"form": form})
        finally:
            # Nothing exported stays on the server's disk: the open handle is all that is left of the file.
            shutil.rmtree(folder, ignore_errors=True)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=f"reunite-export-{export.pk}.{output.suffix.lstrip('.')}",
            content_type=CONTENT_TYPES[fmt],
        )
    return render(request, "transfer/export.html", {"form": form})
