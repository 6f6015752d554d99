"""Imports started from the web app run beside the request, and say how far they are on their job row.

The upload is kept under REUNITE_HOME/uploads while the job waits and runs, and removed when it ends; the
rejects file stays there for the user to download. A job runs in a thread of the web server (the embedded
deployment has no task queue); `IMPORT_IN_BACKGROUND = False` runs it within the request, as the tests do.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from reunite.transfer.importer import Summary, choices, import_file
from reunite.transfer.mapping import Mapping, MappingError, Problem, load_mapping, parse_mapping, shipped
from reunite.transfer.models import ImportJob
from reunite.transfer.reading import ReadError, open_table

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 5
UNEXPECTED = (
    "The import stopped on an unexpected error; the batches before it are stored. "
    "Importing the file again completes it without duplicates."
)
OWN_MAPPING_NAME = "uploaded mapping"


def uploads() -> Path:
    folder = settings.HOME / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_upload(upload: UploadedFile) -> Path:
    """Store an uploaded file under a random name (its own name may name a person), keeping its extension, by
    which the reader knows XLSX and JSON."""
    path = uploads() / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()[:10]}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def mapping_of(job: ImportJob) -> Mapping:
    """The job's mapping, checked; raises `MappingError`."""
    if job.mapping in shipped():
        return load_mapping(job.mapping, choices(), job.dataset)
    return parse_mapping(OWN_MAPPING_NAME, job.mapping, choices(), job.dataset)


@dataclass(frozen=True)
class PreviewRow:
    number: int
    values: list[tuple[str, str]]  # (column, value) for the columns the mapping reads
    problems: list[Problem]  # empty when the row would go in


@dataclass(frozen=True)
class Preview:
    columns: list[str]
    rows: list[PreviewRow]
    errors: list[str]  # a mapping or file the import cannot use: nothing would go in


def preview(job: ImportJob, rows: int = PREVIEW_ROWS) -> Preview:
    """The first rows as the mapping reads them, each with the problems that would keep it out."""
    try:
        mapping = mapping_of(job)
        with open_table(job.stored_file, sheet=mapping.sheet) as table:
            mapping.check_columns(table.columns)
            columns = mapping.columns()
            shown = []
            today = timezone.localdate()
            for row in table.rows():
                read = mapping.read(row.number, row.values, today)
                problems = read if isinstance(read, list) else read.warnings
                shown.append(PreviewRow(row.number, [(c, row.values.get(c, "")) for c in columns], problems))
                if len(shown) == rows:
                    break
    except MappingError as error:
        return Preview([], [], list(error.reasons))
    except ReadError as error:
        return Preview([], [], [str(error)])
    return Preview(columns, shown, [])


def start(job: ImportJob) -> None:
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])
    if settings.IMPORT_IN_BACKGROUND:
        threading.Thread(target=_run_in_thread, args=(job.pk,), name=f"import-{job.pk}", daemon=True).start()
    else:
        run(job.pk)


def _run_in_thread(job_id: int) -> None:
    # A thread has its own database connection: opened here, closed when the job ends.
    close_old_connections()
    try:
        run(job_id)
    finally:
        connection.close()


def run(job_id: int) -> None:
    """Import the job's file; the job row says how far it got and, at the end, what happened."""
    job = ImportJob.objects.get(pk=job_id)
    rejects = uploads() / f"rejects-{job.pk}-{uuid.uuid4().hex[:8]}.csv"
    user = get_user_model().objects.filter(pk=job.created_by_id).first()

    def progress(fraction: float, rows: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(fraction=fraction, rows=rows)

    try:
        summary = import_file(
            job.stored_file, mapping_of(job), dry_run=job.dry_run, rejects=rejects, user=user, progress=progress
        )
    except MappingError as error:
        _end(job, ImportJob.State.FAILED, error="\n".join(error.reasons))
    except ReadError as error:
        _end(job, ImportJob.State.FAILED, error=str(error))
    except Exception:
        logger.exception("import job %s failed", job.pk)  # the traceback names code, not the file's content
        _end(job, ImportJob.State.FAILED, error=UNEXPECTED)
    else:
        _end(job, ImportJob.State.DONE, summary=summary, rejects=rejects if summary.rejected else None)
    finally:
        Path(job.stored_file).unlink(missing_ok=True)
        if rejects.exists() and not job.rejects_file:
            rejects.unlink()


def _end(
    job: ImportJob, state: str, *, error: str = "", summary: Summary | None = None, rejects: Path | None = None
) -> None:
    job.state, job.error, job.finished_at = state, error, timezone.now()
    if summary is not None:
        job.summary = summary_data(summary)
        job.fraction = 1.0
        job.rows = summary.rows
    job.rejects_file = str(rejects) if rejects else ""
    job.save()


def summary_data(summary: Summary) -> dict:
    """What the job page shows of a summary: the counts and the first problems, by row, column and reason."""
    return {
        "rows": summary.rows,
        "imported": summary.imported,
        "new_versions": summary.new_versions,
        "unchanged": summary.unchanged,
        "withdrawn": summary.withdrawn,
        "rejected": summary.rejected,
        "warnings": summary.warnings,
        "persons": summary.persons,
        "problems": [str(p) for p in summary.problems],
        "problem_count": summary.problem_count,
        "matching": summary.matching,
    }
