"""Django's SQLite backend on SQLCipher: the embedded database is encrypted at rest (docs/encryption.md)."""
