"""Generic filler offered as qualifications ("team player", "detail-oriented")."""

from __future__ import annotations

from ._base import Check, finding
from .model import Finding
from .words import FILLER


def check(c: Check) -> list[Finding]:
    findings: list[Finding] = []
    qualification_lines = {s.line for s in c.doc.requirements + c.doc.nice_to_haves}
    for span, text in c.having(FILLER):
        for _, phrase in FILLER.find(text):
            as_qualification = span.line in qualification_lines
            findings.append(
                finding(
                    "filler/generic",
                    "warning" if as_qualification else "info",
                    f"'{phrase}' is generic filler"
                    + (" listed as a qualification" if as_qualification else ""),
                    text=phrase,
                    line=span.line,
                    suggestion="replace it with something a candidate could show evidence of "
                    "(e.g. 'has written client-facing reports')",
                )
            )
    return findings
