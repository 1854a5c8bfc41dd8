"""The four levels, their years of experience, and the words that name them.

The one home of these rules: the parser, retrieval, the drafters, corpus check and
import, lint and the eval scorers all read them from here.

| level  | years | typical title words                  |
|--------|-------|--------------------------------------|
| entry  | 0–2   | Junior, Associate, Trainee, Apprentice |
| mid    | 2–4   | (none)                               |
| senior | 4–8   | Senior                               |
| lead   | 8+    | Lead, Principal, Staff, Head of      |
"""

from __future__ import annotations

import re

__all__ = [
    "LEVELS",
    "LEVEL_YEARS",
    "SENIORITY_WORDS",
    "TITLE_LEVEL_WORDS",
    "max_years",
    "min_years",
    "seniority_level",
    "title_level",
    "title_level_word",
]

LEVELS: tuple[str, ...] = ("entry", "mid", "senior", "lead")

# (fewest, most) years of experience a level asks for; None is open-ended.
LEVEL_YEARS: dict[str, tuple[int, int | None]] = {
    "entry": (0, 2),
    "mid": (2, 4),
    "senior": (4, 8),
    "lead": (8, None),
}

# What a `seniority:` value (or --seniority) may say, and the level it means.
SENIORITY_WORDS: dict[str, str] = {
    "entry": "entry", "entry-level": "entry", "junior": "entry", "jr": "entry",
    "associate": "entry", "graduate": "entry", "trainee": "entry", "apprentice": "entry",
    "intern": "entry",
    "mid": "mid", "mid-level": "mid", "intermediate": "mid", "experienced": "mid",
    "senior": "senior", "sr": "senior",
    "lead": "lead", "principal": "lead", "staff": "lead", "head": "lead",
}  # fmt: skip

# Words in a title that name a level, lead words first (a "Lead Junior..." is lead).
TITLE_LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lead", ("lead", "principal", "staff", "head", "director", "vp", "chief")),
    ("senior", ("senior", "sr")),
    ("entry", ("junior", "jr", "entry", "associate", "apprentice", "intern", "trainee",
               "graduate", "coordinator", "assistant", "helper")),
)  # fmt: skip
_TITLE_WORD_LEVEL = {word: level for level, words in TITLE_LEVEL_WORDS for word in words}


def min_years(level: str) -> int:
    """The years a qualification at ``level`` asks for: entry 1 (0 reads oddly), else the floor."""
    low = LEVEL_YEARS.get(level, (2, None))[0]
    return max(low, 1)


def max_years(level: str | None) -> int | None:
    """The most years a posting at ``level`` may ask for; None when open-ended or unknown."""
    return LEVEL_YEARS.get(level or "", (0, None))[1]


def seniority_level(value: str) -> str | None:
    """The level a seniority word names ("Sr" -> senior), or None."""
    return SENIORITY_WORDS.get(value.strip().lower().replace("_", "-").rstrip("."))


# Words that name a level only when another role word follows them: a "Medical
# Assistant", a "Sales Associate" and an "Event Coordinator" are whole jobs, an
# "Assistant Store Manager" or "Associate Product Manager" is a level of one.
_LEVEL_ONLY_BEFORE_ROLE = frozenset({"assistant", "associate", "coordinator"})
# "Staff" is a level above senior only in engineering, science and design ladders;
# a Staff Nurse, Staff Accountant or Staff Pharmacist is the ordinary job.
_STAFF_LADDERS = frozenset(
    "engineer engineering developer scientist science designer design architect researcher "
    "product software data ml sre security analyst".split()
)


def _level_words(title: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    out = []
    for i, word in enumerate(words):
        if word not in _TITLE_WORD_LEVEL:
            continue
        if word in _LEVEL_ONLY_BEFORE_ROLE and i == len(words) - 1:
            continue
        if word == "staff" and not set(words[i + 1 :]) & _STAFF_LADDERS:
            continue
        out.append(word)
    return out


def title_level_word(title: str) -> str | None:
    """The first word in ``title`` that names a level, as written in lower case."""
    found = _level_words(title)
    return found[0] if found else None


def title_level(title: str) -> str | None:
    """The level a word in the title names ("Senior" -> senior), lead words first."""
    words = set(_level_words(title))
    for level, markers in TITLE_LEVEL_WORDS:
        if words & set(markers):
            return level
    return None
