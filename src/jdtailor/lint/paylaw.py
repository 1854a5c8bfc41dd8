"""US pay-transparency laws for job postings, and which one a location falls under."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LAWS", "PayLaw", "laws_for"]


@dataclass(frozen=True)
class PayLaw:
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

_NYC = re.compile(
    r"\b(new york city|nyc|manhattan|brooklyn|queens|bronx|staten island|"
    r"new york,\s*(?:ny|new york)\b)",
    re.IGNORECASE,
)
_DC = re.compile(r"washington,?\s*(?:d\.?\s?c\.?|district of columbia)", re.IGNORECASE)
_NAMES = {
    "CO": r"colorado",
    "CA": r"california",
    "WA": r"washington state|washington(?!\s*,?\s*d\.?\s?c)",
    "NY": r"new york state|new york",
    "IL": r"illinois",
    "MN": r"minnesota",
    "NJ": r"new jersey",
    "VT": r"vermont",
}
_NAME_RE = {code: re.compile(rf"\b(?:{name})\b", re.IGNORECASE) for code, name in _NAMES.items()}
_CODE_RE = {code: re.compile(rf"(?:^|,|\s)\s*{code}\b(?!\.)") for code in _NAMES}


def laws_for(location: str | None) -> list[PayLaw]:
    """The pay-transparency laws a posting for ``location`` falls under (most specific first)."""
    if not location or not location.strip():
        return []
    text = _DC.sub(" ", location)
    found: list[str] = []
    if _NYC.search(text):
        found += ["NYC", "NY"]
    for code in _NAMES:
        if code in found:
            continue
        if _NAME_RE[code].search(text) or _CODE_RE[code].search(text):
            found.append(code)
    return [LAWS[code] for code in found]
