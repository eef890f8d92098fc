# One entry point per job. Each target installs what it needs on a fresh
# machine: a virtual environment in .venv with the pinned requirements.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Material's end-of-life notice is known (see DEVELOPERS guide: pinned mkdocs<2,
# Material 9.x, plain generated Markdown); keep it out of every build log.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := validate
.PHONY: setup validate test site serve extract readme clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(STAMP)                 ## create .venv with the pinned packages

validate: $(STAMP)              ## check the whole data package; exit 1 on any problem
	$(BIN)/python -m scripts.validate

test: $(STAMP)                  ## every test (the real package, bad input, round trip, README)
	$(BIN)/python -m pytest

site: validate                  ## build the site into site/
	$(BIN)/mkdocs build --strict --site-dir site

serve: validate                 ## serve the site at http://127.0.0.1:8000, rebuilding on change
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --watch data --watch datapackage.json

extract: $(STAMP)               ## rewrite the text-derived data files from the seed
	$(BIN)/python -m scripts.extract

readme: $(STAMP)                ## regenerate the README's data dictionary
	$(BIN)/python -m scripts.readme

clean:                          ## remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache
