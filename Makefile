# The two commands of README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test system-test-packages lint migrations-check messages screenshots benchmark backup restore cluster cluster-check

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(PY)
	$(PIP) install --quiet -r requirements.txt

install-test: $(PY) system-test-packages
	$(PIP) install --quiet -r requirements-dev.txt

system-test-packages:
	@bash scripts/install-system-packages.sh

## Start the portal on the embedded default (SQLite, local files, in-process tasks, console e-mail).
# The demo asks no real company registry unless COMPANY_REGISTRY_URL is given.
run: export COMPANY_REGISTRY_URL ?=
run: install
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

## Install what the tests need and run the whole suite.
test: install-test lint migrations-check
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

## Refresh the screenshots of the main pages in docs/screenshots/ (a browser test takes them).
screenshots: install-test
	SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/browser/test_screenshots.py

## Refresh both translation catalogues after changing user-facing strings.
messages:
	$(PY) manage.py makemessages -l zh_Hant -l en --ignore=.venv --ignore=tests --no-obsolete
	$(PY) scripts/complete_english_catalogue.py
	$(PY) manage.py compilemessages --ignore=.venv

## Back up the database and both stores (FOLDER=..., default backups/<date-time>).
backup: install
	$(PY) manage.py backup $(or $(FOLDER),backups/$(shell date +%Y%m%d-%H%M%S))

## Restore FOLDER into a fresh database and fresh stores (the environment says which).
restore: install
	@test -n "$(FOLDER)" || { echo "Say which backup: make restore FOLDER=backups/<date-time>"; exit 1; }
	$(PY) manage.py restore $(FOLDER)

## The public pages under wrk beside /healthz, at 5,000 and 50,000 products, cold and warm
## (PostgreSQL at 127.0.0.1:5432; installs wrk with apt-get if missing; README, Benchmark).
benchmark: install
	$(PY) scripts/benchmark.py

## The portal scaled out on this machine: nginx, two gunicorn instances, two Celery workers, beat,
## PostgreSQL, Redis with AOF and an S3-compatible store (scripts/cluster.py).
cluster: install-test
	$(PY) scripts/cluster.py

## Drive a journey across the cluster while killing a worker and restarting Redis and one web
## instance; print the counts, fail on any error, lost or duplicated mail.
cluster-check: install-test
	$(PY) scripts/cluster.py --check
