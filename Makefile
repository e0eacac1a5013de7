# Every target is one step; `make run` and `make test` are the README's two commands.
# Only Python 3.11 and pip are assumed: uv is bootstrapped with pip, then runs everything.
PYTHON ?= python3
UV := $(PYTHON) -m uv

.PHONY: setup run test lint schema browser clean

setup:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv>=0.5"
	$(UV) sync --locked

run: setup
	$(UV) run warehouse run

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run sqlfluff lint dbt_project/models

schema: setup
	$(UV) run python -m ingest.schema

browser:
	@bash scripts/install-browser.sh

test: setup browser lint
	$(UV) run pytest -n 2 --dist loadgroup

clean:
	rm -rf data/warehouse.duckdb data/.warehouse.duckdb.* data/extracted data/report.html
