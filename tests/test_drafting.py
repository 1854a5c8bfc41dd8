"""Retrieval, the offline drafter and the grounding check."""

from __future__ import annotations

import pytest

from jdtailor.context import parse_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter, posting_title
from jdtailor.grounding import check_posting
from jdtailor.levels import asks_degree, mentions_years
from jdtailor.pipeline import draft_posting
from jdtailor.posting import Bullet, Pay
from jdtailor.render import render
from jdtailor.retrieval import match_family, retrieve

BASE = """---
company: Northwind Solar
role: Account Manager
seniority: mid
customers: warehouse operators
---
## About us
We design and maintain rooftop solar for warehouses.

## Why we're hiring
{why}
"""

RENEWALS = (
    "Most of our five-year contracts come up for renewal next year and renewal talks start "
    "too late. We need someone to own renewals, negotiate contract terms and keep churn down."
)
GROWTH = (
    "We just opened a new region and have no pipeline there. We need someone to prospect new "
    "accounts, build partnerships with installers and grow new business."
)


def _draft(text: str, corpus):
    ctx = parse_context(text)
    draft, retrieval = draft_posting(ctx, corpus, OfflineDrafter())
    return ctx, draft.posting, retrieval


def _duty_ids(posting):
    return [s for b in posting.responsibilities for s in b.sources]


def test_why_hiring_alone_changes_the_duties(corpus):
    _, renew, _ = _draft(BASE.format(why=RENEWALS), corpus)
    _, grow, _ = _draft(BASE.format(why=GROWTH), corpus)
    assert _duty_ids(renew) != _duty_ids(grow)
    renew_text = " ".join(b.text for b in renew.responsibilities).lower()
    grow_text = " ".join(b.text for b in grow.responsibilities).lower()
    assert "renew" in renew_text
    assert any(w in grow_text for w in ("prospect", "new business", "partner"))


def test_candidates_are_the_family_at_the_level(corpus):
    ctx = parse_context(BASE.format(why=RENEWALS))
    retrieval = retrieve(ctx, corpus)
    assert retrieval.family.name == "account-management"
    assert 20 <= len(retrieval.candidates) <= 40
    for cand in retrieval.candidates:
        item = corpus.item(cand.id)
        assert item is not None and "mid" in item.levels
    areas = {c.area for c in retrieval.by_kind("duty")[:8]}
    assert len(areas) >= 4  # diversity across areas


def test_placeholders_filled_from_context(corpus):
    _, posting, _ = _draft(BASE.format(why=RENEWALS), corpus)
    text = render(posting, "md")
    assert "{" not in text and "}" not in text


def test_unmatched_title_falls_back_to_nearest_and_says_so(corpus):
    match = match_family("Chief Happiness Wrangler", corpus)
    assert match.how == "nearest"
    assert match.note is not None and "nearest" in match.note


def test_alias_and_misspelling_match(corpus):
    assert match_family("Senior Key Account Manager", corpus).family.name == "account-management"
    assert match_family("Acount Manager", corpus).family.name == "account-management"


def test_offline_draft_is_deterministic(corpus):
    text = BASE.format(why=RENEWALS)
    first = render(_draft(text, corpus)[1], "json")
    second = render(_draft(text, corpus)[1], "json")
    assert first == second


def test_must_haves_are_kept_and_sourced(corpus):
    text = (
        BASE.format(why=RENEWALS)
        + "\n## Must-haves\n- Ten years selling solar\n- A forklift licence\n"
    )
    _, posting, _ = _draft(text, corpus)
    musts = [b for b in posting.requirements if b.sources == ["context:must_haves"]]
    assert [b.text for b in musts] == ["Ten years selling solar.", "A forklift licence."]
    assert 3 <= len(posting.requirements) <= 7


def test_more_than_seven_must_haves_is_capped_with_a_note(corpus):
    musts = "\n".join(f"- Requirement number {i}" for i in range(1, 10))
    ctx = parse_context(BASE.format(why=RENEWALS) + "\n## Requirements\n" + musts + "\n")
    draft, _ = draft_posting(ctx, corpus, OfflineDrafter())
    assert len(draft.posting.requirements) == 7
    assert any("9 must-haves" in note for note in draft.trace.notes)


def test_nothing_invented_without_pay_or_benefits(corpus):
    _, posting, _ = _draft(BASE.format(why=RENEWALS), corpus)
    assert posting.pay is None and posting.benefits == [] and posting.location is None
    md = render(posting, "md")
    assert "Pay" not in md and "benefit" not in md.lower()
    assert "$" not in md


@pytest.mark.parametrize(
    ("role", "level", "title"),
    [
        ("Account Manager", "senior", "Senior Account Manager"),
        ("Account Manager", "mid", "Account Manager"),
        ("Account Manager", "lead", "Lead Account Manager"),
        ("Account Manager", "entry", "Junior Account Manager"),
        ("Account Coordinator", "entry", "Account Coordinator"),
        ("Senior Nurse", "senior", "Senior Nurse"),
        ("Account Director", "lead", "Account Director"),
    ],
)
def test_title_carries_the_level(role, level, title):
    assert posting_title(role, level) == title


# --- grounding: every failure kind -------------------------------------------------


@pytest.fixture
def grounded(corpus):
    text = BASE.format(why=RENEWALS).replace(
        "customers: warehouse operators",
        "customers: warehouse operators\nlocation: Portland, OR\n"
        "salary: 70000-90000 USD/year\nbenefits: [Dental cover]",
    )
    ctx, posting, retrieval = _draft(text, corpus)
    assert check_posting(posting, retrieval.ids(), ctx) == []
    return ctx, posting, retrieval


def _problems(grounded, **changes):
    ctx, posting, retrieval = grounded
    return check_posting(posting.model_copy(update=changes), retrieval.ids(), ctx)


def test_grounding_rejects_unknown_corpus_id(grounded):
    bullets = [Bullet(text="Do things.", sources=["am.made-up"])] + grounded[1].responsibilities[1:]
    assert any("not a candidate id" in p for p in _problems(grounded, responsibilities=bullets))


def test_grounding_rejects_unknown_context_field(grounded):
    bullets = [Bullet(text="Do things.", sources=["context:salary"])] + grounded[
        1
    ].responsibilities[1:]
    assert any("context sources are" in p for p in _problems(grounded, responsibilities=bullets))


def test_grounding_rejects_empty_context_field(grounded):
    bullets = [Bullet(text="Do things.", sources=["context:team"])] + grounded[1].responsibilities[
        1:
    ]
    assert any("has no team" in p for p in _problems(grounded, responsibilities=bullets))


def test_grounding_rejects_bullet_without_source(grounded):
    bullets = [Bullet(text="Do things.", sources=[])] + grounded[1].responsibilities[1:]
    assert any("cites no source" in p for p in _problems(grounded, responsibilities=bullets))


def test_grounding_rejects_changed_pay(grounded):
    pay = Pay(min=500000, max=500000, currency="USD", period="year")
    assert any("pay must be exactly" in p for p in _problems(grounded, pay=pay))


def test_grounding_rejects_invented_benefit(grounded):
    problems = _problems(grounded, benefits=["Dental cover", "Free lunch"])
    assert any("'Free lunch' is not in the context" in p for p in problems)


def test_grounding_rejects_other_location_and_company(grounded):
    problems = _problems(grounded, location="Remote", company="Acme")
    assert any("location" in p for p in problems) and any("company" in p for p in problems)


def test_grounding_rejects_pay_when_context_has_none(corpus):
    ctx, posting, retrieval = _draft(BASE.format(why=RENEWALS), corpus)
    pay = Pay(min=1, max=2, currency="USD", period="hour")
    problems = check_posting(posting.model_copy(update={"pay": pay}), retrieval.ids(), ctx)
    assert any("context gives no pay" in p for p in problems)


def test_shape_limits_reported(grounded):
    problems = _problems(grounded, responsibilities=grounded[1].responsibilities[:2])
    assert any("responsibilities has 2 bullets; give 4-8" in p for p in problems)


def test_no_degree_or_second_years_figure_the_context_did_not_ask_for(corpus):
    for fam in corpus.families.values():
        text = f"---\nrole: {fam.title}\nseniority: senior\n---\n## Must-haves\n- 5+ years of it\n"
        _, posting, _ = _draft(text, corpus)
        added = [b.text for b in posting.requirements if b.sources != ["context:must_haves"]]
        for line in added:
            assert asks_degree(line) is None, (fam.name, line)
            assert not mentions_years(line), (fam.name, line)  # "in recent years" is fine


def test_about_section_does_not_repeat_the_summary(corpus):
    text = BASE.format(why=RENEWALS).replace(
        "We design and maintain rooftop solar for warehouses.",
        "We design and maintain rooftop solar for warehouses. We are 80 people in two states.",
    )
    _, posting, _ = _draft(text, corpus)
    assert posting.summary.startswith("We design and maintain rooftop solar for warehouses.")
    assert posting.about == "We are 80 people in two states."
    md = render(posting, "md")
    assert md.count("We design and maintain rooftop solar") == 1


def test_team_text_reaches_the_about_section(corpus):
    text = BASE.format(why=RENEWALS) + "\n## Team\nYou report to the head of client services.\n"
    _, posting, _ = _draft(text, corpus)
    assert posting.about == "You report to the head of client services."
    assert "## About Northwind Solar\n\nYou report to the head" in render(posting, "md")


def test_a_bare_context_gets_no_padding_sentence(tmp_path) -> None:
    from jdtailor.context import parse_context
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.pipeline import draft_posting

    ctx = parse_context("---\nrole: Cashier\ncompany: Example Co\n---\n")
    draft, _ = draft_posting(ctx, load_corpus(), OfflineDrafter())
    assert draft.posting.summary.startswith("Example Co is hiring a Cashier.")
    assert "This is a role" not in draft.posting.summary
