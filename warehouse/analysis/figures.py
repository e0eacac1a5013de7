"""The charts of the air war, built once: Polars frames of the marts in, Plotly figures out.

The notebooks and the HTML report call these functions, so a chart looks the same in
both. Each function takes the mart frames it needs (see MARTS.md for the columns) and
returns a `plotly.graph_objects.Figure`. A chart with nothing to draw still returns a
figure, with no traces and a note saying why, so `figure_has_data` can tell.

Every number drawn is a claim: a side's own account of an attack, or what outlets
reported. Titles and hover texts say whose claim a number is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from warehouse.analysis import basemap

# ------------------------------------------------------------------------- styling

TEMPLATE = "plotly_white"
FONT = {"family": "Inter, 'Segoe UI', Helvetica, Arial, sans-serif", "size": 13}
REFINERY = "oil_refinery"

# Oil refineries carry the strongest colour so that the refinery campaign stands out;
# other energy targets are warm, military ones green, civilian ones grey/violet.
TARGET_TYPE_COLORS: dict[str, str] = {
    "oil_refinery": "#c62828",
    "fuel_depot": "#ef8a17",
    "oil_terminal": "#f4b942",
    "gas_facility": "#b5651d",
    "power_plant": "#1f5fa8",
    "energy_grid": "#5fa8d3",
    "chemical_plant": "#8e6c8a",
    "weapons_plant": "#2e7d32",
    "industrial": "#7c9a5b",
    "warehouse": "#a1887f",
    "ammunition_depot": "#558b2f",
    "airfield": "#00897b",
    "air_defense": "#26a69a",
    "military_base": "#4caf50",
    "port": "#3949ab",
    "rail": "#5c6bc0",
    "residential": "#9e9e9e",
    "civilian": "#bdbdbd",
    "government": "#7e57c2",
    "other": "#cfcfcf",
    "unknown": "#e0e0e0",
}
SIDE_COLORS = {"UA": "#1f5fa8", "RU": "#b3261e"}
SIDE_NAMES = {"UA": "Ukraine", "RU": "Russia"}
WEAPON_COLORS = {
    "drone": "#ef8a17",
    "recon_drone": "#f4b942",
    "missile": "#6a1b9a",
    "ballistic_missile": "#b3261e",
    "cruise_missile": "#1f5fa8",
    "guided_rocket": "#00897b",
    "glide_bomb": "#5d4037",
    "artillery": "#757575",
    "unknown": "#9e9e9e",
}
# The nightly figures of the defender (stacked bars add up to "launched").
INTERCEPTED_COLOR = "#1f5fa8"
LOST_COLOR = "#f4b942"
REMAINDER_COLOR = "#b3261e"
RU_CLAIM_COLOR = "#6d4c41"
# The base map; the report's screenshot test looks for these colours.
LAND_COLOR = "#ece6da"
OCEAN_COLOR = "#d6e6f2"
LAKE_COLOR = "#d6e6f2"
COUNTRY_LINE_COLOR = "#8a8a8a"

# Drawn small on every map for orientation; the base map has no place names.
REFERENCE_CITIES = (("Kyiv", 50.45, 30.52), ("Moscow", 55.76, 37.62))
# The smallest window a map shows: Ukraine and the Russian regions most often struck.
MAP_MIN_LON = (22.0, 50.0)
MAP_MIN_LAT = (44.0, 57.0)
MAP_ASPECT = 2.0  # width / height of the map's plot area in the report


def label(value: str | None) -> str:
    """'oil_refinery' -> 'oil refinery'; None -> 'unknown'."""
    return "unknown" if value is None else str(value).replace("_", " ")


def side_name(code: str | None) -> str:
    if code is None:
        return "unknown side"
    return SIDE_NAMES.get(code, code)


def _color(mapping: Mapping[str, str], key: str | None) -> str:
    return mapping.get(key or "unknown", "#9e9e9e")


def _base_layout(
    fig: go.Figure, title: str, subtitle: str | None = None, panels: bool = False, **layout
) -> go.Figure:
    """Title (top-anchored, with a grey subtitle), fonts, margins. `panels`: the figure
    has subplot titles, which need room under the subtitle."""
    text = f"<b>{title}</b>"
    if subtitle:
        text += f"<br><span style='font-size:12px;color:#555'>{subtitle}</span>"
    settings: dict[str, Any] = {
        "template": TEMPLATE,
        "font": FONT,
        # Anchored to the top, so that a longer subtitle grows down into a larger margin
        # instead of onto the panel titles.
        "title": {
            "text": text,
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
        },
        "margin": {"l": 60, "r": 30, "t": _top_margin(subtitle, panels), "b": 50},
        "hoverlabel": {"align": "left"},
    }
    settings.update(layout)
    fig.update_layout(**settings)
    return fig


def _dedupe_legend(fig: go.Figure) -> go.Figure:
    """One legend entry per name, however many panels draw it."""
    seen: set[str] = set()
    for trace in fig.data:
        if trace.showlegend is False or not trace.name:
            continue
        trace.showlegend = trace.name not in seen
        seen.add(trace.name)
    return fig


def _top_margin(subtitle: str | None, panels: bool = False) -> int:
    extra_lines = subtitle.count("<br>") if subtitle else 0
    return 74 + 18 * extra_lines + (26 if panels else 0)


def _no_data(fig: go.Figure, why: str) -> go.Figure:
    fig.add_annotation(
        text=why,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": "#777"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _fmt_date(value: dt.date | None) -> str:
    return value.isoformat() if value else "?"


def _fmt_int(value: float | int | None) -> str:
    return "n/a" if value is None else f"{int(value):,}"


def _short_list(values: Iterable[Any], limit: int = 6) -> str:
    items = [str(v) for v in values if v is not None and str(v) != ""]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" … (+{len(items) - limit})"
    return ", ".join(items)


def _ensure(frame: pl.DataFrame, columns: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """Add missing optional columns as nulls, so older marts still draw."""
    missing = [pl.lit(None, dtype=dtype).alias(name) for name, dtype in columns.items()]
    missing = [expr for expr, name in zip(missing, columns, strict=True) if name not in frame]
    return frame.with_columns(missing) if missing else frame


def _with_gaps(
    dates: list[dt.date], step: dt.timedelta, *columns: list[Any]
) -> tuple[list[dt.date | None], ...]:
    """Break a line where consecutive points are more than `step` apart, so a line never
    suggests data for nights (or weeks) that no source reported. Returns the dates and
    each column with a None inserted at every break."""
    out: list[list[Any]] = [[] for _ in range(len(columns) + 1)]
    for i, date in enumerate(dates):
        if i and date - dates[i - 1] > step:
            for series in out:
                series.append(None)
        out[0].append(date)
        for series, column in zip(out[1:], columns, strict=True):
            series.append(column[i])
    return tuple(out)


def _target_type_order(types: Iterable[str | None]) -> list[str]:
    """Refineries first (bottom of a stack, top of a legend), then the contract's order."""
    present = {t or "unknown" for t in types}
    return [t for t in TARGET_TYPE_COLORS if t in present] + sorted(
        present - set(TARGET_TYPE_COLORS)
    )


def _side_order(sides: Iterable[str | None]) -> list[str | None]:
    present = set(sides)
    ordered: list[str | None] = [s for s in ("UA", "RU") if s in present]
    ordered += sorted(s for s in present if s not in ("UA", "RU") and s is not None)
    if None in present:
        ordered.append(None)
    return ordered


def figure_has_data(figure: go.Figure | Mapping[str, Any]) -> bool:
    """True when at least one trace has at least one point to draw.

    Accepts a Figure or its JSON dict (as a notebook output holds it), so tests can
    check executed notebooks with the same rule as the report.
    """
    as_dict = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    for trace in as_dict.get("data", []):
        for key in ("x", "y", "lat", "lon", "values", "z"):
            values = trace.get(key)
            if values is None:
                continue
            if isinstance(values, Mapping):  # plotly.py 6 may encode arrays as {"bdata": ...}
                if values.get("bdata") or values.get("shape"):
                    return True
                continue
            if any(v is not None for v in list(values)):
                return True
    return False


# ------------------------------------------------------- 1. strikes over time


def dated_strikes(strikes: pl.DataFrame, max_precision_code: int = 2) -> pl.DataFrame:
    """Strike events whose date is known to the week or better (precision code 1 or 2)."""
    strikes = _ensure(strikes, {"date_precision_code": pl.Int32})
    return strikes.filter(
        pl.col("event_date").is_not_null()
        & (pl.col("date_precision_code").fill_null(1) <= max_precision_code)
    )


def weekly_strikes(strikes: pl.DataFrame) -> pl.DataFrame:
    """Strike events per ISO week (Monday), attacker and target type."""
    return (
        dated_strikes(strikes)
        .with_columns(
            week=pl.col("event_date").dt.truncate("1w"),
            target_type=pl.col("target_type").fill_null("unknown"),
        )
        .group_by("attacker", "week", "target_type")
        .agg(strikes=pl.len(), claims=pl.col("claim_count").sum())
        .sort("week", "attacker", "target_type")
    )


def strikes_over_time(strikes: pl.DataFrame) -> go.Figure:
    """Weekly strike events by target type, one panel per attacking side.

    Refineries are the bottom of each stack and the only red bars, so the Ukrainian
    campaign against Russian oil refining shows as a red band.
    """
    weekly = weekly_strikes(strikes)
    undated = strikes.height - dated_strikes(strikes).height
    subtitle = "Strike events (claims merged across outlets) per week, by target type."
    if undated:
        subtitle += f" {undated} events dated only to the month or year are left out."
    if weekly.is_empty():
        return _no_data(
            _base_layout(go.Figure(), "Strikes per week by target type", subtitle),
            "No dated strike events in this range",
        )
    sides = _side_order(weekly["attacker"].to_list())
    fig = make_subplots(
        rows=len(sides),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12 if len(sides) > 1 else 0.05,
        subplot_titles=[f"Strikes by {side_name(s)} (attacker {s or '?'})" for s in sides],
    )
    types = _target_type_order(weekly["target_type"].to_list())
    week_ms = 7 * 24 * 3600 * 1000
    for row, side in enumerate(sides, start=1):
        side_rows = weekly.filter(
            pl.col("attacker").is_null() if side is None else pl.col("attacker") == side
        )
        for target_type in types:
            part = side_rows.filter(pl.col("target_type") == target_type)
            if part.is_empty():
                continue
            fig.add_bar(
                x=part["week"].to_list(),
                y=part["strikes"].to_list(),
                customdata=part["claims"].to_list(),
                name=label(target_type),
                legendgroup=target_type,
                legendrank=types.index(target_type),
                showlegend=not any(t.legendgroup == target_type for t in fig.data),
                marker={"color": _color(TARGET_TYPE_COLORS, target_type), "line": {"width": 0}},
                width=week_ms * 0.85,
                offset=0,
                hovertemplate=(
                    f"<b>{label(target_type)}</b><br>week of %{{x|%d %b %Y}}<br>"
                    "%{y} strike events (%{customdata} claims)<extra></extra>"
                ),
                row=row,
                col=1,
            )
        fig.update_yaxes(title_text="strike events", row=row, col=1)
    _annotate_refinery_peak(fig, weekly, sides)
    _base_layout(
        fig,
        "Strikes per week by target type",
        subtitle,
        panels=True,
        barmode="stack",
        height=260 + 260 * len(sides),
        legend={"traceorder": "normal", "title": {"text": "target type"}},
    )
    return fig


def _annotate_refinery_peak(fig: go.Figure, weekly: pl.DataFrame, sides: list) -> None:
    refineries = weekly.filter(pl.col("target_type") == REFINERY)
    if refineries.is_empty():
        return
    totals = refineries.group_by("attacker", "week").agg(pl.col("strikes").sum())
    peak = totals.sort(["strikes", "week"], descending=[True, False]).row(0, named=True)
    row = sides.index(peak["attacker"]) + 1
    panel = weekly.filter(pl.col("attacker").eq_missing(pl.lit(peak["attacker"])))
    stacks = panel.group_by("week").agg(pl.col("strikes").sum())
    week_total = stacks.filter(pl.col("week") == peak["week"])["strikes"].sum()
    # The label sits above the tallest stack of the panel, its arrow down to the peak week,
    # so it never covers a neighbouring bar.
    label_y = stacks["strikes"].max() * 1.22
    axis = "" if row == 1 else str(row)
    fig.add_annotation(
        x=peak["week"] + dt.timedelta(days=3),
        y=week_total,
        xref=f"x{axis}",
        yref=f"y{axis}",
        ax=peak["week"] + dt.timedelta(days=3),
        ay=label_y,
        axref=f"x{axis}",
        ayref=f"y{axis}",
        text=f"{peak['strikes']} refinery strikes, week of {peak['week']:%d %b %Y}",
        showarrow=True,
        arrowhead=2,
        arrowcolor=TARGET_TYPE_COLORS[REFINERY],
        bgcolor="rgba(255,255,255,0.85)",
        font={"color": TARGET_TYPE_COLORS[REFINERY], "size": 12},
    )
    fig.update_yaxes(range=[0, label_y * 1.1], row=row, col=1)


# -------------------------------------------------------------- 2. strike map


def strikes_by_place(strikes: pl.DataFrame) -> pl.DataFrame:
    """One row per place and target type: how often, which facilities, when, who reported."""
    strikes = _ensure(strikes, {"outlets": pl.String, "source_count": pl.Int32})
    located = strikes.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())
    if located.is_empty():
        return pl.DataFrame()
    return (
        located.with_columns(
            target_type=pl.col("target_type").fill_null("unknown"),
            outlet_list=pl.col("outlets").fill_null("").str.split(","),
        )
        .group_by("lat", "lon", "target_type")
        .agg(
            strikes=pl.len(),
            place_name=pl.col("place_name").drop_nulls().first(),
            admin1=pl.col("admin1").drop_nulls().first(),
            country=pl.col("country").drop_nulls().first(),
            facilities=pl.col("target_name").drop_nulls().unique().sort(),
            dates=pl.col("event_date").drop_nulls().unique().sort(),
            first_date=pl.col("event_date").min(),
            last_date=pl.col("event_date").max(),
            sources=pl.col("source_count").sum(),
            outlets=pl.col("outlet_list").explode().str.strip_chars().unique().sort(),
            attackers=pl.col("attacker").drop_nulls().unique().sort(),
        )
        .sort("strikes", descending=True)
    )


def _map_window(
    lats: list[float], lons: list[float], aspect: float = MAP_ASPECT
) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges holding every point and Ukraine, shaped to fill a
    plot `aspect` times as wide as high (a degree of longitude is cos(lat) as long)."""
    lon_lo = min([*lons, MAP_MIN_LON[0]]) - 1.5
    lon_hi = max([*lons, MAP_MIN_LON[1]]) + 1.5
    lat_lo = min([*lats, MAP_MIN_LAT[0]]) - 1.0
    lat_hi = max([*lats, MAP_MIN_LAT[1]]) + 2.0
    lon_span = (lat_hi - lat_lo) * aspect / math.cos(math.radians((lat_lo + lat_hi) / 2))
    if lon_hi - lon_lo < lon_span:
        middle = (lon_lo + lon_hi) / 2
        lon_lo, lon_hi = middle - lon_span / 2, middle + lon_span / 2
    return [lon_lo, lon_hi], [lat_lo, lat_hi]


def geo_layout(lats: list[float], lons: list[float]) -> dict[str, Any]:
    """A geo subplot drawn from the shipped base map (scope world, 1:50m)."""
    lon_range, lat_range = _map_window(lats, lons)
    return {
        "scope": basemap.SCOPE,
        "resolution": basemap.RESOLUTION,
        "projection": {
            "type": "conic conformal",
            "parallels": [lat_range[0] + 3, lat_range[1] - 3],
            "rotation": {"lon": sum(lon_range) / 2},
        },
        "lonaxis": {"range": lon_range},
        "lataxis": {"range": lat_range},
        "showland": True,
        "landcolor": LAND_COLOR,
        "showocean": True,
        "oceancolor": OCEAN_COLOR,
        "showlakes": True,
        "lakecolor": LAKE_COLOR,
        "showcountries": True,
        "countrycolor": COUNTRY_LINE_COLOR,
        "countrywidth": 0.8,
        "showcoastlines": True,
        "coastlinecolor": "#9aa7b0",
        "coastlinewidth": 0.6,
        "showframe": False,
        "bgcolor": "rgba(0,0,0,0)",
    }


def strike_map(strikes: pl.DataFrame) -> go.Figure:
    """Where strikes landed: one marker per place and target type, area = strike events."""
    places = strikes_by_place(strikes)
    unlocated = strikes.filter(pl.col("lat").is_null() | pl.col("lon").is_null()).height
    subtitle = "Marker area = strike events at the place; colour = target type."
    if unlocated:
        subtitle += f" {unlocated} events without coordinates are not drawn."
    title = "What was hit, and where"
    if places.is_empty():
        fig = go.Figure(go.Scattergeo())
        fig.update_geos(**geo_layout([], []))
        return _no_data(_base_layout(fig, title, subtitle), "No located strike events")
    largest = max(places["strikes"].to_list())
    fig = go.Figure()
    for target_type in _target_type_order(places["target_type"].to_list()):
        part = places.filter(pl.col("target_type") == target_type)
        hover = [_place_hover(row) for row in part.iter_rows(named=True)]
        fig.add_scattergeo(
            lat=part["lat"].to_list(),
            lon=part["lon"].to_list(),
            name=label(target_type),
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={
                "size": part["strikes"].to_list(),
                "sizemode": "area",
                "sizeref": 2.0 * largest / (42.0**2),
                "sizemin": 6,
                "color": _color(TARGET_TYPE_COLORS, target_type),
                "opacity": 0.85,
                "line": {"color": "white", "width": 0.8},
            },
        )
    # Drawn last, so the city names stay readable over the markers.
    fig.add_scattergeo(
        lat=[lat for _, lat, _ in REFERENCE_CITIES],
        lon=[lon for _, _, lon in REFERENCE_CITIES],
        text=[name for name, _, _ in REFERENCE_CITIES],
        mode="markers+text",
        textposition="top right",
        textfont={"size": 11, "color": "#111"},
        marker={"size": 5, "color": "#333", "symbol": "square"},
        hoverinfo="skip",
        showlegend=False,
        name="reference cities",
    )
    fig.update_geos(**geo_layout(places["lat"].to_list(), places["lon"].to_list()))
    return _base_layout(
        fig,
        title,
        subtitle,
        height=600,
        margin={"l": 10, "r": 10, "t": _top_margin(subtitle), "b": 10},
        legend={"title": {"text": "target type"}, "itemsizing": "constant"},
    )


def _place_hover(row: Mapping[str, Any]) -> str:
    where = ", ".join(str(v) for v in (row["place_name"], row["admin1"], row["country"]) if v)
    facilities = _short_list(row["facilities"], 4) or "facility not named"
    dates = _short_list((d.isoformat() for d in row["dates"]), 8)
    span = f"{_fmt_date(row['first_date'])} – {_fmt_date(row['last_date'])}"
    return (
        f"<b>{facilities}</b><br>{where}<br>{label(row['target_type'])}"
        f"<br>{row['strikes']} strike event(s), {span}"
        f"<br>dates: {dates or 'unknown'}"
        f"<br>sources: {row['sources']} article(s): {_short_list(row['outlets'], 5)}"
    )


# ------------------------------------------------------- 3. interceptions


def _headline_claimant(interceptions: pl.DataFrame, defender: str) -> str:
    names = (
        interceptions.filter(pl.col("defender") == defender)["headline_claimant"]
        .drop_nulls()
        .to_list()
    )
    if not names:
        return f"{side_name(defender)}'s claims"
    return max(set(names), key=names.count)


# A source may give "43 missiles" and, in the same report, "42 cruise and 1 ballistic":
# the generic figure is then the total of the specific ones, and adding all three would
# count those missiles twice. Per night, the missile family counts the larger of the
# generic figure and the sum of the specific ones (see `nightly_interceptions`).
GENERIC_MISSILE = "missile"
MISSILE_KINDS = ("missile", "cruise_missile", "ballistic_missile")
COUNTS = ("launched", "intercepted", "lost")


def _sum_given(column: str) -> pl.Expr:
    """Sum that stays null when no row gives the number (Polars' sum of nulls is 0)."""
    return pl.when(pl.col(column).is_not_null().any()).then(pl.col(column).sum())


def nightly_interceptions(interceptions: pl.DataFrame) -> pl.DataFrame:
    """Per attack night and defending side: the defender's headline figures, all weapons.

    Only figures dated to the night (date precision "day") count: a weekly total (e.g.
    "1,400 glide bombs this week") is not one night's attack. A generic "missile" figure
    and the specific missile kinds of the same night are not added up: the family counts
    the larger of the two (the generic figure is usually their total). A number no row
    gives stays null, and so does `launched` when a weapon the night has numbers for has
    no launched figure (e.g. "52 drones shot down" beside "6 of 6 missiles").
    `remainder` is what the defender says was launched but neither intercepted nor lost
    (hits, or not accounted for).
    """
    if interceptions.is_empty():
        return pl.DataFrame()
    frame = _ensure(interceptions, {"date_precision_code": pl.Int32})
    nightly_rows = frame.filter(
        pl.col("attack_night").is_not_null() & (pl.col("date_precision_code").fill_null(1) <= 1)
    ).with_columns(
        family=pl.when(pl.col("weapon").is_in(MISSILE_KINDS))
        .then(pl.lit(GENERIC_MISSILE))
        .otherwise(pl.col("weapon")),
        is_generic=pl.col("weapon") == GENERIC_MISSILE,
    )
    if nightly_rows.is_empty():
        return pl.DataFrame()
    keys = ["attack_night", "defender"]
    return (
        nightly_rows.group_by(*keys, "family", "is_generic")
        .agg(*[_sum_given(c).alias(c) for c in COUNTS], weapons=pl.col("weapon").unique())
        # generic vs. specific within a family: the larger (max skips nulls)
        .group_by(*keys, "family")
        .agg(*[pl.col(c).max() for c in COUNTS], weapons=pl.col("weapons").explode())
        .with_columns(
            # A family with numbers but no launched figure makes the night's total unknown.
            launched_missing=pl.col("launched").is_null()
            & pl.any_horizontal(pl.col("intercepted", "lost").is_not_null())
        )
        .group_by(*keys)
        .agg(
            *[_sum_given(c).alias(c) for c in COUNTS],
            launched_missing=pl.col("launched_missing").any(),
            weapons=pl.col("weapons").explode().drop_nulls().unique().sort(),
        )
        .with_columns(launched=pl.when(~pl.col("launched_missing")).then("launched"))
        .drop("launched_missing")
        .with_columns(
            remainder=pl.when(pl.col("launched").is_not_null()).then(
                (
                    pl.col("launched")
                    - pl.col("intercepted").fill_null(0)
                    - pl.col("lost").fill_null(0)
                ).clip(lower_bound=0)
            )
        )
        .sort(keys)
    )


# Beyond these spans a bar per night (or a rate per week) is thinner than a pixel and
# too noisy to read: the charts then sum to weeks (rates: months). A notebook's date
# range brings the nightly view back.
NIGHTLY_MAX_DAYS = 120
WEEKLY_RATE_MAX_DAYS = 183
# A rate over fewer launches than this is mostly noise (1 of 1 = 100%).
MIN_LAUNCHED_FOR_RATE = 5
MAIN_WEAPONS = ("drone", "missile", "cruise_missile", "ballistic_missile")


def _span_days(dates: pl.Series) -> int:
    dates = dates.drop_nulls()
    return (dates.max() - dates.min()).days if len(dates) else 0


def per_period(nightly: pl.DataFrame, period: str) -> pl.DataFrame:
    """Nightly figures summed per `period` ("night" keeps them, "week", "month")."""
    if period == "night":
        return nightly.with_columns(period=pl.col("attack_night"), nights=pl.lit(1))
    every = {"week": "1w", "month": "1mo"}[period]
    return (
        nightly.with_columns(period=pl.col("attack_night").dt.truncate(every))
        .group_by("defender", "period")
        .agg(
            *[_sum_given(c).alias(c) for c in (*COUNTS, "remainder")],
            nights=pl.len(),
            weapons=pl.col("weapons").explode().drop_nulls().unique().sort(),
        )
        .sort("defender", "period")
    )


def air_defence_nights(interceptions: pl.DataFrame, period: str = "auto") -> go.Figure:
    """Per night (per week over long ranges): the Ukrainian Air Force's launched /
    intercepted / lost, and the Russian Ministry of Defence's claimed interceptions,
    on one time axis. `period`: "night", "week" or "auto"."""
    nightly = nightly_interceptions(interceptions)
    if period == "auto":
        span = _span_days(nightly["attack_night"]) if nightly.height else 0
        period = "night" if span <= NIGHTLY_MAX_DAYS else "week"
    unit = "per night" if period == "night" else f"per {period} (sum of nightly figures)"
    title = f"Air defence {unit}: each side's own claims"
    subtitle = (
        "Top: what Ukraine's defenders say Russia launched (the whole stack) and what they "
        "shot down or lost to jamming. Bottom: what Russia's ministry says it shot down."
    )
    vague = _ensure(interceptions, {"date_precision_code": pl.Int32}).filter(
        pl.col("date_precision_code").fill_null(1) > 1
    )
    if vague.height:
        subtitle += (
            f"<br>{vague.height} figures dated only to a week or longer are left out "
            "(not one night's attack)."
        )
    if nightly.is_empty():
        return _no_data(_base_layout(go.Figure(), title, subtitle), "No interception claims")
    grouped = per_period(nightly, period)
    defenders = [d for d in _side_order(grouped["defender"].to_list()) if d is not None]
    fig = make_subplots(
        rows=len(defenders),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=[
            f"{_headline_claimant(interceptions, d)}: attacks on {side_name(d)} {unit}"
            for d in defenders
        ],
    )
    width_ms = {"night": 1, "week": 7, "month": 30}[period] * 24 * 3600 * 1000
    date_format = "%d %b %Y" if period == "night" else f"{period} of %d %b %Y"
    for row, defender in enumerate(defenders, start=1):
        part = grouped.filter(pl.col("defender") == defender)
        claimant = _headline_claimant(interceptions, defender)
        custom = list(
            zip(
                [_fmt_int(v) for v in part["launched"].to_list()],
                [_short_list(map(label, w)) for w in part["weapons"].to_list()],
                part["nights"].to_list(),
                strict=True,
            )
        )
        common = {
            "x": part["period"].to_list(),
            "customdata": custom,
            "width": width_ms * (0.9 if period == "night" else 0.85),
            "offset": 0 if period != "night" else None,
            "marker_line_width": 0,
            "row": row,
            "col": 1,
        }
        hover_tail = (
            "<br>launched (claimed): %{customdata[0]} over %{customdata[2]} reported night(s)"
            f"<br>weapons: %{{customdata[1]}}<br><i>claim of {claimant}</i><extra></extra>"
        )
        fig.add_bar(
            y=part["intercepted"].to_list(),
            name=f"intercepted, per {claimant}" if defender != "UA" else "intercepted",
            marker_color=INTERCEPTED_COLOR if defender == "UA" else RU_CLAIM_COLOR,
            hovertemplate=f"%{{x|{date_format}}}: %{{y:,}} intercepted" + hover_tail,
            **common,
        )
        if part["lost"].is_not_null().any():
            fig.add_bar(
                y=part["lost"].to_list(),
                name="lost (jamming, did not reach target)",
                marker_color=LOST_COLOR,
                hovertemplate=f"%{{x|{date_format}}}: %{{y:,}} lost" + hover_tail,
                **common,
            )
        if part["launched"].is_not_null().any():
            fig.add_bar(
                y=part["remainder"].to_list(),
                name="launched, neither intercepted nor lost",
                marker_color=REMAINDER_COLOR,
                hovertemplate=f"%{{x|{date_format}}}: %{{y:,}} neither intercepted nor lost"
                + hover_tail,
                **common,
            )
        fig.update_yaxes(title_text=unit.split(" (")[0], row=row, col=1)
    _dedupe_legend(fig)
    return _base_layout(
        fig,
        title,
        subtitle,
        panels=True,
        barmode="stack",
        bargap=0,
        height=300 + 280 * len(defenders),
        legend={"orientation": "h", "y": -0.12, "x": 0},
    )


def interception_rates_by_period(
    interceptions: pl.DataFrame, period: str = "week", min_launched: int = 1
) -> pl.DataFrame:
    """Intercepted / launched per period ("week" or "month"), defender and weapon kind,
    over the nights where the defender gives both numbers (the defender's own claim).
    Periods with fewer than `min_launched` launches are left out."""
    if interceptions.is_empty():
        return pl.DataFrame()
    frame = _ensure(interceptions, {"date_precision_code": pl.Int32})
    usable = frame.filter(
        pl.col("attack_night").is_not_null()
        & (pl.col("date_precision_code").fill_null(1) <= 1)
        & pl.col("launched").is_not_null()
        & (pl.col("launched") > 0)
        & pl.col("intercepted").is_not_null()
    )
    every = {"week": "1w", "month": "1mo"}[period]
    return (
        usable.with_columns(period=pl.col("attack_night").dt.truncate(every))
        .group_by("period", "defender", "weapon")
        .agg(
            launched=pl.col("launched").sum(),
            intercepted=pl.col("intercepted").sum(),
            nights=pl.col("attack_night").n_unique(),
        )
        .filter(pl.col("launched") >= min_launched)
        .with_columns(rate=pl.col("intercepted") / pl.col("launched"))
        .sort("defender", "weapon", "period")
    )


def weekly_interception_rates(interceptions: pl.DataFrame) -> pl.DataFrame:
    """Intercepted / launched per ISO week (column `week`), defender and weapon kind."""
    rates = interception_rates_by_period(interceptions, "week")
    return rates.rename({"period": "week"}) if rates.height else rates


def interception_rates(interceptions: pl.DataFrame, period: str = "auto") -> go.Figure:
    """Interception rate per week (per month over long ranges) by weapon kind, per
    defending side's own claim. `period`: "week", "month" or "auto"."""
    if period == "auto":
        span = _span_days(interceptions["attack_night"]) if interceptions.height else 0
        period = "week" if span <= WEEKLY_RATE_MAX_DAYS else "month"
    rates = interception_rates_by_period(interceptions, period, MIN_LAUNCHED_FOR_RATE)
    title = f"Interception rate per {period}, by weapon kind"
    subtitle = (
        "Intercepted ÷ launched, as claimed by the defending side, over nights that give "
        f"both; {period}s with fewer than {MIN_LAUNCHED_FOR_RATE} launches are left out."
        "<br>Russia's ministry rarely says how many were launched, so its claims rarely "
        "give a rate. Less common weapon kinds are in the legend: click to show them."
    )
    if rates.is_empty():
        return _no_data(
            _base_layout(go.Figure(), title, subtitle),
            "No nights with both launched and intercepted figures",
        )
    fig = go.Figure()
    dashes = {"UA": "solid", "RU": "dot"}
    step = dt.timedelta(days=7 if period == "week" else 31)
    for defender in _side_order(rates["defender"].to_list()):
        claimant = _headline_claimant(interceptions, defender) if defender else "unknown"
        of_defender = rates.filter(pl.col("defender").eq_missing(pl.lit(defender)))
        for weapon in sorted(of_defender["weapon"].unique().to_list(), key=str):
            part = of_defender.filter(pl.col("weapon").eq_missing(pl.lit(weapon)))
            custom = list(
                zip(
                    part["intercepted"].to_list(),
                    part["launched"].to_list(),
                    part["nights"].to_list(),
                    strict=True,
                )
            )
            x, y, custom = _with_gaps(
                part["period"].to_list(), step, part["rate"].to_list(), custom
            )
            fig.add_scatter(
                x=x,
                y=y,
                customdata=custom,
                mode="lines+markers",
                name=f"{label(weapon)} ({claimant})",
                visible=True if weapon in MAIN_WEAPONS else "legendonly",
                line={"color": _color(WEAPON_COLORS, weapon), "dash": dashes.get(defender)},
                marker={"size": 5},
                hovertemplate=(
                    f"<b>{label(weapon)}</b>, {period} of %{{x|%d %b %Y}}<br>"
                    "%{y:.0%} intercepted: %{customdata[0]:,} of %{customdata[1]:,} "
                    f"over %{{customdata[2]}} night(s)<br><i>claim of {claimant}</i>"
                    "<extra></extra>"
                ),
            )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text="intercepted ÷ launched")
    return _base_layout(fig, title, subtitle, height=500)


# ------------------------------------------------------- 4. repeat strikes


def repeat_targets(strikes: pl.DataFrame, min_strikes: int = 2) -> pl.DataFrame:
    """Facilities with at least `min_strikes` strike events, most recent first struck last."""
    named = strikes.filter(pl.col("target_id").is_not_null() & pl.col("event_date").is_not_null())
    counts = (
        named.group_by("target_id")
        .agg(
            strike_events=pl.len(),
            first_struck_on=pl.col("event_date").min(),
            last_struck_on=pl.col("event_date").max(),
            target_name=pl.col("target_name").drop_nulls().first(),
            target_type=pl.col("target_type").drop_nulls().first(),
            place_name=pl.col("place_name").drop_nulls().first(),
            admin1=pl.col("admin1").drop_nulls().first(),
            country=pl.col("country").drop_nulls().first(),
        )
        .filter(pl.col("strike_events") >= min_strikes)
        .sort(["first_struck_on", "target_name"])
    )
    return counts


def _facility_label(row: Mapping[str, Any]) -> str:
    """'Saratov refinery · Saratov Oblast': the region only where the name lacks it."""
    name = row["target_name"] or row["target_id"]
    region = row.get("admin1") or row.get("country")
    if region and region.split()[0].lower() not in name.lower():
        return f"{name} · {region}"
    return name


def repeat_strikes(strikes: pl.DataFrame, min_strikes: int = 2) -> go.Figure:
    """Timeline of every strike on each facility that was hit more than once."""
    strikes = _ensure(
        strikes,
        {
            "outlets": pl.String,
            "source_count": pl.Int32,
            "outcome": pl.String,
            "killed_best": pl.Int32,
            "injured_best": pl.Int32,
        },
    )
    repeated = repeat_targets(strikes, min_strikes)
    title = "Facilities struck more than once"
    subtitle = (
        "Each dot is one strike event on the facility (marker size = articles reporting it); "
        "the line spans first to last strike."
    )
    if repeated.is_empty():
        return _no_data(_base_layout(go.Figure(), title, subtitle), "No facility was struck twice")
    names = {row["target_id"]: _facility_label(row) for row in repeated.iter_rows(named=True)}
    events = (
        strikes.filter(pl.col("target_id").is_in(repeated["target_id"].to_list()))
        .filter(pl.col("event_date").is_not_null())
        .with_columns(
            facility=pl.col("target_id").replace_strict(names, default=None),
            target_type=pl.col("target_type").fill_null("unknown"),
        )
        .sort("event_date")
    )
    fig = go.Figure()
    order = [names[t] for t in repeated["target_id"].to_list()]
    for row in repeated.iter_rows(named=True):
        fig.add_scatter(
            x=[row["first_struck_on"], row["last_struck_on"]],
            y=[names[row["target_id"]]] * 2,
            mode="lines",
            line={"color": "#c9c9c9", "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    for target_type in _target_type_order(events["target_type"].to_list()):
        part = events.filter(pl.col("target_type") == target_type)
        fig.add_scatter(
            x=part["event_date"].to_list(),
            y=part["facility"].to_list(),
            mode="markers",
            name=label(target_type),
            marker={
                "color": _color(TARGET_TYPE_COLORS, target_type),
                "size": [8 + 3 * math.sqrt(max(n or 1, 1)) for n in part["source_count"]],
                "line": {"color": "white", "width": 1},
            },
            customdata=list(
                zip(
                    [label(o) for o in part["outcome"].to_list()],
                    [_fmt_int(v) for v in part["source_count"].to_list()],
                    [o or "" for o in part["outlets"].to_list()],
                    [_fmt_int(v) for v in part["killed_best"].to_list()],
                    [_fmt_int(v) for v in part["injured_best"].to_list()],
                    strict=True,
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>%{x|%d %b %Y}: %{customdata[0]}"
                "<br>killed %{customdata[3]}, injured %{customdata[4]} (best estimate)"
                "<br>%{customdata[1]} article(s): %{customdata[2]}<extra></extra>"
            ),
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title_text=None)
    return _base_layout(
        fig,
        title,
        subtitle,
        height=min(220 + 34 * len(order), 1600),
        margin={"l": 260, "r": 30, "t": _top_margin(subtitle), "b": 50},
    )


# ------------------------------------------------------- 5. visits vs strikes


def visits_vs_strikes(
    visits: pl.DataFrame, strikes: pl.DataFrame, interceptions: pl.DataFrame
) -> go.Figure:
    """Who visited where, on one time axis with strikes per day and the nightly attack size."""
    visits = _ensure(
        visits,
        {
            "topics": pl.String,
            "visitor_role": pl.String,
            "visitor_country": pl.String,
            "kind": pl.String,
            "announced": pl.Boolean,
            "admin1": pl.String,
            "country": pl.String,
            "source_count": pl.Int32,
        },
    )
    title = "Visits against the strike timeline"
    subtitle = (
        "Top: strike events per day by attacking side. Middle: nightly attack size as each "
        "defender claims it. Bottom: visits (dashed lines carry their dates up)."
    )
    dated_visits = visits.filter(pl.col("visit_date").is_not_null()).sort("visit_date")
    daily = (
        dated_strikes(strikes, max_precision_code=1)
        .group_by("event_date", "attacker")
        .agg(strikes=pl.len())
        .sort("event_date")
    )
    nightly = nightly_interceptions(interceptions)
    if dated_visits.is_empty() and daily.is_empty() and nightly.is_empty():
        return _no_data(_base_layout(go.Figure(), title, subtitle), "No visits or strikes")
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.07,
        row_heights=[0.3, 0.3, 0.4],
        subplot_titles=[
            "Strike events per day",
            "Nightly attack size (each defender's claim)",
            "Visits",
        ],
    )
    day_ms = 24 * 3600 * 1000
    for side in _side_order(daily["attacker"].to_list()):
        part = daily.filter(pl.col("attacker").eq_missing(pl.lit(side)))
        fig.add_bar(
            x=part["event_date"].to_list(),
            y=part["strikes"].to_list(),
            width=day_ms * 0.9,
            name=f"strikes by {side_name(side)}",
            marker_color=_color(SIDE_COLORS, side),
            hovertemplate="%{x|%d %b %Y}: %{y} strike events<extra>" + side_name(side) + "</extra>",
            row=1,
            col=1,
        )
    if not nightly.is_empty():
        for defender in _side_order(nightly["defender"].to_list()):
            part = nightly.filter(pl.col("defender").eq_missing(pl.lit(defender)))
            claimant = _headline_claimant(interceptions, defender) if defender else "unknown"
            # Russia's ministry gives "launched" on few nights: draw what most nights give.
            if part["launched"].is_not_null().mean() >= 0.5:
                y, what = part["launched"].to_list(), "launched at"
            else:
                y, what = part["intercepted"].to_list(), "claimed downed over"
            # Coloured by the attacking side, as the strikes above are.
            attackers = interceptions.filter(pl.col("defender").eq_missing(pl.lit(defender)))
            attacker = attackers["attacker"].drop_nulls().mode().to_list()
            x, y = _with_gaps(part["attack_night"].to_list(), dt.timedelta(days=1), y)
            fig.add_scatter(
                x=x,
                y=y,
                mode="lines+markers",
                marker={"size": 6},
                line={"color": _color(SIDE_COLORS, next(iter(attacker), None)), "width": 1.5},
                name=f"{what} {side_name(defender)} ({claimant})",
                hovertemplate=f"%{{x|%d %b %Y}}: %{{y}} {what} {side_name(defender)}"
                f"<br><i>claim of {claimant}</i><extra></extra>",
                row=2,
                col=1,
            )
    if not dated_visits.is_empty():
        symbols = {"diplomatic": "diamond", "military": "square", "site_inspection": "circle"}
        for kind in sorted({k or "other" for k in dated_visits["kind"].to_list()}):
            part = dated_visits.filter(pl.col("kind").fill_null("other") == kind)
            fig.add_scatter(
                x=part["visit_date"].to_list(),
                y=part["visitor_name"].to_list(),
                mode="markers+text",
                text=part["destination_name"].to_list(),
                textposition="middle right",
                textfont={"size": 11, "color": "#444"},
                name=f"visit: {label(kind)}",
                marker={
                    "symbol": symbols.get(kind, "triangle-up"),
                    "size": 12,
                    "color": [_color(SIDE_COLORS, c) for c in part["visitor_country"]],
                    "line": {"color": "#333", "width": 1},
                },
                customdata=[_visit_hover(row) for row in part.iter_rows(named=True)],
                hovertemplate="%{customdata}<extra></extra>",
                row=3,
                col=1,
            )
        for visit_date in sorted(set(dated_visits["visit_date"].to_list())):
            fig.add_shape(
                type="line",
                x0=visit_date,
                x1=visit_date,
                xref="x3",
                y0=0,
                y1=1,
                yref="paper",
                line={"color": "#7e57c2", "width": 1, "dash": "dash"},
                opacity=0.45,
                layer="below",
            )
        fig.update_yaxes(categoryorder="category descending", row=3, col=1)
    # Open on the weeks of the visits and strikes: an imported nightly series can span
    # years, and would squeeze them into a sliver. Pan or zoom out for the rest.
    focus = [*dated_visits["visit_date"].to_list(), *daily["event_date"].to_list()]
    if focus:
        margin = dt.timedelta(days=7)
        start, end = min(focus) - margin, max(focus) + margin
        fig.update_xaxes(range=[start, end])
        # Plotly scales y to all the data, not the visible weeks: scale the attack sizes
        # to the nights on screen.
        visible = [
            v
            for trace in fig.data
            if trace.yaxis == "y2"
            for x, v in zip(trace.x, trace.y, strict=True)
            if x is not None and v is not None and start <= x <= end
        ]
        if visible:
            fig.update_yaxes(range=[0, max(visible) * 1.1], row=2, col=1)
    fig.update_yaxes(title_text="events", row=1, col=1)
    fig.update_yaxes(title_text="per night", row=2, col=1)
    _dedupe_legend(fig)
    return _base_layout(
        fig,
        title,
        subtitle,
        panels=True,
        barmode="stack",
        height=820,
        legend={"orientation": "h", "y": -0.08, "x": 0},
    )


def _visit_hover(row: Mapping[str, Any]) -> str:
    who = ", ".join(str(v) for v in (row["visitor_role"], row["visitor_country"]) if v)
    where = ", ".join(str(v) for v in (row["destination_name"], row["admin1"], row["country"]) if v)
    announced = {True: "announced in advance", False: "unannounced", None: "announcement unknown"}
    return (
        f"<b>{row['visitor_name']}</b> ({who})<br>{_fmt_date(row['visit_date'])}: {where}"
        f"<br>{label(row['kind'])}, {announced[row['announced']]}"
        f"<br>topics: {row['topics'] or 'not stated'}"
        f"<br>{_fmt_int(row['source_count'])} article(s)"
    )


# ------------------------------------------------------- headline numbers


def headline_numbers(
    strikes: pl.DataFrame,
    interceptions: pl.DataFrame,
    visits: pl.DataFrame,
    strike_claims: pl.DataFrame | None = None,
) -> list[tuple[str, str, str]]:
    """(label, value, note) for the top of the report."""
    numbers: list[tuple[str, str, str]] = []
    claims = strike_claims.height if strike_claims is not None else None
    dates = strikes["event_date"].drop_nulls() if "event_date" in strikes else pl.Series([])
    span = f"{dates.min()} – {dates.max()}" if len(dates) else "no dated events"
    numbers.append(
        (
            "strike events",
            f"{strikes.height:,}",
            (f"from {claims:,} claims; " if claims is not None else "") + span,
        )
    )
    refineries = strikes.filter(pl.col("target_type") == REFINERY)
    numbers.append(
        (
            "strikes on oil refineries",
            f"{refineries.height:,}",
            f"{refineries['target_id'].drop_nulls().n_unique()} refineries named",
        )
    )
    repeated = repeat_targets(strikes)
    numbers.append(
        (
            "facilities hit more than once",
            f"{repeated.height:,}",
            f"of {strikes['target_id'].drop_nulls().n_unique()} named facilities",
        )
    )
    nightly = nightly_interceptions(interceptions)
    for defender, name in (("UA", "launched at Ukraine"), ("RU", "claimed downed over Russia")):
        nights = nightly.filter(pl.col("defender") == defender) if nightly.height else nightly
        if not nights.height:
            continue
        claimant = _headline_claimant(interceptions, defender)
        if defender == "UA":
            both = nights.filter(pl.col("launched").is_not_null())
            launched = both["launched"].sum()
            rate = f"{both['intercepted'].fill_null(0).sum() / launched:.0%}" if launched else "n/a"
            value = f"{int(launched or 0):,}"
            note = f"over {both.height} nights; {rate} intercepted ({claimant})"
        else:
            value = f"{int(nights['intercepted'].sum() or 0):,}"
            note = f"over {nights.height} nights ({claimant})"
        numbers.append((f"{name} ({defender} claim)", value, note))
    numbers.append(
        (
            "visits",
            f"{visits.height:,}",
            f"{visits['visitor_name'].drop_nulls().n_unique()} visitors"
            if "visitor_name" in visits
            else "",
        )
    )
    return numbers
