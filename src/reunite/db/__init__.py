"""Database backends of reunite's own: `reunite.db.sqlcipher`, the embedded SQLite database encrypted at rest."""
