"""Weapon models named by the sources, normalised to the contract's weapon kinds.

The table is the project's own `ingest/reference/weapon_models.csv`: one row per model
with its Latin and Cyrillic aliases, its contract weapon kind and whether it is a
reconnaissance drone. Look-ups fold case and the Cyrillic letters that look like Latin
ones, so "Х-101" (Cyrillic Ха) finds "X-101".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.contract import Weapon

TABLE = Path(__file__).resolve().parents[1] / "reference" / "weapon_models.csv"

# Cyrillic letters that sources type in place of look-alike Latin ones (and back).
_HOMOGLYPHS = str.maketrans("асекморхуіАСЕКМНОРТХВУІ", "acekmopxyiACEKMHOPTXBYI")
# Models whose name is a description ("Unknown UAV"), not a type a sentence names.
GENERIC_MODELS = frozenset(
    {"Unknown UAV", "Unknown Missile", "Reconnaissance UAV", "Ballistic Missile"}
)


@dataclass(frozen=True, slots=True)
class WeaponModel:
    model: str
    aliases: tuple[str, ...]
    weapon: Weapon
    is_recon: bool
    note: str


def fold(name: str) -> str:
    """Comparison key: homoglyphs to Latin, case folded, spaces and dashes unified."""
    folded = name.translate(_HOMOGLYPHS).casefold().replace("ё", "е")
    folded = re.sub(r"[\s\u2010-\u2015_]+", " ", folded)
    return re.sub(r"\s*-\s*", "-", folded).strip()


def fold_same_length(text: str) -> str:
    """`fold` for searching: homoglyphs and case only, so offsets stay valid."""
    chars = []
    for char in text.translate(_HOMOGLYPHS):
        lowered = char.lower()
        chars.append(lowered if len(lowered) == 1 else char)
    return "".join(chars).replace("ё", "е")


@cache
def load_models(path: Path = TABLE) -> tuple[WeaponModel, ...]:
    from ingest.importers.series import read_reference

    rows = read_reference(path, ("model", "aliases", "weapon", "is_recon", "note"))
    return tuple(
        WeaponModel(
            model=row["model"],
            aliases=tuple(alias for alias in row["aliases"].split("|") if alias),
            weapon=Weapon(row["weapon"]),
            is_recon=row["is_recon"].strip().lower() == "true",
            note=row["note"],
        )
        for row in rows
    )


@cache
def _index(path: Path = TABLE) -> dict[str, WeaponModel]:
    index: dict[str, WeaponModel] = {}
    for model in load_models(path):
        for name in (model.model, *model.aliases):
            index.setdefault(fold(name), model)
    return index


def lookup(name: str) -> WeaponModel | None:
    """The table's model for one name as a source writes it, or None."""
    return _index().get(fold(name))


def split_models(field: str) -> list[str]:
    """A cell naming several models joins them with " and " (or commas)."""
    return [part.strip() for part in re.split(r"\s+and\s+|,\s*", field.strip()) if part.strip()]


def variants(name: str) -> list[str]:
    """The models a name the table lacks may stand for: "Kh-59/69" is Kh-59 and Kh-69."""
    parts = [part.strip() for part in name.split("/") if part.strip()]
    if len(parts) < 2:
        return []
    expanded = [parts[0]]
    prefix = re.match(r"^(.*?)(\d[\w-]*)$", parts[0])
    for part in parts[1:]:
        # a bare number repeats the family of the name before it
        expanded.append(prefix.group(1) + part if prefix and part[:1].isdigit() else part)
    return expanded


# The family a name belongs to when the table does not list the exact model: a new
# Shahed variant is a drone, an unlisted Kh- number an air-launched missile.
_FAMILIES = (
    (
        re.compile(
            r"shahed|geran|gerbera|garpi|гарпи|шахед|герань|гербер|drone|uav|бпла|бпла|"
            r"беспилот|безпілот|дрон|lancet|ланцет",
            re.I,
        ),
        Weapon.drone,
    ),
    (re.compile(r"iskander-?k\b|kalibr|калибр|cruise", re.I), Weapon.cruise_missile),
    (
        re.compile(r"iskander|искандер|іскандер|kinzhal|кинжал|кинджал|kn-?23|ballistic", re.I),
        Weapon.ballistic_missile,
    ),
    (re.compile(r"\b(?:kh|x|х)-?\d|missile|ракет", re.I), Weapon.missile),
)


def family_weapon(name: str) -> Weapon | None:
    """The kind of weapon a name's family tells, for names the table lacks."""
    for pattern, weapon in _FAMILIES:
        if pattern.search(name):
            return weapon
    return None


_MISSILES = {Weapon.missile, Weapon.ballistic_missile, Weapon.cruise_missile}
_DRONES = {Weapon.drone, Weapon.recon_drone}


def common_weapon(kinds: list[Weapon]) -> Weapon:
    """One kind for a claim that names several models.

    Same kind -> that kind; different missiles -> `missile`; attack and reconnaissance
    drones together -> `drone`; anything else -> `unknown` (never split into counts).
    """
    distinct = set(kinds)
    if not distinct:
        return Weapon.unknown
    if len(distinct) == 1:
        return distinct.pop()
    if distinct <= _MISSILES:
        return Weapon.missile
    if distinct <= _DRONES:
        return Weapon.drone
    return Weapon.unknown
