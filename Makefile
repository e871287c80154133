# Two commands a fresh clone needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKOUT ?= workouts/8x400.toml

.PHONY: run test lint typecheck layers check bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "trackapp needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/trackapp home $(WORKOUT)

lint: $(STAMP)
	$(BIN)/ruff check trackapp tests bench
	$(BIN)/ruff format --check trackapp tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

# The suite in two runs, each listed under its own header; make stops at the first that
# fails (pytest's status, 5 too: a selection that finds no test is an error). The unit and
# Pilot tests run on both cores (pytest-xdist; worksteal: a core that runs out of tests
# takes half of the other's queue, where `load` handed out fixed chunks and one core could
# be left with 15 s of UI tests at the end); the end-to-end ones and those that wait on
# real time (threads, sound timing: marked `realtime`) alone, afterwards.
# PYTHONDONTWRITEBYTECODE is cleared for pytest: it keeps the test modules, their asserts
# rewritten, only as .pyc files (in the __pycache__ folders, ignored by git); without
# them every process, each xdist worker too, rewrites all of them again (1.5 s apiece).
UNIT_TESTS := not e2e and not audio_integration and not realtime
E2E_TESTS := e2e or audio_integration or realtime
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

test: lint typecheck layers
	@echo "== unit and Pilot tests (-m '$(UNIT_TESTS)') =="
	$(PYTEST) -q -n 2 --dist worksteal -m "$(UNIT_TESTS)"
	@echo "== end-to-end and real-time tests: a pty, real processes, kills, sound, threads (-m '$(E2E_TESTS)') =="
	$(PYTEST) -q -m "$(E2E_TESTS)"

check: $(STAMP)
	$(BIN)/trackapp check workouts/*.toml

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
