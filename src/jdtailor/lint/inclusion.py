"""Exclusionary language: age, ableist phrasing, gimmick titles, bro terms, hollow perks,
hustle and reassurance clichés."""

from __future__ import annotations

import re

from ._base import Check, driving_role, finding, level_of, physical_role
from .model import Finding, Severity
from .words import Phrases, lazy

_AGE = Phrases(
    "digital native|natives",
    "young|youthful and energetic|dynamic|hungry",
    "youthful",
    "energetic young",
    "young|younger team|teams|workforce|professional|professionals|candidate|candidates|"
    "person|people_who|talent|blood|energy|graduates|minds|designer|designers|developer|"
    "developers|engineer|engineers|man|men|woman|women|guy|guys|gun|guns|company|culture|"
    "office|crew|staff|hire|hires|recruits|applicants",
    "young and|& ambitious|energetic|hungry|dynamic|driven|motivated|fresh|vibrant",
    "team|company|office|crew|staff is|are young",
    "young at heart",
    "young|youthful spirit|vibe|vibes|feel",
    "fresh faced|faces",
)
_GRADUATE = Phrases(
    "recent |college|university grad|grads|graduate|graduates",
    "new grad|grads|graduate|graduates",
    "fresh graduate|graduates",
    "graduated within",
)
_ABLEIST = lazy(
    r"\b(?:(?:must be |be )?(?:able|ability) to (lift|carry|stand|walk|see|hear|speak|climb|"
    r"kneel|bend|type|drive(?!\s+(?:(?:the|our|your|key|strong|measurable|meaningful|real|"
    r"business|sales|revenue|customer|product|team)\s+)?(?:results?|growth|revenue|sales|"
    r"change|impact|adoption|improvements?|engagement|value|innovation|success|outcomes?|"
    r"performance|efficiency|decisions?|alignment|strategy|projects?|initiatives?|forward|"
    r"business|progress|excellence|consensus|accountability|execution|conversions?|traffic|"
    r"demand|pipeline|retention|quality|clarity|ownership|priorities|momentum|culture)\b))\b|"
    r"(lift)(?:ing)? (?:up to |at least )?\d+ ?(?:lbs?|pounds|kg)|"
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
_GIMMICK = Phrases(
    "rockstar|rockstars|rock_star|rock_stars|ninja|ninjas|guru|gurus|superstar|superstars|"
    "wizard|wizards|jedi|jedis|unicorn|unicorns|maven|mavens|wunderkind|wunderkinds|"
    "evangelist|evangelists"
)
_BRO = Phrases(
    "crush|crushing|crushes it|the|your",
    "crushing",
    "hardcore",
    "bro|bros|brogrammer|brogrammers|dude|dudes|badass|manpower",
    "kick|kicking ass",
    "beast mode",
    "killer instinct",
    "10x engineer|engineers|developer|developers",
    "the|daily|endless|constant grind",
    "grind|grinding it out",
    "hustle and|& grind",
    "rise and grind",
)
_HOLLOW = Phrases(
    "beer|beers|foosball|kegerator|kegerators",
    "ping pong",
    "free snacks",
    "pool table",
    "game room",
    "pizza fridays|parties",
    "happy hour|hours",
    "fun |work environment",
    "competitive salary|salaries|pay|compensation|wage|wages|package|packages|base",
    "nerf|nerf_gun|nerf_guns|nerf_wars",
    "wii|xbox|playstation|ps5|arcade_machine|arcade_machines",
)
_HUSTLE = Phrases(
    "hit the ground running",
    "fast paced",
    "wear many|multiple|lots_of hats",
    "work hard |play hard",
    "hustle",
    "above and beyond",
    "whatever it takes",
    "always on",
    "thrive|thrives in|on chaos",
    "startup mentality",
    "move fast",
    "tight deadline|deadlines",
    "meritocracy|meritocratic",
)
# A spotless work history: it shuts out carers, the long ill, the disabled, veterans.
_GAPS = Phrases(
    "no|without gap|gaps in employment|work|your_employment|your_work|employment_history|"
    "work_history|your_employment_history|your_work_history",
    "no|without employment|work gaps",
)
# Looks asked of the hire: grooming rules have shut people out by race (natural hair:
# the CROWN Act) and religion (beards, head coverings); a real rule names the task.
_APPEARANCE = Phrases(
    "well groomed",
    "clean cut",
    "neat|pleasing|attractive|presentable|polished|professional|clean appearance",
    "good looking|looks",
    "neatly groomed",
    "be presentable",
)
# A concrete dress or hygiene rule beside the appearance words
_RULE_NAMED = lazy(
    r"\b(?:uniforms?|dress code|hair (?:tied|pulled|restraints?|nets?)|hairnets?|hats?|"
    r"closed[- ]toe|non[- ]slip|shoes|aprons?|scrubs|jewel(?:le)?ry)\b",
    re.IGNORECASE,
)
# A car to get to work, where the job is not driving: it screens out people who walk,
# cycle or take the bus, and by income and race with them.
_TRANSPORT = Phrases(
    "reliable|dependable|good|own|personal|private transportation|transport|vehicle|car",
    "access to a|an reliable|dependable|personal car|vehicle|transportation",
)
# The job itself moves between places: a car may be essential there.
_TRAVELS = lazy(
    r"\b(?:deliver(?:y|ies|ing)?|mileage|travel (?:to|between)|clients'? homes?|"
    r"patients'? homes?|home visits?|job ?sites|route)\b",
    re.IGNORECASE,
)
# Threats to candidates ("negativity will not be tolerated"), unless the line names
# conduct a workplace policy rightly bars (harassment, violence, drugs...).
_THREAT = lazy(
    r"\b(?:(?:will|shall|would) not|won'?t|cannot|can ?not) be tolerated\b|\bzero tolerance\b|"
    r"\b(?:do|does|will) not tolerate\b|\bno tolerance for\b",
    re.IGNORECASE,
)
_TOLERATE = Phrases("tolerate|tolerated|tolerance")  # the spans worth reading for a threat
_POLICY = lazy(
    r"\b(?:harass\w*|discriminat\w*|violen\w*|abus\w*|theft|steal\w*|drugs?|alcohol|"
    r"weapons?|bully\w*|retaliat\w*|racis\w*|sexis\w*|safety|fraud|impair\w*)",
    re.IGNORECASE,
)
_REASSURE = Phrases(
    "drama free",
    "no drama|egos|politics",
    "ego free",
    "like|are a|one_big family",
)


# A gimmick word that names a thing, not the person: "Apache Maven", "with Maven and
# Gradle", "Rockstar energy drinks", "an open-source unicorn library".
_GIMMICK_THING = lazy(
    r"^\s*(?:and gradle|build|builds|repository|repositories|plugins?|central|pom|project|"
    r"energy|drinks?|games?|library|libraries|framework|frameworks|startups?|companies|"
    r"company|valuation|status|package|packages|sdk|api)\b",
    re.IGNORECASE,
)
_GIMMICK_TOOL_BEFORE = lazy(r"\b(?:apache|with|using|via|in|of|and|or)\s*$", re.IGNORECASE)
# A perk the posting says it does not offer: "instead of a ping-pong table".
_NEGATED = lazy(
    r"\b(?:instead of|rather than|not|no|never|without|forget|skip|beyond|more than)\b"
    r"(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)


def _scan(
    c: Check,
    pattern: Phrases,
    rule: str,
    severity: Severity,
    message: str,
    suggestion: str,
) -> list[Finding]:
    out = []
    for span, masked in c.having(pattern):
        # "work hard, play hard": a comma or semicolon between words is a gap too
        for start, found in pattern.find(masked.replace(",", " ").replace(";", " ")):
            phrase = masked[start : start + len(found)]
            out.append(
                finding(
                    rule,
                    severity,
                    message.format(phrase),
                    text=phrase,
                    line=span.line,
                    suggestion=suggestion,
                )
            )
    return out


# "Precept new graduate nurses": the graduates are people the hire teaches, not the hire.
_TEACHES_BEFORE = lazy(
    r"\b(?:precept|precepts|preceptor|mentor|mentors|mentoring|train|trains|training|coach|"
    r"coaches|coaching|orient|orients|orienting|onboard|onboards|onboarding|supervise|"
    r"supervises|supervising|teach|teaches|teaching|guide|guides|support|supports|welcome|"
    r"precepting|hire|hires|hiring|recruit|recruits|recruiting)\b(?:\s+\S+){0,2}\s*$",
    re.IGNORECASE,
)


_ONLY = lazy(r"\b(?:only|must be|required|no more than|within the (?:last|past))\b", re.I)


def _about_others(c: Check, f: Finding) -> bool:
    """Whether the graduate phrase names people the hire works with, not the hire."""
    for span in c.doc.body():
        if span.line == f.line and f.text:
            at = c.masked(span).find(f.text)
            if at >= 0 and _TEACHES_BEFORE.search(c.masked(span)[:at]):
                return True
    return False


def check(c: Check) -> list[Finding]:
    findings: list[Finding] = []
    findings += _scan(
        c, _AGE, "inclusion/age", "error",
        "'{}' signals an age preference; US law (ADEA) bars it for workers 40 and over",
        "describe the skills needed; age-coded words put off older applicants",
    )  # fmt: skip
    if level_of(c) != "entry":
        findings += [f for f in _scan(
            c, _GRADUATE, "inclusion/age", "warning",
            "'{}' for a role that is not entry level reads as an age preference",
            "drop it, or make the role entry level and say so in the title",
        ) if not _about_others(c, f)]  # fmt: skip
        for f in findings:  # "recent graduates only" shuts older people out: an error
            if (
                f.rule == "inclusion/age"
                and f.severity == "warning"
                and _ONLY.search(next((s.text for s in c.doc.body() if s.line == f.line), ""))
            ):
                f.severity = "error"
    physical = physical_role(c)
    for span, masked in c.body() if c.may_match(_ABLEIST) else []:
        for m in _ABLEIST.finditer(masked):
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
    title = [(c.doc.title, c.masked(c.doc.title))] if c.doc.title else []
    for span, masked in c.having(_GIMMICK) + title:
        for start, phrase in _GIMMICK.find(masked):
            end = start + len(phrase)
            if _GIMMICK_THING.match(masked[end:]) or _GIMMICK_TOOL_BEFORE.search(masked[:start]):
                continue
            findings.append(
                finding(
                    "inclusion/gimmick-title",
                    "warning",
                    f"'{phrase}' is a gimmick job word",
                    text=phrase,
                    line=span.line,
                    suggestion="use the plain name of the role or skill",
                )
            )
    findings += _scan(
        c, _BRO, "inclusion/bro", "warning", "'{}' is bro-culture language",
        "describe the work and the pace plainly",
    )  # fmt: skip
    has_pay = c.doc.pay is not None and c.doc.pay.kind == "range"
    negated = {
        (span.line, phrase)
        for span, masked in c.having(_HOLLOW)
        for start, phrase in _HOLLOW.find(masked)
        if _NEGATED.search(masked[:start])
    }
    for f in _scan(
        c, _HOLLOW, "inclusion/hollow-perk", "info", "'{}' is a hollow perk",
        "list concrete benefits (cover, leave, pension, learning budget) and the pay range",
    ):  # fmt: skip
        if (f.line, f.text) in negated:
            continue
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
        c, _GAPS, "inclusion/career-gap", "warning",
        "'{}' shuts out people with a career gap (caregiving, illness, disability, service)",
        "ask for the history the law needs, and let candidates explain a gap",
    )  # fmt: skip
    for f in _scan(
        c, _APPEARANCE, "inclusion/appearance", "warning",
        "'{}' asks for a look; grooming rules have excluded people by race and religion",
        "name the real rule the work needs (e.g. 'hair tied back near food'), or drop it",
    ):  # fmt: skip
        line = next((s.text for s in c.doc.body() if s.line == f.line), "")
        if _RULE_NAMED.search(line):  # "well groomed, in a clean uniform": the rule is there
            f.severity = "info"
        findings.append(f)
    cars = _scan(
        c, _TRANSPORT, "inclusion/transportation", "warning",
        "'{}' shuts out people who walk, cycle or ride the bus to work",
        "ask for punctual arrival for each shift; ask for a car only if the job drives",
    )  # fmt: skip
    if cars and not driving_role(c) and not c.may_match(_TRAVELS):
        findings += cars
    for span, masked in c.having(_TOLERATE):
        threat = _THREAT.search(masked)
        if threat and not _POLICY.search(masked):
            findings.append(
                finding(
                    "inclusion/hostile-tone", "warning",
                    f"'{threat[0]}' threatens the reader; candidates read it as the workplace",
                    text=threat[0], line=span.line,
                    suggestion="say what good teamwork looks like instead",
                )
            )  # fmt: skip
    findings += _scan(
        c, _REASSURE, "inclusion/reassurance", "info", "'{}' is a reassurance cliché",
        "describe how the team works instead (e.g. how decisions and reviews happen)",
    )  # fmt: skip
    return findings


def cliches(text: str) -> list[str]:
    """Gimmick titles, hustle and reassurance clichés in ``text``, as written (``corpus
    check`` rejects them in an item; not the bro terms, which flag "grind" and "crushing"
    as trade and pharmacy verbs)."""
    return [
        phrase for phrases in (_GIMMICK, _HUSTLE, _REASSURE) for _, phrase in phrases.find(text)
    ]
