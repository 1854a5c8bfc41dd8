"""The company.md template ``jdtailor init`` writes, and spotting one left unfilled.

Every value the user must supply in the template is a line starting ``TODO``.
YAML comments explain each front-matter key and each section; the section
bodies hold only their ``TODO`` line, so an untouched template parses cleanly
but ``draft`` can tell the user what is still to fill in.
"""

from __future__ import annotations

import re

from ..errors import ContextError
from . import CompanyContext

__all__ = ["COMPANY_TEMPLATE", "PLACEHOLDER", "ensure_filled", "unfilled"]

PLACEHOLDER = "TODO"
_PLACEHOLDER_RE = re.compile(rf"\b{PLACEHOLDER}\b")

COMPANY_TEMPLATE = """\
---
# company.md: what jdtailor knows about your company and this role.
# Replace every line that starts with TODO, then run:
#     jdtailor draft --context company.md
# Lines starting with "#" inside this block are comments and are ignored.
# Every key is optional; delete one you have nothing for (jdtailor never
# makes up a fact you leave out). Command-line options such as --role,
# --seniority, --location and --salary override what is written here.

# Your company's name as candidates know it.
company: TODO Company name

# The job title, without a level word; the level comes from `seniority`.
# (`title:` is accepted as another name for this key.)
role: TODO Job title, e.g. Account Manager

# entry (0-2 years) | mid (2-4) | senior (4-8) | lead (8+)
seniority: mid

# City, region and country; for a remote role, where applicants may live.
location: TODO City, Region, Country

# onsite | hybrid | remote
workplace: onsite

# full-time | part-time | contract | temporary | internship
employment_type: full-time

# The pay range. Many places (Colorado, New York, California, Washington and
# others) require it in a posting. Uncomment one form and set your figures:
#   salary: {min: 72000, max: 95000, currency: USD, period: year}
#   salary: "19-23 USD/hour"        (period: hour | day | week | month | year)

# Benefits exactly as you offer them, one per line. Be specific.
benefits:
  - TODO A benefit, e.g. Medical, dental and vision cover from day one
  - TODO Another benefit, or delete this line

# Who the hire will serve; corpus duties that mention customers use it.
customers: TODO Who your customers are, e.g. regional grocery chains

# What you make or sell, in a few words.
product: TODO What you sell, e.g. refrigerated delivery vans

# Where candidates apply: a web address or an email address.
apply: TODO https://example.com/jobs/this-role

# The last day the posting is open, YYYY-MM-DD (used for Google for Jobs).
#   valid_through: 2026-12-31

# The corpus family to draft from, when the title alone does not pick the right
# one (`jdtailor corpus list` shows them; --family overrides this):
#   family: account-management

# The sections below are found by their heading, in any order and any case.
# Other names are accepted for each one:
#   About us                 - Who we are, About the company
#   Why we're hiring         - Why this role, The opportunity, Why now
#   What success looks like  - First 90 days, Goals, Priorities, Outcomes
#   Responsibilities         - What you'll do, Duties, The role, Day to day,
#                              Key responsibilities (these come first in the posting)
#   Must-haves               - Requirements, What you need
#   Nice-to-haves            - Bonus points, Preferred
#   Team                     - Who you'll work with
#   Benefits                 - Perks, What we offer (used when the
#                              `benefits:` key above is absent)
# Any other heading is kept and passed on as extra context.
# Bullets in the lists can start with "-", "*" or a number.
---

## About us

TODO Two or three sentences: what the company does, for whom, where, and how big it is.

## Why we're hiring

TODO The most important section. Say what changed or what problem this hire will fix:
growth, a gap on the team, clients waiting too long. Candidates read this first.

## Responsibilities

- TODO A duty in your own words, starting with a verb, e.g. Run the morning delivery schedule
- TODO Another duty, or delete this section and let the corpus suggest duties

## What success looks like

- TODO A concrete result from the first 90 days
- TODO A result for the end of the first year

## Must-haves

- TODO A requirement the hire truly cannot do without (keep this list short)
- TODO Another must-have, or delete this line

## Nice-to-haves

- TODO Something that would help but that you would train for, or delete this section

## Team

TODO Who the hire reports to and works with day to day.
"""

_FRONT_MATTER_KEYS = (
    "company", "role", "location", "employment_type", "customers", "product", "apply",
    "valid_through",
)  # fmt: skip
_SECTIONS = (
    ("about", "About us"),
    ("why_hiring", "Why we're hiring"),
    ("responsibilities", "Responsibilities"),
    ("outcomes", "What success looks like"),
    ("must_haves", "Must-haves"),
    ("nice_to_haves", "Nice-to-haves"),
    ("team", "Team"),
)


def _has_placeholder(value: object) -> bool:
    if isinstance(value, str):
        return bool(_PLACEHOLDER_RE.search(value))
    if isinstance(value, list):
        return any(_has_placeholder(v) for v in value)
    return False


def unfilled(ctx: CompanyContext) -> list[str]:
    """Names of the keys and sections in ``ctx`` that still hold a template placeholder."""
    names = [key for key in _FRONT_MATTER_KEYS if _has_placeholder(getattr(ctx, key))]
    if _has_placeholder(ctx.benefits):
        names.append("benefits")
    names += [f'"{title}"' for field, title in _SECTIONS if _has_placeholder(getattr(ctx, field))]
    names += [f'"{title}"' for title, text in ctx.extra if _has_placeholder(text)]
    return names


def ensure_filled(ctx: CompanyContext) -> None:
    """Refuse to draft from a template still holding ``TODO`` placeholders.

    Raises:
        ContextError: naming every key and section left to fill in.
    """
    names = unfilled(ctx)
    if names:
        raise ContextError(
            f"{ctx.path or 'company.md'}: still holds template placeholders in "
            f"{', '.join(names)}; replace each TODO line with your own words "
            "(or delete it), then draft again"
        )
