"""Sums of money and figures as people write them: the one parser.

``$95k``, ``€55,000``, ``1.2m``, ``72000 USD``, ``$72k–$95k`` all go through here:
the salary parser (context), lint's pay and fabrication rules, and grounding's
money-in-the-prose check read them the same way.

    >>> amount("95", "k"), amount("55,000"), amount("1.2", "m")
    (95000.0, 55000.0, 1200000.0)
    >>> [m.group(0) for m in sums_of_money("From $72k to 95,000 USD a year")]
    ['$72k', '95,000 USD']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import lazy

__all__ = [
    "AMOUNT",
    "CURRENCY_SIGNS",
    "FIGURE",
    "MONEY",
    "PERIOD_WORDS",
    "amount",
    "figure_key",
    "figures",
    "range_amounts",
    "sums_of_money",
]

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_SIGNS = "".join(CURRENCY_SIGNS)
# Words after a figure that make it a sum of money ("95,000 USD", "40 dollars").
_MONEY_WORDS = "USD|EUR|GBP|CAD|AUD|dollars|euros"  # not "pounds": "lift 25 pounds"
_SCALE = {"k": 1e3, "m": 1e6}

PERIOD_WORDS = {
    "hour": "hour", "hr": "hour", "hourly": "hour", "h": "hour",
    "day": "day", "daily": "day",
    "week": "week", "wk": "week", "weekly": "week",
    "month": "month", "mo": "month", "monthly": "month",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "annual": "year",
    "y": "year", "a": "year",
}  # fmt: skip

# A figure with an optional currency sign and thousands/millions suffix; groups:
# sign, number, suffix. ("$ 72k", "55,000", "1.2m")
AMOUNT = rf"([{_SIGNS}])?\s*(\d[\d,]*(?:\.\d+)?)\s*([kKmM](?![a-zA-Z]))?"
# A sum of money in prose: a currency sign before the figure, or a currency word after.
# A figure starts where no digit, letter or comma is before it: tried from inside "1,1,1,..."
# it would scan the rest of the run again at every digit (quadratic).
MONEY = (
    rf"(?:[{_SIGNS}]\s?\d[\d,]*(?:\.\d+)?\s?(?:[kKmM](?![a-zA-Z]))?"
    rf"|(?<![\w,])\d[\d,]*(?:\.\d+)?\s?[kKmM]?\s?(?:{_MONEY_WORDS})\b)"
)
_MONEY_RE = lazy(MONEY)
# Any figure a reader could check: "$72k", "30", "4%", "1.2m".
FIGURE = lazy(rf"(?<![\w.])[{_SIGNS}]?\d[\d,]*(?:\.\d+)?\s?(?:[kKmM](?![a-zA-Z])|%)?")
_NUMBER = lazy(r"(\d[\d,]*(?:\.\d+)?)\s?([kKmM](?![a-zA-Z]))?")


def amount(number: str, suffix: str | None = None) -> float:
    """``number`` ("55,000", "1.2") times its suffix ("k" thousand, "m" million)."""
    value = float(number.replace(",", ""))
    return value * _SCALE.get((suffix or "").lower(), 1.0)


def sums_of_money(text: str) -> Iterator[re.Match[str]]:
    """Each sum of money written in ``text`` ("$95k", "€55,000", "40,000 USD")."""
    return _MONEY_RE.finditer(text)


def figures(text: str, *, unscaled: bool = False) -> list[float]:
    """Every number in ``text`` with its suffix applied ("250k" is 250,000); with
    ``unscaled``, the bare number too (250), for matching however the context wrote it."""
    out: list[float] = []
    for number, suffix in _NUMBER.findall(text):
        try:
            value = float(number.replace(",", ""))
        except ValueError:  # "1,2.,3" and the like
            continue
        out.append(amount(number, suffix))
        if unscaled and suffix:
            out.append(value)
    return out


def range_amounts(text: str) -> list[float]:
    """The figures of a pay range; a suffix on the upper figure applies to the lower one
    too ("$63-133K" is 63,000 to 133,000)."""
    values = figures(text)
    last = text.rstrip()[-1:].lower()
    if len(values) >= 2 and values[0] < 1000 <= values[1] and last in _SCALE:
        values[0] *= _SCALE[last]
    return values


def figure_key(raw: str) -> str:
    """A figure reduced to comparable form: "$72k" and "72,000" both become "72000"."""
    s = raw.strip().lstrip(_SIGNS).replace(",", "").replace(" ", "").rstrip("%")
    suffix = s[-1:].lower() if s[-1:].lower() in _SCALE else ""
    try:
        value = amount(s[: len(s) - len(suffix)], suffix)
    except ValueError:
        return raw
    return f"{value:g}" if value < 1e15 else raw
