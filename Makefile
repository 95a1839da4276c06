# Recommendation Tracker: `make run` serves the service, `make test` runs every test.
# Both set everything up first (virtual environment, packages, stylesheet, database).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# A newcomer's laptop and the test suite run with DEBUG on; production never does.
run test migrate demo worker bench code lint: export DEBUG ?= 1

.PHONY: run test setup migrate demo worker bench bench-scale code lint lock clean

setup: $(VENV)/.installed static/build/.built

# Development and tests: the whole locked tree, hashes checked. Production installs requirements/prod.txt.
$(VENV)/.installed: requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed $(wildcard assets/scss/*.scss)
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/build/
	touch $@

migrate: setup
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_forces

demo: migrate
	$(MANAGE) load_demo_data

# The task worker (bulk letter jobs, sending email) runs beside the web server and stops with it.
run: demo
	@echo "Serving Recommendation Tracker at http://$(HOST):$(PORT)/ with its task worker (Ctrl-C stops both)"
	SITE_URL=http://$(HOST):$(PORT) $(MANAGE) run_worker --interval 1 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	SITE_URL=http://$(HOST):$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

# The current two-factor code of a demo account (development only): make code ACCOUNT=signatory
ACCOUNT ?= inspector
code: setup
	@$(MANAGE) demo_code $(ACCOUNT)

worker: migrate
	$(MANAGE) run_worker

# Prints one letter's render time and memory, and the time to draft and issue a review's 43 letters.
# Then the public register page time beside the public letters list, at 300 recommendations x 43 forces.
bench: migrate
	$(MANAGE) bench_letters
	$(MANAGE) bench_register

# Ten years of generated history (50,000 published letters, 5,000 recommendations at 43 forces) on a
# PostgreSQL database of its own, dropped afterwards: one `scale:` line per public page, and `ratio:` lines.
bench-scale: setup
	scripts/bench-scale

test: setup
	$(BIN)/pytest

# Lint, formatting, types (mypy with django-stubs) and the import layers (import-linter).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Re-pin the Python tree, with hashes, after changing pyproject.toml's dependencies: production
# (requirements/prod.txt, no test tools) and development (requirements/dev.txt, everything).
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe
lock: setup
	$(PIP_COMPILE) --output-file requirements/prod.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file requirements/dev.txt pyproject.toml
	rm -rf *.egg-info

clean:
	rm -rf $(VENV) node_modules static/build var
