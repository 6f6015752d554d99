"""The hash chain: appending an entry, and verifying every entry against its seal and its place in the chain.

Each entry's hash is HMAC-SHA256(key, previous entry's hash + canonical JSON of its fields, sequence included).
The key is derived from the project's SECRET_KEY with a fixed context, and never stored in the database: someone
who can edit the database but does not hold the key cannot seal an entry they altered or made up, nor re-chain
the entries after one they removed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from reunite.accounts.roles import role_of
from reunite.audit.models import Entry, Head

# The previous hash of the first entry.
GENESIS = "0" * 64
# Derives the chain's key from SECRET_KEY: the same secret signs sessions, and this keeps the two uses apart.
KEY_CONTEXT = b"reunite audit log chain v1"
# The fields a hash covers. Not `user`: it becomes NULL when an account is deleted; `username` keeps who it was.
SEALED = ("sequence", "at", "username", "role", "action", "object_type", "object_id", "detail")
HEAD = 1
CHUNK = 5000


def chain_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), KEY_CONTEXT, hashlib.sha256).digest()


def _keys() -> list[bytes]:
    """The key entries are sealed with now, first; then those of SECRET_KEY_FALLBACKS, which still verify the
    entries sealed before the secret was rotated."""
    return [chain_key(secret) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def seal(fields: dict[str, Any], previous_hash: str, key: bytes) -> str:
    """The hash of an entry with these `SEALED` fields (`at` as a datetime), following `previous_hash`."""
    stamped = {**fields, "at": fields["at"].astimezone(UTC).isoformat(timespec="microseconds")}
    return hmac.new(key, (previous_hash + canonical(stamped)).encode(), hashlib.sha256).hexdigest()


def append(
    action: str,
    *,
    user: AbstractBaseUser | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> Entry:
    """Append an entry, in the transaction of the change it records when there is one (if the change rolls back,
    so does its entry; if the entry cannot be written, neither is the change)."""
    role = role_of(user) if user is not None else None
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        entry = Entry(
            sequence=head.sequence + 1,
            at=timezone.now(),
            user=user,
            username=user.get_username() if user is not None else "",
            role=role.value if role else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            # As the database will give it back (lists for tuples, text keys), so that it verifies as sealed.
            detail=json.loads(canonical(detail or {})),
            previous_hash=head.hash,
        )
        entry.hash = seal({name: getattr(entry, name) for name in SEALED}, head.hash, _keys()[0])
        entry.save(force_insert=True)
        Head.objects.filter(pk=head.pk).update(sequence=entry.sequence, hash=entry.hash)
    return entry


def _locked_head() -> Head:
    """The head row, locked until the transaction ends (on SQLite every transaction already writes alone). It is
    made on first use; from the last entry, should the row have been lost, so that appending goes on."""
    head = Head.objects.select_for_update().filter(pk=HEAD).first()
    if head is None:
        last = Entry.objects.order_by("-sequence").values("sequence", "hash").first()
        head, _ = Head.objects.select_for_update().get_or_create(
            pk=HEAD, defaults=last or {"sequence": 0, "hash": GENESIS}
        )
    return head


# ------------------------------------------------------------------------------------------------ verify


@dataclass
class Report:
    """What `verify` found, by sequence number."""

    entries: int = 0
    head: tuple[int, str] | None = None
    altered: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    inserted: set[int] = field(default_factory=set)

    @property
    def intact(self) -> bool:
        return not (self.altered or self.removed or self.inserted)


def verify() -> Report:
    """Walk the chain in sequence order. An entry whose hash does not seal its fields was altered; missing sequence
    numbers were removed; an entry repeating a number, or found between an entry and the one it chains to, or past
    the head, was inserted."""
    keys = _keys()
    report = Report()
    previous = (0, GENESIS)  # sequence and hash of the last entry in the chain so far
    previous_sealed = True
    rows = Entry.objects.order_by("sequence", "pk").values_list("hash", "previous_hash", *SEALED)
    for entry_hash, previous_hash, *values in rows.iterator(chunk_size=CHUNK):
        fields = dict(zip(SEALED, values, strict=True))
        sequence = fields["sequence"]
        report.entries += 1
        if sequence <= previous[0]:
            report.inserted.add(sequence)
            continue
        sealed = any(hmac.compare_digest(seal(fields, previous_hash, key), entry_hash) for key in keys)
        if not sealed:
            report.altered.add(sequence)
        if sequence > previous[0] + 1:
            report.removed.update(range(previous[0] + 1, sequence))
        elif previous_hash != previous[1]:
            report.inserted |= _chain_break(sequence, previous_hash, previous[0], previous_sealed)
        previous, previous_sealed = (sequence, entry_hash), sealed
    _check_head(report, previous)
    report.altered -= report.inserted
    return report


def _chain_break(sequence: int, previous_hash: str, before: int, before_sealed: bool) -> set[int]:
    """The entries inserted where entry `sequence` chains to `previous_hash` instead of to entry `before`."""
    if previous_hash == GENESIS:
        chained_to = 0
    else:
        chained_to = Entry.objects.filter(hash=previous_hash).values_list("sequence", flat=True).first()
    if chained_to is not None and chained_to < before:
        return set(range(chained_to + 1, before + 1))
    # It chains to no entry there is: it was made up, unless the entry before it was altered, its hash with it.
    return {sequence} if before_sealed else set()


def _check_head(report: Report, last: tuple[int, str]) -> None:
    """Entries removed from the end, or added after the last entry the application wrote."""
    head = Head.objects.filter(pk=HEAD).values_list("sequence", "hash").first()
    report.head = head
    if head is None or head[1] == last[1]:
        return
    at = Entry.objects.filter(hash=head[1]).values_list("sequence", flat=True).first()
    if at is not None:
        report.inserted.update(Entry.objects.filter(sequence__gt=at).values_list("sequence", flat=True))
    elif last[0] < head[0]:
        report.removed.update(range(last[0] + 1, head[0] + 1))
    else:
        report.altered.add(last[0])


def ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 7 as "1-3, 7"."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in runs)
