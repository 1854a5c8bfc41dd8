"""The generic text toolkit: words, stems, sentences, likeness and BM25.

One home for each: retrieval, the drafters, refine, corpus check, lint and the
eval scorers import these instead of writing their own regex.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any, cast

__all__ = [
    "STOPWORDS",
    "BM25",
    "article",
    "as_sentence",
    "bm25_scores",
    "plural",
    "lazy",
    "restates",
    "split_sentences",
    "stem",
    "tokenize",
    "word_count",
]


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    """A regex compiled on first use: patterns a run never needs cost nothing."""

    # Once compiled, the pattern's methods sit in these slots, so a call costs what it
    # costs on the pattern itself (lint calls them hundreds of thousands of times).
    __slots__ = ("_args", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:  # only for names not set in a slot yet
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
            for method in _METHODS:
                setattr(self, method, getattr(self._compiled, method))
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` deferred to the first match (``draft`` imports lint on every run)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
STOPWORDS = frozenset(
    """a an and are as at be been by for from has have in into is it its of on or our
    that the their them they this to was we were what when where which who will with
    you your us can all any each more most other some such than then there these those
    also about over under per via within across who whom how why not no new make""".split()
)


@lru_cache(maxsize=65536)  # a few thousand distinct words, stemmed millions of times
def stem(word: str) -> str:
    for suffix in ("ingly", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied",
                   "ers", "er", "ed", "es", "ly", "s"):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def tokenize(text: str) -> list[str]:
    """Lower-case, drop stop words, light suffix stemming."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def restates(a: str, b: str, threshold: float = 0.6) -> bool:
    """Whether one text mostly restates the other: the share of the shorter text's
    words that the other also uses reaches ``threshold``."""
    ta, tb = set(tokenize(a)), set(tokenize(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= threshold


def bm25_scores(
    query: Counter[str], docs: list[list[str]], k1: float = 1.2, b: float = 0.75
) -> list[float]:
    """Okapi BM25 of each tokenized doc against a weighted query."""
    n = len(docs)
    if n == 0:
        return []
    avgdl = sum(len(d) for d in docs) / n or 1.0
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    scores: list[float] = []
    for d in docs:
        tf = Counter(d)
        norm = k1 * (1 - b + b * len(d) / avgdl)
        s = 0.0
        for term, weight in query.items():
            f = tf.get(term)
            if f:
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                s += weight * idf * f * (k1 + 1) / (f + norm)
        scores.append(s)
    return scores


class BM25:
    """``bm25_scores`` over a fixed set of docs, indexed once for many queries."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.n = len(docs)
        avgdl = sum(len(d) for d in docs) / (self.n or 1) or 1.0
        self.norm = [k1 * (1 - b + b * len(d) / avgdl) for d in docs]
        self.k1 = k1
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, d in enumerate(docs):
            for term, f in Counter(d).items():
                self.postings.setdefault(term, []).append((i, f))

    def scores(self, query: Counter[str]) -> list[float]:
        out = [0.0] * self.n
        for term, weight in query.items():
            hits = self.postings.get(term)
            if not hits:
                continue
            df = len(hits)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            for i, f in hits:
                out[i] += weight * idf * f * (self.k1 + 1) / (f + self.norm[i])
        return out


# A sentence ends at . ! or ? (after any closing quote or bracket) before a capital,
# a digit or an opening quote; a line break always ends one.
_SENTENCE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z0-9\"'(\[])|\n+")
_READER_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%$€£-]*")


def split_sentences(text: str | None) -> list[str]:
    """The sentences of ``text``, each ending in . ! or ? (one is added where missing)."""
    if not text:
        return []
    parts = [p.strip() for p in _SENTENCE.split(text.strip())]
    return [p if p[-1] in ".!?" else p + "." for p in parts if p]


def word_count(text: str) -> int:
    """Words as a reader counts them: "$95,000", "B2B" and "don't" are one word each."""
    return len(_READER_WORD.findall(text))


# Words that start with a vowel letter but a consonant sound, and the reverse.
_YOU_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ubiq", "ur")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


# Abbreviations read as the word they stand for: "a Sr. Accountant" is "a Senior".
_SPOKEN = {"sr": "senior", "jr": "junior", "asst": "assistant", "mgr": "manager",
           "sup": "supervisor", "dir": "director", "tech": "technician"}  # fmt: skip
# Capitals read letter by letter ("an RN", "an LPN", "an HVAC tech", "a CNA", "a UX lead")
# whose first letter's name starts with a vowel sound.
_LETTER_AN = frozenset("AEFHILMNORSX")
# All-capital words read as words, not letters.
_SAID_AS_WORDS = frozenset({"SOC", "NASA", "OSHA", "SWAT", "UNICEF", "NATO", "SCUBA", "RAM", "ROM"})


def article(word: str) -> str:
    """ "a" or "an" for the phrase that follows, by its sound: "an entry-level", "a
    senior", "an hourly", "a user", "an RN", "an LPN", "a CNA", "a Sr. Accountant"."""
    first = word.strip().split(maxsplit=1)[0] if word.strip() else ""
    bare = first.strip("\"'(").rstrip(".,;:)")
    if not bare:
        return "a"
    spoken = _SPOKEN.get(bare.lower())
    if spoken:
        return article(spoken)
    head = bare.split("-")[0].split("/")[0].replace("&", "")  # "F&B" is said F, B
    if (
        len(head) >= 2
        and head.isupper()
        and head.isalpha()
        and head not in _SAID_AS_WORDS
        and len(head) <= 5
    ):
        return "an" if head[0] in _LETTER_AN else "a"
    if len(head) == 1 and head.isalpha() and head.isupper() and bare[1:2] in ("-", ""):
        return "an" if head in _LETTER_AN else "a"  # "an X-ray tech", "a B-shift"
    low = word.strip().lower()
    if low.startswith(_SILENT_H):
        return "an"
    if low.startswith(_YOU_SOUND):
        return "a"
    if low[0].isdigit():
        return "an" if low.startswith(("8", "11", "18")) else "a"
    return "an" if low[0] in "aeiou" else "a"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``; ``many`` for irregular plurals (``family``)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def as_sentence(text: str) -> str:
    """A phrase the company wrote as a bullet sentence: capital first, full stop last."""
    text = text.strip().rstrip(";,")
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."
