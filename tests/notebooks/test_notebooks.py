"""Every notebook runs headless on a real Jupyter kernel against a dbt-built warehouse.

A notebook fails the suite when a cell raises, or when a chart it shows has nothing to
draw. Parameters are injected after the `parameters` cell, as papermill does.
"""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from warehouse.analysis.figures import figure_has_data
from warehouse.settings import REPO_ROOT

NOTEBOOK_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.py"))
PLOTLY_MIMETYPES = ("application/vnd.plotly.v1+json", "application/json")

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("built_warehouse")]


def inject_parameters(notebook: nbformat.NotebookNode, values: dict[str, object]) -> None:
    """Add a cell that overrides the parameters, right after the `parameters` cell."""
    tagged = [i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "a notebook needs exactly one cell tagged 'parameters'"
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(tagged[0] + 1, cell)


def execute(path: Path, parameters: dict[str, object]) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    inject_parameters(notebook, parameters)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    return notebook


def plotly_figures(notebook: nbformat.NotebookNode) -> list[dict]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mimetype in PLOTLY_MIMETYPES:
                if mimetype in data:
                    figure = data[mimetype]
                    figure = json.loads(figure) if isinstance(figure, str) else figure
                    if isinstance(figure, dict) and "data" in figure and "layout" in figure:
                        found.append(figure)
    return found


def test_there_are_five_notebooks_with_parameters():
    assert [p.name for p in NOTEBOOKS] == [
        "01_strikes_over_time.py",
        "02_strike_map.py",
        "03_interception_rates.py",
        "04_repeat_strikes.py",
        "05_visits_vs_strikes.py",
    ]
    for path in NOTEBOOKS:
        notebook = jupytext.read(path)
        (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        for name in ("db_path", "date_from", "date_to"):
            assert f"{name} = " in parameters.source, f"{path.name}: no {name} parameter"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_every_chart_has_data(path: Path, warehouse_db: Path, monkeypatch):
    monkeypatch.setenv("PLOTLY_RENDERER", "json")
    monkeypatch.delenv("WAREHOUSE_DB", raising=False)
    notebook = execute(path, {"db_path": str(warehouse_db), "date_from": None, "date_to": None})

    figures = plotly_figures(notebook)
    assert figures, f"{path.name} showed no chart"
    empty = [
        f["layout"].get("title", {}).get("text", "?") for f in figures if not figure_has_data(f)
    ]
    assert not empty, f"{path.name}: charts with nothing drawn: {empty}"


def test_a_notebook_fails_on_a_missing_warehouse(tmp_path: Path, monkeypatch):
    """The check above can fail: a broken notebook run raises instead of passing quietly."""
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("PLOTLY_RENDERER", "json")
    with pytest.raises(CellExecutionError, match="no warehouse at"):
        execute(NOTEBOOKS[0], {"db_path": str(tmp_path / "absent.duckdb")})
