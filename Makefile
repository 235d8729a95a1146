# One task runner for everything: setup, demo, test, serve.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint serve serve-careers validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install growthsite with its test tools

demo: setup  ## validate and build the demo trust's intranet into site/ and its careers site into site-public/
	$(BIN)/growthsite build
	$(BIN)/growthsite build --audience public

validate: setup  ## check the demo data and report every problem
	$(BIN)/growthsite validate

lint: setup  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint  ## lint, type-check and run the whole test suite
	$(BIN)/pytest

serve: setup  ## live preview on http://127.0.0.1:8000
	$(BIN)/growthsite serve

serve-careers: setup  ## live preview of the careers site on http://127.0.0.1:8000
	$(BIN)/growthsite serve --audience public

clean:
	rm -rf site site-public .pytest_cache .mypy_cache .ruff_cache
