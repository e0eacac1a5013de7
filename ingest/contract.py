"""The extraction contract, version 1, as pydantic models.

This module is the single source of truth for what an extractor may hand to the
warehouse (see README "Extraction contract"). The JSON Schema shipped in
``schema/extraction-record.v1.json`` is generated from these models by
``python -m ingest.schema`` and a test fails when it is stale.

Models forbid unknown fields: a misspelt field name is a contract break that a
person should see in the quarantine, not data that silently disappears.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    model_validator,
)

SCHEMA_VERSION = "1"


class DatePrecision(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class PlacePrecision(StrEnum):
    facility = "facility"
    city = "city"
    region = "region"
    country = "country"


class Weapon(StrEnum):
    drone = "drone"
    recon_drone = "recon_drone"
    missile = "missile"
    ballistic_missile = "ballistic_missile"
    cruise_missile = "cruise_missile"
    guided_rocket = "guided_rocket"
    glide_bomb = "glide_bomb"
    artillery = "artillery"
    unknown = "unknown"


class TargetType(StrEnum):
    oil_refinery = "oil_refinery"
    fuel_depot = "fuel_depot"
    oil_terminal = "oil_terminal"
    gas_facility = "gas_facility"
    power_plant = "power_plant"
    energy_grid = "energy_grid"
    chemical_plant = "chemical_plant"
    weapons_plant = "weapons_plant"
    industrial = "industrial"
    warehouse = "warehouse"
    ammunition_depot = "ammunition_depot"
    airfield = "airfield"
    air_defense = "air_defense"
    military_base = "military_base"
    port = "port"
    rail = "rail"
    residential = "residential"
    civilian = "civilian"
    government = "government"
    other = "other"
    unknown = "unknown"


class Outcome(StrEnum):
    destroyed = "destroyed"
    damaged = "damaged"
    fire = "fire"
    no_damage = "no_damage"
    unknown = "unknown"


class VisitKind(StrEnum):
    diplomatic = "diplomatic"
    site_inspection = "site_inspection"
    military = "military"
    other = "other"


# ISO 3166-1 alpha-2, upper case ("ua" is accepted and stored as "UA"). The pattern is
# checked on the value as given, then pydantic-core upper-cases it (no Python call).
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True),
    Field(description="ISO 3166-1 alpha-2 code, e.g. UA, RU"),
]
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256, lower-case hex")]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]
Count = Annotated[NonNegativeInt, Field(le=10_000_000)]


class ContractModel(BaseModel):
    # strict: a count given as "12" (a string) is a contract break, not a number.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Article(ContractModel):
    """The article (or series row, or post) the claims were read from."""

    article_id: ShortText = Field(
        description="Stable id: sha256 of the normalised text, or of the url (see article_id_for)."
    )
    url: str | None = None
    outlet: ShortText | None = Field(default=None, description="Publisher, e.g. 'RFE/RL'.")
    title: str | None = Field(default=None, max_length=2000)
    published_at: dt.date | dt.datetime | None = Field(
        default=None, description="ISO date or datetime; anchors relative dates."
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")] | None = None
    text_sha256: Sha256Hex = Field(description="sha256 of the article text as given, UTF-8.")
    text: str | None = Field(
        default=None,
        description="Full text; when present, evidence offsets are checked against it.",
    )

    @model_validator(mode="after")
    def _text_matches_hash(self) -> Article:
        if self.text is not None and text_sha256(self.text) != self.text_sha256:
            raise ValueError("text_sha256 is not the sha256 of article.text")
        return self


class Extractor(ContractModel):
    name: ShortText = Field(description="Who made the claims, e.g. 'rules', 'human', 'gpt-x'.")
    version: ShortText


class Claimant(ContractModel):
    """Who made the claim; null on the claim when the outlet speaks in its own voice."""

    name: ShortText | None = None
    role: ShortText | None = None
    side: CountryCode | None = Field(
        default=None, description="ISO alpha-2 of the side the speaker belongs to."
    )


class Evidence(ContractModel):
    text: Annotated[str, Field(min_length=1, max_length=20_000)]
    start: NonNegativeInt
    end: NonNegativeInt

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"end - start is {self.end - self.start} but evidence.text has "
                f"{len(self.text)} characters"
            )
        return self


class Place(ContractModel):
    name: ShortText
    admin1: ShortText | None = Field(default=None, description="e.g. 'Saratov Oblast'.")
    country: CountryCode | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    precision: PlacePrecision

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Claim(ContractModel):
    claim_id: ShortText = Field(description="Stable hash of article_id, claim kind, evidence span.")
    date: dt.date | None = Field(description="When the event happened (not the publication date).")
    date_precision: DatePrecision
    claimed_by: Claimant | None = None
    evidence: Evidence


class Target(ContractModel):
    name: ShortText | None = None
    type: TargetType


class StrikeClaim(Claim):
    attacker: CountryCode | None
    weapon: Weapon
    place: Place | None
    target: Target
    target_count: Count | None = None
    outcome: Outcome
    killed: Count | None = None
    injured: Count | None = None


class RegionCount(ContractModel):
    name: ShortText
    count: Count | None = None


class InterceptionClaim(Claim):
    attacker: CountryCode | None
    defender: CountryCode | None
    weapon: Weapon
    weapon_model: ShortText | None = None
    launched: Count | None = None
    intercepted: Count | None = None
    lost: Count | None = None
    window_start: AwareDatetime | None = None
    window_end: AwareDatetime | None = None
    regions: list[RegionCount] = Field(default_factory=list)
    regions_complete: bool = True

    @model_validator(mode="after")
    def _window_ordered(self) -> InterceptionClaim:
        if self.window_start and self.window_end and self.window_end < self.window_start:
            raise ValueError("window_end is before window_start")
        return self


class Visitor(ContractModel):
    name: ShortText
    role: ShortText | None = None
    country: CountryCode | None = None


class VisitClaim(Claim):
    visitor: Visitor
    destination: Place
    kind: VisitKind
    announced: bool | None = None
    topics: list[ShortText] = Field(default_factory=list)


class ExtractionRecord(ContractModel):
    """One article and every claim an extractor read from it."""

    schema_version: Literal["1"]
    article: Article
    extractor: Extractor
    extracted_at: AwareDatetime
    strikes: list[StrikeClaim] = Field(default_factory=list)
    interceptions: list[InterceptionClaim] = Field(default_factory=list)
    visits: list[VisitClaim] = Field(default_factory=list)

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="ExtractionRecord",
        json_schema_extra={"$id": "https://example.invalid/airwar/extraction-record.v1.json"},
    )

    def claims(self) -> list[tuple[str, Claim]]:
        """Every claim with its kind, in document order of the lists."""
        return (
            [("strike", claim) for claim in self.strikes]
            + [("interception", claim) for claim in self.interceptions]
            + [("visit", claim) for claim in self.visits]
        )


# --------------------------------------------------------------------------- helpers
def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """NFC, unified line ends, collapsed whitespace: two copies of one article hash alike."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split())


def article_id_for(text: str | None = None, url: str | None = None) -> str:
    """The contract's stable article id: sha256 of the url if known, else of the normalised text."""
    if url:
        return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()
    if text is None:
        raise ValueError("an article id needs the text or the url")
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def claim_id_for(article_id: str, kind: str, start: int, end: int, discriminator: str = "") -> str:
    """Stable claim id from article, kind and evidence span.

    ``discriminator`` separates several claims read from one span (e.g. "43 missiles
    and 74 drones" gives a missile and a drone claim from one sentence).
    """
    key = f"{article_id}|{kind}|{start}|{end}|{discriminator}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
