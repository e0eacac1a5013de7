"""Weapons as a Russian bulletin names them: generic nouns and named models.

A count is tied to a weapon noun ("аппаратов", "ракеты", "снаряда", "бомб"); the model
("ATACMS", "«Нептун»", "RM-70 «Вампир»") comes from the project's weapon table, matched
in the text with Cyrillic look-alike letters and Russian case endings allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.contract import Weapon
from ingest.importers import weapon_models
from ingest.importers.russian_text import Token

_DRONE_HEADS = re.compile(r"^(бпла|бпл|бла|бэк|беспилотник\w*|дрон\w*|аппарат\w*)$")
_MISSILE_HEAD = re.compile(r"^(ракет(а|ы|у|ой|ою|е|ам|ами|ах)?|пкр|отр|крп)$")
_ROCKET_HEAD = re.compile(r"^снаряд(а|ов|ы|ом|ами|ам|ах|у)?$")
_BALLOON_HEAD = re.compile(r"^(мвш|шар|шара|шаров|шары|шаром|шарами)$")
_BOMB_HEAD = re.compile(r"^(авиа)?бомб(а|ы|у|ой|ам|ами|ах)?$|^(уаб|каб|фаб)$")


def head_class(token: Token) -> str | None:
    """drone, missile, rocket or bomb when the token is a weapon noun."""
    if token.kind != "word":
        return None
    lower = token.lower
    if _DRONE_HEADS.match(lower):
        return "drone"
    if _MISSILE_HEAD.match(lower):
        return "missile"
    if _ROCKET_HEAD.match(lower):
        return "rocket"
    if _BOMB_HEAD.match(lower):
        return "bomb"
    if _BALLOON_HEAD.match(lower):
        return "balloon"
    return None


CLASS_OF_WEAPON = {
    Weapon.drone: "drone",
    Weapon.recon_drone: "drone",
    Weapon.missile: "missile",
    Weapon.ballistic_missile: "missile",
    Weapon.cruise_missile: "missile",
    Weapon.guided_rocket: "rocket",
    Weapon.artillery: "rocket",
    Weapon.glide_bomb: "bomb",
    Weapon.unknown: "balloon",
}
# "ракеты РСЗО «Ольха»" are rockets named as missiles.
COMPATIBLE = {
    "drone": {"drone"},
    "missile": {"missile", "rocket"},
    "rocket": {"rocket", "missile"},
    "bomb": {"bomb"},
    "balloon": {"balloon"},
}


@dataclass(frozen=True, slots=True)
class ModelMention:
    start: int
    end: int
    model: weapon_models.WeaponModel


@cache
def _model_pattern() -> tuple[re.Pattern[str], dict[str, weapon_models.WeaponModel]]:
    by_alias: dict[str, weapon_models.WeaponModel] = {}
    for model in weapon_models.load_models():
        if model.model in weapon_models.GENERIC_MODELS:
            continue
        for alias in (model.model, *model.aliases):
            if len(alias) >= 3 and not alias.islower():
                by_alias.setdefault(weapon_models.fold(alias), model)
    alternatives = sorted(by_alias, key=len, reverse=True)
    body = "|".join(re.escape(alias).replace(r"\-", "[-‐–]?") for alias in alternatives)
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?:[а-яёa-z]{{0,3}})(?![\w])", re.IGNORECASE)
    return pattern, by_alias


def find_models(masked: str) -> list[ModelMention]:
    pattern, by_alias = _model_pattern()
    folded = weapon_models.fold_same_length(masked)
    mentions = []
    for match in pattern.finditer(folded):
        text = match.group()
        model = by_alias.get(weapon_models.fold(text))
        if model is None:
            # the match carries a Russian case ending: strip it back to the alias
            for cut in range(1, 4):
                model = by_alias.get(weapon_models.fold(text[:-cut]))
                if model is not None:
                    break
        if model is not None:
            mentions.append(ModelMention(match.start(), match.end(), model))
    return mentions
