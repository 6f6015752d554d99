"""Bulk import of lists (CSV, TSV, XLSX, JSON, JSON Lines) through TOML mappings: `reunite import`, `import_file`."""
