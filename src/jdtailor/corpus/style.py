"""The corpus writing standard, as far as a machine can check it, one item at a time.

Each rule returns ``(severity, code, message)`` tuples; ``corpus_check`` adds the
file and the item id. Errors break the writing standard in corpus/README.md;
warnings are worth a human look (a word the verb list does not know, a work noun
that shares a stem with a gender-coded word, a capitalised word that may be a name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..levels import allows_years, years_asked
from ..lint.inclusion import cliches as lint_cliches
from ..lint.words import filler as lint_filler  # corpus check flags what `jdtailor lint` flags
from ..lint.words import gender_coded as lint_gender_coded
from ..posting import MAX_BULLET_WORDS
from ..text import word_count
from . import PLACEHOLDERS, CorpusItem, placeholders_in
from .words import (
    ACTION_VERBS,
    BRAND_NAMES,
    CLICHES,
    COMPANY_SUFFIXES,
    FILLER,
    GENDER_CODED,
    KNOWN_PROPER,
    NOT_VERBS,
)

__all__ = ["MAX_WORDS", "MIN_WORDS", "Issue", "item_issues"]

Issue = tuple[str, str, str]  # (severity, code, message)

MIN_WORDS, MAX_WORDS = 5, MAX_BULLET_WORDS
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _first_word(text: str) -> str:
    word = text.split()[0] if text.split() else ""
    return word.strip(".,;:!?\"'()").lower()


# {customers} is filled with a plural noun phrase for people or organisations
# ("commercial and industrial energy buyers"), {product} with a name or "our product".
_PLACEHOLDER_MISUSE = (
    (re.compile(r"\b(?:at|a|an|each|every|one)\s+\{customers\}", re.I),
     "{customers} is a plural group of people; 'at/a/each {customers}' will not read well"),
    (re.compile(r"\{customers\}'"),
     "{customers} cannot take a possessive; rephrase ('the goals of {customers}')"),
    (re.compile(r"\b(?:a|an|the|our|your)\s+\{product\}", re.I),
     "{product} already carries its article ('our product'); drop the word before it"),
    (re.compile(r"\{product\}(?:s\b|')"),
     "{product} cannot take a plural or possessive; rephrase"),
)  # fmt: skip


def _placeholder_issues(item: CorpusItem) -> Iterator[Issue]:
    for pattern, message in _PLACEHOLDER_MISUSE:
        if pattern.search(item.text):
            yield "error", "placeholder", message
    for name in placeholders_in(item.text):
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            yield "error", "placeholder", f"unknown placeholder {{{name}}}; use one of {known}"
        elif name == "years":
            if item.kind != "qualification":
                yield "error", "placeholder", "{years} belongs in qualifications only"
            elif "{years}+ year" not in item.text:
                yield "error", "placeholder", "write {years} as '{years}+ years'"
    rest = re.sub(r"\{[^{}]*\}", "", item.text)
    if "{" in rest or "}" in rest:
        yield "error", "placeholder", "unbalanced brace; placeholders look like {customers}"


def _shape_issues(item: CorpusItem) -> Iterator[Issue]:
    text = item.text.strip()
    n = word_count(text)
    if n < MIN_WORDS or n > MAX_WORDS:
        yield "error", "length", f"{n} words; items have {MIN_WORDS}-{MAX_WORDS} words"
    if not text.endswith("."):
        yield "error", "full-stop", "end the item with a full stop"
    if re.search(r"[.!?]\s+[A-Z]", text.rstrip(".")):
        yield "error", "one-sentence", "one sentence per item; split it into two items"
    if text[:1].islower():
        yield "error", "capital", "start the item with a capital letter"


def _verb_issues(item: CorpusItem) -> Iterator[Issue]:
    if item.kind != "duty":
        return
    first = _first_word(item.text)
    if first in ACTION_VERBS:
        return
    if first in NOT_VERBS or first.endswith(("ing", "ly", "tion", "ment")) or first[:1] == "{":
        yield "error", "verb-first", f"start the duty with an action verb, not {first!r}"
    elif first.endswith("s") and first[:-1] in ACTION_VERBS:
        yield "error", "verb-first", f"use the imperative: {first[:-1]!r}, not {first!r}"
    else:
        yield "warning", "verb-first", f"{first!r} is not in the action-verb list; is it a verb?"


_FILLER_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in FILLER) + r")(?![\w-])", re.IGNORECASE
)
_CLICHE_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in CLICHES) + r")(?![\w-])", re.IGNORECASE
)


_ANY_WORD = re.compile(r"[a-z0-9]+")


def _first_words(phrases: Iterable[str]) -> frozenset[str]:
    """Each phrase's first word as ``_ANY_WORD`` splits it ("can't" -> "can")."""
    return frozenset(_ANY_WORD.findall(p.lower())[0] for p in phrases)


_FILLER_FIRST, _CLICHE_FIRST = _first_words(FILLER), _first_words(CLICHES)


def _phrase_issues(item: CorpusItem) -> Iterator[Issue]:
    # The corpus lists are searched with one alternation each; most items hold none of
    # their first words, and a set lookup is cheaper than the regex.
    words = set(_ANY_WORD.findall(item.text.lower()))
    found = lint_filler(item.text)
    if not _FILLER_FIRST.isdisjoint(words):
        found += [m.group(0) for m in _FILLER_RE.finditer(item.text)]
    if found:
        yield "error", "filler", f"filler {found[0]!r}; say what the person can show instead"
    cliches = lint_cliches(item.text)
    if not _CLICHE_FIRST.isdisjoint(words):
        cliches += [m.group(0) for m in _CLICHE_RE.finditer(item.text)]
    if cliches:
        yield "error", "cliche", f"cliché {cliches[0]!r}; describe the work instead"


def _gender_issues(item: CorpusItem) -> Iterator[Issue]:
    coded = [word for word, _ in lint_gender_coded(item.text)]
    coded += [w for w in _WORD_RE.findall(item.text) if w.lower() in GENDER_CODED]
    coded = list(dict.fromkeys(w.lower() for w in coded))
    strong = [w for w in coded if w in GENDER_CODED]
    if strong:
        yield "error", "gender-coded", f"gender-coded {', '.join(strong)}; describe the work"
    work = [w for w in coded if w not in GENDER_CODED]
    if work:
        yield "warning", "gender-coded", f"shares a gender-coded stem: {', '.join(work)}"


def _years_issues(item: CorpusItem) -> Iterator[Issue]:
    if "year" not in item.text.lower():
        return
    for years, phrase in years_asked(item.text):
        too_many = [lv for lv in item.levels if not allows_years(lv, years)]
        if too_many:
            yield (
                "error",
                "years-level",
                f"'{phrase}' does not fit level {', '.join(too_many)}; "
                "use {years}+ years or drop those levels",
            )


def _name_issues(item: CorpusItem) -> Iterator[Issue]:
    tokens = item.text.split()
    for tok in tokens:
        word = tok.strip(",;:()\"'")
        if word in COMPANY_SUFFIXES:
            yield "error", "company-name", f"{word!r} marks a company name; keep names out"
            return
        word = word.rstrip(".")
        if word[:1].isupper() and word.lower() in BRAND_NAMES:
            yield "error", "company-name", f"brand name {word!r}; name the kind of tool instead"
            return
    for i, tok in enumerate(tokens[1:], start=1):
        word = tok.strip(".,;:()\"'")
        if not word[:1].isupper() or word.isupper() or word.lower() in KNOWN_PROPER:
            continue
        if not any(c.islower() for c in word[1:]) or tokens[i - 1].endswith((".", ":")):
            continue  # acronyms such as SaaS-free forms, or a new clause
        if sum(c.isupper() for c in word) > 1:
            continue  # mixed-case acronyms: PhD, SaaS, DevOps
        yield "warning", "proper-noun", f"{word!r} is capitalised; if it is a name, drop it"
        return


def item_issues(item: CorpusItem) -> list[Issue]:
    """Every writing-standard issue with one item."""
    issues: list[Issue] = []
    for rule in (
        _placeholder_issues,
        _shape_issues,
        _verb_issues,
        _phrase_issues,
        _gender_issues,
        _years_issues,
        _name_issues,
    ):
        issues.extend(rule(item))
    return issues
