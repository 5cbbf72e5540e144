# almenhub – the commands a contributor needs. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= almenhub.settings.dev

.PHONY: install install-test run dev prod-demo test test-sqlite test-postgres lint check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml package-lock.json $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	scripts/ensure-chromium.sh
	# Debian's varnish for the proxy test (core/tests/test_varnish.py)
	scripts/ensure-varnish.sh
	# html-validate for the browser tests (package.json pins it)
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The embedded deployment: granian, worker and scheduler (scripts/run.sh).
run: install
	DJANGO_SETTINGS_MODULE=almenhub.settings.embedded HOST=$(HOST) PORT=$(PORT) scripts/run.sh

# For contributors: Django's autoreloading server, DEBUG on, tasks run at once.
dev: install
	$(BIN)/python manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Behind Varnish on PORT (gunicorn on PORT+1), purged on every change.
prod-demo: install
	VARNISH_PORT=$(PORT) PORT=$$(($(PORT) + 1)) scripts/with-postgres.sh scripts/prod-stack.sh

test: install-test
	scripts/test-all.sh

test-sqlite: install-test
	DJANGO_SETTINGS_MODULE=almenhub.settings.test DATABASE_URL= scripts/run-tests.sh

test-postgres: install-test
	DJANGO_SETTINGS_MODULE=almenhub.settings.test scripts/with-postgres.sh scripts/run-tests.sh

lint: install-test
	$(BIN)/ruff format --check src bench
	$(BIN)/ruff check src bench
	$(BIN)/python scripts/check_imports.py
	PYTHONPATH=src $(BIN)/mypy

check: install-test
	DJANGO_SETTINGS_MODULE=almenhub.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=almenhub.settings.test DATABASE_URL=sqlite:///:memory: $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) data
