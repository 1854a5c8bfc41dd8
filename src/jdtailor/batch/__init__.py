"""Many postings in one run: ``jdtailor batch``.

    inputs.py    company.md files, folders, a roles table  ──▶ BatchItem, Problem
    run.py       plan names and skips; offline in processes, model in threads
    work.py      one item: pipeline ──▶ lint, fidelity flags ──▶ files (atomic)
    manifest.py  manifest.jsonl: each item's input hash and result (resumable)
    summary.py   summary.csv / summary.json
    api.py       the OpenAI Batch API: submit, then poll, download, validate, re-ask

Nothing here prints; the CLI shows progress from the rows the runner yields.
"""

from __future__ import annotations

from .inputs import BatchItem, Problem, load_items, roles_columns
from .manifest import Manifest
from .run import Plan, fingerprint, plan_batch, run_model, run_offline
from .summary import summary_rows, write_summary
from .work import Job, Task

__all__ = [
    "BatchItem",
    "Job",
    "Manifest",
    "Plan",
    "Problem",
    "Task",
    "fingerprint",
    "load_items",
    "plan_batch",
    "roles_columns",
    "run_model",
    "run_offline",
    "summary_rows",
    "write_summary",
]
