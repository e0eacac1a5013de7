# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Facilities struck more than once
#
# Refineries, depots and power stations are hit again after repairs. This notebook
# lists every facility with two or more strike events in the range and draws their
# timelines: one dot per strike event, a line from the first to the last.
#
# **Read with care.**
# - A facility is a row of `dim_targets`, matched from the names the sources use; a
#   strike the sources place only in a city is not counted against a facility there.
# - Two claims about the same night are merged into one event; two events a day apart
#   are two strikes, unless the merge rules joined them (see `match_reason`).
# - Outcomes are claims; `has_outcome_conflict` marks events whose sources disagree.

# %% tags=["parameters"]
db_path = None  # None: $WAREHOUSE_DB, else data/warehouse.duckdb
date_from = None  # e.g. "2025-01-01"; None = from the first event
date_to = None  # e.g. "2025-12-31"; None = to the last event
min_strikes = 2  # a facility must have at least this many strike events

# %%
import polars as pl

from warehouse.analysis import figures
from warehouse.analysis.marts import load_marts

marts = load_marts(db_path, date_from, date_to)
marts.summary()

# %% [markdown]
# ## Timelines of repeat strikes

# %%
fig = figures.repeat_strikes(marts.strikes, min_strikes=min_strikes)
fig.show()

# %% [markdown]
# ## The facilities, with the gap between strikes

# %%
repeated = figures.repeat_targets(marts.strikes, min_strikes=min_strikes)
gaps = (
    marts.strikes.filter(pl.col("target_id").is_in(repeated["target_id"].to_list()))
    .sort("event_date")
    .group_by("target_id")
    .agg(
        median_days_between=pl.col("event_date").diff().dt.total_days().median(),
        outcomes=pl.col("outcome").drop_nulls().unique().sort().str.join(", "),
    )
)
repeated.join(gaps, on="target_id", how="left").sort("strike_events", descending=True)

# %% [markdown]
# ## Evidence for the facility hit most often
#
# Every claim behind the strikes on it: who said so, in which outlet, and the sentence.

# %%
most_hit = repeated.sort("strike_events", descending=True).head(1)["target_id"].to_list()
(
    marts.strike_claims.filter(pl.col("target_id").is_in(most_hit))
    .select(
        "event_date",
        "outlet",
        "claimant_name",
        "claimant_side",
        "outcome",
        "evidence_text",
    )
    .sort("event_date")
)
