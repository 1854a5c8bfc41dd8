"""``Finding`` and ``LintReport``: what lint says, and the score a user tracks."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "FAMILIES", "SEVERITIES", "FamilyScore", "Finding", "LintReport", "Severity", "cost", "score",
]  # fmt: skip

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

# family -> (label, the most points its findings can cost). The score starts at 100
# and each finding costs points by family and severity, so one error that exposes
# the employer (discriminatory wording, an invented fact, a broken pay law) costs
# more than any number of missing nice-to-have sections. Fabrication only applies
# with a context.
FAMILIES: dict[str, tuple[str, int]] = {
    "inclusion": ("Exclusionary language", 60),
    "fabrication": ("Fabrication", 60),
    "structure": ("Structure and pay", 40),
    "requirements": ("Requirements bloat", 25),
    "gender": ("Gender-coded wording", 12),
    "title": ("Title", 12),
    "filler": ("Generic filler", 10),
    "readability": ("Length and readability", 10),
}
# points one finding costs: (error, warning, info)
_COST: dict[str, tuple[float, float, float]] = {
    "inclusion": (30, 6, 1),
    "fabrication": (30, 8, 1),
    "structure": (10, 3, 1),  # a missing section is a fault of form, not a risk
    "requirements": (15, 5, 1),
    "gender": (10, 4, 1),
    "title": (10, 4, 1),
    "filler": (8, 2, 0.5),
    "readability": (8, 3, 0.5),
}
# rules whose errors are legal exposure, whatever their family
_RULE_ERROR_COST = {"structure/pay-transparency": 25.0}


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


def cost(finding: Finding) -> float:
    """Points ``finding`` takes off the score."""
    if finding.severity == "error" and finding.rule in _RULE_ERROR_COST:
        return _RULE_ERROR_COST[finding.rule]
    error, warning, info = _COST.get(finding.family, (10, 3, 1))
    return {"error": error, "warning": warning, "info": info}[finding.severity]


def score(findings: list[Finding], *, with_context: bool) -> tuple[int, list[FamilyScore]]:
    """100 less the points each finding costs, each family capped at its maximum."""
    families = [f for f in FAMILIES if with_context or f != "fabrication"]
    breakdown: list[FamilyScore] = []
    lost_total = 0.0
    for family in families:
        label, cap = FAMILIES[family]
        mine = [f for f in findings if f.family == family]
        lost = min(float(cap), sum(cost(f) for f in mine))
        lost_total += lost
        breakdown.append(
            FamilyScore(
                family=family, label=label, score=round(cap - lost, 1), max=cap, findings=len(mine)
            )
        )
    return max(0, round(100 - lost_total)), breakdown
