"""The one output contract: ``JobPosting`` and its parts.

The same model is the schema sent to a model (OpenAI strict structured outputs:
every field required, ``None`` instead of optional, no defaults, no dicts) and the
shape every renderer reads. Length limits are not in the schema; ``shape_problems``
checks them locally so a model can be re-asked with the exact complaint.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

from .money import CURRENCY_SIGNS
from .text import plural, split_sentences

__all__ = [
    "LENGTH_WORDS",
    "LIMITS",
    "MAX_BULLET_WORDS",
    "MAX_SOURCES",
    "OWN_WORDS_MINIMUMS",
    "PERIODS",
    "Bullet",
    "JobPosting",
    "Pay",
    "count_sentences",
    "format_pay",
    "read_pay",
    "shape_problems",
]

Period = Literal["hour", "day", "week", "month", "year"]
PERIODS: tuple[str, ...] = ("hour", "day", "week", "month", "year")
Workplace = Literal["onsite", "hybrid", "remote"]

# section -> (min, max) bullets; summary is counted in sentences.
LIMITS: dict[str, tuple[int, int]] = {
    "summary": (2, 4),
    "responsibilities": (4, 8),
    "requirements": (3, 7),
    "nice_to_haves": (0, 5),
    "success": (0, 6),
}
# words in the whole posting that perform best (Textio), and the most in one bullet
LENGTH_WORDS = (300, 700)
MAX_BULLET_WORDS = 30
MAX_SOURCES = 4  # sources one bullet may cite

CURRENCY_SYMBOLS = {code: sign for sign, code in CURRENCY_SIGNS.items()} | {"CAD": "CA$"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Bullet(_Strict):
    """One responsibility or qualification and where it came from."""

    text: str
    sources: list[str]


class Pay(_Strict):
    """A pay range as the context states it."""

    min: float = Field(allow_inf_nan=False)
    max: float = Field(allow_inf_nan=False)
    currency: str
    period: Period

    @model_validator(mode="after")
    def _ordered(self) -> Pay:
        if self.min < 0 or self.max < 0:
            raise ValueError("pay cannot be negative")
        if self.min > self.max:
            raise ValueError(f"minimum pay {self.min:g} is above maximum {self.max:g}")
        return self

    @field_serializer("min", "max")
    def _whole(self, value: float) -> float | int:
        return int(value) if float(value).is_integer() else value


class JobPosting(_Strict):
    """A complete posting. Every bullet cites corpus ids or ``context:<field>``."""

    title: str
    company: str
    location: str | None
    workplace: Workplace | None
    employment_type: str | None
    summary: str
    responsibilities: list[Bullet]
    requirements: list[Bullet]
    nice_to_haves: list[Bullet]
    benefits: list[str]
    pay: Pay | None
    about: str | None
    apply: str | None
    # What the company says success looks like, where its outcomes do not read as
    # duties ("In your first 90 days, ..."). Empty for most postings.
    success: list[Bullet] = Field(default_factory=list)

    def bullets(self) -> list[tuple[str, int, Bullet]]:
        """Every bullet as (section, 1-based index, bullet)."""
        return [
            (section, i, b)
            for section in ("responsibilities", "success", "requirements", "nice_to_haves")
            for i, b in enumerate(getattr(self, section), 1)
        ]


def count_sentences(text: str) -> int:
    """Sentences in one paragraph of prose; a line break inside it does not end one."""
    return len(split_sentences(" ".join(text.split())))


# When no corpus family fits the job, a posting carries only what the company wrote:
# at least one duty of its own, and its must-haves, however few.
OWN_WORDS_MINIMUMS: dict[str, int] = {"responsibilities": 1, "requirements": 0}


def shape_problems(posting: JobPosting, *, own_words_only: bool = False) -> list[str]:
    """Length limits the schema cannot express, as sentences a model can act on.

    ``own_words_only``: no corpus family fits the job, so the duty and requirement
    minimums are ``OWN_WORDS_MINIMUMS`` (nothing from another job pads the posting).
    """
    problems: list[str] = []
    lo, hi = LIMITS["summary"]
    n = count_sentences(posting.summary)
    if not lo <= n <= hi:
        problems.append(f"summary has {plural(n, 'sentence')}; write {lo}-{hi}")
    for section in ("responsibilities", "requirements", "nice_to_haves", "success"):
        lo, hi = LIMITS[section]
        if own_words_only:
            lo = OWN_WORDS_MINIMUMS.get(section, lo)
        n = len(getattr(posting, section))
        if not lo <= n <= hi:
            problems.append(f"{section} has {plural(n, 'bullet')}; give {lo}-{hi}")
    for section, i, bullet in posting.bullets():
        if not bullet.text.strip():
            problems.append(f"{section} {i} is empty")
        if not bullet.sources:
            problems.append(f"{section} {i} cites no source")
        elif len(bullet.sources) > MAX_SOURCES:
            problems.append(
                f"{section} {i} cites {len(bullet.sources)} sources; cite the 1-{MAX_SOURCES} "
                "it rests on"
            )
    if not posting.title.strip():
        problems.append("title is empty")
    return problems


def _money(value: float, currency: str) -> str:
    amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{amount}" if symbol else f"{amount} {currency.upper()}"


def format_pay(pay: Pay) -> str:
    """``$72,000–$95,000 per year``; a single figure when min equals max."""
    low = _money(pay.min, pay.currency)
    if pay.min == pay.max:
        return f"{low} per {pay.period}"
    return f"{low}–{_money(pay.max, pay.currency)} per {pay.period}"


_FORMATTED_PAY = re.compile(
    r"^(?P<s1>\D*?)(?P<lo>\d[\d,]*(?:\.\d+)?)(?: (?P<c1>[A-Z]{3}))?"
    r"(?:–(?P<s2>\D*?)(?P<hi>\d[\d,]*(?:\.\d+)?)(?: (?P<c2>[A-Z]{3}))?)? per (?P<period>\w+)$"
)


def read_pay(text: str) -> Pay | None:
    """The ``Pay`` that ``format_pay`` wrote as ``text``, or None if it is not that shape."""
    m = _FORMATTED_PAY.match(text.strip())
    if not m or m["period"] not in PERIODS:
        return None
    by_symbol = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}
    currency = by_symbol.get(m["s1"].strip()) or m["c1"] or m["c2"]
    if not currency:
        return None
    low = float(m["lo"].replace(",", ""))
    high = float(m["hi"].replace(",", "")) if m["hi"] else low
    try:
        return Pay(min=low, max=high, currency=currency, period=m["period"])  # type: ignore[arg-type]
    except ValueError:
        return None
