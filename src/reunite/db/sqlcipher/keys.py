"""The database's key: where it comes from, what a good one looks like, and the checks made before the file is
opened, so that a missing or wrong key, or a database that is not encrypted, is said plainly and never written to.

The key is 256 random bits written as 64 hexadecimal characters. SQLCipher takes it raw (`x'…'`), so opening a
connection costs no key derivation (PBKDF2 would take a quarter of a second on each).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# Read when a connection opens (never kept in the settings, which `reunite diffsettings` prints).
KEY_ENV = "REUNITE_DB_KEY"
KEY_FILE_ENV = "REUNITE_DB_KEY_FILE"
KEY_BYTES = 32
_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")
# The first bytes of every SQLite database that is not encrypted (SQLCipher's start with a random salt).
PLAIN_HEADER = b"SQLite format 3\x00"


class KeyProblem(ImproperlyConfigured):
    """The database cannot be opened with the key given: what is wrong and what to do. Never the key itself."""


def is_new(database: Path) -> bool:
    """No database yet: no file, or an empty one (nothing written to it)."""
    return not database.exists() or database.stat().st_size == 0


def is_plain(database: Path) -> bool:
    with open(database, "rb") as f:
        return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER


def database_key(database: Path, key_file: Path, make_key_file: bool) -> str:
    """The key of `database`, as 64 hexadecimal characters: REUNITE_DB_KEY, else the key file; a key file is made
    only for a new database, and only when it is REUNITE_HOME's own (`make_key_file`)."""
    if not is_new(database) and is_plain(database):
        raise KeyProblem(
            f"the database {database} is not encrypted (made by an older reunite): encrypt it with "
            f"`reunite encrypt-db` (docs/encryption.md), or move it away to start a new one"
        )
    if text := os.environ.get(KEY_ENV, ""):
        return checked(text, KEY_ENV)
    if key_file.exists():
        return checked(key_file.read_text(), f"the key file {key_file}")
    if not is_new(database):
        raise KeyProblem(
            f"the database {database} is encrypted and its key is missing: set {KEY_ENV}, or {KEY_FILE_ENV} to the "
            f"file that holds it, or put the key file back at {key_file}"
        )
    if not make_key_file:
        raise KeyProblem(f"the key file {key_file} ({KEY_FILE_ENV}) does not exist")
    return make_key(key_file)


def checked(text: str, where: str) -> str:
    key = text.strip()
    if not _HEX_KEY.fullmatch(key):
        raise KeyProblem(f"{where} does not hold a database key: 64 hexadecimal characters (256 bits) expected")
    return key.lower()


def make_key(key_file: Path) -> str:
    """A new random key, written to `key_file`, readable by its owner only. Never over an existing file."""
    key = secrets.token_hex(KEY_BYTES)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as f:
        f.write(key + "\n")
    return key


def key_pragma(key: str) -> str:
    """The statement that gives SQLCipher a raw key (checked hexadecimal, so safe to write into SQL)."""
    return f"PRAGMA key = \"x'{key}'\""


def key_for_encrypting(key_file: Path, make_key_file: bool) -> str:
    """The key to encrypt a plain database with (`reunite encrypt-db`): as for a new database."""
    if text := os.environ.get(KEY_ENV, ""):
        return checked(text, KEY_ENV)
    if key_file.exists():
        return checked(key_file.read_text(), f"the key file {key_file}")
    if not make_key_file:
        raise KeyProblem(f"the key file {key_file} ({KEY_FILE_ENV}) does not exist")
    return make_key(key_file)
