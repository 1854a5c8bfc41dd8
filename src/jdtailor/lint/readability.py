"""Length and readability: word count, Flesch-Kincaid grade, long bullets, third person.

The grade uses our own syllable counter rather than textstat: textstat 0.7.8 loads
its CMU pronouncing dictionary on first use (about 0.7 s on this machine), which
the draft path cannot afford, and textstat >= 0.7.9 needs a download. A vowel-group
counter with the usual English corrections, and the CMU counts of a few common
words it would miss, lands within a few tenths of a grade on average
(tests/test_lint_layouts.py checks it against textstat).
"""

from __future__ import annotations

import functools

from ..posting import LENGTH_WORDS, MAX_BULLET_WORDS
from ..text import word_count
from ._base import Check, finding
from .model import Finding
from .words import Phrases, lazy

__all__ = ["MAX_BULLET_WORDS", "MAX_GRADE", "WORDS", "check", "fk_grade", "syllables"]

WORDS = LENGTH_WORDS
MAX_GRADE = 10.0

_WORD = lazy(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE = lazy(r"[.!?]+(?=\s|$|[A-Z][a-z])")
_URL = lazy(r"(?<!\S)(?:\S+://\S+|[^\s@]+@[^\s@]+\.\S+)")  # from a word's start only
_VOWELS = lazy(r"[aeiouy]+")
_SILENT_E = lazy(r"[^aeiouy]e$")
_LE = lazy(r"[^aeiouy]le$")
_ED = lazy(r"[^aeiouytd]ed$")
_ES = lazy(r"[^aeiouy](?<![csxzg]h)(?<![csxzg])(?<![^aeiouy]l)es$")
# vowel pairs read as two syllables: "media", "video", "player", "trying", "annual",
# "prior", "idea", "doing"; "-ire" is two ("hire", "required")
_EXTRA = lazy(
    r"(?:(?<![ctsg])ia|iu|(?<=[dgnr])eo|ii|ying|uo|[aeiou]y[aeiou]|(?<![qg])ua"
    r"|(?<![tscxgln])io|(?<=[dr])eas?$|[oe]ing$|ire[ds]?$|^crea|(?<!c)ien)"
)
# an "e" that is silent inside a word: "management", "remotely", "pipelines"
_INNER_E = lazy(
    r"(?:(?<=[aeiouy][^aeiouyl])e(?=ments?$)|(?<=[aeiouy][^aeiouy])e"
    r"(?=(?:ly|ness|ful|less|lines?|works?|zones?|times?|ware|where|ways?|sides?|like)$))"
)
# common words the rules above miss, as the CMU pronouncing dictionary has them
_WORDS = {
    "our": 2, "ours": 2, "hour": 2, "hours": 2, "any": 2, "anyone": 3, "anything": 3,
    "anybody": 4, "every": 3, "everyone": 3, "everything": 3, "everybody": 4,
    "business": 2, "businesses": 3, "people": 2, "interest": 2, "interested": 3,
    "interesting": 3, "science": 2, "sciences": 3, "being": 2, "create": 2,
}  # fmt: skip


def syllables(word: str) -> int:
    """Syllables in one English word, by vowel groups with common corrections."""
    return _syllables(word.lower().strip("'’-"))


@functools.lru_cache(maxsize=4096)  # postings repeat their words: 1 MB reads in half the time
def _syllables(w: str) -> int:
    if not w:
        return 0
    if w in _WORDS:
        return _WORDS[w]
    if len(w) <= 3:
        return 1
    if "-" in w:
        return sum(_syllables(part) for part in w.split("-") if part)
    count = len(_VOWELS.findall(w))
    if _SILENT_E.search(w) and not _LE.search(w):
        count -= 1
    if _ED.search(w) or _ES.search(w):
        count -= 1
    count += len(_EXTRA.findall(w)) - len(_INNER_E.findall(w))
    return max(1, count)


def fk_grade(pieces: list[str]) -> tuple[float, int]:
    """Flesch-Kincaid grade over ``pieces`` (each piece ends a sentence) and the word count."""
    words = sentences = syl = 0
    for piece in pieces:
        if "://" in piece or "@" in piece:  # what every address _URL blanks holds
            piece = _URL.sub(" ", piece)
        tokens = _WORD.findall(piece)
        if not tokens:
            continue
        words += len(tokens)
        sentences += max(1, len(_SENTENCE.findall(piece.rstrip() + ".")))
        syl += sum(syllables(t) for t in tokens)
    if not words:
        return 0.0, 0
    grade = 0.39 * words / sentences + 11.8 * syl / words - 15.59
    return round(grade, 1), words


_THIRD = Phrases(
    "the ideal|successful|right|perfect|selected candidate|applicant|person|individual",
    "the candidate will|must|should|is",
    "candidates|applicant|applicants must|should|will",
    "the employee|incumbent|jobholder|hire will|must|should|is",
    "he_or_she|he_she|s_he|his_her|his_or_her",
)


def check(c: Check) -> tuple[list[Finding], int, float]:
    doc = c.doc
    findings: list[Finding] = []
    body = doc.body()
    pieces = [s.text for s in body]
    grade, _ = fk_grade(pieces)
    total = word_count(" ".join(pieces + ([doc.title.text] if doc.title else [])))
    lo, hi = WORDS
    if not lo <= total <= hi:
        findings.append(
            finding(
                "readability/length",
                "warning",
                f"{total} words; postings of {lo}-{hi} words perform best",
                suggestion="cut generic duties and repeated phrases"
                if total > hi
                else "add why you are hiring, what success looks like and the benefits",
            )
        )
    if grade > MAX_GRADE:
        findings.append(
            finding(
                "readability/grade",
                "warning",
                f"reading grade {grade:g} (Flesch-Kincaid); aim for {MAX_GRADE:g} or lower, "
                "ideally about 8",
                suggestion="use shorter sentences and plainer words",
            )
        )
    for _, span in doc.bullets():
        n = word_count(span.text)
        if n > MAX_BULLET_WORDS:
            findings.append(
                finding(
                    "readability/long-bullet",
                    "warning",
                    f"bullet of {n} words; keep bullets under {MAX_BULLET_WORDS}",
                    span=span,
                    suggestion="split it in two or cut the qualifiers",
                )
            )
    for span in body:
        for _, phrase in _THIRD.find(span.text):
            findings.append(
                finding(
                    "readability/third-person",
                    "info",
                    f"'{phrase}' talks about the reader in the third person",
                    text=phrase,
                    line=span.line,
                    suggestion="address the reader as 'you'",
                )
            )
    return findings, total, grade
