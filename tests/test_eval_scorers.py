"""The eval scorers on drafts with known faults: each fault costs the right scorer."""

from __future__ import annotations

import pytest

from jdtailor.context import parse_context
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.evaluation.scorers import Subject, combine, score_all
from jdtailor.evaluation.suite import Case
from jdtailor.posting import LIMITS, Bullet, Pay
from jdtailor.render import render
from jdtailor.retrieval import retrieve

CONTEXT = """---
company: Kestrel Dental
role: Office Administrator
seniority: entry
location: Cork, Ireland
workplace: onsite
salary: {min: 28000, max: 32000, currency: EUR, period: year}
benefits: [Dental care for you and your family]
---
## Why we're hiring
Our front desk answers 140 calls a day and patients wait on hold while we book
appointments by hand. We want an administrator to run bookings and reminders.

## What success looks like
- Book every patient call within one business day
- Send appointment reminders the day before

## Must-haves
- Comfortable with a booking system and email

## Nice-to-haves
- Irish language
"""


def _subject(corpus, expect=None, **changes) -> Subject:
    ctx = parse_context(CONTEXT, "kestrel.md")
    retrieval = retrieve(ctx, corpus)
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    posting = posting.model_copy(update=changes)
    case = Case.model_validate({"id": "kestrel", "context": "kestrel.md", "expect": expect or {}})
    return Subject(case, ctx, CONTEXT, posting, retrieval, render(posting, "md"))


def test_offline_draft_scores_full_on_the_promises(corpus):
    scores = score_all(_subject(corpus))
    for name in ("schema", "grounded", "facts"):
        assert scores[name].score == 100, (name, scores[name].detail)
    assert scores["lint"].score is None  # no lint report handed in
    assert scores["expectations"].score is None
    assert 0 < combine(scores) <= 100


def test_invented_pay_benefit_and_figure_cost_facts(corpus):
    s = _subject(corpus)
    bad = _subject(
        corpus,
        pay=Pay(min=90000, max=120000, currency="EUR", period="year"),
        benefits=[*s.posting.benefits, "Unlimited holiday"],
        summary=s.posting.summary + " We grew 300% last year.",
    )
    facts = score_all(bad)["facts"]
    assert facts.score == 25
    problems = facts.data["problems"]
    assert any(p.startswith("pay must be exactly the context's") for p in problems), problems
    assert any(p.startswith("benefit 'Unlimited holiday' is not in the context") for p in problems)
    assert "figure 300% not in the context or corpus" in problems


def test_unknown_source_costs_grounded(corpus):
    s = _subject(corpus)
    resp = list(s.posting.responsibilities)
    resp[0] = Bullet(text=resp[0].text, sources=["made.up-id"])
    resp[1] = Bullet(text=resp[1].text, sources=["context:benefits"])
    grounded = score_all(_subject(corpus, responsibilities=resp))["grounded"]
    n = grounded.data["bullets"]
    assert grounded.score == pytest.approx(100 * (n - 2) / n)
    assert grounded.data["ungrounded"] == ["responsibilities 1", "responsibilities 2"]


def test_inflated_requirements_are_named(corpus):
    s = _subject(corpus)
    extra = [
        Bullet(text="6+ years running a dental front desk.", sources=["context:must_haves"]),
        Bullet(text="A bachelor's degree in business.", sources=["context:must_haves"]),
        Bullet(text="Irish language.", sources=["context:nice_to_haves"]),
    ]
    requirements = [*s.posting.requirements, *extra]
    fewest, most = LIMITS["requirements"]
    filler = [  # plain, grounded asks: only their number is inflated
        Bullet(text=f"Comfortable with task {i} of the front desk.", sources=["context:must_haves"])
        for i in range(1, most + 2 - len(requirements))
    ]
    requirements += filler
    assert len(requirements) == most + 1
    scores = score_all(_subject(corpus, requirements=requirements))
    problems = scores["inflation"].data["problems"]
    assert any("asks 6+ years for an entry role" in p for p in problems)
    assert any("adds a degree" in p for p in problems)
    assert any("is a nice-to-have in the brief" in p for p in problems)
    assert f"{most + 1} requirements; at most {most}" in problems
    assert scores["inflation"].score == 0  # four problems at 25 points each
    # more than the most allowed breaks the shape too
    assert scores["schema"].score < 100
    assert (
        f"requirements has {most + 1} bullets; give {fewest}-{most}"
        in scores["schema"].data["problems"]
    )


def test_expectations_pass_and_fail(corpus):
    expect = {
        "family": "office-administration",
        "level": "entry",
        "pay": "present",
        "benefits": "present",
        "workplace": "onsite",
        "must_mention": ["reminders", "Kestrel Dental"],
        "must_not_mention": ["rockstar", "hold"],
        "title_contains": "Administrator",
    }
    exp = score_all(_subject(corpus, expect=expect))["expectations"]
    assert exp.data["failed"] == ["does not mention 'hold'"]
    assert exp.score == pytest.approx(100 * 9 / 10)


def test_fidelity_names_the_outcome_a_draft_drops(corpus):
    s = _subject(corpus)
    kept = score_all(s)["fidelity"]
    resp = [b for b in s.posting.responsibilities if "reminder" not in b.text.lower()]
    summary = "Kestrel Dental is a dental practice in Cork. We are hiring an administrator."
    dropped = score_all(_subject(corpus, responsibilities=resp, summary=summary))["fidelity"]
    assert kept.score == 100, kept.detail
    assert dropped.score < kept.score
    assert any("Send appointment reminders" in d for d in dropped.data["dropped"])


def test_length_band(corpus):
    s = _subject(corpus)
    length = score_all(s)["length"]
    assert length.data["words"] > 0
    assert "aim for 300-700" in length.detail


def test_reading_scorer_prefers_plain_words(corpus):
    easy = "We fix bikes. You will help us. The shop is small."
    hard = (
        "Responsibilities encompass comprehensive operational administration, "
        "interdepartmental communication facilitation and organisational documentation."
    )
    plain = score_all(_subject(corpus, summary=easy))["reading"]
    dense = score_all(_subject(corpus, summary=hard))["reading"]
    assert plain.data["grade"] < dense.data["grade"]
    assert plain.score > dense.score
