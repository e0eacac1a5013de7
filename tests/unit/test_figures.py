"""The shared chart builders on small hand-made mart frames."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from warehouse.analysis import figures

D = dt.date


def strikes(*rows: dict) -> pl.DataFrame:
    base = {
        "strike_id": None,
        "event_date": None,
        "date_precision_code": 1,
        "attacker": "UA",
        "place_name": "Saratov",
        "admin1": "Saratov Oblast",
        "country": "RU",
        "lat": 51.5,
        "lon": 46.0,
        "target_id": None,
        "target_name": None,
        "target_type": "oil_refinery",
        "claim_count": 1,
        "source_count": 1,
        "outlets": "Reuters",
        "outcome": "fire",
        "killed_best": None,
        "injured_best": None,
    }
    frame = pl.DataFrame(
        [{**base, "strike_id": f"s{i}", **row} for i, row in enumerate(rows or [{}])],
        schema_overrides={"killed_best": pl.Int32, "injured_best": pl.Int32, "event_date": pl.Date},
    )
    return frame if rows else frame.clear()


def interceptions(*rows: dict) -> pl.DataFrame:
    base = {
        "interception_id": None,
        "attack_night": None,
        "attacker": "RU",
        "defender": "UA",
        "weapon": "drone",
        "launched": None,
        "intercepted": None,
        "lost": None,
        "headline_claimant": "Ukrainian Air Force",
        "date_precision_code": 1,
    }
    frame = pl.DataFrame(
        [{**base, "interception_id": f"i{i}", **row} for i, row in enumerate(rows or [{}])],
        schema_overrides={
            "launched": pl.Int64,
            "intercepted": pl.Int64,
            "lost": pl.Int64,
            "attack_night": pl.Date,
        },
    )
    return frame if rows else frame.clear()


VISITS = pl.DataFrame(
    [
        {
            "visit_id": "v1",
            "visit_date": D(2025, 1, 14),
            "visitor_name": "Boris Pistorius",
            "visitor_role": "Defence Minister",
            "visitor_country": "DE",
            "destination_name": "Kyiv",
            "admin1": "Kyiv",
            "country": "UA",
            "kind": "diplomatic",
            "announced": False,
            "topics": "exercises; intelligence sharing",
            "source_count": 2,
        }
    ]
)


def test_weekly_strikes_count_events_per_monday_week_and_skip_vague_dates():
    frame = strikes(
        {"event_date": D(2025, 1, 6)},  # Monday
        {"event_date": D(2025, 1, 12)},  # Sunday, same week
        {"event_date": D(2025, 1, 13), "target_type": "airfield"},
        {"event_date": D(2025, 1, 1), "date_precision_code": 3},  # month only
        {"event_date": None},
    )
    weekly = figures.weekly_strikes(frame)
    assert weekly.select("week", "target_type", "strikes").rows() == [
        (D(2025, 1, 6), "oil_refinery", 2),
        (D(2025, 1, 13), "airfield", 1),
    ]
    fig = figures.strikes_over_time(frame)
    assert figures.figure_has_data(fig)
    assert "2 events dated only to the month or year are left out" in fig.layout.title.text
    # Refineries first in the stack, and the peak refinery week is called out.
    assert fig.data[0].name == "oil refinery"
    assert any("2 refinery strikes" in a.text for a in fig.layout.annotations)


def test_strikes_over_time_has_a_panel_per_attacking_side():
    fig = figures.strikes_over_time(
        strikes(
            {"event_date": D(2025, 1, 6)},
            {"event_date": D(2025, 1, 7), "attacker": "RU", "target_type": "power_plant"},
        )
    )
    titles = [a.text for a in fig.layout.annotations]
    assert "Strikes by Ukraine (attacker UA)" in titles
    assert "Strikes by Russia (attacker RU)" in titles


def test_map_groups_by_place_and_type_and_says_what_it_left_out():
    frame = strikes(
        {"event_date": D(2025, 1, 8), "target_name": "Saratov refinery", "outlets": "A, B"},
        {"event_date": D(2025, 1, 14), "target_name": "Saratov refinery", "outlets": "B"},
        {"event_date": D(2025, 1, 14), "target_type": "fuel_depot", "lat": 51.48, "lon": 46.2},
        {"event_date": D(2025, 1, 20), "lat": None, "lon": None},
    )
    places = figures.strikes_by_place(frame)
    refinery = places.filter(pl.col("target_type") == "oil_refinery").row(0, named=True)
    assert refinery["strikes"] == 2
    assert refinery["outlets"] == ["A", "B"]
    assert refinery["dates"] == [D(2025, 1, 8), D(2025, 1, 14)]

    fig = figures.strike_map(frame)
    assert figures.figure_has_data(fig)
    assert "1 events without coordinates are not drawn" in fig.layout.title.text
    assert fig.layout.geo.scope == "world" and fig.layout.geo.resolution == 50
    hover = " ".join(t for trace in fig.data for t in (trace.text or []) if "refinery" in t)
    assert "Saratov refinery" in hover and "2025-01-08" in hover and "A, B" in hover


def test_map_window_always_covers_ukraine_and_grows_for_far_targets():
    lon_range, lat_range = figures._map_window([57.1], [65.7])  # Tyumen
    assert lon_range[0] <= 22 and lon_range[1] >= 65.7
    assert lat_range[0] <= 44 and lat_range[1] >= 57.1


def test_nightly_interceptions_keep_missing_numbers_missing():
    frame = interceptions(
        {"attack_night": D(2025, 1, 14), "launched": 80, "intercepted": 58, "lost": 10},
        {"attack_night": D(2025, 1, 14), "weapon": "cruise_missile", "launched": 10,
         "intercepted": 6},
        {"attack_night": D(2025, 1, 14), "attacker": "UA", "defender": "RU", "intercepted": 32,
         "headline_claimant": "Russian Ministry of Defence"},
    )  # fmt: skip
    nightly = figures.nightly_interceptions(frame)
    ua = nightly.filter(pl.col("defender") == "UA").row(0, named=True)
    ru = nightly.filter(pl.col("defender") == "RU").row(0, named=True)
    assert (ua["launched"], ua["intercepted"], ua["lost"], ua["remainder"]) == (90, 64, 10, 16)
    assert (ru["launched"], ru["intercepted"], ru["lost"], ru["remainder"]) == (
        None,
        32,
        None,
        None,
    )

    fig = figures.air_defence_nights(frame)
    names = [t.name for t in fig.data]
    assert "intercepted, per Russian Ministry of Defence" in names
    assert names.count("lost (jamming, did not reach target)") == 1  # Russia gives none


def test_nightly_totals_do_not_count_missiles_twice_or_weekly_totals_at_all():
    frame = interceptions(
        {"attack_night": D(2025, 1, 15), "launched": 74, "intercepted": 47, "lost": 27},
        # "43 missiles, 30 shot down: 42 cruise (30) and 1 ballistic (0)"
        {"attack_night": D(2025, 1, 15), "weapon": "missile", "launched": 43, "intercepted": 30},
        {"attack_night": D(2025, 1, 15), "weapon": "cruise_missile", "launched": 42,
         "intercepted": 30},
        {"attack_night": D(2025, 1, 15), "weapon": "ballistic_missile", "launched": 1,
         "intercepted": 0},
        # a weekly total dated to one day is not that night's attack
        {"attack_night": D(2025, 1, 15), "weapon": "glide_bomb", "launched": 1400,
         "date_precision_code": 2},
        # a family that gives no number at all does not hide the night's total
        {"attack_night": D(2025, 1, 16), "launched": 123, "intercepted": 56, "lost": 61},
        {"attack_night": D(2025, 1, 16), "weapon": "missile"},
    )  # fmt: skip
    nightly = figures.nightly_interceptions(frame)
    assert nightly.select("attack_night", *figures.COUNTS).rows() == [
        (D(2025, 1, 15), 117, 77, 27),
        (D(2025, 1, 16), 123, 56, 61),
    ]


def test_interception_rates_use_only_nights_with_both_numbers():
    frame = interceptions(
        {"attack_night": D(2025, 1, 13), "launched": 100, "intercepted": 80},
        {"attack_night": D(2025, 1, 14), "launched": 100, "intercepted": 90},
        {"attack_night": D(2025, 1, 15), "launched": None, "intercepted": 50},
        {"attack_night": D(2025, 1, 15), "defender": "RU", "attacker": "UA", "intercepted": 30},
    )
    weekly = figures.weekly_interception_rates(frame)
    assert weekly.select("defender", "weapon", "rate", "nights").rows() == [
        ("UA", "drone", 0.85, 2)
    ]
    assert figures.figure_has_data(figures.interception_rates(frame))


def test_repeat_targets_need_two_events():
    frame = strikes(
        {"event_date": D(2025, 1, 8), "target_id": "engels-depot", "target_name": "Engels depot"},
        {"event_date": D(2025, 1, 14), "target_id": "engels-depot", "target_name": "Engels depot"},
        {"event_date": D(2025, 1, 24), "target_id": "ryazan", "target_name": "Ryazan refinery"},
    )
    repeated = figures.repeat_targets(frame)
    assert repeated.select("target_id", "strike_events").rows() == [("engels-depot", 2)]
    fig = figures.repeat_strikes(frame)
    assert figures.figure_has_data(fig)
    assert fig.layout.yaxis.categoryarray == ("Engels depot · Saratov Oblast",)
    # The region is added only where the name does not already say it.
    assert figures._facility_label({"target_name": "Saratov refinery", "target_id": "x",
                                    "admin1": "Saratov Oblast"}) == "Saratov refinery"  # fmt: skip


def test_lines_break_across_nights_no_source_reported():
    nights = [D(2025, 1, 14), D(2025, 1, 15), D(2025, 1, 20)]
    x, y = figures._with_gaps(nights, dt.timedelta(days=1), [1, 2, 3])
    assert x == [D(2025, 1, 14), D(2025, 1, 15), None, D(2025, 1, 20)]
    assert y == [1, 2, None, 3]


def test_visits_share_the_time_axis_with_strikes_and_attacks():
    fig = figures.visits_vs_strikes(
        VISITS,
        strikes({"event_date": D(2025, 1, 14)}),
        interceptions({"attack_night": D(2025, 1, 14), "launched": 80, "intercepted": 58}),
    )
    assert figures.figure_has_data(fig)
    assert {t.xaxis for t in fig.data} == {"x", "x2", "x3"}
    assert fig.layout.xaxis.matches == "x3" or fig.layout.xaxis2.matches == "x3"
    visit = next(t for t in fig.data if t.name == "visit: diplomatic")
    assert "Boris Pistorius" in visit.customdata[0] and "unannounced" in visit.customdata[0]
    assert fig.layout.shapes[0].x0 == D(2025, 1, 14)


@pytest.mark.parametrize(
    "build",
    [
        lambda: figures.strikes_over_time(strikes()),
        lambda: figures.strike_map(strikes()),
        lambda: figures.air_defence_nights(interceptions()),
        lambda: figures.interception_rates(interceptions()),
        lambda: figures.repeat_strikes(strikes()),
        lambda: figures.visits_vs_strikes(VISITS.clear(), strikes(), interceptions()),
    ],
)
def test_nothing_to_draw_gives_an_empty_figure_with_a_note(build):
    fig = build()
    assert not figures.figure_has_data(fig)
    assert any(a.text for a in fig.layout.annotations)


def test_figure_has_data_reads_notebook_json_too():
    assert figures.figure_has_data({"data": [{"x": {"dtype": "f8", "bdata": "AAAA"}}]})
    assert not figures.figure_has_data({"data": [{"x": [], "y": []}], "layout": {}})
    assert not figures.figure_has_data({"data": [{"lat": [None], "lon": [None]}]})


def test_headline_numbers_name_whose_claim_each_is():
    numbers = dict(
        (name, (value, note))
        for name, value, note in figures.headline_numbers(
            strikes({"event_date": D(2025, 1, 8)}),
            interceptions(
                {"attack_night": D(2025, 1, 14), "launched": 80, "intercepted": 58},
                {
                    "attack_night": D(2025, 1, 14),
                    "defender": "RU",
                    "attacker": "UA",
                    "intercepted": 32,
                    "headline_claimant": "Russian Ministry of Defence",
                },
            ),
            VISITS,
        )
    )
    assert numbers["launched at Ukraine (UA claim)"][0] == "80"
    assert "72% intercepted" in numbers["launched at Ukraine (UA claim)"][1]
    assert numbers["claimed downed over Russia (RU claim)"][0] == "32"
    assert numbers["strikes on oil refineries"][0] == "1"
