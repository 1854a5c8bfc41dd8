"""Gender-coded wording (Gaucher et al. stems) with gender-decoder's verdict scale."""

from __future__ import annotations

from ._base import Check, finding
from .model import Finding
from .words import NEUTRAL_ALTERNATIVES, gender_coded_spans, gender_verdict


def check(c: Check) -> list[Finding]:
    findings: list[Finding] = []
    masculine: list[str] = []
    feminine: list[str] = []
    for span in c.doc.body():
        for _, word, coding, stem in gender_coded_spans(c.masked(span)):
            if coding == "feminine":
                feminine.append(word.lower())
                continue
            masculine.append(word.lower())
            alt = NEUTRAL_ALTERNATIVES.get(stem)
            findings.append(
                finding(
                    "gender/masculine-word",
                    "info",
                    f"'{word}' is masculine-coded (Gaucher et al. 2011)",
                    text=word,
                    line=span.line,
                    suggestion=(
                        f"consider: {alt}" if alt else "describe the work or the outcome instead"
                    ),
                )
            )
    verdict = gender_verdict(len(masculine), len(feminine))
    if verdict != "neutral":
        words = ", ".join(sorted(set(masculine)) + sorted(set(feminine)))
        strongly_masc = verdict == "strongly masculine-coded"
        findings.append(
            finding(
                "gender/verdict",
                "warning" if strongly_masc else "info",
                f"wording is {verdict} ({len(masculine)} masculine-, "
                f"{len(feminine)} feminine-coded words: {words})",
                suggestion=(
                    "replace trait words with what the person will do; strongly masculine ads "
                    "drew fewer applications from women"
                    if verdict.endswith("masculine-coded")
                    else "fine to keep; feminine-coded wording does not deter applicants"
                ),
            )
        )
    return findings
