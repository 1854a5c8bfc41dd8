"""Citations that mean something: content, benefits, repeats; and the model
drafter re-asking on them and on lint errors about the context."""

from __future__ import annotations

import pytest

from jdtailor.citations import citation_problems
from jdtailor.cli import app
from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.posting import Bullet
from jdtailor.retrieval import retrieve

from .conftest import EXAMPLES
from .fakeopenai import chat

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


@pytest.fixture(scope="module")
def northwind():
    ctx = load_context(NORTHWIND)
    retrieval = retrieve(ctx, load_corpus([]))
    return ctx, retrieval, OfflineDrafter().draft(ctx, retrieval).posting


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/company.md")), ids=lambda p: p.parent.name)
def test_the_offline_drafter_never_cites_emptily(path):
    ctx = load_context(path, require_role=False)
    ctx = ctx if ctx.role else ctx.model_copy(update={"role": "Café Manager"})
    retrieval = retrieve(ctx, load_corpus([]))
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    assert citation_problems(posting, retrieval.candidates, ctx) == []


def test_a_bullet_that_shares_nothing_with_its_source_is_named(northwind):
    ctx, retrieval, posting = northwind
    other = retrieval.by_kind("qualification")[0]
    bullets = list(posting.requirements)
    bullets[0] = Bullet(text="Enjoy working on rooftops in the rain", sources=[other.id])
    bad = posting.model_copy(update={"requirements": bullets})
    problems = citation_problems(bad, retrieval.candidates, ctx)
    assert problems == [
        f"requirements 1 cites {other.id!r} but shares no words with it "
        f'("{" ".join(other.text.split()[:8])}{"…" if len(other.text.split()) > 8 else ""}"); '
        "cite the candidate or context field the bullet rests on"
    ]


def test_a_benefit_is_never_a_requirement_and_no_bullet_stands_twice(northwind):
    ctx, retrieval, posting = northwind
    assert ctx.benefits
    benefit = Bullet(text=ctx.benefits[0], sources=["context:must_haves"])
    twice = posting.responsibilities[0]
    bad = posting.model_copy(update={"requirements": [benefit, twice, *posting.requirements]})
    problems = citation_problems(bad, retrieval.candidates, ctx)
    assert any(p.startswith("requirements 1 is the benefit") for p in problems)
    assert "requirements 2 repeats responsibilities 1; keep it in one section" in problems


def test_the_model_is_asked_again_about_an_empty_citation(
    runner, fake_openai, monkeypatch, northwind
):
    ctx, retrieval, posting = northwind
    fake_openai.point_env(monkeypatch)
    other = retrieval.by_kind("qualification")[0]
    bullets = list(posting.requirements)
    bullets[0] = Bullet(text="Enjoy working on rooftops in the rain", sources=[other.id])
    fake_openai.enqueue(chat(posting.model_copy(update={"requirements": bullets})), chat(posting))
    result = runner.invoke(
        app, ["draft", "-c", str(NORTHWIND), "-m", "test-model", "--cache", "off"]
    )
    assert result.exit_code == 0, result.output
    assert len(fake_openai.requests) == 2
    assert "shares no words with it" in fake_openai.requests[1].messages[-1]["content"]
