"""Citations that mean something: content, benefits, repeats; and the model
drafter re-asking on them and on lint errors about the context."""

from __future__ import annotations

import pytest

from jdtailor.citations import citation_problems
from jdtailor.cli import app
from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.errors import GroundingError
from jdtailor.lint import lint_file, lint_posting, lint_text
from jdtailor.pipeline import draft_checked, draft_posting
from jdtailor.posting import Bullet
from jdtailor.render import render
from jdtailor.retrieval import retrieve

from .conftest import EXAMPLES
from .fakedrafter import FakeDrafter
from .fakeopenai import chat

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/company.md")), ids=lambda p: p.parent.name)
def test_the_offline_drafter_passes_the_one_fact_check(path):
    ctx = load_context(path, require_role=False)
    ctx = ctx if ctx.role else ctx.model_copy(update={"role": "Café Manager"})
    checked = draft_checked(ctx, retrieve(ctx, load_corpus([])), OfflineDrafter())
    assert checked.problems == []  # shape, sources, facts, money and citations
    rules = {f.rule for f in checked.report.findings}
    assert not rules & {"fabrication/citation", "fabrication/benefit-as-requirement",
                        "fabrication/repeat"}  # fmt: skip


def _with_benefit_and_repeat(ctx, posting):
    benefit = Bullet(text=ctx.benefits[0], sources=["context:must_haves"])
    twice = posting.responsibilities[0]
    return posting.model_copy(update={"requirements": [benefit, twice, *posting.requirements]})


def test_any_drafter_is_held_to_the_citation_checks(northwind):
    ctx, retrieval, posting = northwind
    fake = FakeDrafter().enqueue(_with_benefit_and_repeat(ctx, posting))
    with pytest.raises(GroundingError) as caught:
        draft_posting(ctx, load_corpus([]), fake)
    problems = caught.value.problems
    assert any(p.startswith("requirements 1 is the benefit") for p in problems)
    assert "requirements 2 repeats responsibilities 1; keep it in one section" in problems


def test_lint_names_citation_faults_by_line(northwind, tmp_path):
    ctx, retrieval, posting = northwind
    bad = _with_benefit_and_repeat(ctx, posting)
    other = retrieval.by_kind("qualification")[0]
    nice = [Bullet(text="Enjoy working on rooftops in the rain", sources=[other.id])]
    bad = bad.model_copy(update={"nice_to_haves": nice})
    path = tmp_path / "posting.json"
    path.write_text(bad.model_dump_json(), encoding="utf-8")
    markdown = render(bad, "md").splitlines()

    def found(report):
        return {
            (f.rule, f.severity, markdown[f.line - 1])
            for f in report.findings
            if f.rule in ("fabrication/benefit-as-requirement", "fabrication/repeat",
                          "fabrication/citation")
        }  # fmt: skip

    expected = {
        ("fabrication/benefit-as-requirement", "error", f"- {ctx.benefits[0]}"),
        ("fabrication/repeat", "warning", f"- {posting.responsibilities[0].text}"),
    }
    assert found(lint_file(path, ctx)) == expected  # the corpus is not known: no content check
    with_items = found(lint_posting(bad, ctx, candidates=retrieval.candidates))
    assert with_items == expected | {
        ("fabrication/citation", "warning", "- Enjoy working on rooftops in the rain")
    }
    # a posting written by hand is held to the same rules (it cites nothing)
    assert found(lint_text("\n".join(markdown), ctx)) == expected


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
