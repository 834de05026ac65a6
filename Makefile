# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := matcher/translations/es/LC_MESSAGES/messages.po
MO := matcher/translations/es/LC_MESSAGES/messages.mo
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install translations screenshots run test browser test-sqlite test-postgres test-scale lint gazetteer facilities landmarks airports campuses bench-geocoding bench-matching bench-load bench-paths clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## install: the virtual environment with the app and everything the tests need
install: $(STAMP) $(MO)

# Spanish catalog, compiled at install (the .po is the source, the .mo is built).
$(MO): $(PO) $(STAMP)
	$(BIN)/pybabel compile -d matcher/translations -l es

## translations: extract the marked strings and merge them into the Spanish catalog
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  -o matcher/translations/messages.pot .
	$(BIN)/pybabel update -i matcher/translations/messages.pot -d matcher/translations -l es -w 100

## run: migrate the SQLite database, load the demo data when empty, serve on http://127.0.0.1:5000
run: install
	$(BIN)/matcher db upgrade
	$(BIN)/matcher demo --if-empty
	$(BIN)/matcher run --host $(HOST) --port $(PORT)

## test: lint, the whole suite on SQLite (browser tests included), then the app tests on PostgreSQL
test: install browser lint test-sqlite test-postgres

# Debian's Chromium for the Playwright tests (never a downloaded browser), axe-core from npm,
# Debian's nginx and Postfix (unconfigured, not started) for the README's proxy and MTA examples
# (tests/servers/test_nginx.py, test_postfix.py).
browser: node_modules/axe-core/axe.min.js
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -x /usr/sbin/nginx || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
	@test -x /usr/sbin/postfix || { apt-get update -qq && echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null; }

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: install
	$(BIN)/ruff check .

test-sqlite: install
	$(BIN)/pytest

# Runs when PostgreSQL answers; with REQUIRE_POSTGRES=1 (CI) its absence is a failure.
test-postgres: install
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.replace('+psycopg', ''), connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== the app tests again, on PostgreSQL =="; \
	  TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -m app; \
	elif [ "$(REQUIRE_POSTGRES)" = 1 ]; then \
	  echo "PostgreSQL is required (REQUIRE_POSTGRES=1) but $(PG_TEST_URL) does not answer"; exit 1; \
	else echo "PostgreSQL does not answer at $(PG_TEST_URL): skipped the PostgreSQL run"; fi

## test-scale: 100,000 actions imported and matched on PostgreSQL through the CLI (opt-in, minutes)
test-scale: install
	MATCHER_SCALE=1 TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q tests/scale

## screenshots: the README's screenshots, made by the browser tests
screenshots: install browser
	MATCHER_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/browser

## gazetteer: regenerate the embedded geocoding data from GeoNames packages (checked in)
gazetteer: install
	$(BIN)/python -m matcher.geocoding.build

## facilities: regenerate data/facilities.csv and operators.csv from the raw sources (RAW=dir)
facilities: install
	$(BIN)/python -m pip install --quiet -e '.[facilities]'
	$(BIN)/python -m matcher.geocoding.build_facilities $(if $(RAW),--raw $(RAW))

## landmarks: regenerate data/federal_buildings.csv from GSA's building inventory (RAW=dir)
landmarks: install
	$(BIN)/python -m pip install --quiet -e '.[facilities]'
	$(BIN)/python -m matcher.geocoding.build_landmarks --raw $(RAW)

## airports: regenerate data/airports.csv from airportsdata's airports.csv (RAW=file)
airports: install
	$(BIN)/python -m matcher.geocoding.build_airports --raw $(RAW)

## campuses: regenerate data/campuses.csv from NCES IPEDS's directory file hd2022.csv (RAW=dir)
campuses: install
	$(BIN)/python -m matcher.geocoding.build_campuses --raw $(RAW)

bench-geocoding: install
	$(BIN)/python bench/geocoding/run.py

bench-matching: install
	PYTHONPATH=. $(BIN)/python -m bench.matching.run

# The product's paths (suggest, import + match on SQLite and PostgreSQL, publish latency) beside
# the engine, at 10k and 100k; 1M: see bench/paths/RESULTS.md. Not part of make test.
bench-paths: install
	PYTHONPATH=. $(BIN)/python -m bench.paths.run --sizes 10000,100000
	PYTHONPATH=. $(BIN)/python -m bench.paths.geocode

# Load test (gunicorn on PostgreSQL under wrk, loopback only, bounded): not part of make test.
bench-load: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	PYTHONPATH=. $(BIN)/python -m bench.load.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
