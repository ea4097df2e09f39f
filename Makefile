# Two commands for a fresh clone: `make site` builds the website from seeds/, `make test` runs
# every test. Both create .venv on first use.
PYTHON ?= python3
# Material prints a banner about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site content serve test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core for the browser tests' accessibility checks, when npm is there (see README).
node_modules/axe-core/axe.min.js: package.json
	-command -v npm >/dev/null && npm install --no-audit --no-fund --loglevel=error

## content: generate content/ from seeds/
content: $(STAMP)
	$(BIN)/summit generate --seeds seeds --content content

## site: generate content/ and render site/ with `mkdocs build --strict`
site: $(STAMP)
	$(BIN)/summit build --seeds seeds --content content --site site

## serve: preview the site with live reload on http://127.0.0.1:8000
serve: content
	$(BIN)/mkdocs serve --livereload

## test: install the test dependencies and run the whole suite (the browser tests need Chromium
## and axe-core; without them the run ends by saying they did not run, and how to enable them)
test: $(TEST_STAMP) node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest

## bench: time generate/build on synthetic archives of 1,000 and 10,000 readouts (minutes)
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_N)

clean:
	rm -rf site .pytest_cache .hypothesis
