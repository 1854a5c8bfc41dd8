"""Exclusionary language: age, ableist phrasing, gimmick titles, bro terms, hollow perks,
hustle and reassurance clichés."""

from __future__ import annotations

import re

from ._base import Check, finding, level_of
from .model import Finding, Severity

_AGE = re.compile(
    r"\b(digital natives?|young and (?:energetic|dynamic|hungry)|youthful|"
    r"young(?:er)? (?!people|children|kids|adults|learners|patients|families|company|"
    r"business|brand|startup|readers|audiences?)\w+|under \d\d|energetic young)\b",
    re.IGNORECASE,
)
_GRADUATE = re.compile(
    r"\b(recent (?:college |university )?grad(?:uate)?s?|new grads?|fresh graduates?|"
    r"graduated within)\b",
    re.IGNORECASE,
)
_ABLEIST = re.compile(
    r"\b(?:(?:must be |be )?(?:able|ability) to (lift|carry|stand|walk|see|hear|speak|climb|"
    r"kneel|bend|type|drive)\b|(lift)(?:ing)? (?:up to |at least )?\d+ ?(?:lbs?|pounds|kg)|"
    r"(stand)(?:ing)? for (?:long|extended|prolonged|\d+)|(able[- ]bodied))",
    re.IGNORECASE,
)
_DOL = {
    "lift": "move or transfer (give the weight only if it is essential)",
    "carry": "move or transfer",
    "stand": "remain in a stationary position",
    "walk": "move about the site",
    "see": "observe or detect",
    "hear": "receive information, e.g. customer calls",
    "speak": "communicate or convey information",
    "climb": "ascend or descend ladders",
    "kneel": "position yourself to reach low equipment",
    "bend": "position yourself to reach low equipment",
    "type": "enter data",
    "drive": "travel to customer sites",
    "able-bodied": "describe the essential physical tasks instead",
}
_PHYSICAL_ROLE = re.compile(
    r"\b(warehouse|electrician|nurse|technician|installer|mover|driver|picker|packer|loader|"
    r"stocker|cook|chef|server|housekeep\w*|porter|labou?rer|construction|mechanic|"
    r"caregiver|carpenter|plumber|welder|associate|cashier|barista|fulfil+ment|courier)\b",
    re.IGNORECASE,
)
_GIMMICK = re.compile(
    r"\b(rock ?stars?|ninjas?|gurus?|superstars?|wizards?|jedis?|unicorns?|mavens?|"
    r"wunderkinds?|evangelists?)\b",
    re.IGNORECASE,
)
_BRO = re.compile(
    r"\b(crush(?:ing|es)? (?:it|the|your)|crushing|hardcore|bros?|brogrammers?|dudes?|"
    r"kick(?:ing)?[- ]ass|badass|beast mode|killer instinct|10x (?:engineers?|developers?)|"
    r"grind(?:ing)?|manpower)\b",
    re.IGNORECASE,
)
_HOLLOW = re.compile(
    r"\b(beers?|ping[- ]pong|foosball|free snacks|kegerators?|pool table|game room|"
    r"pizza (?:fridays|parties)|happy hours?|fun (?:work )?environment|"
    r"competitive (?:salary|pay|compensation|wages?|package|base))\b",
    re.IGNORECASE,
)
_HUSTLE = re.compile(
    r"\b(hit the ground running|fast[- ]paced|wear (?:many|multiple|lots of) hats|"
    r"work hard,? play hard|hustle|above and beyond|whatever it takes|always[- ]on|"
    r"thrives? (?:in|on) chaos|startup mentality|move fast)\b",
    re.IGNORECASE,
)
_REASSURE = re.compile(
    r"\b(drama[- ]free|no drama|no egos|ego[- ]free|(?:like|are) (?:a|one big) family|"
    r"no politics)\b",
    re.IGNORECASE,
)


def _scan(
    c: Check,
    pattern: re.Pattern[str],
    rule: str,
    severity: Severity,
    message: str,
    suggestion: str,
) -> list[Finding]:
    out = []
    for span in c.doc.body():
        for m in pattern.finditer(c.masked(span)):
            out.append(
                finding(
                    rule,
                    severity,
                    message.format(m.group(0)),
                    text=m.group(0),
                    line=span.line,
                    suggestion=suggestion,
                )
            )
    return out


def check(c: Check) -> list[Finding]:
    findings: list[Finding] = []
    findings += _scan(
        c, _AGE, "inclusion/age", "warning", "'{}' signals an age preference",
        "describe the skills needed; age-coded words put off older applicants",
    )  # fmt: skip
    if level_of(c) != "entry":
        findings += _scan(
            c, _GRADUATE, "inclusion/age", "warning",
            "'{}' for a role that is not entry level reads as an age preference",
            "drop it, or make the role entry level and say so in the title",
        )  # fmt: skip
    text_all = " ".join(s.text for s in c.doc.body())
    physical = bool(
        _PHYSICAL_ROLE.search(c.doc.title.text if c.doc.title else "")
        or re.search(r"essential function|reasonable accommodation", text_all, re.IGNORECASE)
    )
    for span in c.doc.body():
        for m in _ABLEIST.finditer(c.masked(span)):
            verb = next(g for g in m.groups() if g).lower()
            alt = _DOL.get(verb.replace(" ", "-"), "describe the task, not the body")
            findings.append(
                finding(
                    "inclusion/ableist",
                    "info" if physical else "warning",
                    f"'{m.group(0)}' excludes people who do the task another way"
                    + (" (fine if it is an essential function: say so)" if physical else ""),
                    text=m.group(0),
                    line=span.line,
                    suggestion=f"DOL-style wording: {alt}",
                )
            )
    findings += _scan(
        c, _GIMMICK, "inclusion/gimmick-title", "warning", "'{}' is a gimmick job word",
        "use the plain name of the role or skill",
    )  # fmt: skip
    findings += _scan(
        c, _BRO, "inclusion/bro", "warning", "'{}' is bro-culture language",
        "describe the work and the pace plainly",
    )  # fmt: skip
    has_pay = c.doc.pay is not None and c.doc.pay.kind == "range"
    for f in _scan(
        c, _HOLLOW, "inclusion/hollow-perk", "info", "'{}' is a hollow perk",
        "list concrete benefits (cover, leave, pension, learning budget) and the pay range",
    ):  # fmt: skip
        if f.text and f.text.lower().startswith("competitive") and not has_pay:
            f.severity = "warning"
            f.message = f"'{f.text}' with no pay range tells a candidate nothing"
            f.suggestion = "state the pay range instead"
        findings.append(f)
    findings += _scan(
        c, _HUSTLE, "inclusion/hustle", "info", "'{}' is a hustle cliché",
        "say what the workload and pace really are (e.g. 'three launches a quarter')",
    )  # fmt: skip
    findings += _scan(
        c, _REASSURE, "inclusion/reassurance", "info", "'{}' is a reassurance cliché",
        "describe how the team works instead (e.g. how decisions and reviews happen)",
    )  # fmt: skip
    return findings
