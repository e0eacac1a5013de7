"""Officials that news names by surname alone ("Zelensky said", "Putin visited ...").

Public facts, written for this project: full name, the role that news gives with the
name, and the country the person speaks for (ISO 3166 alpha-2; international bodies
have none). Spellings news uses for the same surname are aliases. Keep the table to
people who appear in coverage of the air war; a surname that is also a common word
or place would do harm here.
"""

from __future__ import annotations

import re

from ingest.extractors.rules.fastre import fast

# (full name, role, country, surnames as written in news)
OFFICIALS: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    ("Volodymyr Zelensky", "President", "UA", ("Zelensky", "Zelenskyy", "Zelenskiy")),
    ("Denys Shmyhal", "Defence Minister", "UA", ("Shmyhal",)),
    ("Yulia Svyrydenko", "Prime Minister", "UA", ("Svyrydenko",)),
    ("Andrii Sybiha", "Foreign Minister", "UA", ("Sybiha",)),
    ("Rustem Umerov", "National Security Council Secretary", "UA", ("Umerov",)),
    ("Oleksandr Syrskyi", "Commander-in-Chief", "UA", ("Syrskyi", "Syrsky")),
    ("Kyrylo Budanov", "head of military intelligence", "UA", ("Budanov",)),
    ("Andriy Yermak", "head of the Presidential Office", "UA", ("Yermak",)),
    ("Vitali Klitschko", "Mayor", "UA", ("Klitschko",)),
    ("Yuriy Ihnat", "Air Force spokesman", "UA", ("Ihnat",)),
    ("Vladimir Putin", "President", "RU", ("Putin",)),
    ("Dmitry Peskov", "Kremlin spokesman", "RU", ("Peskov",)),
    ("Sergei Lavrov", "Foreign Minister", "RU", ("Lavrov",)),
    ("Maria Zakharova", "Foreign Ministry spokeswoman", "RU", ("Zakharova",)),
    ("Andrei Belousov", "Defence Minister", "RU", ("Belousov",)),
    ("Sergei Shoigu", "Security Council Secretary", "RU", ("Shoigu",)),
    ("Valery Gerasimov", "Chief of the General Staff", "RU", ("Gerasimov",)),
    ("Sergei Sobyanin", "Mayor", "RU", ("Sobyanin",)),
    ("Alexander Lukashenko", "President", "BY", ("Lukashenko",)),
    ("Donald Trump", "President", "US", ("Trump",)),
    ("Emmanuel Macron", "President", "FR", ("Macron",)),
    ("Friedrich Merz", "Chancellor", "DE", ("Merz",)),
    ("Olaf Scholz", "Chancellor", "DE", ("Scholz",)),
    ("Keir Starmer", "Prime Minister", "GB", ("Starmer",)),
    ("Donald Tusk", "Prime Minister", "PL", ("Tusk",)),
    ("Recep Tayyip Erdogan", "President", "TR", ("Erdogan",)),
    ("Mark Rutte", "NATO Secretary General", None, ("Rutte",)),
    ("Ursula von der Leyen", "European Commission President", None, ("von der Leyen",)),
    ("Antonio Guterres", "UN Secretary-General", None, ("Guterres",)),
)

_BY_SURNAME = {
    surname: (name, role, country)
    for name, role, country, surnames in OFFICIALS
    for surname in surnames
}
# Capitalised whole words only: "trump" the verb is not the president
SURNAME_RE = fast(
    re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, _BY_SURNAME), key=len, reverse=True)) + r")\b"
    )
)


def official(surname: str) -> tuple[str, str, str | None] | None:
    """(full name, role, country) of an official news names by this surname."""
    return _BY_SURNAME.get(surname)
