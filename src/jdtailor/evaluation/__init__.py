"""``jdtailor eval``: draft a suite of fixture contexts, score every draft, report.

suite.py        the suite file: cases, contexts, expectations
runner.py       drafts each case with one backend and scores it
scorers.py      deterministic scorers, 0-100 each (reading grade: lint's)
judge.py        the optional LLM judge
report.py       terminal table, JSON report, baseline comparison
html.py         the self-contained HTML report
"""

from __future__ import annotations

from .runner import CaseResult, EvalRun, run_suite
from .suite import Case, Suite, load_suite

__all__ = ["Case", "CaseResult", "EvalRun", "Suite", "load_suite", "run_suite"]
