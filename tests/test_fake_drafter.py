"""Refine and eval driven by the in-process FakeDrafter: what the drafter was asked,
and what the user gets back."""

from __future__ import annotations

import os
import subprocess
import sys

from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.evaluation import load_suite, run_suite
from jdtailor.pipeline import draft_posting
from jdtailor.refine import Refiner, new_session

from .conftest import EXAMPLES, ROOT
from .fakedrafter import FakeDrafter

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def _refiner(tmp_path, fake: FakeDrafter) -> Refiner:
    ctx = load_context(NORTHWIND)
    corpus = load_corpus()
    draft, _ = draft_posting(ctx, corpus, fake)
    session = new_session(
        context_path=NORTHWIND, overrides={}, corpus=corpus, posting=draft.posting,
        level="senior", trace=draft.trace.to_dict(),
    )  # fmt: skip
    return Refiner(session, tmp_path / "s.json", ctx, corpus, fake, stored=False)


def test_feedback_goes_to_the_drafter_and_its_reply_becomes_a_version(tmp_path):
    fake = FakeDrafter()
    refiner = _refiner(tmp_path, fake)
    shorter = refiner.posting.model_copy(update={"title": "Senior Renewals Manager"})
    fake.enqueue(shorter)
    outcome = refiner.handle("make the title about renewals")
    assert outcome.changed, outcome.message
    assert refiner.posting.title == "Senior Renewals Manager"
    call = fake.history[-1]
    assert call.method == "revise" and call.feedback == "make the title about renewals"
    assert call.posting is not None and call.posting.title == "Senior Account Manager"


def test_an_ungrounded_reply_is_refused_and_the_version_kept(tmp_path):
    fake = FakeDrafter()
    refiner = _refiner(tmp_path, fake)
    before = refiner.posting
    fake.enqueue(before.model_copy(update={"workplace": "remote"}))  # the context says hybrid
    outcome = refiner.handle("say it is remote")
    assert not outcome.changed
    assert "workplace must be the context's" in outcome.message
    assert refiner.posting == before and refiner.number == 1


def test_eval_scores_what_the_drafter_returns(tmp_path):
    suite_file = tmp_path / "suite.yaml"
    suite_file.write_text(
        f"cases:\n  - id: cedar\n    context: {ROOT / 'evals/contexts/cedar-ridge-am.md'}\n",
        encoding="utf-8",
    )
    suite = load_suite(suite_file)
    corpus = load_corpus()
    fake = FakeDrafter()
    honest = run_suite(suite, corpus, lambda: fake, backend="fake")
    assert [c.method for c in fake.history] == ["draft"]
    posting = honest.cases[0].posting
    assert posting is not None
    fake.enqueue(posting.model_copy(update={"benefits": [*posting.benefits, "A free car"]}))
    lying = run_suite(suite, corpus, lambda: fake, backend="fake")
    facts = lying.cases[0].scores["facts"]
    assert facts.score is not None and facts.score < honest.cases[0].scores["facts"].score
    assert any("'A free car'" in p for p in facts.data["problems"])


def test_offline_drafts_are_the_same_under_any_hash_seed(tmp_path):
    """Determinism across processes: set iteration order must not leak into a draft."""
    outputs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "JDTAILOR_CACHE_DIR": str(tmp_path / seed)}
        done = subprocess.run(
            [sys.executable, "-m", "jdtailor", "draft", "-c", str(NORTHWIND), "-f", "json"],
            capture_output=True, text=True, env=env, check=False, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
