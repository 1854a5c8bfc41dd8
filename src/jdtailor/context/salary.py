"""Pay ranges as people write them: ``72000-95000 USD/year``, ``$72k–$95k``,
``€55,000 to €65,000 per year``, ``19-23 USD/hour``, or a front-matter mapping."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .. import money
from ..errors import ContextError, field_problems
from ..posting import PERIODS, Pay
from ..reading.clean import shown
from ..text import lazy

__all__ = ["SALARY_FORMS", "parse_salary"]

SALARY_FORMS = (
    "72000-95000 USD/year",
    "$72k-$95k",
    "€55,000 to €65,000 per year",
    "19-23 USD/hour",
)


_AMOUNT = money.AMOUNT
# compiled on first use: most contexts give pay as a mapping in the front matter
_SALARY_RE = lazy(
    r"^\s*(?:([A-Za-z]{3})\s+)?" + _AMOUNT
    + r"(?:\s*(?:-|–|—|to)\s*" + _AMOUNT + r")?"
    + r"\s*(?:([A-Za-z]{3})\b)?"
    + r"\s*(?:(?:/\s*|(?:per|an|a|each)\s+)([A-Za-z]+)"
    + r"|(hourly|annually|monthly|weekly|daily|annual))?\s*$"
)  # fmt: skip


def _salary_error(value: object, where: str, why: str) -> ContextError:
    forms = "; ".join(f'"{f}"' for f in SALARY_FORMS)
    fix = f"write it like {forms}"
    return ContextError(
        f"{where}: cannot read salary {shown(value)} ({why}); {fix}",
        file=where,
        place="salary",
        fix=fix,
    )


def parse_salary(value: Any, where: str = "--salary") -> Pay:
    """Parse ``72000-95000 USD/year``, ``$72k–$95k``, ``€55,000 to €65,000 per year``..."""
    if isinstance(value, dict):
        data = dict(value)
        data.setdefault("period", "year")
        if "currency" in data and isinstance(data["currency"], str):
            data["currency"] = money.CURRENCY_SIGNS.get(data["currency"], data["currency"]).upper()
        if "period" in data and isinstance(data["period"], str):
            data["period"] = money.PERIOD_WORDS.get(data["period"].lower(), data["period"].lower())
        if "max" not in data and "min" in data:
            data["max"] = data["min"]
        try:
            return Pay.model_validate(data)
        except ValidationError as exc:
            first = field_problems(exc)[0]
            loc, msg = first.place, first.message
            hint = f"salary needs min, max, currency and period ({', '.join(PERIODS)})"
            raise ContextError(
                f"{where}: salary {loc + ': ' if loc else ''}{msg}; {hint}"
            ) from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _salary_error(str(value), where, "no currency")
    if not isinstance(value, str):
        raise _salary_error(value, where, "not text")
    if len(value) > 120:
        raise _salary_error(value, where, "too long for a pay range")
    # one space between words: the pattern's optional parts never share a run of spaces
    m = _SALARY_RE.match(" ".join(value.split()))
    if not m:
        raise _salary_error(value, where, "not a pay range")
    code1, sign1, num1, k1, sign2, num2, k2, code2, period_word, period_adverb = m.groups()
    codes = {c.upper() for c in (code1, code2) if c}
    signs = {money.CURRENCY_SIGNS[s] for s in (sign1, sign2) if s}
    currencies = codes | signs
    if not currencies:
        raise _salary_error(value, where, "no currency")
    if len(currencies) > 1:
        raise _salary_error(value, where, "two currencies")
    period = "year"
    word = (period_word or period_adverb or "").lower()
    if word:
        if word not in money.PERIOD_WORDS:
            raise _salary_error(value, where, f"unknown period {word!r}")
        period = money.PERIOD_WORDS[word]
    low = money.amount(num1, k1)
    # "$72-95k": a k on the upper bound applies to both
    high = money.amount(num2, k2) if num2 else low
    if num2 and k2 and not k1 and low < 1000 <= high:
        low *= money.amount("1", k2)
    if low > high:
        raise ContextError(
            f"{where}: minimum pay {low:,.0f} is above maximum {high:,.0f}; "
            "put the lower figure first"
        )
    return Pay(min=low, max=high, currency=currencies.pop(), period=period)  # type: ignore[arg-type]
