# One entry point for developers and CI. Every target installs what it needs, so
# `make test` works straight after `git clone`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install schema generate check-generated lint typecheck verifytypes test test-cli-auto test-python test-pythons check demo bench soak clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,compat]'
	@touch $(STAMP)

install: $(STAMP)

## Refresh both sources, report what changed, then regenerate. GraphQL: introspect
## RUNPOD_GRAPHQL_URL (key from RUNPOD_API_KEY) or GRAPHQL_FROM=<SDL or introspection file/URL>
## (production refuses introspection); REST: https://api.runpod.io/v2/openapi.json or REST_FROM=<file/URL>.
## A refused source leaves its file alone; the other one is still refreshed.
schema: $(STAMP)
	@status=0; \
	$(BIN)/python scripts/schema_tool.py refresh $(if $(GRAPHQL_FROM),--from '$(GRAPHQL_FROM)') || status=$$?; \
	$(BIN)/python scripts/schema_tool.py refresh-rest $(if $(REST_FROM),--from '$(REST_FROM)') || status=$$?; \
	$(BIN)/python scripts/generate.py || status=$$?; \
	exit $$status

## Regenerate generated/runpod_gql_generated and generated/runpod_gql_rest from scratch (deterministic).
generate: $(STAMP)
	$(BIN)/python scripts/generate.py

check-generated: generate
	@git diff --exit-code --stat -- generated/ || { echo "generated/ is stale: run 'make generate' and commit"; exit 1; }
	@untracked=$$(git status --porcelain --untracked-files=all -- generated/); \
	  if [ -n "$$untracked" ]; then echo "$$untracked"; echo "generated/ has untracked or changed files: run 'make generate' and commit"; exit 1; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts examples
	$(BIN)/ruff format --check src tests bench scripts examples

typecheck: $(STAMP)
	$(BIN)/mypy

## pyright --verifytypes on a built wheel: fails below 100% of runpod_gql's exported symbols typed.
verifytypes: $(STAMP)
	$(BIN)/python scripts/verify_types.py

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The library's tests on another supported Python, in a venv of its own (.venv-3.10, ...):
## `make test-python PY=3.10`. The CLI, SSH and benchmark suites run on the main Python only.
## The interpreter: pyenv's newest PY.x, else pythonPY on PATH.
PYTHONS ?= 3.10 3.13
LIBRARY_TESTS := -m 'not ssh' --ignore=tests/cli --ignore=tests/bench
PY_BIN = $(or $(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/$(PY).*/bin/python))),$(shell command -v python$(PY)))

test-python:
	@test -n "$(PY)" || { echo "usage: make test-python PY=3.10"; exit 2; }
	@test -x "$(PY_BIN)" || { echo "no Python $(PY) found (pyenv install $(PY), or python$(PY) on PATH)"; exit 2; }
	$(MAKE) --no-print-directory test VENV=.venv-$(PY) PYTHON=$(PY_BIN) PYTEST_ARGS="$(LIBRARY_TESTS) $(PYTEST_ARGS)"

## The CLI suite with the client on api=auto (REST v2 wherever it can); `make test` runs it on GraphQL.
test-cli-auto: $(STAMP)
	RUNPOD_GQL_TEST_API=auto $(BIN)/python -m pytest tests/cli $(PYTEST_ARGS)

## The oldest and the newest supported Python (the main one, 3.11, runs `make test`).
test-pythons:
	@for py in $(PYTHONS); do $(MAKE) --no-print-directory test-python PY=$$py || exit 1; done

check: lint typecheck check-generated test

demo: $(STAMP)
	$(BIN)/python examples/demo.py

bench: $(STAMP)
	$(BIN)/python -m bench

soak: $(STAMP)
	$(BIN)/python -m tests.reliability.fleet --operations 2000 --api graphql
	$(BIN)/python -m tests.reliability.fleet --operations 2000 --api rest

clean:
	rm -rf $(VENV) .venv-*/ .mypy_cache .ruff_cache .pytest_cache
