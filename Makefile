# Two commands on a fresh machine: `make demo` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
UV := python3 -m uv
RUN := $(UV) run --frozen
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_URL ?= postgres://postgres@$(PG_HOST):$(PG_PORT)/reunite
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk fonts-dejavu-core

.PHONY: install demo serve test lint test-sqlite test-postgres bench-pages bench-names bench-places bench-febrl4 bench-linkage bench-engines bench-import bench-report

install:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check uv
	@# the Spark linkage engine (the `spark` extra) runs in a JVM: Java 17 or later
	@command -v java >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends default-jre-headless; }
	@# reports and dossiers as PDF (WeasyPrint on Pango), in fonts for Latin, Uyghur Arabic script and Chinese
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(PDF_PACKAGES); }
	$(UV) sync --frozen --group dev --extra spark

demo: install
	$(RUN) reunite migrate --noinput
	$(RUN) reunite demo
	REUNITE_DEMO=1 $(RUN) reunite serve

serve: install
	$(RUN) reunite serve

test: install lint test-sqlite test-postgres

lint:
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench
	$(RUN) reunite makemigrations --check --dry-run
	@# bandit (settings in pyproject.toml); it warns "nosec encountered" for each further piece of an f-string a
	@# `# nosec B608` covers (its own quirk: it tests the first piece only), so those lines alone are dropped
	$(RUN) bandit -q -r src -c pyproject.toml 2> >(grep -v "nosec encountered" >&2)

test-sqlite:
	$(RUN) pytest

# Mandatory when CI=true; elsewhere skipped, with a visible note, when no server answers.
test-postgres:
	@if $(RUN) python -c "import psycopg; psycopg.connect(host='$(PG_HOST)', port=$(PG_PORT), user='postgres', dbname='postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== PostgreSQL run ($(PG_HOST):$(PG_PORT)) =="; \
		DATABASE_URL=$(PG_URL) $(RUN) pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_HOST):$(PG_PORT) did not answer: it is required when CI=true." >&2; exit 1; \
	else \
		echo "NOTE: PostgreSQL at $(PG_HOST):$(PG_PORT) did not answer: the PostgreSQL test run was SKIPPED."; \
	fi

bench-pages: install
	$(RUN) python bench/pages.py

bench-names: install
	$(RUN) python bench/names.py

bench-places: install
	$(RUN) python bench/places.py

bench-febrl4: install
	$(RUN) python bench/febrl4.py

bench-linkage: install
	$(RUN) python bench/linkage.py

bench-engines: install
	$(RUN) python bench/engines.py

bench-import: install
	$(RUN) python bench/import.py

bench-report: install
	$(RUN) python bench/report.py
