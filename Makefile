# The local stack: the same services as docker/, run directly (no Docker engine here).
# make run   install what is missing, start everything, load demo content
# make test  same set-up (test database and Solr core), then lint and the whole test suite
# make stop  stop what make run / make test started
SHELL := /bin/bash
PY := .venv/bin/python
PYTEST_ARGS ?=

.PHONY: run test stop status install lint test-fast

install:
	@bash devstack/install.sh

run: install
	@$(PY) -m devstack run

test: install lint
	@$(PY) -m devstack test-setup
	@$(PY) -m pytest --ckan-ini=var/test.ini $(PYTEST_ARGS)

# Tests that need no services (pure harvesters/ and ocr_pipeline/ code).
test-fast: install
	@$(PY) -m pytest -p no:ckan -p no:ckan_fixtures tests/harvesters tests/ocr_pipeline tests/docker tests/catalogue $(PYTEST_ARGS)

lint: install
	@.venv/bin/ruff check .
	@.venv/bin/mypy

stop:
	@if [ -x $(PY) ]; then $(PY) -m devstack stop; else python3 -m devstack stop; fi

status:
	@$(PY) -m devstack status
