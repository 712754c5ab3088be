# One entry point for developers and CI. Every target installs what it needs, so
# `make test` works straight after `git clone`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install schema generate check-generated lint typecheck test check demo bench soak clean

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

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: lint typecheck check-generated test

demo: $(STAMP)
	$(BIN)/python examples/demo.py

bench: $(STAMP)
	$(BIN)/python -m bench

soak: $(STAMP)
	$(BIN)/python -m tests.reliability.fleet --operations 2000

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
