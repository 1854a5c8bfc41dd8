"""How a posting states pay: a range, a single figure, or open-ended ("up to $90k")."""

from __future__ import annotations

import re

from ..money import MONEY, figures, range_amounts
from .words import lazy

__all__ = ["PAY_LABEL", "PayStatement", "find_pay", "states_money"]


class PayStatement:
    """How the posting states pay: ``range``, ``single`` or ``open`` (``up to``...)."""

    __slots__ = ("amounts", "kind", "line", "text")

    def __init__(self, kind: str, text: str, line: int, amounts: list[float]) -> None:
        self.kind = kind
        self.text = text
        self.line = line
        self.amounts = amounts

    def __repr__(self) -> str:
        return f"PayStatement({self.kind!r}, {self.text!r}, line={self.line}, {self.amounts})"


_MONEY_RE = lazy(MONEY)
_RANGE_RE = lazy(
    MONEY + r"\s*(?:-|–|—|to|and)\s*(?:[$€£¥₹]\s?)?\d[\d,]*(?:\.\d+)?\s?(?:[kKmM](?![a-zA-Z]))?",
    re.IGNORECASE,
)
# "$15 per hour to $19 per hour": each end carries its period
_RANGE_PER_RE = lazy(
    MONEY + r" ?(?: (?:per|an|a) (?:hour|year|month|week)|/ ?(?:hr|hour|yr|year)\.?) "
    r"(?:to|-|–|—) " + MONEY,
    re.IGNORECASE,
)
# "Salary range $34,490 $58,143": a labelled range with no dash between its ends
_RANGE_LABEL_RE = lazy(r"\b(?:pay|salary|wage) range\b", re.IGNORECASE)
_OPEN_RE = lazy(
    r"\b(up to|as much as|starting (at|from)|from|at least|minimum of|min\.?|over)\s+" + MONEY
    + r"|" + MONEY + r"\s*\+(?!\s*(?:tips|gratuit|commission))",
    re.IGNORECASE,
)  # fmt: skip
_PAY_CUE = lazy(
    r"\b(pay|paid|salary|salaries|compensation|wages?|base|OTE|earn(ing)?s?|rate|"
    r"per (hour|year|annum|month|week|day|shift|mile)|an? (hour|year|month|week|day|shift)|"
    r"/\s?(hr|hour|year|yr)|hourly|annually|"
    r"annual|USD|EUR|GBP|CAD)\b",
    re.IGNORECASE,
)
_NOT_PAY_CUE = lazy(
    r"\b(budget|stipend|allowance|training|conference|bonus of|match|reimburs|revenue|"
    r"worth|deals?|quota|contracts?|pipeline|portfolio|book of|negotiat|sales of|raised|"
    r"million|billion|funding|funded|grants?|investors?|investment|valuation|series [a-e])\b",
    re.IGNORECASE,
)
PAY_LABEL = lazy(r"\W*(pay|salary|compensation|base pay|pay range|wage)\b", re.I)


def states_money(text: str) -> bool:
    """Whether ``text`` writes a sum of money ("$95k", "40,000 USD")."""
    return _MONEY_RE.search(text) is not None


def find_pay(text: str, line: int) -> PayStatement | None:
    """The pay stated in one line of text, if it states pay."""
    if not _MONEY_RE.search(text) or not _PAY_CUE.search(text):
        return None
    if _NOT_PAY_CUE.search(text) and not re.search(
        r"\b(pay|salary|compensation|wage)\b", text, re.IGNORECASE
    ):
        return None
    m = _RANGE_PER_RE.search(text)
    if m and len(set(figures(m.group(0)))) == 2:
        return PayStatement("range", m.group(0), line, figures(m.group(0)))
    m = _RANGE_RE.search(text)
    if m:
        amounts = range_amounts(m.group(0))
        if len(amounts) >= 2 and amounts[0] != amounts[1]:
            return PayStatement("range", m.group(0), line, amounts)
        return PayStatement("single", m.group(0), line, amounts[:1])
    if _RANGE_LABEL_RE.search(text):
        ends = [figures(m.group(0))[0] for m in _MONEY_RE.finditer(text)][:2]
        if len(ends) == 2 and ends[0] < ends[1]:
            return PayStatement("range", text.strip(), line, ends)
    m = _OPEN_RE.search(text)
    if m:
        return PayStatement("open", m.group(0), line, figures(m.group(0)))
    m = _MONEY_RE.search(text)
    assert m is not None
    return PayStatement("single", m.group(0), line, figures(m.group(0)))
