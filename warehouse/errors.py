"""Turn the errors a user can act on into one clear line and a non-zero exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb
import typer

from warehouse.console import fail
from warehouse.runlog import log_step

# Exit codes a scheduler can tell apart: 75 is sysexits' EX_TEMPFAIL ("try later").
EXIT_FAILED = 1
EXIT_BUSY = 75


@contextlib.contextmanager
def exit_on_known_errors(step: str) -> Iterator[None]:
    from warehouse.connections import WarehouseMissingError
    from warehouse.publish import WarehouseBusyError, WarehouseWriteError

    try:
        yield
    except WarehouseBusyError as error:
        log_step(step, "busy", reason=str(error))
        fail(str(error))
        raise typer.Exit(EXIT_BUSY) from error
    except (WarehouseWriteError, WarehouseMissingError, FileNotFoundError) as error:
        log_step(step, "failed", reason=str(error))
        fail(str(error))
        raise typer.Exit(EXIT_FAILED) from error
    except duckdb.Error as error:
        log_step(step, "failed", reason=str(error).splitlines()[0])
        fail(f"DuckDB: {error}")
        raise typer.Exit(EXIT_FAILED) from error
