# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= demo-site

.PHONY: demo test test-postgres lint venv clean bench

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

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
