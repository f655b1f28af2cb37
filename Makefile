# Communs: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The scale mode's tests run in a second pass against this PostgreSQL (and the Redis and
# RabbitMQ on loopback); they are skipped, saying so, when it cannot be reached.
SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/communs
# Running the site needs only the runtime packages; `make test` (and `make install`) add the
# development and benchmark tools. Each stamp reinstalls only when the requirements change.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: install install-run run test lint typecheck contracts bench bench-load lock messages clean territories-data browser-deps

# Official French territorial units, 2026 edition (Licence Ouverte 2.0), pinned and checked.
TERRITORIES_VERSION := 6.0.0
TERRITORIES_SHA256 := c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a
TERRITORIES_DIR := var/decoupage-administratif-$(TERRITORIES_VERSION)
TERRITORIES_TGZ := etalab-decoupage-administratif-$(TERRITORIES_VERSION).tgz

# axe-core, the accessibility rules the browser tests run in every page (MPL-2.0), pinned
# and checked like the territories; fetched into var/, never committed.
AXE_VERSION := 4.14.1
AXE_SHA256 := e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
AXE_DIR := var/axe-core-$(AXE_VERSION)
AXE_TGZ := axe-core-$(AXE_VERSION).tgz
CHROMIUM := /usr/bin/chromium

install: $(STAMP)

install-run: $(RUN_STAMP)

$(RUN_STAMP): pyproject.toml requirements.lock
	@echo "[1/4] Installing the packages the site needs into $(VENV)/ (first time: about 30 s)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m communs.console pip-install -c requirements.lock -e .
	@touch $(RUN_STAMP)

$(STAMP): pyproject.toml requirements.lock
	@echo "Installing the packages and the development tools into $(VENV)/ (first time: about 60 s)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m communs.console pip-install -c requirements.lock -e '.[dev,bench]'
	@touch $(STAMP) $(RUN_STAMP)

run: install-run
	@echo "[2/4] Preparing the database and loading the demo…"
	@$(BIN)/communs migrate --no-input --verbosity 0
	@$(BIN)/communs load_demo
	@echo "[3/4] Loading the official territories in the background, the site starting meanwhile (progress in var/territories.log)…"
	@( ( $(MAKE) --no-print-directory territories-data && $(BIN)/communs territories import --if-needed ) > var/territories.log 2>&1 \
		&& echo "[3/4] Territories: $$(tail -n 1 var/territories.log)" \
		|| echo "[3/4] Territories not loaded (fetching them needs npm and its registry; see var/territories.log): the site runs without them." ) &
	@echo "[4/4] Starting the site…"
	$(BIN)/communs run --territories-log var/territories.log 127.0.0.1:$(PORT)

test: install browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(SCALE_DATABASE_URL)', dbname='postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(SCALE_DATABASE_URL) $(BIN)/python -m pytest -q -m scale; \
	else \
		echo "PostgreSQL is not reachable at $(SCALE_DATABASE_URL): scale-mode tests skipped."; \
	fi
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy communs benchmarks
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m benchmarks

# 50 concurrent clients against the main pages of a demo served by `communs run`, on loopback.
bench-load: install
	$(BIN)/python -m benchmarks.load

territories-data: $(TERRITORIES_DIR)/data/communes.json

$(TERRITORIES_DIR)/data/communes.json:
	@echo "Fetching the official territorial data $(TERRITORIES_VERSION) (npm pack, checked against its SHA-256)…"
	@mkdir -p $(TERRITORIES_DIR)
	@cd $(TERRITORIES_DIR) && npm pack --silent @etalab/decoupage-administratif@$(TERRITORIES_VERSION) > /dev/null
	@cd $(TERRITORIES_DIR) && echo "$(TERRITORIES_SHA256)  $(TERRITORIES_TGZ)" | sha256sum --check --quiet -
	@tar -xzf $(TERRITORIES_DIR)/$(TERRITORIES_TGZ) -C $(TERRITORIES_DIR) --strip-components=1 package/data
	@rm $(TERRITORIES_DIR)/$(TERRITORIES_TGZ)

# What the browser tests (communs/e2e/) need: Debian's Chromium, installed only when it is
# absent (as root, with apt-get), and axe-core. When either cannot be had, the browser
# tests skip and say why; everything else still runs.
browser-deps: $(AXE_DIR)/axe.min.js
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get > /dev/null; then \
			echo "Chromium is missing: installing Debian's chromium package for the browser tests (apt-get)."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null) \
				|| echo "Chromium could not be installed: the browser tests will be skipped."; \
		else \
			echo "Chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped."; \
		fi; \
	fi

$(AXE_DIR)/axe.min.js:
	@mkdir -p $(AXE_DIR)
	@echo "Fetching axe-core $(AXE_VERSION) for the browser tests (npm pack, checked against its SHA-256)."
	@if (cd $(AXE_DIR) && npm pack --silent axe-core@$(AXE_VERSION) > /dev/null 2>&1); then \
		cd $(AXE_DIR) && echo "$(AXE_SHA256)  $(AXE_TGZ)" | sha256sum --check --quiet - \
		&& tar -xzf $(AXE_TGZ) --strip-components=1 package/axe.min.js package/LICENSE \
		&& rm $(AXE_TGZ); \
	else \
		echo "axe-core $(AXE_VERSION) could not be fetched (needs npm and its registry): the browser tests will be skipped."; \
	fi

# Regenerates the pinned versions from what pyproject.toml allows today.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev,bench]'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^communs' > requirements.lock
	rm -rf .venv-lock

# Extracts and compiles the site's translations (needs GNU gettext).
messages: install
	$(BIN)/communs methodology_messages
	cd communs && ../$(BIN)/communs makemessages -l fr -l en --no-obsolete --no-location
	cd communs && ../$(BIN)/communs compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
