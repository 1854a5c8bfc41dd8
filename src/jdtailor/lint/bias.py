"""Wording that exposes an employer to a discrimination claim, and coarse language.

US law (Title VII, the ADEA, the ADA, the INA's anti-discrimination clause) bars
job ads that state a preference by sex, age, national origin or citizenship
without a legal reason, so these findings are errors, not taste:

- age: "under 35", "aged 25-40", "between the ages of", "bright young minds",
  "the team is young", "recent graduates only" (the phrase lists shared with
  inclusion.py's age rule live there);
- national origin and citizenship: "native English speaker", "English as a first
  language", "must be a US citizen" (unless the posting gives a legal reason such
  as a security clearance or export-control rules);
- sex: the candidate called "he"/"his", "guys", or a gendered job noun
  ("salesman", "waitress", "foreman").

Profanity and sexualised words are warnings: not unlawful, but a reader stops there.
"""

from __future__ import annotations

import re

from ._base import Check, driving_role, finding
from .model import Finding
from .words import Phrases, lazy, lower

__all__ = ["check"]

# An upper age limit ("under 35", "no older than 40", "35 or younger", "max age 40"),
# an age band ("aged 25-35", "Age limit: 20-40", "between the ages of"),
# "30-year-olds", or a lower limit above the legal minimums for alcohol and driving
# ("over 45"; "21 or older" is fine).
_AGE_UPPER = lazy(
    r"\b(?:(?:under|below|younger than|no older than|not older than|max(?:imum)? age"
    r"(?: of)?|age limit(?: of)?)\s+(?:the age of\s+)?(\d{2})\b"
    r"|(\d{2}) (?:years old |years of age )?or (?:younger|under|less)\b)",
    re.IGNORECASE,
)
_AGE_LOWER = lazy(
    r"\b(?:(?:over|above|older than|at least)\s+(?:the age of\s+)?(\d{2})\b"
    r"|(\d{2}) (?:years old |years of age )?or (?:older|over|above)\b)",
    re.IGNORECASE,
)
_AGE_BAND = lazy(
    r"\b(?:aged?\s+\d{2}\s*(?:-|–|to)\s*\d{2}\b|between the ages of\b|"
    r"age(?:\s(?:limit|range|group|bracket))?\s*(?::\s*)?\d{2}\s?(?:-|–|to)\s?\d{2}\b|"
    r"\d{2}-?(?:year|yr)-?olds?\b)",
    re.IGNORECASE,
)
# the number must be an age: "under 35" next to "age/old/years old/younger", or in a
# requirement line with no unit after it ("Under 35."), not "under 30 minutes"
_AGE_WORDS = lazy(r"\b(?:age|aged|ages|old|older|younger|years of age|years old)\b", re.IGNORECASE)
_UNIT_AFTER = lazy(
    r"\s*(?:%|percent|\+|k\b|[a-z]*hours?|minutes?|seconds?|days?|weeks?|months?|years? of|"
    r"years'|employees|people|staff|clients|customers|stores|sites|countries|locations|"
    r"languages|states|cities|miles|lbs|pounds|kg|calls|tickets|orders|units|items|"
    r"accounts|projects|beds|rooms|tables|covers|seats|vehicles|trucks|stops|deliveries|"
    r"patients|students|children|kids|dollars|\$|million|billion|degrees|feet|ft|m\b|"
    r"km|sq|square|per|a\b|an\b|of\b|in\b|on\b|at\b|and\b|or\b|to\b|-)",
    re.IGNORECASE,
)

_NATIVE = Phrases(
    "native english|spanish|french|german|speaker|speakers",
    "native_level|native-level english",
    "native speaker|speakers",
    "native speaker|speakers of",
    "english|french|spanish|german as_a_first|as_your_first|as_a_native language",
    "mother tongue",
)
_CITIZEN = lazy(
    r"\b(?:(?:must|should|need to|needs to|required to) be an? (?:us|u\.s\.|united states|"
    r"american|british|uk|canadian|eu) citizen"
    r"|(?:us|u\.s\.|united states|american|british|uk|canadian|eu) citizens? only"
    r"|(?:us|u\.s\.|united states|american|british|uk|canadian) citizenship (?:is )?required"
    r"|citizenship required|must hold (?:us|u\.s\.|uk|british|american) citizenship"
    r"|(?:us|u\.s\.|united states|american) citizenship or (?:lawful )?permanent "
    r"residen(?:cy|ce|t status)(?: \([^()]{0,40}\))? (?:is )?required)\b",
    re.IGNORECASE,
)
# A legal reason to ask for citizenship.
_CITIZEN_REASON = lazy(
    r"\b(?:security clearance|clearance|itar|ear\b|export control|export-control|"
    r"federal contract|government contract|public trust|dod|department of defense|"
    r"classified|secret clearance)",
    re.IGNORECASE,
)

# The candidate as "he": "he will", "his knowledge", "him". A sentence that names
# someone else ("our founder ... he") is not about the candidate, so pronouns count
# only in the posting's duties and requirements, or next to "candidate"/"applicant".
_HE = lazy(r"\b(he|his|him|himself)\b", re.IGNORECASE)
_BOTH = lazy(
    r"\b(?:his|he|him)\s?(?:/|or)\s?(?:her|she|hers)\b|"
    r"\b(?:her|she)\s?(?:/|or)\s?(?:his|he|him)\b",
    re.IGNORECASE,
)
_CANDIDATE_WORDS = lazy(
    r"\b(?:candidate|applicant|hire|successful person|the person|the right person|"
    r"ideal person|new team member|you|(?:our|the|a|this) (?:next|new) [a-z]+)\b",
    re.IGNORECASE,
)
_GENDERED_NOUNS: dict[str, str] = {
    "salesman": "salesperson, sales representative",
    "salesmen": "salespeople, sales representatives",
    "saleswoman": "salesperson",
    "waitress": "server",
    "waitresses": "servers",
    "hostess": "host",
    "stewardess": "flight attendant",
    "chairman": "chair",
    "foreman": "supervisor, crew lead",
    "foremen": "supervisors, crew leads",
    "handyman": "maintenance technician",
    "repairman": "repair technician",
    "repairmen": "repair technicians",
    "cameraman": "camera operator",
    "fireman": "firefighter",
    "policeman": "police officer",
    "workman": "worker",
    "workmen": "workers",
    "journeyman": "journey-level worker",
    "deliveryman": "delivery driver",
    "middleman": "intermediary",
    "manpower": "staff, workforce",
    "guys": "people, the team",
    "gals": "people, the team",
    "girls": "women (or drop it)",
    "boys": "men (or drop it)",
}
_GENDERED = Phrases(*[w for w in _GENDERED_NOUNS if w != "guys"], "our|you|the|with|other guys")

_PROFANE = Phrases(
    "bullshit|bullshitting|shit|shitty|shitload|crap|crappy|damn|damned|goddamn|fuck|fucking|"
    "fucked|fucks|ass|asshole|assholes|arse|bitch|bitching|hell_of_a|piss|pissed",
    "no bs",
)
_SEXUAL = Phrases(
    "sexy|sexiest|hot_girls|hot_guys|eye_candy|good_looking|good-looking|attractive_women|"
    "attractive_men|attractive_girls|babe|babes"
)


_PEOPLE_BEFORE = lazy(
    r"\b(?:candidates?|applicants?|anyone|people|those|workers|staff|hires?|you|someone)"
    r"(?: (?:aged|who are|that are|must be|should be))?\s*$",
    re.IGNORECASE,
)
# Someone other than the candidate: "our founder ... he", "the chef ... his".
_OTHER_PERSON = lazy(
    r"\b(?:founder|co-founder|owner|ceo|cto|president|manager|director|chef|boss|supervisor|"
    r"father|son|brother|husband|grandfather|uncle|mr\.?)\b",
    re.IGNORECASE,
)


def _is_age(text: str, m: re.Match[str]) -> bool:
    if _AGE_WORDS.search(m.group(0)) or _PEOPLE_BEFORE.search(
        text[max(0, m.start() - 30) : m.start()]
    ):
        return True
    near = text[max(0, m.start() - 30) : m.end() + 30]
    unit = _UNIT_AFTER.match(text, m.end())
    return bool(_AGE_WORDS.search(near)) or (unit is None and text[m.end() :].strip(" .;") == "")


def _age(c: Check) -> list[Finding]:
    out: list[Finding] = []
    if not c.may_match(_AGE_BAND, _AGE_UPPER, _AGE_LOWER):
        return out
    for span, text in c.body():
        hits = list(_AGE_BAND.finditer(text))
        hits += [m for m in _AGE_UPPER.finditer(text) if _is_age(text, m)]
        lows = [
            m
            for m in _AGE_LOWER.finditer(text)
            if int(m.group(1) or m.group(2)) > 21 and _is_age(text, m)
        ]
        # "23 or older" bars no one the ADEA protects (40 and over): carriers and their
        # insurers set such minimums for drivers; elsewhere it shuts out young adults,
        # whom some state laws protect.
        for m in lows:
            if int(m.group(1) or m.group(2)) >= 40:
                hits.append(m)
                continue
            driving = driving_role(c)
            out.append(
                finding(
                    "inclusion/age",
                    "info" if driving else "warning",
                    f"'{m.group(0)}' is a minimum age above the legal ones (18, 21)"
                    + (
                        "; fine where the carrier or its insurer requires it: say so"
                        if driving
                        else "; some state laws protect younger adults too"
                    ),
                    text=m.group(0),
                    line=span.line,
                    suggestion="keep a minimum age only where a law, licence or insurer "
                    "sets it, and name the reason",
                )
            )
        for m in sorted(hits, key=lambda m: m.start()):
            phrase = m.group(0)
            out.append(
                finding(
                    "inclusion/age",
                    "error",
                    f"'{phrase}' states an age limit; US law (ADEA) bars age preferences "
                    "for workers 40 and over",
                    text=phrase,
                    line=span.line,
                    suggestion="drop the age; state a legal minimum only if one applies "
                    "(e.g. 'must be 21 or older to serve alcohol')",
                )
            )
    return out


def _origin(c: Check) -> list[Finding]:
    out = []
    all_text = " ".join(s.text for s in c.doc.body())
    reason = bool(_CITIZEN_REASON.search(all_text))
    for span, text in c.having(_NATIVE):
        for _, phrase in _NATIVE.find(text):
            out.append(
                finding(
                    "inclusion/national-origin",
                    "error",
                    f"'{phrase}' is a national-origin preference (Title VII)",
                    text=phrase,
                    line=span.line,
                    suggestion="ask for the level you need: 'fluent English', "
                    "'professional working proficiency in Spanish'",
                )
            )
    for span, text in c.body() if c.may_match(_CITIZEN) else []:
        for m in _CITIZEN.finditer(text):
            out.append(
                finding(
                    "inclusion/citizenship",
                    "info" if reason else "error",
                    f"'{m.group(0)}'"
                    + (
                        " (the posting gives a legal reason; keep it only where the law or "
                        "the contract requires it)"
                        if reason
                        else " without a legal reason is citizenship discrimination (US INA)"
                    ),
                    text=m.group(0),
                    line=span.line,
                    suggestion="say 'authorized to work in the US' (add 'without sponsorship' "
                    "if you cannot sponsor a visa)",
                )
            )
    return out


# "ride with a journeyman", "confirm with the foreman", "three of our journeymen
# retire", "journeyman license": the word names someone else, or a licence
_ELSEWHERE_BEFORE = frozenset(
    "with by under to alongside beside from of our your their his her".split()
)
_LICENCE_AFTER = ("license", "licence", "card", "certificate", "ticket", "exam", "level")


def _someone_else(text: str, start: int, phrase: str) -> bool:
    before = lower(text[max(0, start - 24) : start]).split()[-3:]
    after = lower(text[start + len(phrase) : start + len(phrase) + 24]).split()
    after = [w for w in after if w not in ("electrician", "electricians", "plumber")][:1]
    return bool(_ELSEWHERE_BEFORE.intersection(before)) or (
        bool(after) and after[0].startswith(_LICENCE_AFTER)
    )


def _sex(c: Check) -> list[Finding]:
    out = []
    about_role = {id(s) for s in c.doc.responsibilities + c.doc.requirements + c.doc.nice_to_haves}
    for span, text in c.body() if c.may_match(_HE) else []:
        low = lower(text)
        if (id(span) in about_role or _CANDIDATE_WORDS.search(low)) and not _OTHER_PERSON.search(
            text
        ):
            for m in _HE.finditer(text):
                if _BOTH.search(text[max(0, m.start() - 7) : m.end() + 7]):
                    continue  # "his/her", "he or she": both sexes, not a preference
                out.append(
                    finding(
                        "inclusion/gendered-pronoun",
                        "error",
                        f"'{m.group(0)}' assumes the candidate is a man (Title VII)",
                        text=m.group(0),
                        line=span.line,
                        suggestion="address the reader as 'you', or use 'they'",
                    )
                )
    for span, text in c.having(_GENDERED):
        for start, phrase in _GENDERED.find(text):
            key = lower(phrase).split()[-1]
            if key not in ("guys", "gals", "girls", "boys") and _someone_else(text, start, phrase):
                continue
            alt = _GENDERED_NOUNS.get(key, "a neutral word")
            sev = "warning" if key in ("guys", "gals", "girls", "boys") else "error"
            out.append(
                finding(
                    "inclusion/gendered-word",
                    sev,  # type: ignore[arg-type]
                    f"'{phrase}' is a gendered word for the people you hire",
                    text=phrase,
                    line=span.line,
                    suggestion=f"use: {alt}",
                )
            )
    return out


def _coarse(c: Check) -> list[Finding]:
    out = []
    for span, text in c.having(_PROFANE):
        for _, phrase in _PROFANE.find(text):
            out.append(
                finding(
                    "inclusion/profanity",
                    "warning",
                    f"'{phrase}' is profanity in a job ad",
                    text=phrase,
                    line=span.line,
                    suggestion="say it plainly (e.g. 'no bullshit' -> 'we are direct')",
                )
            )
    for span, text in c.having(_SEXUAL):
        for _, phrase in _SEXUAL.find(text):
            out.append(
                finding(
                    "inclusion/sexualised",
                    "error",
                    f"'{phrase}' is sexualised language; it invites a harassment claim",
                    text=phrase,
                    line=span.line,
                    suggestion="describe the product or the work, not people's looks",
                )
            )
    return out


def check(c: Check) -> list[Finding]:
    return _age(c) + _origin(c) + _sex(c) + _coarse(c)
