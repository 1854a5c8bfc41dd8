"""Each shared rule stated once, and every consumer held to it.

A rule lives in one module (levels, text, money, grounding); lint, corpus check,
corpus import, the drafters and the eval scorers call it. These tests state the
rule as DESIGN.md does and check that what a user sees from each command agrees.
"""

from __future__ import annotations

import pytest

from jdtailor.context import parse_context, parse_salary
from jdtailor.corpus import CorpusItem
from jdtailor.corpus.importer import import_file
from jdtailor.corpus.style import item_issues
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.evaluation.scorers import Subject, score_all
from jdtailor.evaluation.suite import Case
from jdtailor.grounding import check_posting, money_problems
from jdtailor.levels import allows_years, asks_degree, max_years, years_asked
from jdtailor.lint import lint_text
from jdtailor.lint.pay import find_pay
from jdtailor.money import amount, figure_key, figures, sums_of_money
from jdtailor.posting import Bullet, Pay, count_sentences
from jdtailor.render import render
from jdtailor.retrieval import retrieve
from jdtailor.text import split_sentences, word_count

# ---------------------------------------------------------------- years per level

# DESIGN.md: entry 0-2 years, mid 2-4, senior 4-8, lead 8+.
CEILINGS = {"entry": 2, "mid": 4, "senior": 8, "lead": None}


def test_levels_state_designs_ceilings():
    assert {level: max_years(level) for level in CEILINGS} == CEILINGS


def _ctx(level: str, must_haves: str = "- Runs a tidy diary"):
    text = f"""---
company: Kestrel Dental
role: Office Administrator
seniority: {level}
location: Cork, Ireland
---
## Why we're hiring
Our front desk answers calls all day and we want someone to run bookings.

## Must-haves
{must_haves}
"""
    return parse_context(text, "kestrel.md")


def _posting_md(requirement: str) -> str:
    return f"""# Office Administrator — Kestrel Dental

We want someone to run bookings. Patients wait on hold today.

## What you'll do
- Run bookings and reminders for the front desk.

## What you need
- {requirement}
"""


def _lint_years_findings(level: str, years: int) -> list[str]:
    report = lint_text(_posting_md(f"{years}+ years of front-desk work."), _ctx(level))
    return [f.rule for f in report.findings if f.rule == "requirements/years-level"]


def _corpus_years_errors(level: str, years: int) -> list[str]:
    item = CorpusItem(
        id="x.years",
        kind="qualification",
        text=f"At least {years}+ years of experience running a front desk.",
        levels=[level],
        area="operations",
    )
    return [code for _, code, _ in item_issues(item) if code == "years-level"]


def _subject(corpus, level: str, requirements: list[str] | None = None) -> Subject:
    """What eval scores: the offline draft for a context at ``level``, with requirements
    replaced where given."""
    ctx = _ctx(level)
    retrieval = retrieve(ctx, corpus)
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    if requirements is not None:
        reqs = [Bullet(text=t, sources=["context:must_haves"]) for t in requirements]
        posting = posting.model_copy(update={"requirements": reqs + posting.requirements[1:]})
    return Subject(
        case=Case(id="rule", context="kestrel.md"),
        ctx=ctx,
        context_text="",
        posting=posting,
        retrieval=retrieval,
        markdown=render(posting, "md"),
    )


def _eval_years_problems(corpus, level: str, years: int) -> list[str]:
    subject = _subject(corpus, level, [f"{years}+ years of front-desk work."])
    problems = score_all(subject)["inflation"].data["problems"]
    return [p for p in problems if f"asks {years}+ years for" in p]


@pytest.mark.parametrize(
    ("level", "years", "allowed"),
    [
        ("entry", 2, True),
        ("entry", 3, False),
        ("mid", 4, True),
        ("mid", 5, False),
        ("senior", 8, True),
        ("senior", 9, False),
        ("lead", 15, True),
    ],
)
def test_every_consumer_agrees_on_years_per_level(corpus, level, years, allowed):
    assert allows_years(level, years) is allowed
    assert (not _lint_years_findings(level, years)) is allowed, "jdtailor lint"
    assert (not _corpus_years_errors(level, years)) is allowed, "jdtailor corpus check"
    assert (not _eval_years_problems(corpus, level, years)) is allowed, "jdtailor eval"


def test_years_asked_reads_the_ways_people_write_it():
    assert years_asked("5+ years of B2B sales") == [(5, "5+ years of")]
    assert years_asked("3-5 years’ experience in a clinic")[0][0] == 3
    assert years_asked("five (5) years managing a team")[0][0] == 5
    assert years_asked("2 or more years supervising shifts")[0][0] == 2
    assert years_asked("Hit the target within 2 years.") == []
    assert years_asked("Founded 10 years ago.") == []


def test_corpus_import_guesses_levels_by_the_same_ceilings(tmp_path):
    posting = tmp_path / "posting.md"
    posting.write_text(
        "# Office Administrator\n\n## Requirements\n"
        "- 3+ years of experience running a busy front desk.\n"
        "- 9+ years of experience running a busy front desk and its team.\n"
    )
    fam = import_file(posting, family="office-administrator")
    levels = [item.levels for item in fam.items]
    # 3 years fits mid (ceiling 4) and above; 9 fits only lead (senior stops at 8)
    assert levels == [["mid", "senior"], ["lead"]]


# ---------------------------------------------------------------- degrees


@pytest.mark.parametrize(
    "text", ["Bachelor's degree in business", "An MBA", "Ph.D in chemistry", "A college degree"]
)
def test_a_degree_is_a_degree_to_lint_and_eval(text):
    assert asks_degree(text)
    report = lint_text(_posting_md(text + "."), _ctx("mid"))
    assert "requirements/degree" in [f.rule for f in report.findings]


def test_master_as_a_verb_is_not_a_degree():
    assert asks_degree("Master the booking system in your first month.") is None


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("written", "value"),
    [("$95k", 95_000), ("€55,000", 55_000), ("1.2m", 1_200_000), ("72000", 72_000)],
)
def test_one_reading_of_a_figure(written, value):
    assert figures(written) == [value]
    assert figure_key(written) == f"{value:g}"


def test_amount_applies_the_suffix():
    assert amount("95", "k") == 95_000
    assert amount("1.2", "M") == 1_200_000
    assert amount("55,000") == 55_000


@pytest.mark.parametrize(
    ("written", "low", "high", "currency"),
    [
        ("$72k–$95k", 72_000, 95_000, "USD"),
        ("€55,000 to €65,000 per year", 55_000, 65_000, "EUR"),
        ("$1-1.2m", 1_000_000, 1_200_000, "USD"),
        ("$63-133K", 63_000, 133_000, "USD"),
    ],
)
def test_salary_and_lint_read_a_range_alike(written, low, high, currency):
    pay = parse_salary(written)
    assert (pay.min, pay.max, pay.currency) == (low, high, currency)
    stated = find_pay(f"Pay: {written}", 1)
    assert stated is not None and stated.kind == "range"
    assert stated.amounts[:2] == [low, high]


def test_sums_of_money_in_prose():
    found = [m.group(0) for m in sums_of_money("Earn $95k, or 40,000 USD, and lift 25 pounds.")]
    assert found == ["$95k", "40,000 USD"]


# ---------------------------------------------------------------- words and sentences


def test_word_count_is_one_count_for_lint_and_eval(corpus):
    text = "Earn $95,000 in B2B sales; don't wait."
    assert word_count(text) == 7
    subject = _subject(corpus, "mid")
    markdown = subject.markdown
    # eval counts the rendered page, lint the posting's text (no headings): one count
    assert score_all(subject)["length"].data["words"] == word_count(markdown)
    report = lint_text(markdown)
    body = [line for line in markdown.splitlines() if not line.startswith("#")]
    title = markdown.splitlines()[0].lstrip("# ")
    assert report.words <= word_count("\n".join([title, *body]))


def test_corpus_length_limit_counts_words_the_same_way():
    thirty_one = "Run " + " ".join(["bookings"] * 29) + " daily."
    assert word_count(thirty_one) == 31
    item = CorpusItem(id="x.long", kind="duty", text=thirty_one, levels=["mid"], area="operations")
    assert "length" in [code for _, code, _ in item_issues(item)]


def test_summary_sentences_are_split_sentences():
    text = "We book patients. We want help!\nCalls wait on hold."
    assert split_sentences(text) == ["We book patients.", "We want help!", "Calls wait on hold."]
    assert count_sentences(text) == 3
    # a line break inside a sentence does not end it
    assert count_sentences("Northwind Solar\ndesigns panels. We grow.") == 2


# ---------------------------------------------------------------- the fact check


def test_money_in_the_prose_is_checked_on_every_path(corpus):
    ctx = _ctx("mid")
    retrieval = retrieve(ctx, corpus)
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    assert check_posting(posting, retrieval.ids(), ctx) == []
    bad = posting.model_copy(update={"summary": posting.summary + " Bonus of $5,000."})
    assert money_problems(bad, ctx) == [
        "summary states $5,000, which the company notes do not; remove it"
    ]
    assert money_problems(bad, ctx)[0] in check_posting(bad, retrieval.ids(), ctx)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company", "Kestrel Dental Group"),
        ("location", "Dublin, Ireland"),
        ("workplace", "remote"),
        ("employment_type", "contract"),
        ("apply", "https://example.com/jobs"),
        ("pay", Pay(min=1, max=2, currency="EUR", period="year")),
    ],
)
def test_every_fact_is_checked(corpus, field, value):
    ctx = _ctx("mid")
    retrieval = retrieve(ctx, corpus)
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    bad = posting.model_copy(update={field: value})
    problems = check_posting(bad, retrieval.ids(), ctx)
    assert any(p.startswith(f"{field} ") for p in problems), problems
