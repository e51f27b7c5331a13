"""Country names, aliases and ISO 3166-1 codes: 'Lao PDR', 'Laos' and 'LA' are one country."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

# Names used in the field that ISO 3166-1 (as pycountry has it) does not spell this way.
ALIASES: dict[str, str] = {
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Republic of the Congo": "CG",
    "Congo-Brazzaville": "CG",
    "Lao PDR": "LA",
    "Laos": "LA",
    "The Gambia": "GM",
    "Sao Tome & Principe": "ST",
    "São Tomé and Príncipe": "ST",
    "Bosnia & Herzegovina": "BA",
    "Bosnia": "BA",
    "United States of America": "US",
    "USA": "US",
    "US": "US",
    "United Kingdom": "GB",
    "UK": "GB",
    "Great Britain": "GB",
    "Russia": "RU",
    "Russian Federation": "RU",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "DPRK": "KP",
    "Vietnam": "VN",
    "Iran": "IR",
    "Syria": "SY",
    "Tanzania": "TZ",
    "Micronesia": "FM",
    "Federated States of Micronesia": "FM",
    "Palestine": "PS",
    "State of Palestine": "PS",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Brunei": "BN",
    "Brunei Darussalam": "BN",
    "Cape Verde": "CV",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "FYR Macedonia": "MK",
    "Burma": "MM",
    "Czech Republic": "CZ",
    "Holy See": "VA",
    "Vatican": "VA",
    "Moldova": "MD",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "East Timor": "TL",
    "Timor Leste": "TL",
    "Kosovo": "XK",
    "Taiwan": "TW",
}

# Not in ISO 3166-1 but reported on by the Landmine and Cluster Munition Monitor ("other areas").
EXTRA_AREAS: dict[str, tuple[str, str]] = {"XK": ("XKX", "Kosovo")}


@dataclass(frozen=True, order=True)
class Country:
    name: str  # the short, common name: "Laos", not "Lao People's Democratic Republic"
    code: str  # ISO 3166-1 alpha-2
    alpha3: str


def normalise(name: str) -> str:
    """Fold case, accents, '&' and a leading 'the' so that spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text.removeprefix("the ")


@cache
def _index() -> tuple[dict[str, Country], dict[str, Country]]:
    """(normalised name or alias -> country, code -> country)."""
    import pycountry  # imported here: only commands that touch countries pay for it

    by_code: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    for c in pycountry.countries:
        country = Country(getattr(c, "common_name", None) or c.name, c.alpha_2, c.alpha_3)
        by_code[c.alpha_2] = by_code[c.alpha_3] = country
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                by_name.setdefault(normalise(n), country)
    for code, (alpha3, name) in EXTRA_AREAS.items():
        by_code[code] = by_code[alpha3] = Country(name, code, alpha3)
    for alias, code in ALIASES.items():
        by_name[normalise(alias)] = by_code[code]
    return by_name, by_code


@lru_cache(maxsize=4096)  # plans repeat the same few dozen names thousands of times
def resolve(name: str) -> Country | None:
    """The country a name, alias or ISO code (alpha-2 or alpha-3) stands for, or None."""
    by_name, by_code = _index()
    stripped = name.strip()
    if stripped.upper() in by_code and (stripped.isupper() or len(stripped) <= 3):
        return by_code[stripped.upper()]
    return by_name.get(normalise(stripped))


@cache
def _spellings() -> dict[str, str]:
    """Normalised spelling -> the spelling to suggest: the field's aliases and the short names."""
    by_name, _ = _index()
    spellings = {normalise(a): a for a in ALIASES}
    for c in {c.name: c for c in by_name.values()}.values():
        spellings.setdefault(normalise(c.name), c.name)
    return spellings


@lru_cache(maxsize=4096)
def suggest(name: str) -> str | None:
    """The closest known spelling, for a 'did you mean' hint."""
    spellings = _spellings()
    match = difflib.get_close_matches(normalise(name)[:100], list(spellings), n=1, cutoff=0.75)
    return spellings[match[0]] if match else None
