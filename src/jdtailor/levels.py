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

from .text import lazy

__all__ = [
    "DEGREE",
    "LEVELS",
    "LEVEL_YEARS",
    "SENIORITY_WORDS",
    "NUMBER_WORDS",
    "TITLE_LEVEL_WORDS",
    "YEARS",
    "YEARS_FIGURE",
    "allows_years",
    "asks_degree",
    "levels_for_years",
    "max_years",
    "mentions_years",
    "min_years",
    "seniority_level",
    "title_level",
    "title_level_word",
    "years_asked",
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


def _level_words(title: str, job: str | None = None) -> list[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    # Words of the job's own name are no level: a "Funeral Director" runs no team, a
    # "Clinical Research Coordinator" is no entry rank (``job``: the family's title).
    own = set(re.findall(r"[a-z0-9]+", job.lower())) if job else set()
    out = []
    for i, word in enumerate(words):
        if word not in _TITLE_WORD_LEVEL or word in own:
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


def title_level(title: str, job: str | None = None) -> str | None:
    """The level a word in the title names ("Senior" -> senior), lead words first;
    words of ``job`` (the family's own title) do not count."""
    words = set(_level_words(title, job))
    for level, markers in TITLE_LEVEL_WORDS:
        if words & set(markers):
            return level
    return None


NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen".split()
    )
}
# "5+ years", "3-5 years", "five (5) years", "2 or more years": any number of years.
# Whitespace in these patterns is a single optional space: callers collapse runs of
# whitespace first (``_squeeze``), so no two adjacent ``\s*`` can backtrack over a long
# run of spaces (a 5,000-space line took a second, 50,000 minutes).
_N_YEARS = (
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r") ?(?:\+|plus|or more)? ?"
    r"(?:(?:-|–|to) ?\d{1,2} ?\+? ?)?(?:\(\d+\) ?)?years?\b(?:'|’)?"
)
_SPACES = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text)


YEARS_FIGURE = lazy(_N_YEARS, re.IGNORECASE)
# Years of experience asked for: the figure, then a word that makes it experience ("of",
# "in", "experience", a verb in -ing) rather than a deadline or an age ("within 2 years",
# "10 years ago"). "5+ years of", "3-5 years' experience", "five (5) years managing".
YEARS = lazy(_N_YEARS + r"(?: (?:of|experience|in|at|with|as|on|[a-z]+ing)\b)", re.IGNORECASE)
# A degree or diploma asked for ("bachelor's", "MBA", "Ph.D", "college degree").
DEGREE = lazy(
    r"\b(bachelor'?s?|master'?s|mba|ph\.?\s?d|doctorate|diploma|b\.?sc|b\.s\.|b\.a\."
    r"|(?:college |university )?degree|graduate of)(?!\w)",
    re.IGNORECASE,
)


def years_asked(text: str) -> list[tuple[int, str]]:
    """(fewest years, phrase) for each "N+ years of ..." in ``text``."""
    out = []
    squeezed = _squeeze(text)
    for m in YEARS.finditer(squeezed):
        if squeezed[m.end() : m.end() + 4].lower() == " age":
            continue  # "21 years of age" is an age, not experience
        raw = m.group(1).lower()
        out.append((int(raw) if raw.isdigit() else NUMBER_WORDS[raw], m.group(0).strip()))
    return out


def mentions_years(text: str) -> bool:
    """Whether ``text`` states any number of years ("in two of the last three years")."""
    return YEARS_FIGURE.search(_squeeze(text)) is not None


def asks_degree(text: str) -> str | None:
    """The degree ``text`` asks for, as written, or None."""
    m = DEGREE.search(text)
    return m.group(0) if m else None


def allows_years(level: str | None, years: int) -> bool:
    """Whether a posting at ``level`` may ask for ``years`` (mid: at most 4)."""
    ceiling = max_years(level)
    return ceiling is None or years <= ceiling


def levels_for_years(years: int) -> list[str]:
    """The two lowest levels that may ask for ``years`` (3 years: mid and senior)."""
    return [lv for lv in LEVELS if allows_years(lv, years)][:2]
