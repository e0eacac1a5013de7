"""The project's reference tables the importers read: regions and weapon models."""

import csv

import pytest

from ingest.contract import Weapon
from ingest.importers import weapon_models
from ingest.importers.russian_regions import (
    TABLE as REGIONS,
)
from ingest.importers.russian_regions import (
    load_regions,
    region_for_prefix,
    region_for_word,
)

KINDS = {
    "oblast", "republic", "krai", "city", "autonomous_okrug", "autonomous_oblast", "sea", "other",
}  # fmt: skip


def test_regions_table_covers_every_subject_and_oblast():
    with open(REGIONS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "iso_code", "name_en", "name_ru", "name_uk", "country", "kind", "lat", "lon",
    ]  # fmt: skip
    codes = {row["iso_code"] for row in rows}
    assert len(codes) == len(rows)
    assert len({row["name_en"] for row in rows}) == len(rows)
    assert sum(row["country"] == "RU" for row in rows) >= 83
    assert sum(row["country"] == "UA" for row in rows) == 27  # 24 oblasts, Kyiv, Crimea, Sevastopol
    assert {"UA-43", "UA-40", "UA-30", "SEA-BLACK", "SEA-AZOV", "SEA-CASPIAN"} <= codes
    for row in rows:
        assert row["kind"] in KINDS, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
    crimea = load_regions()["UA-43"]
    assert (crimea.country, crimea.name_ru) == ("UA", "Республика Крым")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Саратовской", "RU-SAR"),
        ("Саратовская", "RU-SAR"),
        ("Брянском", "RU-BRY"),  # "над Брянском": the city stands for its oblast
        ("Татарстана", "RU-TA"),
        ("Крыму", "UA-43"),
        ("Крымского", "UA-43"),
        ("Мордовии", "RU-MO"),
        ("Ставропольского", "RU-STA"),
        ("Кировоградской", "UA-35"),
        ("Кировской", "RU-KIR"),
        ("Москвой", "RU-MOW"),
        ("Московского", "RU-MOS"),
        ("Севастополе", "UA-40"),
        ("Осетия-Алания", "RU-SE"),
        ("Черного", "SEA-BLACK"),
    ],
)
def test_region_names_in_any_case(word, code):
    region = region_for_word(word)
    assert region is not None and region.iso_code == code


def test_words_that_are_not_regions():
    for word in ("Российской", "территорией", "Одинцовского", "беспилотник"):
        assert region_for_word(word) is None


def test_a_cut_off_name_is_recognised_only_when_unambiguous():
    assert region_for_prefix("Орловс").iso_code == "RU-ORL"
    assert region_for_prefix("Татарс").iso_code == "RU-TA"
    assert region_for_prefix("Ч") is None  # Chechnya, Chuvashia, Chelyabinsk ...
    assert region_for_prefix("Кра") is None


@pytest.mark.parametrize(
    ("name", "weapon", "recon"),
    [
        ("Shahed-136/131", Weapon.drone, False),
        ("Герань-2", Weapon.drone, False),
        ("Iskander-M", Weapon.ballistic_missile, False),
        ("X-101/X-555", Weapon.cruise_missile, False),
        ("Х-101/Х-555", Weapon.cruise_missile, False),  # Cyrillic Ха
        ("Orlan-10", Weapon.recon_drone, True),
        ("ZALA", Weapon.recon_drone, True),
        ("Supercam", Weapon.recon_drone, True),
        ("Молнія", Weapon.drone, False),
        ("Kalibr", Weapon.cruise_missile, False),
        ("ATACMS", Weapon.ballistic_missile, False),
        ("Storm Shadow", Weapon.cruise_missile, False),
        ("HIMARS", Weapon.guided_rocket, False),
    ],
)
def test_weapon_models_map_to_contract_kinds(name, weapon, recon):
    model = weapon_models.lookup(name)
    assert model is not None
    assert (model.weapon, model.is_recon) == (weapon, recon)


def test_weapon_table_is_valid():
    models = weapon_models.load_models()
    assert len({model.model for model in models}) == len(models)
    folded = {}
    for model in models:
        for alias in (model.model, *model.aliases):
            owner = folded.setdefault(weapon_models.fold(alias), model.model)
            assert owner == model.model, f"alias {alias!r} names {owner} and {model.model}"


def test_several_models_keep_one_kind_or_the_common_one():
    assert weapon_models.split_models("X-101/X-555 and Kalibr") == ["X-101/X-555", "Kalibr"]
    common = weapon_models.common_weapon
    assert common([Weapon.cruise_missile, Weapon.cruise_missile]) == Weapon.cruise_missile
    assert common([Weapon.ballistic_missile, Weapon.cruise_missile]) == Weapon.missile
    assert common([Weapon.drone, Weapon.recon_drone]) == Weapon.drone
    assert common([Weapon.drone, Weapon.cruise_missile]) == Weapon.unknown
