# Two commands for a newcomer: `make run` and `make test`. Both bootstrap .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Two locks from pyproject.toml: what production runs (the Dockerfile installs only that), and
# the development environment: the same pins plus the test tools and the training extra.
RUNTIME_LOCK := requirements/runtime.txt
LOCK := requirements/dev.txt
UV ?= uv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast lint format lock worker clean

install: $(STAMP) .env

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# This checkout's development settings (DEBUG=true, a generated SECRET_KEY), so that
# `.venv/bin/python manage.py ...` runs as written. Made once; an existing .env is kept.
.env:
	$(PYTHON) scripts/write_dev_env.py $@

# The embedded default: SQLite under var/, tasks in-process, demo data and demo users.
run: export DEBUG = true
run: export FACTCHECK_DEMO = true
# Where the banner and e-mails send people: the address served, unless SITE_URL is set.
run: export SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)/
run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop: every test but those marked slow (browser, fault, subprocess and retraining
# tests, the longest property runs; see tests/conftest.py), spread over the cores by
# pytest-xdist. Schemathesis builds its tests from the OpenAPI schema while collecting (seconds
# in every worker, deselected or not), so its module is not collected at all, nor its pytest
# plugin loaded (a quarter of a second of imports in each of the three processes).
# Where PYTHONDONTWRITEBYTECODE is set (as in the image and on the shared box), every worker
# would compile the project and pytest would rewrite the asserts of all ~150 test modules
# again on each run (collection 6-9 s a worker instead of 2-3 s); the inner loop writes its
# bytecode (__pycache__, git- and docker-ignored) so that a second run reads it. Likewise the
# migrated SQLite test database: --db-snapshot copies it from .pytest_cache, made by the first
# run after a change to the code or the migrations (tests/db_snapshot.py). Measured figures
# are in the README's test section.
test-fast: export PYTHONDONTWRITEBYTECODE =
test-fast: install
	$(BIN)/python -m pytest -m "not slow" --ignore=tests/claims/api/test_schemathesis.py \
	    -p no:schemathesis --db-snapshot -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate both locks after changing dependencies in pyproject.toml. Each keeps its current
# pins unless a change needs another (`make lock UPGRADE="lxml redis"` moves those to their
# newest allowed release); the development lock is constrained to the runtime lock's pins,
# so tests run on exactly what production installs.
LOCK_FLAGS := --quiet --python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
    $(foreach name,$(UPGRADE),--upgrade-package $(name))
lock:
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -o $(RUNTIME_LOCK)
	$(UV) pip compile pyproject.toml --extra test --extra training \
	    --constraint $(RUNTIME_LOCK) $(LOCK_FLAGS) -o $(LOCK)

worker: install
	$(BIN)/celery -A factcheck worker --beat --loglevel=info

clean:
	rm -rf $(VENV) var .pytest_cache
