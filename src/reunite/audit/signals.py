"""Every save and delete of a record or an account, and every login, written to the audit log by Django's signals.

Tracked: every model of the accounts (organisations, memberships), registry, cases, review and transfer apps,
and accounts and groups, but rows derived
from others and rewritten with them (name keys, identities), whose changes are those of the rows they follow.
Writers that bypass saves (bulk inserts of the importer and the restore) or make many rows at once (a testimony, a
decision, a linkage run) record their own entry (`record.summarised`).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.audit.models import Action
from reunite.audit.record import current_user, record, summarising
from reunite.reports.models import Report
from reunite.transfer.models import Export

TRACKED_APPS = ("accounts", "registry", "cases", "review", "transfer", "reports")
DERIVED = {"registry.namekey", "review.identity", "review.identitymember"}
# A new row's author when no request is under way (a command, a background job): the row's own field saying who.
AUTHOR_FIELDS = ("created_by", "changed_by", "recorded_by", "decided_by", "started_by")
_M2M_ACTIONS = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}
# Many-to-many tables (their `through` model) → the field that owns them.
_relations: dict[type[models.Model], models.ManyToManyField] = {}


def tracked_models() -> list[type[models.Model]]:
    found = [model for label in TRACKED_APPS for model in apps.get_app_config(label).get_models()]
    return [model for model in [*found, get_user_model(), Group] if model._meta.label_lower not in DERIVED]


def connect() -> None:
    for model in tracked_models():
        label = model._meta.label_lower
        pre_save.connect(_note_changes, sender=model, dispatch_uid=f"audit:{label}")
        post_save.connect(_saved, sender=model, dispatch_uid=f"audit:{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit:{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            _relations[through] = field
            m2m_changed.connect(_related, sender=through, dispatch_uid=f"audit:{through._meta.label_lower}")
    user_logged_in.connect(_logged_in, dispatch_uid="audit")
    user_logged_out.connect(_logged_out, dispatch_uid="audit")
    user_login_failed.connect(_login_failed, dispatch_uid="audit")
    post_delete.connect(_authenticator_deleted, sender=TOTPDevice, dispatch_uid="audit:otp_totp.totpdevice")


def _note_changes(sender, instance, using, update_fields, **kwargs) -> None:
    """Before a row is saved over: the names of the fields whose stored value differs, for `_saved`."""
    if summarising() or instance._state.adding or update_fields is not None:
        return
    fields = instance._meta.concrete_fields
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    if stored is not None:
        instance._audit_changed = [f.name for f in fields if stored[f.attname] != getattr(instance, f.attname)]


def _saved(sender, instance, created, update_fields, **kwargs) -> None:
    if summarising():
        return
    if created:
        action, detail = _CREATION.get(sender, (Action.CREATED, _references))
        record(action, instance, user=current_user() or _author(instance), detail=detail(instance))
        return
    # The login's own entry says as much as Django's stamping the time of it.
    if update_fields == {"last_login"}:
        return
    changed = sorted(update_fields) if update_fields is not None else instance.__dict__.pop("_audit_changed", [])
    if changed:
        record(Action.CHANGED, instance, detail={"fields": changed})


def _deleted(sender, instance, **kwargs) -> None:
    if not summarising():
        record(Action.DELETED, instance, detail=_references(instance))


def _related(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Rows joined or parted through a many-to-many field (an account's groups, an application's applicants)."""
    if summarising() or action not in _M2M_ACTIONS or (pk_set is not None and not pk_set):
        return
    field = _relations[sender]
    name = field.remote_field.get_accessor_name() if reverse else field.name
    rows = sorted(pk_set) if pk_set is not None else True  # a clear does not say which rows it parted
    record(Action.CHANGED, instance, detail={"fields": [name], _M2M_ACTIONS[action]: rows})


def _references(instance: models.Model) -> dict[str, Any]:
    """The ids a row refers to (its person, its source, its case), by field name."""
    return {
        field.name: value
        for field in instance._meta.concrete_fields
        if field.is_relation and (value := getattr(instance, field.attname)) is not None
    }


def _author(instance: models.Model) -> AbstractBaseUser | None:
    for name in AUTHOR_FIELDS:
        try:
            instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return getattr(instance, name)
    return None


def _export(export: Export) -> dict[str, Any]:
    return {
        "audience": export.audience,
        "format": export.format,
        "tables": export.tables,
        "counts": export.counts,
        "filters": export.filters,
        "sha256": export.sha256,
    }


def _report(report: Report) -> dict[str, Any]:
    return {
        "format": report.format,
        "options": report.options,
        "snapshot": report.snapshot["audit_sequence"],
        "sha256": report.figures_sha256,
    }


# Rows whose creation is an action of its own, with what their entry keeps.
_CREATION = {Export: (Action.EXPORTED, _export), Report: (Action.EXPORTED, _report)}


# ----------------------------------------------------------------------------------------------- logins


def _logged_in(sender, request, user, **kwargs) -> None:
    record(Action.LOGGED_IN, user, user=user)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(Action.LOGGED_OUT, user, user=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Only the id of the account tried, if there is one: the name typed may be anyone's (a real name, a password
    typed in the wrong field), and so may the address it came from."""
    User = get_user_model()
    typed = credentials.get(User.USERNAME_FIELD) or credentials.get("username")
    account = User._default_manager.filter(**{User.USERNAME_FIELD: typed}).values_list("pk", flat=True).first()
    record(Action.LOGIN_FAILED, object_type=User._meta.label_lower if account else "", object_id=account or "")


def _authenticator_deleted(sender, instance: TOTPDevice, **kwargs) -> None:
    """A confirmed authenticator deleted is a second factor reset (`reunite twofactor reset`, the admin): recorded
    against its account, never with its secret. An unconfirmed one was never in use."""
    if instance.confirmed:
        record(Action.TWO_FACTOR_RESET, object_type=get_user_model()._meta.label_lower, object_id=instance.user_id)
