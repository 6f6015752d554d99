"""Encryption of backups in the age format (pyrage), streamed: memory does not grow with the backup's size.

To recipients (age public keys `age1…`, or SSH public keys), a backup is one standard age file:
`age -d -i KEY FILE | gunzip` reads it without reunite. pyrage encrypts to recipients as a stream
(`encrypt_io`, `decrypt_io`), but with a passphrase only whole bytes (`passphrase.encrypt`). So with a passphrase a
backup is: the line `PASSPHRASE_MAGIC`, the length of what follows it (4 bytes, big-endian), a small age file
encrypted with the passphrase that holds a new age identity made for this backup alone, then the standard age
stream encrypted to that identity. The passphrase's key derivation (scrypt) runs once.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyrage
from pyrage import passphrase, ssh, x25519

AGE_MAGIC = b"age-encryption.org/v1\n"
PASSPHRASE_MAGIC = b"reunite-backup passphrase-wrapped age v1\n"
_LENGTH = struct.Struct(">I")
_WRAPPED_MAX = 64 * 1024  # the wrapped identity is a few hundred bytes


class BackupKeyError(Exception):
    """A recipient, identity or passphrase that cannot be used, or that does not open this backup."""


class Damaged(Exception):
    """The backup's encryption does not verify: damaged, cut short or altered."""


def recipient(text: str) -> pyrage.x25519.Recipient | pyrage.ssh.Recipient:
    text = text.strip()
    try:
        return ssh.Recipient.from_str(text) if text.startswith("ssh-") else x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        raise BackupKeyError(f"not an age recipient (age1…) or an SSH public key: {text[:12]}…") from None


def recipients_file(path: Path) -> list[str]:
    """The recipients of a file in age's format: one a line; blank lines and lines starting with # ignored."""
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def identities(path: Path) -> list[pyrage.x25519.Identity | pyrage.ssh.Identity]:
    """The identities of an age identity file (`age-keygen`'s AGE-SECRET-KEY-1… lines), or an unencrypted OpenSSH
    private key."""
    text = path.read_text()
    try:
        if "-----BEGIN OPENSSH PRIVATE KEY-----" in text:
            return [ssh.Identity.from_buffer(text.encode())]
        found = [x25519.Identity.from_str(line.strip()) for line in text.splitlines() if line.startswith("AGE-")]
    except pyrage.IdentityError:
        raise BackupKeyError(f"{path} holds a key that is not an age identity") from None
    if not found:
        raise BackupKeyError(f"{path} holds no age identity (AGE-SECRET-KEY-1…)")
    return found


def encrypt(chunks: Iterator[bytes], output: BinaryIO, to: Sequence[str] = (), secret: str = "") -> None:  # nosec B107 # no passphrase
    """Encrypt the stream `chunks` into `output`: to the recipients `to`, else with the passphrase `secret`."""
    if to:
        keys = [recipient(text) for text in to]
    else:
        one_off = x25519.Identity.generate()
        wrapped = passphrase.encrypt(str(one_off).encode(), secret)
        output.write(PASSPHRASE_MAGIC + _LENGTH.pack(len(wrapped)) + wrapped)
        keys = [one_off.to_public()]
    reader = _ChunkReader(chunks)
    try:
        pyrage.encrypt_io(reader, output, keys)
    except pyrage.EncryptError:
        if reader.error is not None:
            raise reader.error from None  # what went wrong making the content, not its encryption
        raise


@dataclass
class Unlocked:
    """What opens one backup: its identities, and where its age stream starts."""

    keys: list
    start: int


def unlock(path: Path, identity_file: Path | None, secret: str) -> Unlocked:
    """The identities that open the backup at `path` (a passphrase's key derivation runs here, once)."""
    with open(path, "rb") as source:
        start = source.read(len(PASSPHRASE_MAGIC))
        if start.startswith(AGE_MAGIC):
            if identity_file is None:
                raise BackupKeyError("this backup was encrypted to age recipients: give --identity FILE")
            return Unlocked(identities(identity_file), 0)
        if start != PASSPHRASE_MAGIC:
            raise BackupKeyError("not a reunite backup (neither an age file nor a passphrase-encrypted backup)")
        if not secret:
            raise BackupKeyError("this backup was encrypted with a passphrase: set REUNITE_BACKUP_PASSPHRASE")
        (length,) = _LENGTH.unpack(source.read(_LENGTH.size).rjust(_LENGTH.size, b"\0"))
        wrapped = source.read(min(length, _WRAPPED_MAX))
        try:
            one_off = x25519.Identity.from_str(passphrase.decrypt(wrapped, secret).decode())
        except pyrage.DecryptError:
            raise BackupKeyError(
                "the passphrase (REUNITE_BACKUP_PASSPHRASE) does not open this backup, or its start is damaged"
            ) from None
        return Unlocked([one_off], source.tell())


def decrypt(path: Path, unlocked: Unlocked, write: Callable[[bytes], None]) -> None:
    """Decrypt the backup at `path` into `write`, which sees the plaintext as it is verified, 64 KiB at a time: a
    backup cut short or altered raises `Damaged` after the part before it was written, so `write` must not act on
    it for good before this returns."""
    with open(path, "rb") as source:
        source.seek(unlocked.start)
        try:
            pyrage.decrypt_io(source, _Sink(write), unlocked.keys)
        except pyrage.DecryptError as error:
            if "No matching keys" in str(error):
                raise BackupKeyError("the identity given does not open this backup") from None
            raise Damaged(str(error)) from None
        except OSError as error:  # age's stream: a chunk that does not verify, or the end missing
            raise Damaged(str(error)) from None


class _ChunkReader(io.RawIOBase):
    """An iterator of bytes, read as a file (what `encrypt_io` reads from). Keeps the error the iterator raised,
    which pyrage would reduce to a message."""

    def __init__(self, chunks: Iterator[bytes]):
        self.chunks, self.chunk, self.at, self.error = chunks, b"", 0, None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.at == len(self.chunk):
            try:
                chunk = next(self.chunks, None)
            except Exception as error:
                self.error = error
                raise
            if chunk is None:
                return 0
            self.chunk, self.at = chunk, 0
        n = min(len(buffer), len(self.chunk) - self.at)
        buffer[:n] = self.chunk[self.at : self.at + n]
        self.at += n
        return n


class _Sink(io.RawIOBase):
    """A function taking bytes, written to as a file (what `decrypt_io` writes into)."""

    def __init__(self, write: Callable[[bytes], None]):
        self._write = write

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._write(bytes(data))
        return len(data)
