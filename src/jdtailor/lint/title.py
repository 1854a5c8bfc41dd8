"""The title: a common job title with its level, no caps, pay, location or gimmicks."""

from __future__ import annotations

import re

from ._base import Check, finding, level_of, title_level_word, years_asked
from .model import Finding
from .pay import states_money
from .words import Phrases, lazy

# Head nouns of the titles people search for (the last word of a common title).
COMMON_ROLE_NOUNS = frozenset(
    """
    accountant administrator advisor adviser agent analyst architect assistant associate
    attorney auditor baker barista bartender bookkeeper buyer carpenter cashier chef clerk
    coach consultant controller cook coordinator copywriter counsel counselor courier
    dentist designer developer director dispatcher driver economist editor educator electrician
    engineer estimator executive expert facilitator generalist handler head hygienist
    inspector installer instructor intern investigator journalist laborer lawyer lead
    librarian machinist manager marketer mechanic nurse officer operator painter paralegal
    partner pharmacist photographer physician planner plumber practitioner principal producer
    professor programmer psychologist receptionist recruiter representative researcher rep
    scientist secretary server sourcer specialist statistician steward strategist supervisor
    surveyor teacher technician technologist therapist trainer translator tutor underwriter
    veterinarian welder worker writer sre owner bdr sdr ae csm pm tester scheduler storekeeper
    picker packer loader stocker housekeeper concierge host hostess caregiver aide medic
    """.split()
)
_GIMMICK = Phrases(
    "rockstar|rockstars|rock_star|rock_stars|ninja|ninjas|guru|gurus|superstar|superstars|"
    "wizard|wizards|jedi|jedis|unicorn|unicorns|hero|heroes|maven|mavens|evangelist|"
    "evangelists|wunderkind|wunderkinds|hacker|hackers"
)
_PLACE = lazy(
    r"\b(remote|hybrid|on-?site|in-office|work from home|wfh)\b|,\s*[A-Z]{2}\b|\([^(),]*,[^()]*\)",
    re.IGNORECASE,
)
_PAY = lazy(r"\b\d+\s?[kK]\b|\bper (hour|year)\b|/\s?(hr|hour|yr|year)\b")


def check(c: Check) -> list[Finding]:
    doc = c.doc
    if doc.title is None or not doc.title.text.strip():
        return [
            finding(
                "title/missing",
                "error",
                "no job title",
                line=1,
                suggestion="start with the common job title, e.g. '# Senior Account Manager'",
            )
        ]
    span = doc.title
    title = span.text
    findings: list[Finding] = []
    m = _GIMMICK.find(title)
    if m:
        findings.append(
            finding(
                "title/gimmick",
                "warning",
                f"'{m[0][1]}' in the title; candidates search for common titles",
                text=title,
                line=span.line,
                suggestion="use the title people search for, e.g. 'Senior Software Engineer'",
            )
        )
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        findings.append(
            finding(
                "title/all-caps",
                "warning",
                "title is in capitals",
                text=title,
                line=span.line,
                suggestion=f"write it in title case: '{title.title()}'",
            )
        )
    if states_money(title) or _PAY.search(title):
        findings.append(
            finding(
                "title/pay",
                "warning",
                "pay in the title",
                text=title,
                line=span.line,
                suggestion="put pay in its own line or section, not the title",
            )
        )
    loc = doc.location.text if doc.location else (c.ctx.location if c.ctx else None)
    city = loc.split(",")[0].strip() if loc else ""
    place = _PLACE.search(title)
    if place or (len(city) > 2 and re.search(rf"\b{re.escape(city)}\b", title, re.IGNORECASE)):
        findings.append(
            finding(
                "title/location",
                "warning",
                "location or workplace in the title",
                text=title,
                line=span.line,
                suggestion="keep the title to the role; give location on its own line",
            )
        )
    level = level_of(c)
    has_level = title_level_word(title) is not None
    asked = max((y for s in doc.requirements for y, _ in years_asked(s.text)), default=0)
    if not has_level and (level in ("senior", "lead") or (c.ctx is None and asked >= 5)):
        want = "Senior" if level == "senior" or (level is None and asked < 8) else "Lead"
        findings.append(
            finding(
                "title/no-level",
                "warning" if level in ("senior", "lead") else "info",
                f"the role is {level or 'senior'}-level but the title has no level word",
                text=title,
                line=span.line,
                suggestion=(
                    f"add the level: '{want} {plain}'"
                    if (plain := _plain_title(title))
                    else f"use a plain title with a level word, e.g. '{want} Developer'"
                ),
            )
        )
    words = re.findall(r"[a-z]+", re.sub(r"\([^()]*\)", " ", title.lower()))
    if words and not any(w in COMMON_ROLE_NOUNS or w.rstrip("s") in COMMON_ROLE_NOUNS
                         for w in words) and not m:  # fmt: skip
        findings.append(
            finding(
                "title/uncommon",
                "info",
                f"'{title}' is not a common job title",
                text=title,
                line=span.line,
                suggestion="use the title candidates search for (e.g. 'Account Manager')",
            )
        )
    return findings


_GIMMICK_WORDS = frozenset(
    "rockstar rockstars ninja ninjas guru gurus superstar superstars wizard wizards jedi "
    "unicorn unicorns maven mavens wunderkind evangelist".split()
)


def _plain_title(title: str) -> str:
    """The title without gimmick words ("Rockstar Ninja Developer" -> "Developer")."""
    return " ".join(w for w in title.split() if w.lower().strip(",.") not in _GIMMICK_WORDS)
