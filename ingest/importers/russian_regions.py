"""Russian and Ukrainian regions (and nearby seas) named in Russian, in any case.

Names come from the project's `ingest/reference/regions.csv`. A region is recognised
by its distinctive word: the adjective of "Саратовская область" or the noun of
"Республика Татарстан". pymorphy3 lemmatises whatever case the text uses
("Саратовской", "Татарстана", "Крыму") to that word, so no inflection table is kept
here; only names the canonical table cannot give (short forms such as "ДНР", the
"Московский регион" of the ministry's bulletins, regional capitals) are listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ingest.importers.russian_numbers import morph

TABLE = Path(__file__).resolve().parents[1] / "reference" / "regions.csv"


@dataclass(frozen=True, slots=True)
class Region:
    iso_code: str
    name_en: str
    name_ru: str
    name_uk: str
    country: str
    kind: str
    lat: float | None
    lon: float | None


# Words of official names that do not single a region out.
_GENERIC = frozenset(
    {"область", "край", "республика", "автономный", "округ", "море", "северный", "город"}
)
# Seas are named by an adjective that is an ordinary word elsewhere ("чёрный"):
# they count only next to "море" or after "акватория".
SEA_KINDS = frozenset({"sea"})

# Names the canonical table cannot give. Keys are lemmas.
_ALIASES = {
    "крымский": "UA-43",  # "Крымского полуострова"
    "крым": "UA-43",  # Russian sources say "Республика Крым"
    "днр": "UA-14",  # "Донецкая Народная Республика" is the Donetsk Oblast
    "лнр": "UA-09",
    "московский": "RU-MOS",  # also the ministry's "Московский регион"
    "подмосковье": "RU-MOS",
    "петербург": "RU-SPE",
    "ленобласть": "RU-LEN",
    "кубань": "RU-KDA",
    "ставрополье": "RU-STA",
    "приморье": "RU-PRI",
    "кузбасс": "RU-KEM",
    "башкирия": "RU-BA",
    "татария": "RU-TA",
    "чечня": "RU-CE",
    "чувашия": "RU-CU",
    "удмуртия": "RU-UD",
    "якутия": "RU-SA",
    "осетия": "RU-SE",
    "югра": "RU-KHM",
    "кабардино-балкария": "RU-KB",
    "карачаево-черкесия": "RU-KC",
    # Regional capitals and large cities the bulletins name ("над Белгородом").
    "белгород": "RU-BEL",
    "курск": "RU-KRS",
    "брянск": "RU-BRY",
    "воронеж": "RU-VOR",
    "орёл": "RU-ORL",
    "тула": "RU-TUL",
    "калуга": "RU-KLU",
    "смоленск": "RU-SMO",
    "липецк": "RU-LIP",
    "тамбов": "RU-TAM",
    "рязань": "RU-RYA",
    "ростов-на-дону": "RU-ROS",
    "таганрог": "RU-ROS",
    "саратов": "RU-SAR",
    "энгельс": "RU-SAR",
    "волгоград": "RU-VGG",
    "краснодар": "RU-KDA",
    "новороссийск": "RU-KDA",
    "туапсе": "RU-KDA",
    "симферополь": "UA-43",
    "феодосия": "UA-43",
    "казань": "RU-TA",
    "уфа": "RU-BA",
    "самара": "RU-SAM",
    "пермь": "RU-PER",
    "ярославль": "RU-YAR",
    "псков": "RU-PSK",
    "тверь": "RU-TVE",
    "астрахань": "RU-AST",
}


@cache
def load_regions(path: Path = TABLE) -> dict[str, Region]:
    from ingest.importers.series import read_reference

    columns = ("iso_code", "name_en", "name_ru", "name_uk", "country", "kind", "lat", "lon")
    return {
        row["iso_code"]: Region(
            iso_code=row["iso_code"],
            name_en=row["name_en"],
            name_ru=row["name_ru"],
            name_uk=row["name_uk"],
            country=row["country"],
            kind=row["kind"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
        )
        for row in read_reference(path, columns)
    }


def _name_words(name_ru: str) -> list[str]:
    cleaned = name_ru.replace("—", " ").replace("(", " ").replace(")", " ")
    return [word for word in cleaned.split() if word]


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """Every lemma pymorphy3 offers for a word (ё kept as written by the dictionary)."""
    lowered = word.lower()
    seen: list[str] = []
    for parse in morph().parse(lowered):
        if parse.normal_form not in seen:
            seen.append(parse.normal_form)
    if lowered not in seen:
        seen.append(lowered)
    return tuple(seen)


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for region in load_regions().values():
        for word in _name_words(region.name_ru):
            lemma = lemmas(word)[0]
            if lemma not in _GENERIC:
                index.setdefault(lemma, region.iso_code)
    for key, iso in _ALIASES.items():
        index.setdefault(key, iso)
    return index


def _normal(lemma: str) -> str:
    return lemma.replace("ё", "е")


@cache
def _folded_index() -> dict[str, str]:
    return {_normal(key): iso for key, iso in _index().items()}


def region_for_word(word: str) -> Region | None:
    """The region a single word names ("Саратовской", "Крыму", "Татарстана"), or None."""
    index = _folded_index()
    for lemma in lemmas(word):
        iso = index.get(_normal(lemma))
        if iso is not None:
            return load_regions()[iso]
    if "-" in word:
        # "Осетия-Алания", "Северная Осетия-Алания": any part may carry the name
        for part in word.split("-"):
            if len(part) > 2 and (region := region_for_word(part)) is not None:
                return region
    return None


def region_for_prefix(fragment: str, *, min_length: int = 4) -> Region | None:
    """The one region whose distinctive word starts with a cut-off `fragment`.

    A snippet cut at its character limit can end mid-name ("Орловс", "Татарс");
    only an unambiguous prefix of at least `min_length` letters is accepted.
    """
    fragment = _normal(fragment.lower())
    if len(fragment) < min_length:
        return None
    found = {iso for key, iso in _folded_index().items() if key.startswith(fragment)}
    if len(found) != 1:
        return None
    return load_regions()[found.pop()]


def by_name_en(name_en: str) -> Region | None:
    for region in load_regions().values():
        if region.name_en == name_en:
            return region
    return None
