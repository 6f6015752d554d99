"""What a backup holds: every table of every installed app, its columns, and its values written so that SQLite and
PostgreSQL read them back alike (dates as ISO text, bytes as base64, JSON as JSON, custom types as stored)."""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.duration import duration_iso_string

# Left out, and why.
SKIPPED = {
    "sessions.session": "logins in progress, signed with SECRET_KEY: a restored database starts with everyone "
    "logged out",
}
# Tables `migrate` itself fills (content types, permissions, the roles' groups and their permissions, the audit
# entries of those, the first organisation): a newly migrated database has these rows, which a restore replaces.
SEEDED = (
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
    "accounts.organisation",
    "audit.entry",
    "audit.head",
)


def backed_up() -> list[type[models.Model]]:
    """Every table with rows of its own, many-to-many tables included, in the apps' order."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.label_lower not in SKIPPED
    ]


def columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def encoder(field: models.Field) -> Callable[[Any], Any]:
    """A value as the ORM reads it → a JSON value."""
    if isinstance(field, models.JSONField):
        return _same
    return lambda value: _plain(field, value)


def decoder(field: models.Field, connection) -> Callable[[Any], Any]:
    """A JSON value → a parameter for this database, as a save would write it (without `auto_now` and the like)."""
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    # None too: a field may store something else for it (a PartialDateField, "").
    return lambda value: field.get_db_prep_save(field.to_python(value), connection)


def _same(value: Any) -> Any:
    return value


def _plain(field: models.Field, value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):  # datetimes too
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return field.get_prep_value(value)  # a type of reunite's own (a PartialDate): its stored text
