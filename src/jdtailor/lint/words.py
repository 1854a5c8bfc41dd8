"""Word lists and pure matchers shared by ``lint`` and ``corpus check``.

Everything here is a precompiled regex over one piece of text, with no state, so
``jdtailor corpus check`` can flag exactly what ``jdtailor lint`` flags:

    >>> gender_coded("A competitive, collaborative team")
    [('competitive', 'masculine'), ('collaborative', 'feminine')]
    >>> filler("You are a team player and a self-starter.")
    ['team player', 'self-starter']
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from ..text import lazy

__all__ = [
    "FEMININE_STEMS",
    "Phrases",
    "MASCULINE_STEMS",
    "NEUTRAL_ALTERNATIVES",
    "Coding",
    "FILLER",
    "filler",
    "filler_spans",
    "gender_coded",
    "gender_coded_spans",
    "gender_verdict",
    "lazy",
    "lower",
    "mask",
    "words_in",
]

Coding = Literal["masculine", "feminine"]


_TOKEN = re.compile(r"[a-z0-9]+")
_GAP_OK = frozenset(" -'’/")


def lower(text: str) -> str:
    """``text.lower()`` with the same length, so offsets into it hold for ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower()[:1] or ch for ch in text)


# Big enough for a 1 MB posting's spans: each rule module reads every span in turn,
# and a smaller cache would tokenize each span once per phrase list.
@functools.lru_cache(maxsize=1 << 18)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Lower-case word tokens with offsets; cached, as every phrase list reads each span."""
    return tuple((m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(lower(text)))


@functools.lru_cache(maxsize=1 << 18)
def _words(text: str) -> frozenset[str]:
    """The span's distinct tokens, so a phrase list with none of its first words skips it
    (found without offsets: most spans hold no phrase, and never need ``_tokens``)."""
    return frozenset(_TOKEN.findall(lower(text)))


def words_in(text: str) -> frozenset[str]:
    """The distinct lower-case word tokens ``Phrases`` reads in ``text``."""
    return _words(text)


class Phrases:
    """Whole-word, case-insensitive phrase matching without one big regex.

    A spec is slots separated by spaces; a slot lists alternatives separated by
    ``|``; ``_`` joins the words of a multi-word alternative; an empty alternative
    makes the slot optional: ``"fast|quick learner|learners"``,
    ``"first_line|tier_1 support"``, ``"|strong attention to detail"``. Words are
    compared as lower-case tokens, so "Self-starter" matches ``"self starter"``.
    Building this is a few thousand dict inserts; compiling the same lists as
    regexes costs milliseconds at import, which every ``draft`` would pay.
    """

    def __init__(self, *specs: str) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for spec in specs:
            seqs: list[tuple[str, ...]] = [()]
            for slot in spec.split(" "):
                alts = [tuple(_TOKEN.findall(alt)) for alt in slot.split("|")]
                seqs = [seq + alt for seq in seqs for alt in alts]
            for seq in seqs:
                if seq:
                    self._by_first.setdefault(seq[0], []).append(seq)
        for found in self._by_first.values():
            found.sort(key=len, reverse=True)  # the longest phrase wins
        self._firsts = frozenset(self._by_first)

    @property
    def firsts(self) -> frozenset[str]:
        """Every word a phrase starts with: text without one of them holds no phrase."""
        return self._firsts

    def find(self, text: str) -> list[tuple[int, str]]:
        """(offset, text as written) for each phrase in ``text``, left to right."""
        if self._firsts.isdisjoint(_words(text)):
            return []
        toks = _tokens(text)
        by_first = self._by_first
        out: list[tuple[int, str]] = []
        count = len(toks)
        i = 0
        while i < count:
            for seq in by_first.get(toks[i][0], ()):
                n = len(seq)
                if (
                    i + n <= count
                    and (n == 1 or toks[i + 1][0] == seq[1])  # most phrases fail here
                    and all(toks[i + k][0] == seq[k] for k in range(2, n))
                    and all(
                        set(text[toks[i + k][2] : toks[i + k + 1][1]]) <= _GAP_OK
                        for k in range(n - 1)
                    )
                ):
                    start, end = toks[i][1], toks[i + n - 1][2]
                    out.append((start, text[start:end]))
                    i += n
                    break
            else:
                i += 1
        return out


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
    shard shards share shares shared shark sharp sharpen sharply sharpie sharps
    tenders
    trustee trustees
    warmup
    yields
    """.split()
)
# Phrases blanked before matching: the coded word in them names a thing or a role.
_NOT_CODED_PHRASES = Phrases(
    "lead_generation|lead_gen|leadgen",
    "team|tech|technical|project|shift|site|crew|account|sales|engineering|design|product|"
    "program|store|squad|ops|qa|data|marketing|client lead|leads",
    "sales|qualified|inbound|new|warm lead|leads",
    "lead|leads list|lists|source|sources|score|scoring",
    "support ticket|tickets|queue|queues|request|requests|case|cases|team|teams|engineer|"
    "engineers|specialist|specialists|agent|agents|desk|staff|rota|channel|channels|tool|"
    "tools|hours|contract|contracts|plan|plans|role|roles",
    "customer|technical|tech|it|product|desktop|first_line|second_line|tier_1|tier_2|tier_3|"
    "l1|l2|l3|user|peer|decision|life|sales support",
    "individual contributor|contributors",
    "active directory",
    "kind|kinds of",
    "feel free",
    "child care",
    "|key decision maker|makers",
    "trust_and_safety|trust_&_safety",
    "force majeure",
    "dependency|dependencies management|graph|graphs",
)

_BY_PREFIX: dict[str, list[tuple[str, Coding]]] = {}
for _stem, _coding in [(x, "masculine") for x in MASCULINE_STEMS] + [
    (x, "feminine") for x in FEMININE_STEMS
]:
    _BY_PREFIX.setdefault(_stem[:3], []).append((_stem, _coding))  # type: ignore[arg-type]
for _stems in _BY_PREFIX.values():
    _stems.sort(key=lambda sc: len(sc[0]), reverse=True)  # the longest stem wins
_HYPHEN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _coded(word: str) -> tuple[str, Coding] | None:
    if word in _NOT_CODED:
        return None
    for stem, coding in _BY_PREFIX.get(word[:3], ()):
        if word.startswith(stem):
            return stem, coding
    return None


# A compound's head names a thing, not a trait: "data-driven", "industry-leading".
_COMPOUND_HEADS = frozenset("driven leading led lead led".split())
# "lead" that names a role ("the service operations lead", "our QA lead."): a noun
# before it and nothing, punctuation or a preposition after it.
_ROLE_LEAD = re.compile(
    r"(?<=[a-z]{2} )lead(?=\s*(?:$|[.,;:!?)/]|\s(?:for|of|on|at|who|with|in|and|or|to|role|"
    r"position|opening|job)\b))"
)
_VERB_BEFORE = frozenset(
    "to will can you we must should help and or who also then please would could may".split()
)
# "active" that describes a status, not a person: "an active state license".
_ACTIVE_STATUS = re.compile(
    r"\bactive(?=(?:\s+[a-z.&-]+){0,3}\s+(?:license|licence|licensure|certification|"
    r"certificate|registration|credential|credentials|clearance|membership|status|accounts?|"
    r"users?|listings?|projects?|cases?|duty|military|directory|ingredients?)\b)"
)


def _role_nouns(low: str) -> str:
    """``low`` with role-noun "lead" and status "active" blanked out."""
    for m in _ROLE_LEAD.finditer(low):
        before = low[: m.start()].split()
        if before and before[-1] not in _VERB_BEFORE:
            low = low[: m.start()] + "    " + low[m.end() :]
    for m in _ACTIVE_STATUS.finditer(low):
        low = low[: m.start()] + "      " + low[m.end() :]
    return low


def gender_coded_spans(text: str) -> list[tuple[int, str, Coding, str]]:
    """(offset, word as written, coding, stem) for every gender-coded word in ``text``."""
    low = lower(text)
    # Most texts have no coded word at all: look before blanking phrases and role nouns
    # (blanking only removes hits), a third of the cost of the full pass.
    if not any(
        _coded(word) or ("-" in word and any(_coded(part) for part in word.split("-")))
        for word in _HYPHEN_WORD.findall(low)
    ):
        return []
    for start, phrase in _NOT_CODED_PHRASES.find(text):
        low = low[:start] + " " * len(phrase) + low[start + len(phrase) :]
    low = _role_nouns(low)
    found: list[tuple[int, str, Coding, str]] = []
    for m in _HYPHEN_WORD.finditer(low):
        word = m.group(0)
        parts = word.split("-")
        if len(parts) > 1 and parts[-1] in _COMPOUND_HEADS and parts[0] != "self":
            continue  # "data-driven", "industry-leading"
        hit = _coded(word)
        if hit is not None:
            found.append((m.start(), text[m.start() : m.end()], hit[1], hit[0]))
        elif "-" in word:  # "well-supported": look at each part
            offset = m.start()
            for part in word.split("-"):
                hit = _coded(part)
                if hit is not None:
                    found.append((offset, text[offset : offset + len(part)], hit[1], hit[0]))
                offset += len(part) + 1
    return found


def gender_coded(text: str) -> list[tuple[str, Coding]]:
    """Gender-coded words in ``text`` as (word as written, "masculine" | "feminine")."""
    return [(word, coding) for _, word, coding, _ in gender_coded_spans(text)]


NEUTRAL_ALTERNATIVES: dict[str, str] = {
    "aggress": "proactive about follow-up, or describe the outcome",
    "ambitio": "say what the person will achieve",
    "assert": "clear, direct",
    "compet": "name the target or standard instead",
    "confident": "comfortable with",
    "decisive": "makes timely decisions with the facts at hand",
    "domina": "describe the market position plainly (e.g. 'the largest supplier in Ohio')",
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


def gender_verdict(masculine: int, feminine: int) -> str:
    """gender-decoder's scale: feminine minus masculine; 0 neutral, beyond 3 "strongly"."""
    diff = feminine - masculine
    if diff == 0:
        return "neutral"
    side = "feminine" if diff > 0 else "masculine"
    return f"strongly {side}-coded" if abs(diff) > 3 else f"{side}-coded"


# Generic qualifications every posting claims and no candidate can show evidence of.
_FILLER = Phrases(
    "excellent|strong|great|good|outstanding|superb|exceptional|effective|solid "
    "|verbal_and_written|written_and_verbal|oral_and_written|written_and_oral|written|verbal "
    "communication|interpersonal|organizational|organisational|people|time_management "
    "skills|abilities",
    "excellent|strong|great|good|outstanding|superb|exceptional|effective|solid "
    "communication|interpersonal|organizational|organisational "
    "and communication|interpersonal|organizational|organisational skills",
    "team player|players",
    "self starter|starters|motivated",
    "highly motivated",
    "detail oriented",
    "|strong|keen|great attention to detail",
    "hard working|workers|worker",
    "go getter|getters",
    "fast|quick learner|learners",
    "learns|learn quickly",
    "passionate",
    "results|result driven|oriented",
    "works|work well under pressure",
    "thrives|thrive under pressure",
    "ability|able to multitask|multi_task",
    "multitasker|multi_tasker",
    "people person",
    "can do attitude",
    "positive attitude",
    "strong work ethic",
    "think|thinks|thinking outside |of the box",
    "problem solver",
    "works|work independently",
    "synergy",
    "world class",
    "best in class",
    "cutting edge",
    "bleeding edge",
    "state of_the_art",
)


FILLER = _FILLER


def filler_spans(text: str) -> list[tuple[int, str]]:
    """(offset, phrase as written) for each generic filler phrase in ``text``."""
    return _FILLER.find(text)


def filler(text: str) -> list[str]:
    """Generic filler phrases in ``text`` ("team player", "self-starter"...), as written."""
    return [phrase for _, phrase in filler_spans(text)]


def mask(text: str, names: list[str]) -> str:
    """``text`` with each of ``names`` blanked out (same length, so offsets hold)."""
    low = lower(text)
    for name in names:
        key = lower(name.strip())
        if not key:
            continue
        start = low.find(key)
        while start != -1:
            end = start + len(key)
            whole = (start == 0 or not low[start - 1].isalnum()) and (
                end == len(low) or not low[end].isalnum()
            )
            if whole:  # "Ada" the company, not the "ada" in "Canada"
                text = text[:start] + " " * len(key) + text[end:]
            start = low.find(key, end if whole else start + 1)
    return text
