"""company.md parsing: front matter, heading aliases, prose, overrides, bad input."""

from __future__ import annotations

import pytest

from jdtailor.context import SECTION_ALIASES, load_context, parse_context, parse_salary
from jdtailor.errors import ContextError

FULL = """---
company: Northwind Solar
role: Account Manager
seniority: senior
location: Portland, OR, USA
workplace: hybrid
employment_type: full-time
salary: {min: 72000, max: 95000, currency: USD, period: year}
benefits: [Medical cover, 401(k) with 4% match]
customers: energy buyers
apply: https://northwind.example/jobs/am
---
## About us
We install solar.

## Why we're hiring
Renewals are piling up.

## What success looks like
- Renew the top accounts
- Keep churn under 5%

## Must-haves
- 4+ years in B2B accounts
- Renewal negotiations

## Nice-to-haves
- Energy experience

## Team
You report to the head of client services.

## Office dogs
Two of them.
"""


def test_full_context_reads_every_part():
    ctx = parse_context(FULL, "company.md")
    assert ctx.company == "Northwind Solar"
    assert ctx.seniority == "senior"
    assert ctx.workplace == "hybrid"
    assert ctx.salary is not None and (ctx.salary.min, ctx.salary.max) == (72000, 95000)
    assert ctx.benefits == ["Medical cover", "401(k) with 4% match"]
    assert ctx.about == "We install solar."
    assert ctx.why_hiring == "Renewals are piling up."
    assert ctx.outcome_items == ["Renew the top accounts", "Keep churn under 5%"]
    assert ctx.must_haves == ["4+ years in B2B accounts", "Renewal negotiations"]
    assert ctx.nice_to_haves == ["Energy experience"]
    assert ctx.team == "You report to the head of client services."
    assert ctx.extra == [("Office dogs", "Two of them.")]


@pytest.mark.parametrize(
    ("field", "alias"),
    [(field, alias) for field, aliases in SECTION_ALIASES.items() for alias in aliases],
)
def test_every_heading_alias_fills_its_field(field, alias):
    heading = alias.title() if alias.islower() else alias
    text = f"---\nrole: Nurse\n---\n## {heading}\n- First point\n- Second point\n"
    ctx = parse_context(text)
    value = getattr(ctx, field)
    assert value, f"heading {heading!r} did not fill {field}"
    assert "First point" in (value if isinstance(value, str) else "\n".join(value))


@pytest.mark.parametrize(
    "heading", ["WHY WE'RE HIRING", "Why We’re Hiring", "why were hiring", "### The Opportunity"]
)
def test_headings_match_case_and_apostrophes(heading):
    hashes = "" if heading.startswith("#") else "## "
    ctx = parse_context(f"{hashes}{heading}\nBecause we grew.\n")
    assert ctx.why_hiring == "Because we grew."


def test_prose_only_file_becomes_about():
    ctx = parse_context("We run a bakery by the harbour.\nWe need a café manager.\n")
    assert ctx.about == "We run a bakery by the harbour. We need a café manager."
    assert ctx.role is None and ctx.why_hiring is None


def test_command_line_overrides_win(write_context):
    path = write_context(FULL)
    ctx = load_context(
        path, role="Key Account Manager", seniority="lead", location="Remote",
        salary="$80k-$100k", company="Other Co",
    )  # fmt: skip
    assert ctx.role == "Key Account Manager"
    assert ctx.seniority == "lead"
    assert ctx.location == "Remote"
    assert ctx.company == "Other Co"
    assert ctx.salary is not None and (ctx.salary.min, ctx.salary.max) == (80000, 100000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("72000-95000 USD/year", (72000, 95000, "USD", "year")),
        ("$72k–$95k", (72000, 95000, "USD", "year")),
        ("€55,000 to €65,000 per year", (55000, 65000, "EUR", "year")),
        ("19-23 USD/hour", (19, 23, "USD", "hour")),
        ("£30,000 - £35,000 a year", (30000, 35000, "GBP", "year")),
    ],
)
def test_salary_forms(text, expected):
    pay = parse_salary(text)
    assert (pay.min, pay.max, pay.currency, pay.period) == expected


@pytest.mark.parametrize("text", ["lots", "72000-95000", "$10-$20 per fortnight", "USD $1-€2"])
def test_bad_salary_shows_accepted_forms(text):
    with pytest.raises(ContextError) as err:
        parse_salary(text)
    assert "72000-95000 USD/year" in str(err.value)


def _error(write_context, text: str | bytes, **overrides) -> str:
    path = write_context("")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContextError) as err:
        load_context(path, **overrides)
    message = str(err.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path):
    with pytest.raises(ContextError, match="no such file"):
        load_context(tmp_path / "nope.md")


def test_directory(tmp_path):
    with pytest.raises(ContextError, match="is a directory"):
        load_context(tmp_path)


def test_empty_file(write_context):
    assert "is empty" in _error(write_context, "  \n")


def test_not_utf8(write_context):
    assert "not UTF-8" in _error(write_context, b"role: Nurse\n\xff\xfe bad")


def test_malformed_front_matter_names_line(write_context):
    message = _error(write_context, "---\nrole: Nurse\nsalary: [1, 2\n---\nText\n")
    assert "line" in message and "not valid YAML" in message


def test_unclosed_front_matter(write_context):
    assert "never closed" in _error(write_context, "---\nrole: Nurse\n")


def test_unknown_front_matter_key(write_context):
    assert "unknown key 'rol'" in _error(write_context, "---\nrol: Nurse\n---\nHi\n")


@pytest.mark.parametrize(
    ("key", "value", "listed"),
    [
        ("seniority", "wizard", "entry, mid, senior, lead"),
        ("workplace", "moon", "onsite, hybrid, remote"),
        ("employment_type", "gig", "full-time, part-time"),
    ],
)
def test_unknown_choice_lists_valid_ones(write_context, key, value, listed):
    message = _error(write_context, f"---\nrole: Nurse\n{key}: {value}\n---\nHi\n")
    assert listed in message and value in message


def test_min_pay_above_max(write_context):
    text = "---\nrole: Nurse\nsalary: {min: 90000, max: 70000, currency: USD}\n---\nHi\n"
    assert "above maximum" in _error(write_context, text)


def test_no_role_anywhere(write_context):
    message = _error(write_context, "We are a small bakery.\n")
    assert "add `role:`" in message and "--role" in message


def test_context_over_size_limit(write_context):
    message = _error(write_context, "---\nrole: Nurse\n---\n" + "word " * 60_000)
    assert "at most 200,000 bytes" in message


def test_bad_override_seniority(write_context):
    assert "--seniority" in _error(write_context, FULL, seniority="guru")


def test_html_pasted_into_the_context_becomes_plain_text():
    text = (
        "## About us\n<p>We run <b>buses</b> &amp; trams.</p><script>alert('x')</script>\n"
        "## Must-haves\n<ul><li>A driving licence</li><li>Shift work</li></ul>\n"
        "## Why we're hiring\nRidership grew; we need < 5 delays a week.\n"
    )
    ctx = parse_context(text)
    assert ctx.about == "We run buses & trams."
    assert ctx.must_haves == ["A driving licence", "Shift work"]
    assert ctx.why_hiring == "Ridership grew; we need < 5 delays a week."
