"""The map notebook, saved with its outputs and opened in JupyterLab, draws its map
offline: the figure carries the shipped base map in its config, so neither a CDN nor
the order in which JupyterLab renders outputs matters.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from warehouse.analysis.screenshot import check_map, find_chromium, read_png, screenshot
from warehouse.settings import REPO_ROOT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.xdist_group("built_warehouse"),
]
TOKEN = "airwar-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def executed_map_notebook(warehouse_db: Path, directory: Path) -> Path:
    """Run notebooks/02_strike_map.py as an analyst would (default renderer), save it."""
    notebook = jupytext.read(REPO_ROOT / "notebooks" / "02_strike_map.py")
    notebook.cells.insert(2, nbformat.v4.new_code_cell(f"db_path = {str(warehouse_db)!r}"))
    env_renderer = os.environ.pop("PLOTLY_RENDERER", None)
    try:
        NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": str(REPO_ROOT / "notebooks")}},
        ).execute()
    finally:
        if env_renderer is not None:
            os.environ["PLOTLY_RENDERER"] = env_renderer
    path = directory / "02_strike_map.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def jupyterlab(tmp_path: Path):
    """A JupyterLab server on a free loopback port, serving tmp_path; stopped after."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            f"--port={port}", "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}",
            f"--ServerApp.root_dir={tmp_path}", "--LabApp.news_url=",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start within 120 s")
                time.sleep(1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def test_saved_map_notebook_draws_its_map_offline_in_jupyterlab(
    warehouse_db: Path, tmp_path: Path, jupyterlab: str
):
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is missing: `make browser` installs it")
        pytest.skip("chromium is not installed (`make browser` or `apt-get install chromium`)")
    notebook = executed_map_notebook(warehouse_db, tmp_path)
    png = screenshot(
        f"{jupyterlab}/lab/tree/{notebook.name}?token={TOKEN}",
        tmp_path / "jupyterlab.png",
        width=1400,
        height=2200,
        allow_loopback=True,
        budget_ms=30_000,
    )
    result = check_map(read_png(png))
    assert result.drew, f"the map did not draw offline in JupyterLab: {result} (see {png})"
