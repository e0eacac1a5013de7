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
# # Interceptions, night by night, as each side claims them
#
# The Ukrainian Air Force reports each night what Russia launched, what it shot down and
# what was "lost" (jammed, did not reach a target). Russia's Ministry of Defence reports
# how many Ukrainian drones it says it destroyed, rarely how many were launched. This
# notebook puts the two series on one time axis and computes the defender's claimed
# interception rate by weapon kind.
#
# **Read with care.**
# - Every figure is the defending side's own claim (`headline_claimant`), not a count
#   anyone verified. The two sides describe *different* attacks: Russian drones and
#   missiles over Ukraine, Ukrainian drones over Russia.
# - An attack night D runs from 18:00 on D-1 to 18:00 on D, Kyiv time; a report's
#   window is mapped to the night holding its midpoint.
# - The rate is intercepted ÷ launched over the nights that give both numbers; nights
#   without a launched figure are left out of it.
# - Regional air commands may repeat part of the national figures; the mart keeps the
#   national headline (`is_headline` in `fct_interception_claims`).

# %% tags=["parameters"]
db_path = None  # None: $WAREHOUSE_DB, else data/warehouse.duckdb
date_from = None  # e.g. "2025-01-01"; None = from the first night
date_to = None  # e.g. "2025-12-31"; None = to the last night

# %%
import polars as pl

from warehouse.analysis import figures
from warehouse.analysis.marts import load_marts

marts = load_marts(db_path, date_from, date_to)
marts.summary()

# %% [markdown]
# ## Launched, intercepted and lost per night, against Russia's claims
#
# Top: the Ukrainian Air Force's nightly figures; the whole stack is what it says was
# launched. Bottom: the Russian Ministry of Defence's nightly claims of drones destroyed.

# %%
fig = figures.air_defence_nights(marts.interceptions)
fig.show()

# %% [markdown]
# ## Interception rate by weapon kind
#
# Weekly intercepted ÷ launched, by weapon kind and by the side whose claim it is.

# %%
fig = figures.interception_rates(marts.interceptions)
fig.show()

# %% [markdown]
# ## The two sides' nights side by side
#
# One row per attack night: what Ukraine's Air Force says Russia launched and it
# intercepted, and what Russia's ministry says it shot down the same night.

# %%
nightly = figures.nightly_interceptions(marts.interceptions)
side_by_side = (
    nightly.filter(pl.col("defender") == "UA")
    .select(
        "attack_night",
        pl.col("launched").alias("launched_at_UA (UA claim)"),
        pl.col("intercepted").alias("intercepted_by_UA (UA claim)"),
        pl.col("lost").alias("lost_over_UA (UA claim)"),
    )
    .join(
        nightly.filter(pl.col("defender") == "RU").select(
            "attack_night", pl.col("intercepted").alias("downed_over_RU (RU claim)")
        ),
        on="attack_night",
        how="full",
        coalesce=True,
    )
    .sort("attack_night")
)
side_by_side

# %% [markdown]
# ## Rate by weapon kind over the whole range
#
# Nights that give both numbers, dated to the night (weekly totals left out).

# %%
(
    marts.interceptions.filter(
        pl.col("launched").is_not_null()
        & (pl.col("launched") > 0)
        & pl.col("intercepted").is_not_null()
        & (pl.col("date_precision_code").fill_null(1) <= 1)
    )
    .group_by("defender", "weapon")
    .agg(
        nights=pl.col("attack_night").n_unique(),
        launched=pl.col("launched").sum(),
        intercepted=pl.col("intercepted").sum(),
        lost=pl.col("lost").sum(),
    )
    .with_columns(rate=(pl.col("intercepted") / pl.col("launched")).round(3))
    .sort("defender", "weapon")
)
