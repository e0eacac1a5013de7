"""Word lists the rules share: sides, weapons, targets, outcomes, roles.

Everything here is general vocabulary of English war reporting, not phrases copied
from any one article. Patterns are compiled once at import.
"""

from __future__ import annotations

import re

from ingest.extractors.rules.fastre import fast

# --------------------------------------------------------------------------- sides
# Adjective or possessive naming a country, as news writes it before a noun
# ("German Defense Minister", "Ukraine's air force"). Keys are lower-case.
DEMONYMS: dict[str, str] = {
    "ukrainian": "UA",
    "ukraine's": "UA",
    "ukraine": "UA",
    "kyiv's": "UA",
    "kiev's": "UA",
    "russian": "RU",
    "russia's": "RU",
    "russia": "RU",
    "moscow's": "RU",
    "kremlin's": "RU",
    "belarusian": "BY",
    "belarus's": "BY",
    "belarus'": "BY",
    "belarus": "BY",
    "moldovan": "MD",
    "moldova's": "MD",
    "polish": "PL",
    "poland's": "PL",
    "german": "DE",
    "germany's": "DE",
    "french": "FR",
    "france's": "FR",
    "british": "GB",
    "britain's": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "american": "US",
    "u.s.": "US",
    "us": "US",
    "america's": "US",
    "italian": "IT",
    "italy's": "IT",
    "spanish": "ES",
    "spain's": "ES",
    "dutch": "NL",
    "netherlands'": "NL",
    "belgian": "BE",
    "belgium's": "BE",
    "danish": "DK",
    "denmark's": "DK",
    "swedish": "SE",
    "sweden's": "SE",
    "norwegian": "NO",
    "norway's": "NO",
    "finnish": "FI",
    "finland's": "FI",
    "estonian": "EE",
    "estonia's": "EE",
    "latvian": "LV",
    "latvia's": "LV",
    "lithuanian": "LT",
    "lithuania's": "LT",
    "czech": "CZ",
    "slovak": "SK",
    "hungarian": "HU",
    "hungary's": "HU",
    "romanian": "RO",
    "romania's": "RO",
    "bulgarian": "BG",
    "greek": "GR",
    "turkish": "TR",
    "turkey's": "TR",
    "austrian": "AT",
    "swiss": "CH",
    "irish": "IE",
    "portuguese": "PT",
    "canadian": "CA",
    "canada's": "CA",
    "australian": "AU",
    "japanese": "JP",
    "japan's": "JP",
    "chinese": "CN",
    "china's": "CN",
    "indian": "IN",
    "india's": "IN",
    "israeli": "IL",
    "iranian": "IR",
    "iran's": "IR",
    "north korean": "KP",
    "south korean": "KR",
    "georgian": "GE",
    "georgia's": "GE",
    "croatian": "HR",
    "slovenian": "SI",
    "serbian": "RS",
    "icelandic": "IS",
    "luxembourg's": "LU",
    "kazakh": "KZ",
    "azerbaijani": "AZ",
    "armenian": "AM",
    "saudi": "SA",
}
DEMONYM_RE = fast(
    re.compile(
        r"\b(north korean|south korean|u\.s\.|u\.k\.|"
        + "|".join(
            sorted(
                (re.escape(k) for k in DEMONYMS if " " not in k and "." not in k),
                key=len,
                reverse=True,
            )
        )
        + r")(?![\w])",
        re.IGNORECASE,
    )
)

OPPONENT = {"UA": "RU", "RU": "UA"}

# --------------------------------------------------------------------------- weapons
# (pattern, weapon kind); checked in order, the first that matches a phrase wins.
WEAPON_PATTERNS: list[tuple[str, str]] = [
    # "forty ballistic and cruise missiles": one count of missiles of several kinds
    (r"(?:ballistic|cruise)(?:,? and | or )(?:ballistic|cruise) missiles", "missile"),
    (r"reconnaissance (?:drones?|uavs?)|recon(?:naissance)? uavs?|spy drones?", "recon_drone"),
    (r"ballistic missiles?|iskanders?(?:-m)?|kinzhals?|kn-23s?|atacms", "ballistic_missile"),
    (
        r"cruise missiles?|kalibrs?|kh-\d+\w*|x-\d{2,3}\w*|storm shadows?|scalp|neptunes?|"
        r"tauruses|taurus missiles?",
        "cruise_missile",
    ),
    (
        r"guided (?:aerial |air )?bombs?|glide bombs?|guided bombs?|kabs?|jdams?|"
        r"aerial bombs?",
        "glide_bomb",
    ),
    (
        r"guided rockets?|himars|mlrs|multiple rocket launchers?|grad rockets?|rockets?",
        "guided_rocket",
    ),
    (r"artillery|shelling|shelled|mortars?|shells", "artillery"),
    (
        r"drones?|uavs?|unmanned aerial vehicles?|unmanned aircraft|shaheds?|gerans?|"
        r"kamikaze drones?|loitering munitions?|one-way attack drones?|quadcopters?",
        "drone",
    ),
    # the Russian ministry's "long-range precision weapons": missiles
    (r"(?:long-range |high-)?precision(?:-guided)? (?:weapons|munitions)", "missile"),
    (r"missiles?", "missile"),
]
WEAPON_RE = fast(
    re.compile(
        r"\b(?:" + "|".join(f"(?P<w{i}>{p})" for i, (p, _) in enumerate(WEAPON_PATTERNS)) + r")\b",
        re.IGNORECASE,
    )
)


def weapon_of(match: re.Match[str]) -> str:
    # the one named group of the alternative that matched (no other group exists)
    name = match.lastgroup
    return WEAPON_PATTERNS[int(name[1:])][1] if name else "unknown"


# --------------------------------------------------------------------------- targets
# (pattern, target type), most specific first: "industrial plant ... fuel depots" is a
# fuel depot, a "chemical plant" is not a generic plant.
TARGET_PATTERNS: list[tuple[str, str]] = [
    (
        r"oil refin(?:ery|eries)|refin(?:ery|eries)|petrochemical refin\w*|"
        r"oil processing plants?",
        "oil_refinery",
    ),
    (
        r"(?:oil|crude|fuel|lng|export|gas condensate|petroleum) (?:export )?terminals?|oil ports?",
        "oil_terminal",
    ),
    # a filling station is a shop, not the gas industry
    (r"(?:gas|petrol|filling|service) stations?", "civilian"),
    (
        r"(?:fuel|oil|petroleum|gasoline|diesel)(?: storage)? (?:depots?|bases?|facilit(?:y|ies)|"
        r"storage(?: facilit(?:y|ies)| sites?)?|tanks?|reservoirs?)|"
        r"fuel and lubricants? (?:depots?|"
        r"warehouses?)|tank farms?|oil pumping stations?|pumping stations?|fuel tanks?|"
        r"oil tanks?|depots?",
        "fuel_depot",
    ),
    (
        r"gas (?:processing |compressor |pumping )?(?:plants?|stations?|facilit(?:y|ies)|"
        r"fields?|pipelines?|infrastructure|sites?)|"
        r"gas (?:production|extraction|storage) (?:facilit(?:y|ies)|sites?|assets)|"
        r"(?:underground )?gas storage|pipelines?",
        "gas_facility",
    ),
    (
        r"(?:thermal |hydroelectric |nuclear |combined heat and )?power (?:plants?|stations?)|"
        r"hydro ?power plants?|hydroelectric (?:plants?|dams?)|\bchps?\b|\btpps?\b|\bhpps?\b|"
        r"nuclear plants?|heating plants?|combined heat and power plants?",
        "power_plant",
    ),
    (
        r"(?:electrical |power |electricity )?substations?|energy infrastructure|power grid|"
        r"energy (?:facilit(?:y|ies)|grid|system|objects?)|power lines?|power (?:facilit(?:y|ies)|"
        r"infrastructure)|electricity infrastructure",
        "energy_grid",
    ),
    (
        r"chemical (?:plants?|factor(?:y|ies)|works|enterprises?|facilit(?:y|ies))|"
        r"petrochemical (?:plants?|complex(?:es)?|facilit(?:y|ies))|fertili[sz]er plants?|"
        r"explosives? (?:plants?|factor(?:y|ies))|gunpowder plants?|nitrogen plants?",
        "chemical_plant",
    ),
    (
        # the Russian ministry's "enterprises of Ukraine's military-industrial complex"
        r"(?:enterprises|facilities|plants|sites) of (?:the |Ukraine's |Russia's |the Ukrainian "
        r"|the Russian )?(?:military|defen[cs]e)[- ]industrial complex|"
        r"(?:military|defen[cs]e)[- ]industrial (?:complex|enterprises?|facilit(?:y|ies)|sites?)|"
        r"(?:weapons?|arms|defen[cs]e|military|ammunition|missile|drone|aircraft|munitions?)"
        r"(?: production| manufacturing| industry)? (?:plants?|factor(?:y|ies)|enterprises?|"
        r"facilit(?:y|ies)|sites?|works)|defen[cs]e (?:industry|industrial) (?:enterprises?|"
        r"facilit(?:y|ies)|sites?)|factories manufacturing parts for weapons",
        "weapons_plant",
    ),
    (
        r"ammunition (?:depots?|dumps?|warehouses?|stores?|storage(?: sites?)?)|arms depots?|"
        r"arsenals?|weapons? (?:depots?|stores?|storage(?: sites?)?)",
        "ammunition_depot",
    ),
    (
        r"air ?fields?|air ?bases?|air ?strips?|military airports?|aerodromes?|"
        r"air force bases?",
        "airfield",
    ),
    (
        r"air defen[cs]e (?:systems?|batter(?:y|ies)|units?|positions?|sites?|radars?)|"
        r"radar (?:stations?|sites?)|s-[34]00s?|pantsirs?|air defen[cs]es",
        "air_defense",
    ),
    (
        r"military (?:bases?|units?|facilit(?:y|ies)|targets?|infrastructure|installations?|"
        r"objects?|headquarters|command posts?)|barracks|command posts?|headquarters|"
        r"naval bases?|army bases?|warships?|ships?|landing ships?|vessels?|submarines?|"
        r"bases?",
        "military_base",
    ),
    (r"(?:sea ?)?ports?|harbou?rs?|port infrastructure|piers?|grain terminals?", "port"),
    (
        r"rail(?:way)?s?(?: (?:stations?|lines?|infrastructure|junctions?|depots?|bridges?|"
        r"tracks?|hubs?))?|train stations?|trains?|locomotives?",
        "rail",
    ),
    (
        r"(?:residential|apartment|high-rise|multi-stor(?:e)?y|multistor(?:e)?y|private|"
        r"residential and private) (?:buildings?|blocks?|houses?|homes?|complex(?:es)?)|"
        # "a nine-storey building": the match starts after the hyphen
        r"(?:stor(?:e)?y|floor) (?:residential |apartment )?(?:buildings?|blocks?)|"
        r"apartment blocks?|apartments?|houses?|homes?|dwellings?|residential (?:areas?|"
        r"districts?|neighbou?rhoods?)|private sector",
        "residential",
    ),
    (
        r"schools?|hospitals?|kindergartens?|clinics?|churche?s?|shopping (?:centers?|centres?|"
        r"malls?)|supermarkets?|markets?|cafes?|restaurants?|hotels?|universit(?:y|ies)|"
        r"stadiums?|bus(?:es)?|cars?|vehicles?|civilian (?:infrastructure|objects?|targets?|"
        r"buildings?|facilit(?:y|ies))",
        "civilian",
    ),
    (
        r"(?:administrative|government|council|city hall) buildings?|city halls?|"
        r"government (?:quarter|offices?|facilit(?:y|ies))|parliament|ministry buildings?",
        "government",
    ),
    (r"warehouses?|logistics (?:centers?|centres?|hubs?)|storage facilit(?:y|ies)", "warehouse"),
    (
        r"industrial (?:plants?|facilit(?:y|ies)|sites?|enterprises?|zones?|parks?|areas?|"
        r"objects?|infrastructure)|factor(?:y|ies)|plants?|enterprises?|steel (?:mills?|works|"
        r"plants?)|metallurgical (?:plants?|works)",
        "industrial",
    ),
]
TARGET_RE = fast(
    re.compile(
        r"\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(TARGET_PATTERNS)) + r")\b",
        re.IGNORECASE,
    )
)
# Specificity: a generic type gives way to a specific one found in the same clause.
GENERIC_TARGETS = {"industrial", "unknown", "other", "civilian", "military_base", "warehouse"}


def target_of(match: re.Match[str]) -> str:
    # the one named group of the alternative that matched (no other group exists)
    name = match.lastgroup
    return TARGET_PATTERNS[int(name[1:])][1] if name else "unknown"


# --------------------------------------------------------------------------- outcomes
OUTCOME_PATTERNS: list[tuple[str, str]] = [
    (
        r"no (?:serious |significant |major )?damage|(?:caused|causing|did not cause) no damage|"
        r"without (?:causing )?(?:any )?damage|not damaged|no destruction",
        "no_damage",
    ),
    (
        r"destroy(?:ed|ing|s)?|burn(?:ed|t) (?:down|out)|razed|levell?ed|obliterated|"
        r"wiped out|flattened",
        "destroyed",
    ),
    (r"damag(?:e|ed|es|ing)", "damaged"),
    (
        r"fires?|blaze|ablaze|burn(?:ing|ed|s)?|ignit(?:e|ed|ing)|flames?|on fire|caught fire",
        "fire",
    ),
]
OUTCOME_RE = fast(
    re.compile(
        r"\b(?:" + "|".join(f"(?P<o{i}>{p})" for i, (p, _) in enumerate(OUTCOME_PATTERNS)) + r")\b",
        re.IGNORECASE,
    )
)
OUTCOME_RANK = {"destroyed": 4, "damaged": 3, "fire": 2, "no_damage": 1, "unknown": 0}


def outcome_of(match: re.Match[str]) -> str:
    # the one named group of the alternative that matched (no other group exists)
    name = match.lastgroup
    return OUTCOME_PATTERNS[int(name[1:])][1] if name else "unknown"


# --------------------------------------------------------------------------- roles
# Titles that make a capitalised name a person ("Defense Minister Boris Pistorius").
ROLE_WORDS = (
    r"(?:deputy |vice |acting |former |prime |foreign |defen[cs]e |interior |energy |finance |"
    r"economy |chief |senior |top |regional |local |city |military |presidential |"
    r"first |state |general |district |special |personal |permanent |high )*"
    r"(?:president|prime minister|premier|chancellor|minister|secretary(?:[- ]general)?|"
    r"governor|mayor|head|chief|commander(?:[- ]in[- ]chief)?|spokesperson|spokesman|"
    r"spokeswoman|envoy|ambassador|adviser|advisor|official|officer|king|queen|pope|"
    r"director|chairman|chairwoman|chair|speaker|leader|general|admiral|colonel|lieutenant|"
    r"representative|commissioner|administrator|lawmaker|senator|deputy|mp|ombudsman|"
    r"aide|diplomat|delegation|foreign secretary|defen[cs]e secretary)"
)
ROLE_RE = fast(re.compile(rf"\b{ROLE_WORDS}\b", re.IGNORECASE))

# Words that are capitalised but never part of a person's name.
NOT_NAME_WORDS = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "on",
    "at",
    "for",
    "to",
    "with",
    "by",
    "from",
    "said",
    "says",
    "told",
    "but",
    "while",
    "as",
    "after",
    "before",
    "during",
    "over",
    "ukraine",
    "russia",
    "ukrainian",
    "russian",
    "kyiv",
    "moscow",
    "kremlin",
    "nato",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "telegram",
    "facebook",
    "x",
    "twitter",
    "reuters",
    "president",
    "minister",
    "governor",
    "mayor",
    "defense",
    "defence",
    "foreign",
    "prime",
    "chancellor",
    "secretary",
    "general",
    "head",
    "chief",
    "commander",
    "air",
    "force",
    "ministry",
    "regional",
    "local",
    "deputy",
    "german",
    "french",
    "british",
    "european",
    "union",
    "eu",
    "un",
    "u.s.",
    "us",
    "uk",
    "oblast",
    "region",
    "republic",
    "city",
    "officials",
    "authorities",
    "see",
    "also",
    "read",
    "more",
    "photo",
    "video",
    "state",
    "department",
    "council",
    "parliament",
    "army",
    "navy",
    "forces",
    "staff",
    "military",
    "service",
    "security",
    "sbu",
    "center",
    "centre",
    "among",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "it",
    "his",
    "her",
    "their",
    "its",
    "new",
    "operation",
    "command",
    "main",
    "intelligence",
    "directorate",
    "hur",
    "gur",
}
