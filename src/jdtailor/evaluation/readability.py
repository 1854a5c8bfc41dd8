"""A small Flesch-Kincaid grade, used when the lint package offers none.

Syllables are counted with a vowel-group heuristic (silent final e, -le, -ed
endings): good to a grade or so on posting prose, with no dictionary download.
"""

from __future__ import annotations

import re

__all__ = ["count_syllables", "reading_grade"]

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n")
_VOWELS = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    w = word.lower().removesuffix("'s")
    if len(w) <= 3:
        return 1
    n = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and n > 1:
        n -= 1
    return max(n, 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text`` (0.0 for text with no words)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    syllables = sum(count_syllables(w) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(max(grade, 0.0), 1)
