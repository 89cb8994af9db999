# govcx: two commands for a fresh machine (see README.md).
#   make run   set up .venv, migrate the embedded SQLite database, load demo data, serve :8000
#   make test  install test tools and run lint, types, migrations check and the suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEV := GOVCX_ENV=development

.PHONY: run test install clean-var

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(DEV) $(BIN)/govcx migrate --noinput
	$(DEV) $(BIN)/govcx demo --if-empty --responses 5000
	bash scripts/run-dev.sh

test: $(VENV)/.installed-test
	bash scripts/test.sh

clean-var:
	rm -rf var
