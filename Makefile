# Two commands do everything (see README):
#   make book   build the HTML book into _build/html (open _build/html/index.html)
#   make test   run every test: lint, unit tests, notebooks, browser tests
#   make unit   the fast part alone: lint and the unit tests of nnlib and nnbook
# Both install what they need first: a virtual environment in .venv with the
# pinned Python packages, the pinned npm assets, and Debian's chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

.PHONY: setup book book-current assets chromium unit test bench audit lab clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# --- The book (H5) -------------------------------------------------------------------
# npm packages pinned by package-lock.json: the widget manager for the site, KaTeX for
# its math (run at build time), axe-core for its accessibility test. Only copies go into the site
# (book/_vendor, git-ignored); book/build.py does a clean, strict, timed build.
NPM ?= npm
CHROMIUM ?= /usr/lib/chromium/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --ignore-scripts

book/_vendor/.stamp: node_modules/.package-lock.json book/vendor_assets.py _config.yml $(VENV)/.installed
	$(PY) book/vendor_assets.py
	touch $@

assets: book/_vendor/.stamp

book: setup assets
	$(PY) book/build.py

# The same book, built only if its sources changed since the last successful build
# (book/build.py compares a hash of them with the stamp it left in _build/html).
book-current: setup assets
	$(PY) book/build.py --if-changed

# Debian's chromium for the browser tests (never `playwright install`).
chromium:
	@if [ -x $(CHROMIUM) ]; then echo "chromium: $(CHROMIUM)"; \
	else $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; fi
# --------------------------------------------------------------------------------------

# Lint and the unit tests of both packages: no book build, no browser, no JupyterLab.
unit: setup
	$(BIN)/ruff check .
	$(PY) -m pytest tests -m "not browser and not lab"

# Lint and unit tests, every notebook under nbval, then the built book in Chromium
# and a student's session in JupyterLab.
test: book-current chromium
	$(PY) -m pytest tests chapters --nbval-lax --nbval-current-env --durations=25

bench: setup
	$(PY) benchmarks/run_all.py

# Page weight and Lighthouse scores of every chapter page of the built book (it builds
# nothing: `make book` first). Lighthouse is slow: `make audit PAGES=07_playground`.
audit: setup node_modules/.package-lock.json chromium
	$(PY) benchmarks/audit.py $(if $(PAGES),--pages $(PAGES))

# JupyterLab refuses to start as root unless told; CI and these machines run as root.
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: setup
	$(BIN)/jupyter lab $(ALLOW_ROOT) chapters/

clean:
	rm -rf _build book/_vendor
