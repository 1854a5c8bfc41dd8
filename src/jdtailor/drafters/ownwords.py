"""What the company wrote, shaped for a posting: its duties, its outcomes, its summary
sentences, its team text and the title it uses. Shared by the offline drafter and
refine; every function keeps the company's words and says what it leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..context import CompanyContext
from ..context.traits import states_terms
from ..corpus.words import ACTION_VERBS as CORPUS_VERBS
from ..levels import seniority_level
from ..text import article, as_sentence, lazy, split_sentences

__all__ = [
    "ACTION_VERBS",
    "DEFAULT_LEVEL_WORDS",
    "OwnDuties",
    "article",
    "as_duty",
    "duties_from_prose",
    "own_duties",
    "posting_title",
    "summary_sentences",
    "team_sentence",
]

# Imperative verbs an outcome may start with to stand as a duty ("Renew...", not "Every..."):
# the corpus check's verb list, plus verbs that goals use more than duties do.
ACTION_VERBS = CORPUS_VERBS | frozenset(
    """double finish get halve increase lower reach recover stand keep cut take bring turn
    hit grow launch ship open close write answer greet prepare cook clean serve drive load
    deliver repair fix install inspect care teach stock cut move sort pack""".split()
)
MAX_WORDS = 30

# "You will renew..." / "You'll own..." / "Your job is to..." -> the verb.
_YOU_WILL = re.compile(
    r"^(?:you(?:'ll| will| would)|you(?:'re| are) going to|"
    r"your (?:job|role|work) (?:is|will be) to|"
    r"the hire will|this person will|we need you to|we'll ask you to)\s+",
    re.IGNORECASE,
)
# "In your first 90 days, ..." / "By month six, ..." / "Before next November, ..."
_TIME_LED = lazy(
    r"^(?:in|within|by|before|after|over|during|at|from|for) (?:the |your |our |next |month |"
    r"year |week |day |end of )?[\w\s-]{0,30}?(?:days?|weeks?|months?|quarters?|years?|q[1-4]|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|fall|winter|season|launch|one|two|three|four|five|six|twelve|\d+)\b"
    r"[^,]{0,30},\s*",
    re.IGNORECASE,
)


def as_duty(text: str) -> str | None:
    """``text`` as an imperative duty in the company's words, or None when it does not
    read as one (too long, or not led by an action verb once "You will" is removed)."""
    text = _YOU_WILL.sub("", text.strip())
    words = text.split()
    if not words or len(words) > MAX_WORDS:
        return None
    first = words[0].lower().strip(",.:;")
    if first not in ACTION_VERBS and not (first.endswith("s") and first[:-1] in ACTION_VERBS):
        return None
    if first.endswith("s") and first not in ACTION_VERBS:  # "Owns the roadmap" -> "Own ..."
        text = text[: len(first) - 1] + text[len(first) :]
    return as_sentence(text)


def _pieces(items: list[str]) -> list[str]:
    """Items, with a long prose paragraph split into its sentences."""
    out: list[str] = []
    for item in items:
        if len(item.split()) > MAX_WORDS:
            out += split_sentences(item)
        else:
            out.append(item)
    return out


@dataclass
class OwnDuties:
    """The company's duties and success list, and what could not be placed."""

    duties: list[tuple[str, str]] = field(default_factory=list)  # (text, source field)
    success: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # notes for stderr


def own_duties(ctx: CompanyContext, max_duties: int, max_success: int) -> OwnDuties:
    """Responsibilities first, then outcomes that read as duties; other outcomes (time-led,
    targets) go to the success list. Nothing is dropped without a note."""
    own = OwnDuties()
    for item in _pieces(ctx.responsibilities):
        duty = as_duty(item)
        own.duties.append((duty or as_sentence(item), "context:responsibilities"))
    outcome_duties: list[str] = []
    for item in _pieces(ctx.outcome_items):
        duty = as_duty(item)
        if duty is not None:
            outcome_duties.append(duty)
        else:
            own.success.append(as_sentence(item))
    room = max_duties - len(own.duties)
    for duty in outcome_duties:
        if room > 0:
            own.duties.append((duty, "context:outcomes"))
            room -= 1
        else:
            own.success.append(duty)  # still shown, as an outcome
    if len(own.duties) > max_duties:
        cut = own.duties[max_duties:]
        own.duties = own.duties[:max_duties]
        own.left_out.append(
            f"responsibilities: the posting shows {max_duties} duties at most; left out "
            + "; ".join(repr(t) for t, _ in cut)
            + ". Merge or shorten the list in '## Responsibilities'."
        )
    if len(own.success) > max_success:
        cut_s = own.success[max_success:]
        own.success = own.success[:max_success]
        own.left_out.append(
            f"outcomes: the posting shows {max_success} at most; left out "
            + "; ".join(repr(t) for t in cut_s)
            + ". Keep the outcomes that matter most in '## What success looks like'."
        )
    return own


# "... so we need someone to run the floor: schedule the team, keep stock in order, ..."
_NEED_SOMEONE = lazy(
    r"\b(?:need|want|are looking for|are hiring)\s+(?:someone|somebody|(?:a|an)\b[^:.;]{0,60}?)"
    r"\s+(?:to|who will|who can)\s+(?P<what>[^.;]+)",
    re.IGNORECASE,
)


def duties_from_prose(ctx: CompanyContext) -> list[tuple[str, str]]:
    """Duties the company wrote inside a sentence ("we need someone to run the café
    floor: schedule the team of nine, keep stock and cash in order"), as (text, source)."""
    out: list[tuple[str, str]] = []
    for field_name in ("why_hiring", "about"):
        for sentence in split_sentences(getattr(ctx, field_name)):
            m = _NEED_SOMEONE.search(sentence)
            if not m:
                continue
            head, _, tail = m.group("what").partition(":")
            parts = [head] + re.split(r",\s*", tail) if tail else re.split(r",\s*", head)
            for part in parts:
                part = re.sub(r"^(?:and|or|then)\s+", "", part.strip())
                duty = as_duty(part)
                if duty and all(duty != d for d, _ in out):
                    out.append((duty, f"context:{field_name}"))
        if out:
            break
    return out


# -- the summary ----------

# A sentence that says why the company is hiring now.
WHY_MARKERS = lazy(
    r"\b(hiring|we need|need (?:someone|a|an)|looking for|grow(?:ing|th)?|opening|expand\w*|"
    r"because|so we|new role|this role|backlog|demand|now|this year|next year|launch\w*|"
    r"retir\w+|left|leaving|busier|doubled|tripled)\b",
    re.IGNORECASE,
)
# A sentence that says what the hire will do.
_HIRE_DOES = lazy(
    r"\b(?:you(?:'ll| will)|we want (?:a|an|someone)|we need (?:a|an|someone) (?:to|who)|"
    r"the (?:new )?hire will|this (?:person|hire|role) will|will (?:lead|own|run|take over)|"
    r"(?:a|an|the) [\w\s-]{0,40}? (?:to|who will) (?:lead|own|run|take|build|help))\b",
    re.IGNORECASE,
)


def why_from_prose(about: str | None) -> list[str]:
    """From the first later paragraph of a prose-only context that says why the company is
    hiring, its sentences up to that point, so a "she" or "this" keeps what it refers to."""
    for paragraph in (about or "").split("\n")[1:]:
        sentences = split_sentences(paragraph)
        for i, sentence in enumerate(sentences):
            if WHY_MARKERS.search(sentence):
                return sentences[: i + 1] if i < 2 else [sentence]
    return []


def summary_sentences(ctx: CompanyContext, limit: int) -> tuple[list[str], list[str]]:
    """(sentences for the summary, why-hiring sentences the limit left out).

    By role, not by position: who we are (the about's first sentence, which introduces
    the company before anything names it), what the hire will do, what kind of job it
    is (reports, hours, terms), and why now. The chosen sentences keep the company's
    order.
    """
    about = split_sentences(ctx.about)
    why = split_sentences(ctx.why_hiring) or why_from_prose(ctx.about)
    intro = about[:1]
    room = limit - len(intro)
    if len(why) <= room:
        chosen = why
    else:
        keep: set[int] = set()
        does = [i for i, s in enumerate(why) if _HIRE_DOES.search(s)]
        if does:
            keep.add(does[0])
        terms = [i for i, s in enumerate(why) if states_terms(s) and i not in keep]
        if terms and len(keep) < room:
            keep.add(terms[0])  # "no direct reports", "20 hours a week": a candidate needs it
        for i, s in enumerate(why):  # the first sentence sets the scene; then "why now"
            if len(keep) >= room:
                break
            if i == 0 or WHY_MARKERS.search(s):
                keep.add(i)
        for i in range(len(why)):
            if len(keep) >= room:
                break
            keep.add(i)
        chosen = [s for i, s in enumerate(why) if i in keep]
    left = [s for s in why if s not in chosen]
    if not why and len(about) > 1:
        chosen = about[1:2]
    return intro + chosen, left


# -- prose ----------

# Words that make a line a sentence rather than a list of people (pronouns, auxiliaries).
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|we|you|i|they|she|he|it's|there's)\b"
    r"|'ll\b|'re\b",
    re.IGNORECASE,
)


def team_sentence(team: str | None) -> str | None:
    """The team text as prose: sentences stay; a list or a fragment becomes
    "You'll work with ..." so the About section never carries a bare fragment."""
    if not team or not team.strip():
        return None
    lines = [re.sub(r"^[-*•]\s+", "", x.strip()).rstrip(".;,") for x in team.split("\n")]
    lines = [x for x in lines if x]
    if len(lines) == 1 and _HAS_VERB.search(lines[0]) and len(lines[0].split()) > 3:
        return as_sentence(team.strip())
    if all(_HAS_VERB.search(x) and len(x.split()) > 3 for x in lines):
        return " ".join(as_sentence(x) for x in lines)
    parts = [x[:1].lower() + x[1:] if not x[:2].isupper() else x for x in lines]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"You'll work with {joined}."


# -- titles ----------

DEFAULT_LEVEL_WORDS = {"entry": "Junior", "mid": "", "senior": "Senior", "lead": "Lead"}
_ANY_LEVEL = {"junior", "jr", "senior", "sr", "lead", "principal", "staff", "head", "chief"}
_ROLE_SAYS_LEVEL = {
    "entry": {"junior", "jr", "associate", "apprentice", "intern", "trainee", "graduate",
              "coordinator", "assistant", "entry", "aide", "helper"},
    "lead": {"lead", "principal", "staff", "head", "director", "chief", "vp"},
}  # fmt: skip
# Seniority words a company may use that a title keeps as written.
_TITLE_WORDS = {"staff": "Staff", "principal": "Principal", "lead": "Lead", "senior": "Senior",
                "sr": "Senior", "junior": "Junior", "jr": "Junior", "associate": "Associate",
                "trainee": "Trainee", "apprentice": "Apprentice"}  # fmt: skip


def posting_title(
    role: str,
    level: str,
    level_words: dict[str, str] | None = None,
    seniority_word: str | None = None,
) -> str:
    """The title as employers write it: "Senior Account Manager", "Staff Engineer",
    "Registered Nurse" at entry level (the family says nurses are never "Junior")."""
    words = set(re.findall(r"[a-z]+", role.lower()))
    if level == "mid" or words & _ANY_LEVEL:
        return role
    if words & _ROLE_SAYS_LEVEL.get(level, set()):
        return role  # "Account Director", "Teaching Assistant" already say it
    family_word = {**DEFAULT_LEVEL_WORDS, **(level_words or {})}.get(level, "")
    word = family_word
    said = _TITLE_WORDS.get((seniority_word or "").lower())
    if (
        said and family_word and seniority_level(said) == level
    ):  # keep the company's own word ("Staff", "Principal")
        word = said
    return f"{word} {role}" if word else role
