"""Backups of the whole database, encrypted (`reunite backup`, `reunite restore`), and `reunite encrypt-db` for an
embedded database made before encryption at rest. docs/backup.md, docs/encryption.md."""
