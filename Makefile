# Two commands for a fresh clone: `make site` and `make test`. Each bootstraps .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATE ?=

.PHONY: site test lint chromium clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

site: $(STAMP)
	$(BIN)/pae valider $(if $(DATE),--date $(DATE))
	$(BIN)/pae site $(if $(DATE),--date $(DATE))

# Debian's chromium drives the browser tests; CI runs as root on a fresh machine.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de chromium (paquet Debian)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check tools tests bench
	$(BIN)/ruff format --check tools tests bench
	$(BIN)/mypy

test: $(STAMP) chromium lint
	$(BIN)/pytest

clean:
	rm -rf build public .pytest_cache .mypy_cache .ruff_cache
