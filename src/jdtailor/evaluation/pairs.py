"""Labelled posting pairs: does the eval rank the better posting of each pair higher?

A pairs file (see evals/pairs/pairs.yaml) lists, for one context each, a posting a
recruiter would pick and the edits that give the same posting a realistic fault.
Both are scored as postings written elsewhere; the agreement is the share of pairs
whose better posting scores strictly higher, overall and per fault.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError

__all__ = ["FAULTS", "PairResult", "PairRun", "load_pairs", "run_pairs"]

FAULTS = (
    "generic", "wrong-job", "dropped-outcome", "contradiction", "inflation", "invented-perk",
    "stitched-prose",
)  # fmt: skip
Fault = Literal[
    "generic", "wrong-job", "dropped-outcome", "contradiction", "inflation", "invented-perk",
    "stitched-prose",
]  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Edit(_Strict):
    """Replace text (``replace``/``with``) or the body of a section (``section``/``text``)."""

    replace: str | None = None
    with_: str | None = Field(default=None, alias="with")
    section: str | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Edit:
        if (self.replace is None) == (self.section is None):
            raise ValueError("an edit has either `replace:` and `with:`, or `section:` and `text:`")
        if self.replace is not None and self.with_ is None:
            raise ValueError("`replace:` needs `with:` (an empty string deletes)")
        if self.section is not None and self.text is None:
            raise ValueError("`section:` needs `text:`")
        return self

    def apply(self, posting: str) -> str:
        if self.replace is not None:
            if self.replace not in posting:
                raise ValueError(f"text to replace not found: {self.replace[:50]!r}")
            return posting.replace(self.replace, self.with_ or "", 1)
        lines = posting.split("\n")
        head = next(
            (i for i, line in enumerate(lines) if line.lstrip("#").strip() == self.section), None
        )
        if head is None:
            raise ValueError(f"no section {self.section!r}")
        end = next((i for i in range(head + 1, len(lines)) if lines[i].startswith("#")), len(lines))
        body = ["", *(self.text or "").rstrip("\n").split("\n"), ""]
        return "\n".join(lines[: head + 1] + body + lines[end:])


class Pair(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    context: str
    posting: str
    fault: Fault
    edits: list[Edit] = Field(min_length=1)

    def worse(self, better: str) -> str:
        for edit in self.edits:
            better = edit.apply(better)
        return better


class PairSet(_Strict):
    name: str = "labelled pairs"
    pairs: list[Pair] = Field(min_length=1)
    root: Path = Field(default=Path("."), exclude=True)


@dataclass
class PairResult:
    pair: Pair
    better: float
    worse: float
    reasons: list[str]  # the scorers that told the two apart, worst drop first

    @property
    def agrees(self) -> bool:
        return self.better > self.worse


@dataclass
class PairRun:
    name: str
    results: list[PairResult]
    seconds: float = 0.0

    @property
    def agreement(self) -> float:
        return sum(r.agrees for r in self.results) / len(self.results) if self.results else 0.0

    def by_fault(self) -> dict[str, tuple[int, int]]:
        """fault -> (pairs ranked right, pairs)."""
        out: dict[str, tuple[int, int]] = {}
        for r in self.results:
            right, n = out.get(r.pair.fault, (0, 0))
            out[r.pair.fault] = (right + r.agrees, n + 1)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "agreement": round(self.agreement, 3),
            "by_fault": {f: {"right": a, "pairs": n} for f, (a, n) in self.by_fault().items()},
            "pairs": [
                {
                    "id": r.pair.id, "fault": r.pair.fault, "better": r.better,
                    "worse": r.worse, "agrees": r.agrees, "reasons": r.reasons,
                }
                for r in self.results
            ],
        }  # fmt: skip

    def format(self) -> str:
        lines = [
            f"Labelled pairs: {sum(r.agrees for r in self.results)}/{len(self.results)} "
            f"ranked the better posting higher ({100 * self.agreement:.0f}%)"
        ]
        for fault, (right, n) in sorted(self.by_fault().items()):
            lines.append(f"  {fault:<16} {right}/{n}")
        for r in self.results:
            if not r.agrees:
                lines.append(f"  MISRANKED {r.pair.id}: better {r.better:.1f}, worse {r.worse:.1f}")
        return "\n".join(lines) + "\n"


def load_pairs(path: str | Path) -> PairSet:
    """Read a pairs file and check every posting and context exists."""
    from .suite import read_fixture_yaml

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such pairs file")
    raw = read_fixture_yaml(path, "pairs file")
    if not isinstance(raw, dict):
        raise InputError(f"{path}: a pairs file is a mapping with a `pairs:` list")
    try:
        pairs = PairSet.model_validate({**raw, "root": path.parent})
    except ValidationError as exc:
        err = exc.errors()[0]
        place = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{path}: {place}: {err['msg']}") from None
    for pair in pairs.pairs:
        for rel in (pair.context, pair.posting):
            if not (pairs.root / rel).is_file():
                raise InputError(f"{path}: pair {pair.id!r}: {rel} not found next to the file")
    return pairs


def run_pairs(pairs: PairSet, corpus: Any) -> PairRun:
    """Score both postings of every pair against its context."""
    from ..context import MAX_CONTEXT_BYTES, load_context
    from ..posting_file import read_posting_text
    from ..reading.files import read_text_file
    from .external import score_text
    from .suite import Case

    started = time.perf_counter()
    results: list[PairResult] = []
    for pair in pairs.pairs:
        path = pairs.root / pair.context
        ctx = load_context(path)
        context_text = read_text_file(path, limit=MAX_CONTEXT_BYTES, what="company.md")
        better_text = read_posting_text(pairs.root / pair.posting)[0]
        try:
            worse_text = pair.worse(better_text)
        except ValueError as exc:
            raise InputError(f"pair {pair.id!r}: {exc}; fix the edit") from None
        case = Case(id=pair.id, context=pair.context)
        better = score_text(case, ctx, context_text, better_text, corpus)
        worse = score_text(case, ctx, context_text, worse_text, corpus)
        drops = sorted(
            (
                ((better[n].score or 0) - (worse[n].score or 0), n)
                for n in better
                if n in worse and better[n].score is not None and worse[n].score is not None
            ),
            reverse=True,
        )
        reasons = [f"{n}: {worse[n].detail}" for d, n in drops if d > 0][:3]
        from .scorers import combine

        results.append(PairResult(pair, combine(better), combine(worse), reasons))
    return PairRun(pairs.name, results, time.perf_counter() - started)
