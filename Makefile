# zhifa — two commands: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The suite runs on both cores (pytest-xdist; each worker builds its own test database and demo
# city); the browser journeys run after it in one process (one Chromium, one live server).
WORKERS ?= 2

.PHONY: install lock demo test test-fast test-year-end lint format browser-deps clean

# requirements.lock pins every dependency (and theirs), so a new release cannot break a fresh
# clone; `make lock` regenerates it from pyproject.toml's ranges.
$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "zhifa needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	.venv-lock/bin/python -m pip freeze --exclude-editable > requirements.lock
	rm -rf .venv-lock

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "示范市已就绪：http://$(HOST):$(PORT)/  （Ctrl+C 停止）"
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

browser-deps:
	@sh scripts/ensure-chromium

test: install browser-deps
	$(PY) -m pytest -n $(WORKERS) -m "not browser"
	$(PY) -m pytest -p no:xdist -m browser

test-fast: install
	$(PY) -m pytest -n $(WORKERS) -m "not browser"

# The suite as it runs in the last minute of the year (ZHIFA_TEST_NOW moves the clock for the
# whole session, and every test starts at that moment): CI runs it after the two full runs.
YEAR_END ?= $(shell date +%Y)-12-31T23:59:00+08:00
test-year-end: install
	ZHIFA_TEST_NOW=$(YEAR_END) $(PY) -m pytest -n $(WORKERS) -m "not browser"

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING
	$(VENV)/bin/lint-imports  # import contracts: [tool.importlinter] in pyproject.toml

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) var/test_* .pytest_cache
