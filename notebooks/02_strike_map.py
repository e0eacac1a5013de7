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
# # A map of what was hit
#
# Strike events by place: one marker per place and target type, its area the number of
# strike events there, its colour the target type. Hover a marker for the facilities,
# the dates and the outlets that reported them.
#
# **Read with care.**
# - The place is where the sources put the strike, at the precision they give
#   (`place_precision`: facility, city, region, country). A marker on a regional capital
#   may stand for a strike reported only as "in the region".
# - Events without coordinates are not drawn; the subtitle counts them.
# - Claims are claims: a strike reported by the attacker's side alone may not have hit.
# - The base map is shipped with the project (Natural Earth 1:50m); nothing is fetched
#   from the network. Crimea is drawn as part of Ukraine (its internationally recognised
#   boundary); no front line is drawn.

# %% tags=["parameters"]
db_path = None  # None: $WAREHOUSE_DB, else data/warehouse.duckdb
date_from = None  # e.g. "2025-01-01"; None = from the first event
date_to = None  # e.g. "2025-12-31"; None = to the last event

# %%
import polars as pl

from warehouse.analysis import basemap, figures
from warehouse.analysis.marts import load_marts

marts = load_marts(db_path, date_from, date_to)
marts.summary()

# %% [markdown]
# ## Strike events by place

# %%
fig = figures.strike_map(marts.strikes)
# The config points plotly.js at the base map shipped with the project (not its CDN),
# so the map draws offline; pass it to `fig.write_html` too.
fig.show(config=basemap.plotly_config())

# %% [markdown]
# ## The places hit most often
#
# The same grouping as the map, as a table.

# %%
(
    figures.strikes_by_place(marts.strikes)
    .select(
        "place_name",
        "admin1",
        "country",
        "target_type",
        "strikes",
        pl.col("facilities").list.join(", "),
        "first_date",
        "last_date",
        "sources",
    )
    .head(20)
)

# %% [markdown]
# ## How precisely the strikes are placed
#
# Strike events by place precision: the share that can be put on a facility, as opposed
# to a city or a whole region.

# %%
(
    marts.strikes.group_by("place_precision")
    .agg(strike_events=pl.len())
    .with_columns(share=(pl.col("strike_events") / pl.col("strike_events").sum()).round(3))
    .sort("strike_events", descending=True)
)
