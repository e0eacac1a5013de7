"""`warehouse import ru-mod`: the ministry's air-defence bulletins as interception claims."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from ingest.contract import ExtractionRecord, Weapon
from ingest.importers import ru_mod, ru_mod_accuracy
from ingest.importers.ru_mod_bulletin import mask, parse_bulletin, parse_window
from ingest.importers.series import ImportSummary, RecordLine, Rejected, Skipped
from tests.support.importer_data import FIXTURES, RU_REAL, real_file

SMALL = FIXTURES / "ru_mod_small.csv"
POSTED = dt.datetime(2025, 10, 12, 4, 30, tzinfo=dt.UTC)


def run(path):
    summary = ImportSummary()
    items = list(ru_mod.iter_import(path))
    for item in items:
        summary.add(item)
    return items, summary


def records(items) -> dict[int, ExtractionRecord]:
    return {
        item.line_number: ExtractionRecord.model_validate_json(item.json_line)
        for item in items
        if isinstance(item, RecordLine)
    }


def regions(claim) -> dict[str, int | None]:
    return {item.name: item.count for item in claim.regions}


def test_every_post_is_loaded_skipped_merged_or_quarantined():
    items, summary = run(SMALL)
    assert summary.rows_read == 10
    assert (summary.records, summary.duplicates, summary.rejected) == (6, 1, 1)
    assert summary.skipped_total == 2  # a story and a digest: counted, not zero claims
    assert summary.balanced
    skipped = {item.line_number: item.category for item in items if isinstance(item, Skipped)}
    assert skipped[7] == "exact duplicate"
    assert skipped[4].startswith("not a bulletin")
    assert skipped[5].startswith("not a bulletin: digest")
    rejected = next(item for item in items if isinstance(item, Rejected))
    assert rejected.line_number == 8 and rejected.reason.startswith("bad datetime")


def test_nightly_bulletin_total_and_regions():
    record = records(run(SMALL)[0])[2]
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender, claim.weapon) == ("UA", "RU", Weapon.drone)
    assert claim.claimed_by.name == "Russian Ministry of Defence"
    assert claim.claimed_by.side == "RU"
    assert claim.intercepted == 41
    assert regions(claim) == {
        "Bryansk Oblast": 23,
        "Saratov Oblast": 11,
        "Black Sea": 5,
        "Kursk Oblast": 1,
        "Oryol Oblast": 1,
    }
    assert claim.regions_complete
    assert claim.date == dt.date(2025, 10, 12)
    # "в течение прошедшей ночи" gives no times: no window is invented
    assert claim.window_start is None and claim.window_end is None
    text = record.article.text
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    assert claim.evidence.text.startswith("В течение прошедшей ночи")


def test_stated_window_and_words_in_oblique_cases():
    (claim,) = records(run(SMALL)[0])[3].interceptions
    assert claim.intercepted == 23  # "двадцать три"
    assert claim.window_start.isoformat() == "2025-10-12T14:00:00+03:00"
    assert claim.window_end.isoformat() == "2025-10-12T17:30:00+03:00"
    assert regions(claim) == {"Autonomous Republic of Crimea": 17, "Sea of Azov": 6}


def test_one_claim_per_weapon_kind_with_named_models():
    claims = {claim.weapon: claim for claim in records(run(SMALL)[0])[6].interceptions}
    assert set(claims) == {Weapon.ballistic_missile, Weapon.guided_rocket, Weapon.drone}
    assert (
        claims[Weapon.ballistic_missile].weapon_model,
        claims[Weapon.ballistic_missile].intercepted,
    ) == ("ATACMS", 2)
    assert (
        claims[Weapon.guided_rocket].weapon_model,
        claims[Weapon.guided_rocket].intercepted,
    ) == ("HIMARS", 4)
    assert claims[Weapon.drone].intercepted == 14
    assert regions(claims[Weapon.drone]) == {"Belgorod Oblast": 14}


def test_launched_destroyed_and_lost_to_electronic_warfare():
    (claim,) = records(run(SMALL)[0])[10].interceptions
    assert (claim.launched, claim.intercepted, claim.lost) == (23, 15, 8)
    assert claim.regions == []  # "по объектам на территории" is the target, not where downed


def test_a_snippet_cut_mid_list_is_marked_incomplete():
    (claim,) = records(run(SMALL)[0])[11].interceptions
    assert claim.intercepted == 96
    assert not claim.regions_complete
    # the last name is cut to "Ставроп": recognised, since no other region starts so
    assert list(regions(claim))[-1] == "Stavropol Krai"
    assert claim.window_start.isoformat() == "2025-10-16T22:00:00+03:00"
    assert claim.window_end.isoformat() == "2025-10-17T06:00:00+03:00"
    assert claim.date == dt.date(2025, 10, 17)


@pytest.mark.parametrize(
    ("text", "total", "expected"),
    [
        (
            "Дежурными средствами ПВО уничтожены четыре украинских беспилотных летательных "
            "аппарата над территорией Брянской, Смоленской и Тульской областей.",
            4,
            {"Bryansk Oblast": None, "Smolensk Oblast": None, "Tula Oblast": None},
        ),
        (
            "Дежурными средствами ПВО беспилотные летательные аппараты перехвачены над "
            "территориями Белгородской (2 БпЛА) и Воронежской (1 БпЛА) областей, а также "
            "над акваторией Черного моря (6 БпЛА).",
            9,
            {"Belgorod Oblast": 2, "Voronezh Oblast": 1, "Black Sea": 6},
        ),
        (
            "В течение прошедшей ночи дежурными средствами ПВО уничтожено 18 БПЛА: "
            "одиннадцать - над Курской, пять над Белгородской и два над Воронежской областями.",
            18,
            {"Kursk Oblast": 11, "Belgorod Oblast": 5, "Voronezh Oblast": 2},
        ),
        (
            "С 11.40 до 14.00 мск дежурными средствами ПВО уничтожены четыре украинских БПЛА: "
            "по одному БПЛА над территориями Белгородской, Курской областей и Республики Крым "
            "и Москвой.",
            4,
            {
                "Belgorod Oblast": 1,
                "Kursk Oblast": 1,
                "Autonomous Republic of Crimea": 1,
                "Moscow": 1,
            },
        ),
        (
            "Дежурными средствами ПВО уничтожены семь БПЛА: два – над Московским регионом, в "
            "том числе один, летевший на Москву, и пять БПЛА уничтожены над территорией "
            "Рязанской области.",
            7,
            {"Moscow Oblast": 2, "Ryazan Oblast": 5},
        ),
        (
            "В течение прошедшей ночи дежурными средствами ПВО над территориями Курской и "
            "Белгородской областей уничтожены два украинских БПЛА. Еще один беспилотник "
            "уничтожен над акваторией Азовского моря.",
            3,
            {"Kursk Oblast": None, "Belgorod Oblast": None, "Sea of Azov": 1},
        ),
    ],
)
def test_bulletin_shapes(text, total, expected):
    bulletin = parse_bulletin(text, POSTED)
    assert bulletin.is_bulletin
    drones = bulletin.tally(Weapon.drone)
    assert drones is not None and drones.downed == total
    assert {item.region.name_en: item.count for item in drones.regions} == expected


def test_plural_without_a_number_means_all_those_launched():
    text = (
        "Около 19.30 мск пресечена попытка киевского режима совершить террористическую атаку "
        "c применением двух БпЛА самолетного типа по объектам на территории Российской "
        "Федерации. Дежурными средствами ПВО украинские беспилотные летательные аппараты "
        "уничтожены над территорией Брянской области."
    )
    drones = parse_bulletin(text, POSTED).tally(Weapon.drone)
    assert (drones.launched, drones.intercepted) == (2, 2)


@pytest.mark.parametrize(
    ("lead", "posted", "start", "end"),
    [
        (
            "В период с 20.00 до 23.00 мск дежурными",
            "2025-10-12 20:14",
            "2025-10-12T20:00",
            "2025-10-12T23:00",
        ),
        (
            "С 20.00 мск до полуночи дежурными",
            "2025-10-12 21:09",
            "2025-10-12T20:00",
            "2025-10-13T00:00",
        ),
        (
            "В течение прошедшей ночи с 20.00 мск 5 июня до 04.20 мск 6 июня",
            "2025-06-06 01:30",
            "2025-06-05T20:00",
            "2025-06-06T04:20",
        ),
        (
            "За период с 20.50 до 04.35 мск дежурными",
            "2025-04-28 01:40",
            "2025-04-27T20:50",
            "2025-04-28T04:35",
        ),
        (
            "Около 12.15 мск дежурными средствами",
            "2025-04-03 10:49",
            "2025-04-03T12:15",
            "2025-04-03T12:15",
        ),
        (
            "18 января около 01.30 мск пресечена",
            "2024-01-17 23:28",
            "2024-01-18T01:30",
            "2024-01-18T01:30",
        ),
        (
            "В период с 20.00 мск 28 мая дежурными",
            "2025-05-29 04:11",
            "2025-05-28T20:00",
            "2025-05-29T07:11",
        ),
        (
            "С 23:00 мск 06.10 до 07:00 мск 07.10 дежурными",
            "2025-10-07 04:26",
            "2025-10-06T23:00",
            "2025-10-07T07:00",
        ),
        (
            "в период с 24.00 мск 12 апреля до 7.00 мск 13 апреля",
            "2026-04-13 05:19",
            "2026-04-13T00:00",
            "2026-04-13T07:00",
        ),
    ],
)
def test_windows_are_read_in_moscow_time(lead, posted, start, end):
    published = dt.datetime.fromisoformat(posted).replace(tzinfo=dt.UTC)
    window = parse_window(mask(lead), published)
    assert [moment.strftime("%Y-%m-%dT%H:%M") for moment in window] == [start, end]
    assert window[0].utcoffset() == dt.timedelta(hours=3)


def test_posts_that_are_not_bulletins():
    for text in (
        "🗓 Главное за день ▫️ Дежурными средствами ПВО перехвачены 12 БПЛА над Курской областью.",
        "Заявление начальника пресс-центра группировки «Запад» ▫️ средствами ПВО сбиты 3 ракеты.",
        "Расчет ЗРК «Тор-М2» держит рубеж ПВО и уничтожает вражеские беспилотники на подходе.",
    ):
        assert not parse_bulletin(text, POSTED).is_bulletin


def test_output_is_deterministic():
    first = [item.json_line for item in run(SMALL)[0] if isinstance(item, RecordLine)]
    second = [item.json_line for item in run(SMALL)[0] if isinstance(item, RecordLine)]
    assert first == second


def test_real_file_every_post_accounted_for_and_fast():
    path = real_file(RU_REAL)
    started = time.monotonic()
    _, summary = run(path)
    assert time.monotonic() - started < 60
    assert summary.rows_read == 5927
    assert summary.balanced
    assert summary.records > 3000  # the nightly and daytime bulletins, 2023-2026
    assert summary.rejected == 0


def test_real_file_beats_the_target_on_the_hand_checked_posts():
    path = real_file(RU_REAL)
    ours, peer, checked = ru_mod_accuracy.evaluate(path)
    assert checked >= 200 and ours.total_n >= 100
    assert ours.total >= ru_mod_accuracy.TARGET_TOTAL_EXACT
    assert ours.detection > peer.detection
    assert ours.region_f1 > peer.region_f1
    assert ours.region_counts >= 0.95


def test_a_tally_over_several_nights_is_not_one_nights_figure():
    from ingest.importers.series import night_precision

    text = (
        "В ходе отражения массированного налета беспилотников противника (с 20 часов 20 мая "
        "до 8 часов 23 мая) дежурными средствами ПВО уничтожено 1177 беспилотных летательных "
        "аппаратов самолетного типа."
    )
    posted = dt.datetime(2025, 5, 23, 7, 22, tzinfo=dt.UTC)
    bulletin = parse_bulletin(text, posted)
    assert bulletin.tally(Weapon.drone).intercepted == 1177
    assert night_precision(bulletin.window_start, bulletin.window_end).value == "week"


def test_a_thwarted_attack_told_verb_last_or_after_a_dated_lead_is_a_bulletin():
    posted = dt.datetime(2024, 9, 7, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    verb_last = (
        "Попытка киевского режима осуществить террористическую атаку с использованием "
        "БПЛА самолетного типа на объекты на территории Российской Федерации пресечена. "
        "Над территорией Ростовской области уничтожен один украинский беспилотный "
        "летательный аппарат."
    )
    dated = (
        "7 сентября т.г. около 17.30 мск. пресечена попытка киевского режима совершить "
        "террористическую атаку БПЛА самолетного типа по объектам на территории "
        "Российской Федерации. Украинский беспилотный летательный аппарат перехвачен над "
        "территорией Брянской области."
    )
    for text, region in ((verb_last, "Rostov Oblast"), (dated, "Bryansk Oblast")):
        bulletin = parse_bulletin(text, posted)
        assert bulletin.is_bulletin, bulletin.reason
        (tally,) = bulletin.tallies
        assert tally.intercepted == 1
        assert [r.region.name_en for r in tally.regions] == [region]
