# One task runner for everything: setup, demo, test, serve.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint serve serve-careers validate bench killtest fuzz noninterference clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# JSON Resume's schema from the npm registry (not kept in the repo), for the export tests.
JSONRESUME := $(VENV)/jsonresume/schema.json
$(JSONRESUME): | $(STAMP)
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent @jsonresume/schema@1.3.1 >/dev/null \
	  && tar -xzf jsonresume-schema-1.3.1.tgz --strip-components=1 package/schema.json \
	  && rm jsonresume-schema-1.3.1.tgz

# axe-core from the npm registry, injected into pages by the browser tests' accessibility checks.
AXE := $(VENV)/axe/axe.min.js
$(AXE): | $(STAMP)
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent axe-core@4.14.1 >/dev/null \
	  && tar -xzf axe-core-4.14.1.tgz --strip-components=1 package/axe.min.js \
	  && rm axe-core-4.14.1.tgz

# HTML_CodeSniffer from the npm registry, injected into pages by the browser tests like axe-core (WCAG2AA errors).
HTMLCS := $(VENV)/htmlcs/HTMLCS.js
$(HTMLCS): | $(STAMP)
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent html_codesniffer@2.5.1 >/dev/null \
	  && tar -xzf html_codesniffer-2.5.1.tgz --strip-components=2 package/build/HTMLCS.js \
	  && rm html_codesniffer-2.5.1.tgz

# The Nu HTML checker (vnu.jar, run with Java) from the npm registry, for the tests that validate the built HTML.
VNU := $(VENV)/vnu/vnu.jar
$(VNU): | $(STAMP)
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent vnu-jar@26.9.27 >/dev/null \
	  && tar -xzf vnu-jar-26.9.27.tgz --strip-components=3 package/build/dist/vnu.jar \
	  && rm vnu-jar-26.9.27.tgz

setup: $(STAMP) $(JSONRESUME) $(AXE) $(HTMLCS) $(VNU)  ## create .venv and install growthsite with its test tools

demo: $(STAMP)  ## validate and build the demo trust's intranet into site/ and its careers site into site-public/
	$(BIN)/growthsite build
	$(BIN)/growthsite build --audience public

validate: $(STAMP)  ## check the demo data and report every problem
	$(BIN)/growthsite validate

lint: setup  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint  ## lint, type-check and run the whole test suite
	$(BIN)/pytest

bench: setup  ## growthsite against plain MkDocs for trusts of 500 to 5,000 people; writes BENCHMARKS.md (about 15 min)
	$(BIN)/python bench/run.py --write BENCHMARKS.md

FUZZ_CASES ?= 3000
FUZZ_SEED ?= 1
fuzz: $(STAMP)  ## validate 3,000 mutated copies of the demo's data (FUZZ_CASES, FUZZ_SEED): no crash, every error at its place
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_SEED=$(FUZZ_SEED) FUZZ_SECONDS=0 $(BIN)/pytest -q -s -p no:cacheprovider tests/test_fuzz.py

NONINTERFERENCE_SEEDS ?= 20
noninterference: $(STAMP)  ## the careers site byte for byte the same after every kind of hidden change, 20 seeds (about 10 min)
	NONINTERFERENCE_SEEDS=$(NONINTERFERENCE_SEEDS) $(BIN)/pytest -q -p no:cacheprovider tests/test_non_interference.py

killtest: $(STAMP)  ## kill -9 import and retention --apply 20 times each at random moments: files all old or all new (under a minute)
	$(BIN)/python tests/killtest.py --kills 20

serve: $(STAMP)  ## live preview on http://127.0.0.1:8000
	$(BIN)/growthsite serve

serve-careers: $(STAMP)  ## live preview of the careers site on http://127.0.0.1:8000
	$(BIN)/growthsite serve --audience public

clean:
	rm -rf site site-public bench/out .pytest_cache .mypy_cache .ruff_cache
