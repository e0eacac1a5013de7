"""Loading the marts into Polars: read-only, date ranges, clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from warehouse.analysis.marts import MARTS, MartMissingError, as_date, load_marts


def make_marts(path: Path) -> Path:
    """The marts with only the columns the loader filters on, a row per day."""
    con = duckdb.connect(str(path))
    for mart, column in MARTS.values():
        if column:
            con.execute(
                f"create table {mart} as select d::date as {column}, 'x' as note "
                "from range(date '2025-01-01', date '2025-01-11', interval 1 day) t(d)"
            )
        else:
            con.execute(f"create table {mart} as select 'x' as note")
    con.execute("insert into fct_strikes values (null, 'undated')")
    con.close()
    return path


def test_loads_every_mart_and_keeps_undated_rows_without_a_range(tmp_path: Path):
    marts = load_marts(make_marts(tmp_path / "wh.duckdb"))
    assert marts.strikes.height == 11 and marts.visits.height == 10
    assert marts.targets.height == 1
    assert marts.summary()["mart"].to_list()[0] == "fct_strikes"


def test_date_range_is_inclusive_on_each_dated_mart(tmp_path: Path):
    marts = load_marts(make_marts(tmp_path / "wh.duckdb"), "2025-01-03", dt.date(2025, 1, 5))
    for name in ("strikes", "strike_claims", "interceptions", "interception_claims", "visits"):
        frame = getattr(marts, name)
        assert frame.height == 3, name
    assert marts.strikes["event_date"].min() == dt.date(2025, 1, 3)


def test_the_connection_is_read_only_and_closed(tmp_path: Path):
    db = make_marts(tmp_path / "wh.duckdb")
    load_marts(db)
    # A writer can open the file at once: the loader left no connection behind.
    duckdb.connect(str(db)).close()


def test_errors_say_what_to_do(tmp_path: Path):
    from warehouse.connections import WarehouseMissingError

    with pytest.raises(WarehouseMissingError, match="no warehouse at"):
        load_marts(tmp_path / "absent.duckdb")
    duckdb.connect(str(tmp_path / "raw-only.duckdb")).close()
    with pytest.raises(MartMissingError, match="warehouse build"):
        load_marts(tmp_path / "raw-only.duckdb")
    with pytest.raises(ValueError, match="after"):
        load_marts(make_marts(tmp_path / "wh.duckdb"), "2025-02-01", "2025-01-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        as_date("14/01/2025")


def test_a_notebook_kernel_in_notebooks_finds_the_repository_warehouse(tmp_path, monkeypatch):
    from warehouse import settings
    from warehouse.analysis.marts import warehouse_path

    (tmp_path / "data").mkdir()
    (tmp_path / "notebooks").mkdir()
    in_repo = tmp_path / "data" / "warehouse.duckdb"
    in_repo.touch()
    monkeypatch.setattr(settings, "REPO_ROOT", tmp_path)
    monkeypatch.chdir(tmp_path / "notebooks")  # where JupyterLab starts a notebook's kernel
    monkeypatch.delenv("WAREHOUSE_DB", raising=False)
    assert warehouse_path(None) == in_repo

    monkeypatch.setenv("WAREHOUSE_DB", str(tmp_path / "elsewhere.duckdb"))
    assert warehouse_path(None) == tmp_path / "elsewhere.duckdb"
    assert warehouse_path(tmp_path / "given.duckdb") == tmp_path / "given.duckdb"
