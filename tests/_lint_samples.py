"""Postings written for the lint tests: one clean, and a context that matches it."""

from __future__ import annotations

CLEAN = """\
# Senior Account Manager — Ones@Zeros Inc.

**Location:** Portland, OR, USA (hybrid) · **Type:** Full-time · **Pay:** $80,000–$98,000 per year

Ones@Zeros Inc. builds billing software for small water utilities. We are hiring because
our largest clients renew next spring, and today one person looks after all of them.
You will own that renewal book and give each client one steady contact.

## What you'll do

- Run a renewal plan for each of your thirty client accounts.
- Meet every client each quarter to review usage, open issues and next steps.
- Work with our analytics team to turn usage data into a short yearly report.
- Route support tickets to the right engineer and follow each one to the end.
- Keep the CRM up to date so anyone can see where each account stands.
- Spot clients who would gain from the new meter add-on and plan a pitch with sales.

## What you'll need

- 4+ years managing a book of business accounts with yearly contracts.
- Have led renewal talks with finance or operations buyers.
- Can read a utility bill and explain a price change in plain numbers.

## Nice to have

- Time spent in a utility, an energy firm or a public agency.
- Comfort building a simple forecast in a spreadsheet.

## Pay and benefits

- Pay: $80,000–$98,000 per year
- Medical, dental and vision cover from your first day
- 401(k) with a 4% match
- 25 days of paid leave plus public holidays

## About Ones@Zeros Inc.

We are 60 people in Portland and Boise. Our software sends bills for more than 200 small
towns. We keep the product simple, and we answer the phone when a town clerk calls.
Clients stay with us because we fix their problems fast and explain what we changed.
Most of our staff have been here for more than three years. We plan our work a quarter at
a time, and we write down what we choose so new people can catch up on their own.
Each new account manager spends the first month visiting clients with the person who
looks after them today, so nobody starts cold.

## How to apply

Send a short note about a renewal you are proud of to jobs@oneszeros.example.
Tell us what the client needed, what you did, and what happened next. We reply to every
note within two weeks, and the process has two calls and one short written task.
"""

CLEAN_CONTEXT = """\
---
company: Ones@Zeros Inc.
role: Account Manager
seniority: senior
location: Portland, OR, USA
workplace: hybrid
employment_type: full-time
salary: {min: 80000, max: 98000, currency: USD, period: year}
benefits:
  - Medical, dental and vision cover from your first day
  - 401(k) with a 4% match
  - 25 days of paid leave plus public holidays
---
## About us

Ones@Zeros Inc. builds billing software for small water utilities. We are 60 people in
Portland and Boise, and our software sends bills for more than 200 small towns.

## Why we're hiring

Our largest clients renew next spring, and today one person looks after all of them.
We want one person to own that renewal book and give each client one steady contact.

## Must-haves

- 4+ years managing a book of business accounts with yearly contracts
- Have led renewal talks with finance or operations buyers
- Can read a utility bill and explain a price change in plain numbers

## Nice-to-haves

- Time in a utility, an energy firm or a public agency
- Comfort building a simple forecast in a spreadsheet
"""


def posting(
    *,
    title: str = "Senior Account Manager",
    facts: str = "**Location:** Portland, OR, USA · **Pay:** $80,000–$98,000 per year",
    summary: str = "We are hiring because our largest clients renew next spring.",
    duties: list[str] | None = None,
    requirements: list[str] | None = None,
    benefits: list[str] | None = None,
    extra: str = "",
) -> str:
    """A small Markdown posting; pass "" or [] to leave a part out."""
    duties = (
        ["Run a renewal plan for each account.", "Meet each client every quarter."]
        if (duties is None)
        else duties
    )
    requirements = (
        ["4+ years managing business accounts.", "Have led renewal talks."]
        if requirements is None
        else requirements
    )
    benefits = ["Medical cover", "401(k) with a 4% match"] if benefits is None else benefits
    out = [f"# {title}", ""]
    if facts:
        out += [facts, ""]
    if summary:
        out += [summary, ""]
    if duties:
        out += ["## What you'll do", ""] + [f"- {d}" for d in duties] + [""]
    if requirements:
        out += ["## What you'll need", ""] + [f"- {r}" for r in requirements] + [""]
    if benefits:
        out += ["## Benefits", ""] + [f"- {b}" for b in benefits] + [""]
    if extra:
        out += [extra, ""]
    return "\n".join(out)
