"""US pay-transparency laws for job postings, and which one a location falls under."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["LAWS", "PayLaw", "laws_for"]

from .words import lazy


class PayLaw(NamedTuple):
    jurisdiction: str
    since: str
    employers: str
    requires: str
    benefits: bool  # the posting must also describe benefits


LAWS: dict[str, PayLaw] = {
    "CO": PayLaw("Colorado", "2021-01-01", "1 or more", "a pay range and a general description "
                 "of benefits and bonuses", True),
    "NYC": PayLaw("New York City", "2022-11-01", "4 or more", "a good-faith minimum and "
                  "maximum (no open-ended range)", False),
    "CA": PayLaw("California", "2023-01-01", "15 or more", "the pay scale", False),
    "WA": PayLaw("Washington", "2023-01-01", "15 or more", "a minimum-maximum range and a "
                 "description of benefits and other pay", True),
    "NY": PayLaw("New York State", "2023-09-17", "4 or more", "a pay range", False),
    "IL": PayLaw("Illinois", "2025-01-01", "15 or more", "a pay range and a description of "
                 "benefits", True),
    "MN": PayLaw("Minnesota", "2025-01-01", "30 or more", "a pay range and a description of "
                 "benefits", True),
    "NJ": PayLaw("New Jersey", "2025-06-01", "10 or more", "a pay range and a description of "
                 "benefits", True),
    "VT": PayLaw("Vermont", "2025-07-01", "5 or more", "a minimum and maximum, and whether pay "
                 "is commission- or tip-based", False),
}  # fmt: skip

_NYC = lazy(
    r"\b(new york city|nyc|manhattan|brooklyn|queens|bronx|staten island|"
    r"new york,\s*(?:ny|new york)\b)",
    re.IGNORECASE,
)
_DC = lazy(r"washington,?\s*(?:d\.?\s?c\.?|district of columbia)", re.IGNORECASE)
_NAMES = lazy(
    r"\b(colorado|california|washington state|washington(?!\s*(?:,\s*)?d\.?\s?c)|"
    r"new york state|new york|illinois|minnesota|new jersey|vermont|"
    r"san francisco|los angeles|san diego|san jose|oakland|sacramento|palo alto|mountain view|"
    r"sunnyvale|berkeley|seattle|bellevue|redmond|tacoma|spokane|denver|boulder|"
    r"colorado springs|chicago|evanston|minneapolis|saint paul|st\.? paul|jersey city|"
    r"hoboken|burlington, vt)\b",
    re.IGNORECASE,
)
_NAME_CODE = {
    "colorado": "CO", "california": "CA", "washington state": "WA", "washington": "WA",
    "new york state": "NY", "new york": "NY", "illinois": "IL", "minnesota": "MN",
    "new jersey": "NJ", "vermont": "VT",
    # cities a posting often names without their state
    "san francisco": "CA", "los angeles": "CA", "san diego": "CA", "san jose": "CA",
    "oakland": "CA", "sacramento": "CA", "palo alto": "CA", "mountain view": "CA",
    "sunnyvale": "CA", "berkeley": "CA", "seattle": "WA", "bellevue": "WA", "redmond": "WA",
    "tacoma": "WA", "spokane": "WA", "denver": "CO", "boulder": "CO", "colorado springs": "CO",
    "chicago": "IL", "evanston": "IL", "minneapolis": "MN", "saint paul": "MN",
    "st paul": "MN", "st. paul": "MN", "jersey city": "NJ", "hoboken": "NJ",
    "burlington, vt": "VT",
}  # fmt: skip
# a run of spaces is entered at its first character only, so it is scanned once
_CODES = lazy(r"(?:^|,|(?<!\s)\s)\s*(CO|CA|WA|NY|IL|MN|NJ|VT)\b(?!\.)")


def laws_for(location: str | None) -> list[PayLaw]:
    """The pay-transparency laws a posting for ``location`` falls under (most specific first)."""
    if not location or not location.strip():
        return []
    text = _DC.sub(" ", location)
    found: list[str] = []
    if _NYC.search(text):
        found += ["NYC", "NY"]
    for m in _NAMES.finditer(text):
        found.append(_NAME_CODE[" ".join(m.group(1).lower().split())])
    found += _CODES.findall(text)
    return [LAWS[code] for code in dict.fromkeys(found)]
