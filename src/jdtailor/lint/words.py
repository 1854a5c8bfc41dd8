"""Word lists and pure matchers shared by ``lint`` and ``corpus check``.

Everything here is a precompiled regex over one piece of text, with no state, so
``jdtailor corpus check`` can flag exactly what ``jdtailor lint`` flags:

    >>> gender_coded("A competitive, collaborative team")
    [('competitive', 'masculine'), ('collaborative', 'feminine')]
    >>> filler("You are a team player and a self-starter.")
    ['team player', 'self-starter']
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = [
    "FEMININE_STEMS",
    "MASCULINE_STEMS",
    "NEUTRAL_ALTERNATIVES",
    "Coding",
    "filler",
    "gender_coded",
    "gender_verdict",
    "mask",
    "word_count",
]

Coding = Literal["masculine", "feminine"]

# Word stems from Gaucher, Friesen & Kay (2011), "Evidence that gendered wording
# in job advertisements exists and sustains gender inequality", as published in
# the gender-decoder word lists (PyPI `genderdecoder` 0.3, wordlists.py, MIT
# licence, (c) Kat Matfield). The stems are reproduced; the matcher below is ours:
# whole words, case-insensitive, with exceptions for words that share a stem but
# not the meaning ("analytics", "support ticket", "dependencies", "team lead").
MASCULINE_STEMS: tuple[str, ...] = (
    "active", "adventurous", "aggress", "ambitio", "analy", "assert", "athlet", "autonom",
    "battle", "boast", "challeng", "champion", "compet", "confident", "courag", "decid",
    "decision", "decisive", "defend", "determin", "domina", "dominant", "driven", "fearless",
    "fight", "force", "greedy", "head-strong", "headstrong", "hierarch", "hostil", "implusive",
    "independen", "individual", "intellect", "lead", "logic", "objective", "opinion",
    "outspoken", "persist", "principle", "reckless", "self-confiden", "self-relian",
    "self-sufficien", "selfconfiden", "selfrelian", "selfsufficien", "stubborn", "superior",
    "unreasonab",
)  # fmt: skip
FEMININE_STEMS: tuple[str, ...] = (
    "agree", "affectionate", "child", "cheer", "collab", "commit", "communal", "compassion",
    "connect", "considerate", "cooperat", "co-operat", "depend", "emotiona", "empath", "feel",
    "flatterable", "gentle", "honest", "interpersonal", "interdependen", "interpersona",
    "inter-personal", "inter-dependen", "inter-persona", "kind", "kinship", "loyal", "modesty",
    "nag", "nurtur", "pleasant", "polite", "quiet", "respon", "sensitiv", "submissive",
    "support", "sympath", "tender", "together", "trust", "understand", "warm", "whin",
    "enthusias", "inclusive", "yield", "shar",
)  # fmt: skip

# Words that start with a stem but carry another meaning: a task, a thing, a
# document, or a plain verb of the job rather than a trait.
_NOT_CODED = frozenset(
    """
    analysis analyses analyst analysts analytics analyze analyzes analyzed analyzing analyse
    analyses analysed analysing
    agreed agreement agreements
    childcare
    commits committee committees
    competence competencies competency competent competition competitor competitors
    connector connectors connectivity
    dependencies dependency dependent dependents
    determine determines determining
    forced
    individuals
    kinds
    leads
    nags
    objectives
    respond responds responded responding response responses responsibility responsibilities
    shard shards shared shark sharp sharpen sharply sharpie sharps
    tenders
    trustee trustees
    warmup
    yields
    """.split()
)
# Phrases masked before matching: the coded word in them names a thing or a role.
_NOT_CODED_PHRASES = re.compile(
    r"\b(?:lead[- ]gen(?:eration)?|(?:team|tech|technical|project|shift|site|crew|account|"
    r"sales|engineering|design|product|program|store|squad|ops|qa|data|marketing|client)"
    r"[- ]leads?|sales leads?|qualified leads?|inbound leads?|leads? (?:list|source|scor\w*)|"
    r"support (?:tickets?|queue|requests?|cases?|team|engineers?|specialists?|agents?|desk|"
    r"staff|rota|channels?|tools?|hours)|(?:customer|technical|tech|it|product|desktop|"
    r"first[- ]line|second[- ]line|tier[- ]\d|l\d|user|peer|decision) support|"
    r"individual contributors?|active directory|kinds? of|feel free|child care|"
    r"(?:key )?decision[- ]makers?|statement of work|trust (?:and|&) safety|"
    r"point of contact|force majeure)\b",
    re.IGNORECASE,
)


def _stem_regex(stems: tuple[str, ...]) -> str:
    ordered = sorted(stems, key=len, reverse=True)  # longest stem wins
    return "|".join(re.escape(s) for s in ordered)


_CODED = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<m>"
    + _stem_regex(MASCULINE_STEMS)
    + r")|(?P<f>"
    + _stem_regex(FEMININE_STEMS)
    + r"))[A-Za-z]*(?![A-Za-z0-9])",
    re.IGNORECASE,
)

NEUTRAL_ALTERNATIVES: dict[str, str] = {
    "aggress": "proactive about follow-up, or describe the outcome",
    "ambitio": "say what the person will achieve",
    "assert": "clear, direct",
    "compet": "name the target or standard instead",
    "confident": "comfortable with",
    "decisive": "makes timely decisions with the facts at hand",
    "domina": "leading (or describe the market position plainly)",
    "driven": "describe the result the work produces",
    "fearless": "willing to try new approaches",
    "fight": "work to",
    "force": "push for, ensure",
    "headstrong": "persistent",
    "head-strong": "persistent",
    "independen": "works on their own when needed",
    "superior": "high-quality",
    "challeng": "difficult problem (name it)",
    "champion": "advocate for",
    "battle": "work through",
    "determin": "persistent",
    "lead": "guide, run",
    "active": "involved",
    "athlet": "describe the physical demand if it is essential",
    "collab": "works with (name the teams)",
    "support": "help (say with what)",
    "nurtur": "develop",
    "loyal": "long-term",
    "commit": "say what the person will keep doing",
    "enthusias": "interested in",
    "interpersonal": "name the people they will work with",
    "understand": "know",
    "together": "with (name the teams)",
    "sympath": "listens to",
    "empath": "listens to customers' needs",
    "warm": "friendly",
}


def mask(text: str, phrases: list[str]) -> str:
    """``text`` with each of ``phrases`` blanked out (same length, so offsets hold)."""
    for phrase in phrases:
        if phrase and phrase.strip():
            text = re.sub(re.escape(phrase), lambda m: " " * len(m.group(0)), text, flags=re.I)
    return text


def gender_coded_spans(text: str) -> list[tuple[int, str, Coding, str]]:
    """(offset, word, coding, stem) for every gender-coded word in ``text``."""
    blanked = _NOT_CODED_PHRASES.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, str, Coding, str]] = []
    for m in _CODED.finditer(blanked):
        word = m.group(0)
        if word.lower() in _NOT_CODED:
            continue
        coding: Coding = "masculine" if m.group("m") else "feminine"
        found.append((m.start(), word, coding, (m.group("m") or m.group("f")).lower()))
    return found


def gender_coded(text: str) -> list[tuple[str, Coding]]:
    """Gender-coded words in ``text`` as (word as written, "masculine" | "feminine")."""
    return [(word, coding) for _, word, coding, _ in gender_coded_spans(text)]


def gender_verdict(masculine: int, feminine: int) -> str:
    """gender-decoder's scale: feminine minus masculine; 0 neutral, beyond 3 "strongly"."""
    diff = feminine - masculine
    if diff == 0:
        return "neutral"
    side = "feminine" if diff > 0 else "masculine"
    return f"strongly {side}-coded" if abs(diff) > 3 else f"{side}-coded"


# Generic qualifications every posting claims and no candidate can show evidence of.
FILLER_PHRASES: tuple[str, ...] = (
    r"(?:excellent|strong|great|good|outstanding|superb|exceptional|effective)"
    r" (?:verbal and written |written and verbal |oral and written |written and oral )?"
    r"(?:communication|interpersonal|organi[sz]ational|people|time[- ]management)"
    r"(?: and (?:communication|interpersonal|organi[sz]ational) )?skills",
    r"team[- ]players?",
    r"self[- ]starters?",
    r"self[- ]motivated",
    r"highly motivated",
    r"detail[- ]oriented",
    r"(?:strong |keen |great )?attention to detail",
    r"hard[- ]working",
    r"hard[- ]workers?",
    r"go[- ]getters?",
    r"(?:fast|quick) learners?",
    r"learns? quickly",
    r"passionate(?: about)?",
    r"results?[- ](?:driven|oriented)",
    r"works? well under pressure",
    r"thrives? under pressure",
    r"(?:ability|able) to multi[- ]?task",
    r"multi[- ]?tasker",
    r"people person",
    r"can[- ]do attitude",
    r"positive attitude",
    r"strong work ethic",
    r"think(?:s|ing)? outside (?:of )?the box",
    r"problem[- ]solver",
    r"works? independently",
    r"synergy",
    r"world[- ]class",
    r"best[- ]in[- ]class",
)
_FILLER = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(FILLER_PHRASES) + r")(?![A-Za-z])", re.IGNORECASE
)


def filler_spans(text: str) -> list[tuple[int, str]]:
    """(offset, phrase as written) for each generic filler phrase in ``text``."""
    return [(m.start(), m.group(0)) for m in _FILLER.finditer(text)]


def filler(text: str) -> list[str]:
    """Generic filler phrases in ``text`` ("team player", "self-starter"...), as written."""
    return [phrase for _, phrase in filler_spans(text)]


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%$€£-]*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
