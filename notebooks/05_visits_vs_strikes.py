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
# # Visits against the strike timeline
#
# Who visited where, drawn on the same time axis as the strike events per day and the
# nightly attack size, so a visit can be read against the attacks around it (dashed
# lines carry each visit's date up through the other panels).
#
# **Read with care.**
# - Visits are those the corpus reports; unannounced visits are often reported only
#   after the fact, and dated to the day they were made public.
# - The nightly attack size is each defender's own claim: launched at Ukraine per the
#   Ukrainian Air Force, and drones claimed downed over Russia per its ministry.
# - A visit on the same day as a large attack is a coincidence in time, not evidence of
#   a link.

# %% tags=["parameters"]
db_path = None  # None: $WAREHOUSE_DB, else data/warehouse.duckdb
date_from = None  # e.g. "2025-01-01"; None = from the first event
date_to = None  # e.g. "2025-12-31"; None = to the last event
window_days = 3  # how many days either side of a visit count as "around" it

# %%
import datetime as dt

import polars as pl

from warehouse.analysis import figures
from warehouse.analysis.marts import load_marts

marts = load_marts(db_path, date_from, date_to)
marts.summary()

# %% [markdown]
# ## Visits, strikes and nightly attacks on one axis

# %%
fig = figures.visits_vs_strikes(marts.visits, marts.strikes, marts.interceptions)
fig.show()

# %% [markdown]
# ## The visits

# %%
marts.visits.select(
    "visit_date",
    "visitor_name",
    "visitor_role",
    "visitor_country",
    "destination_name",
    "admin1",
    "country",
    "kind",
    "announced",
    "topics",
    "source_count",
).sort("visit_date")

# %% [markdown]
# ## Attacks around each visit
#
# Strike events and the Ukrainian Air Force's launched count within `window_days` of
# each visit.

# %%
window = dt.timedelta(days=window_days)
strike_days = figures.dated_strikes(marts.strikes, max_precision_code=1).select("event_date")
launched = (
    figures.nightly_interceptions(marts.interceptions)
    .filter(pl.col("defender") == "UA")
    .select("attack_night", "launched")
)
rows = []
for visit in marts.visits.filter(pl.col("visit_date").is_not_null()).iter_rows(named=True):
    start, end = visit["visit_date"] - window, visit["visit_date"] + window
    nearby_nights = launched.filter(pl.col("attack_night").is_between(start, end))
    rows.append(
        {
            "visit_date": visit["visit_date"],
            "visitor": visit["visitor_name"],
            "destination": visit["destination_name"],
            "strike_events_nearby": strike_days.filter(
                pl.col("event_date").is_between(start, end)
            ).height,
            "launched_at_UA_nearby (UA claim)": nearby_nights["launched"].sum(),
        }
    )
pl.DataFrame(rows)
