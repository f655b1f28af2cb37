# Communs: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The scale mode's tests run in a second pass against this PostgreSQL (and the Redis and
# RabbitMQ on loopback); they are skipped, saying so, when it cannot be reached.
SCALE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/communs
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck contracts bench lock messages clean

install: $(STAMP)

# Reinstalls only when the project's requirements change, so it is cheap to repeat.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	@touch $(STAMP)

run: install
	$(BIN)/communs migrate --no-input
	$(BIN)/communs load_demo
	$(BIN)/communs run 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest -n 2 -q
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
	cd communs && ../$(BIN)/communs makemessages -l fr -l en --no-obsolete
	cd communs && ../$(BIN)/communs compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
