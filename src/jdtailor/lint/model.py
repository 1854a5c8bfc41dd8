"""``Finding`` and ``LintReport``: what lint says, and the score a user tracks."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["FAMILIES", "SEVERITIES", "FamilyScore", "Finding", "LintReport", "Severity", "score"]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

# family -> (label, weight out of 100). Fabrication only counts with a context;
# without one the other families are scaled up to 100.
FAMILIES: dict[str, tuple[str, int]] = {
    "gender": ("Gender-coded wording", 10),
    "inclusion": ("Exclusionary language", 15),
    "requirements": ("Requirements bloat", 15),
    "filler": ("Generic filler", 10),
    "structure": ("Structure and pay", 20),
    "readability": ("Length and readability", 10),
    "title": ("Title", 5),
    "fabrication": ("Fabrication", 15),
}
# share of a family's weight one finding costs
_COST = {"error": 1.0, "warning": 0.25, "info": 0.05}


class Finding(BaseModel):
    """One thing lint noticed, where, and what to do about it."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    family: str
    severity: Severity
    message: str
    text: str | None = None
    line: int | None = None
    suggestion: str | None = None


class FamilyScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    family: str
    label: str
    score: float
    max: int
    findings: int


class LintReport(BaseModel):
    """Findings sorted by line, a 0-100 score and its breakdown by rule family."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = None
    findings: list[Finding]
    score: int
    breakdown: list[FamilyScore]
    words: int
    grade: float | None = None

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def at_least(self, severity: str) -> list[Finding]:
        """Findings as severe as ``severity`` or more."""
        rank = SEVERITIES.index(severity)
        return [f for f in self.findings if SEVERITIES.index(f.severity) <= rank]

    def summary(self) -> str:
        """One line: score and counts, e.g. ``lint 82/100: 1 error, 3 warnings, 2 info``."""
        parts = []
        for sev in SEVERITIES:
            n = self.count(sev)
            if n:
                noun = sev if sev == "info" or n == 1 else sev + "s"
                parts.append(f"{n} {noun}")
        return f"lint {self.score}/100: " + (", ".join(parts) if parts else "no findings")


def score(findings: list[Finding], *, with_context: bool) -> tuple[int, list[FamilyScore]]:
    """Each family loses a share of its weight per finding (error 100%, warning 25%, info 5%)."""
    families = [f for f in FAMILIES if with_context or f != "fabrication"]
    total_weight = sum(FAMILIES[f][1] for f in families)
    breakdown: list[FamilyScore] = []
    total = 0.0
    for family in families:
        label, weight = FAMILIES[family]
        mine = [f for f in findings if f.family == family]
        lost = min(1.0, sum(_COST[f.severity] for f in mine))
        got = weight * (1.0 - lost)
        total += got
        breakdown.append(
            FamilyScore(
                family=family, label=label, score=round(got, 1), max=weight, findings=len(mine)
            )
        )
    return round(100 * total / total_weight), breakdown
