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
# # Strikes over time, by target type
#
# How many strike events the warehouse holds per week, split by what was hit, with one
# panel per attacking side. Oil refineries are drawn in red at the bottom of each stack,
# so Ukraine's campaign against Russian refining shows as a red band.
#
# **Read with care.**
# - A *strike event* is dbt's merge of the claims of several articles about one strike
#   (`fct_strikes`); `claim_count` says how many claims went into it. Merging is
#   explainable (`fct_strike_claims.match_reason`) but can be wrong.
# - These are reported strikes: a week with few bars may be a week with few articles in
#   the corpus, not a quiet week. Claims are claims, from either side or from outlets.
# - Events dated only to a month or a year are left out of the weekly chart (and counted
#   in its subtitle).

# %% tags=["parameters"]
db_path = None  # None: $WAREHOUSE_DB, else data/warehouse.duckdb
date_from = None  # e.g. "2025-01-01"; None = from the first event
date_to = None  # e.g. "2025-12-31"; None = to the last event

# %%
import polars as pl

from warehouse.analysis import figures
from warehouse.analysis.marts import load_marts

marts = load_marts(db_path, date_from, date_to)
marts.summary()

# %% [markdown]
# ## Strike events per week

# %%
fig = figures.strikes_over_time(marts.strikes)
fig.show()

# %% [markdown]
# ## The refinery campaign, week by week
#
# Strike events on oil refineries per week and attacking side, with the number of claims
# behind them and the refineries named.

# %%
refinery_weeks = (
    figures.dated_strikes(marts.strikes)
    .filter(pl.col("target_type") == figures.REFINERY)
    .with_columns(week=pl.col("event_date").dt.truncate("1w"))
    .group_by("attacker", "week")
    .agg(
        strike_events=pl.len(),
        claims=pl.col("claim_count").sum(),
        refineries=pl.col("target_name").drop_nulls().unique().sort().str.join(", "),
    )
    .sort("week")
)
refinery_weeks

# %% [markdown]
# ## Share of each target type
#
# All strike events in the range, by attacking side and target type.

# %%
(
    marts.strikes.group_by("attacker", "target_type")
    .agg(strike_events=pl.len(), claims=pl.col("claim_count").sum())
    .with_columns(
        share=(pl.col("strike_events") / pl.col("strike_events").sum().over("attacker")).round(3)
    )
    .sort(["attacker", "strike_events"], descending=[False, True])
)
