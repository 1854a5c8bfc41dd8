"""What the context says the job is and is not, and what it should not pass on.

``screen`` runs once at the end of parsing and fills three fields of the
``CompanyContext``:

- ``traits``: the corpus traits (``corpus.TRAITS``) the text settles — True when
  the job has one ("a team of six reports to you"), False when it rules one out
  ("no direct reports", "20 hours a week", "a seasonal role"). Retrieval drops an
  item whose ``requires`` names a trait that is False here.
- ``handed_off``: word stems of work the context gives to someone else ("our
  accountant does the taxes" -> ``tax``); no corpus bullet about it is chosen.
- ``set_aside``: sentences taken out of every field before any drafter sees them —
  instructions addressed to a tool or a model, and pay, perks or working terms that
  contradict the front matter. The CLI names each on stderr; ``lint --context``
  reports them too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..money import figures, sums_of_money
from ..text import split_sentences, tokenize

if TYPE_CHECKING:
    from . import CompanyContext

__all__ = ["handed_off", "infer_traits", "screen", "set_aside_reason", "states_terms"]

# -- traits ---------------------------------------------------------------------------------

_NO_REPORTS = re.compile(
    r"\b(?:no (?:direct )?reports|without (?:any )?(?:direct )?reports|individual[- ]contributor|"
    r"\bIC\b (?:role|position)|(?:manages?|managing|supervis\w+) no ?one|"
    r"not (?:a )?(?:people[- ])?manage(?:ment|r|rial)? (?:role|position|job)|"
    r"no (?:people|line|team) management|"
    r"(?:will not|won't|doesn't|does not) manage (?:people|anyone|a team)|"
    r"nobody reports to|no one reports to)\b",
    re.IGNORECASE,
)
_REPORTS = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) direct reports|"
    r"(?:you(?:'ll| will)?|will) (?:manage|lead|supervise|line[- ]manage) "
    r"(?:a|the|our) (?:team|crew|staff)|"
    r"(?:reports?|report) (?:directly )?to you|your (?:direct )?reports|"
    r"people manager|line[- ]manage\w*)\b",
    re.IGNORECASE,
)
_HOURS = re.compile(
    r"\b(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?[- ]?(?:hours?|hrs?)(?: a| per|/)? ?(?:week|wk)\b",
    re.IGNORECASE,
)
_PART_TIME = re.compile(r"\bpart[- ]?time\b", re.IGNORECASE)
_FULL_TIME = re.compile(r"\bfull[- ]?time\b", re.IGNORECASE)
_TEMPORARY = re.compile(
    r"\b(?:temporary|seasonal|fixed[- ]term|maternity cover|parental[- ]leave cover|"
    r"(?:\d+|three|six|nine|twelve)[- ]month (?:contract|role|post|position|assignment)|"
    r"contract (?:role|position|post)|interim|locum|substitute|cover (?:role|post|position)|"
    r"for the (?:summer|season|holidays?)|through the (?:summer|season|holidays?))\b",
    re.IGNORECASE,
)
_PERMANENT = re.compile(r"\b(?:permanent|ongoing (?:role|position|post)|open-ended)\b", re.I)
_NOT_TEMPORARY = re.compile(r"\bnot (?:a )?(?:temporary|seasonal|fixed[- ]term|contract)\b", re.I)


def states_terms(sentence: str) -> bool:
    """Whether ``sentence`` says what kind of job this is: reports or none, hours,
    temporary or permanent (a candidate needs it, so the summary keeps it)."""
    return any(
        p.search(sentence)
        for p in (_NO_REPORTS, _REPORTS, _HOURS, _PART_TIME, _TEMPORARY, _PERMANENT)
    )


def _texts(ctx: CompanyContext) -> list[str]:
    parts = [ctx.role, ctx.about, ctx.why_hiring, ctx.outcomes, ctx.team]
    parts += ctx.responsibilities + ctx.must_haves + ctx.nice_to_haves
    parts += [text for _, text in ctx.extra]
    return [p for p in parts if p]


def infer_traits(ctx: CompanyContext) -> dict[str, bool]:
    """The corpus traits the context settles (absent: it does not say)."""
    text = "\n".join(_texts(ctx))
    role = ctx.role or ""
    traits: dict[str, bool] = {}
    # Must-haves such as "experience managing a team" say nothing about this job's
    # reports, so only the prose and the role are read for them.
    prose = "\n".join(p for p in (role, ctx.about, ctx.why_hiring, ctx.outcomes, ctx.team) if p)
    prose += "\n" + "\n".join(ctx.responsibilities + [t for _, t in ctx.extra])
    if _NO_REPORTS.search(prose):
        traits["manages-people"] = False
    elif _REPORTS.search(prose):
        traits["manages-people"] = True

    etype = (ctx.employment_type or "").lower()
    hours = [int(m.group(2) or m.group(1)) for m in _HOURS.finditer(text)]
    if etype == "part-time" or _PART_TIME.search(role) or any(h < 30 for h in hours):
        traits["full-time"] = False
    elif etype == "full-time" or any(h >= 35 for h in hours):
        traits["full-time"] = True
    elif _PART_TIME.search(text) and not _FULL_TIME.search(text):
        traits["full-time"] = False

    if etype in ("temporary", "contract", "internship") or _TEMPORARY.search(role):
        traits["temporary"], traits["permanent"] = True, False
    elif _PERMANENT.search(text) or _NOT_TEMPORARY.search(text):
        traits["temporary"], traits["permanent"] = False, True
    elif _TEMPORARY.search(text):
        traits["temporary"], traits["permanent"] = True, False
    return traits


# -- work given to someone else -------------------------------------------------------------

_OTHERS = (
    r"(?:our|an|the|a|my) (?:external |outside |part-time |own )?(?:accountants?|bookkeepers?|"
    r"cpa|tax advis[eo]rs?|payroll (?:provider|company|service)|agency|agencies|firm|partners?|"
    r"vendors?|contractors?|lawyers?|attorneys?|it (?:provider|company|team)|"
    r"(?:[a-z]+ )?team|office manager|owner|founder|manager|parent company|landlord|"
    r"cleaners?|cleaning (?:company|crew|service))"
)
_HANDOFF = (
    re.compile(
        _OTHERS + r" (?:already )?(?:does|do|handles?|takes? care of|looks? after|manages?|runs?|"
        r"files?|owns?|covers?|prepares?|keeps?|deals? with) (?P<what>[^.;:!?]+)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<what>[A-Za-z][^.;:!?]{2,60}?) (?:is|are) (?:already )?(?:handled|done|managed|"
        r"outsourced|covered|prepared|filed|taken care of|looked after|run) by " + _OTHERS,
        re.IGNORECASE,
    ),
    re.compile(r"\bwe outsource (?P<what>[^.;:!?]+)", re.IGNORECASE),
    re.compile(
        r"\b(?:you (?:will not|won't|do not|don't) (?:need to |have to )?(?:do|handle|run|own|"
        r"touch|cover|manage)|(?:not|never) responsible for|no need to (?:do|handle|run)) "
        r"(?P<what>[^.;:!?]+)",
        re.IGNORECASE,
    ),
)
# Words too general to rule out a bullet on their own.
_VAGUE = frozenset(
    "work job task thing rest everything day business company team role people staff "
    "custom client help support time year month week side part".split()
)


def handed_off(ctx: CompanyContext) -> list[str]:
    """Stems of the work the context gives to someone other than the hire."""
    found: list[str] = []
    for text in _texts(ctx):
        for sentence in split_sentences(text):
            for pattern in _HANDOFF:
                for m in pattern.finditer(sentence):
                    what = re.split(r"\b(?:so|while|but|and you|because|which)\b", m.group("what"))
                    for tok in tokenize(what[0]):
                        if tok not in _VAGUE and not tok.isdigit() and tok not in found:
                            found.append(tok)
    return found


# -- sentences left out ---------------------------------------------------------------------

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override) (?:all |any |the )?(?:previous|prior|above|earlier|"
    r"other|your|these|those)? ?(?:instructions|rules|prompts?|guidelines|directions)\b|"
    r"\bsystem (?:note|prompt|message|instruction)s?\b|\b(?:as an ai|language model|chatgpt|llm)\b|"
    r"\byou are (?:an? )?(?:ai|assistant|bot|model)\b|\b(?:the|this) (?:model|drafter|generator|"
    r"tool|ai|assistant|bot) (?:must|should|shall|will|has to)\b|"
    r"\b(?:in|into) (?:the|this|your) (?:posting|output|draft|reply|response),? (?:say|state|"
    r"write|add|include|mention|claim|promise)\b|"
    r"\b(?:say|state|write|add|include|mention|claim|promise) (?:in|on) (?:the|this) (?:posting|"
    r"job ad|listing|output|draft)\b",
    re.IGNORECASE,
)
_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|pays|paid|compensation|wage|wages|per hour|an hour|hourly|"
    r"bonus|ote|you(?:'ll| will) earn)\b|/\s?(?:hour|hr|year|yr)\b",
    re.IGNORECASE,
)
_PERKS = re.compile(
    r"\b(?:unlimited (?:vacation|pto|holidays?|leave|time off)|stock options|equity (?:grant|stake|"
    r"package)|sign(?:ing|-on) bonus|company car|free (?:lunch|meals|food|housing|gym)|"
    r"four[- ]day (?:work )?week|sabbaticals?|pension|401\(?k\)?|health insurance|paid time off|"
    r"pto|gym membership|relocation (?:package|bonus|support))(?![\w(])",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:offer|offers|get|gets|receive|enjoy|include|includes|provide|provides|comes? with|"
    r"entitled|plus|and)\b",
    re.IGNORECASE,
)
_REMOTE = re.compile(r"\b(?:fully remote|100% remote|work from anywhere|remote[- ]first)\b", re.I)
_ONSITE = re.compile(r"\b(?:fully on-?site|in the office every day|no remote)\b", re.I)


def set_aside_reason(sentence: str, ctx: CompanyContext) -> str | None:
    """Why ``sentence`` must not reach a posting, or None when it may."""
    if _INSTRUCTION.search(sentence):
        return "reads as an instruction to a tool or model, not a fact about the job"
    if _PAY_WORDS.search(sentence):
        amounts = [a for m in sums_of_money(sentence) for a in figures(m.group(0))[:1] if a]
        if amounts:
            if ctx.salary is None:
                return "states pay, but the front matter gives no `salary:`"
            allowed = {ctx.salary.min, ctx.salary.max}
            if any(a not in allowed for a in amounts):
                return "states pay that differs from the front matter's `salary:`"
    perk = _PERKS.search(sentence)
    if perk and _OFFER.search(sentence):
        listed = set(tokenize(" ".join(ctx.benefits)))
        if not set(tokenize(perk.group(0))) <= listed:
            return (
                f"promises a perk ({perk.group(0)}) that the front matter's `benefits:` do not list"
            )
    if ctx.workplace in ("onsite", "hybrid") and _REMOTE.search(sentence):
        return f"says the job is remote, but the front matter says `workplace: {ctx.workplace}`"
    if ctx.workplace == "remote" and _ONSITE.search(sentence):
        return "says the job is on-site, but the front matter says `workplace: remote`"
    return None


_PROSE_FIELDS = ("about", "why_hiring", "outcomes", "team")
_LIST_FIELDS = ("responsibilities", "must_haves", "nice_to_haves", "outcome_items")


def _clean(text: str, field: str, ctx: CompanyContext, out: list[tuple[str, str, str]]) -> str:
    kept_lines = []
    for line in text.split("\n"):
        kept = []
        for sentence in split_sentences(line):
            reason = set_aside_reason(sentence, ctx)
            if reason is None:
                kept.append(sentence)
            elif (field, sentence, reason) not in out:
                out.append((field, sentence, reason))
        if len(kept) == len(split_sentences(line)):
            kept_lines.append(line)  # untouched: keep the author's punctuation
        elif kept:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines)


def screen(ctx: CompanyContext) -> CompanyContext:
    """The context with ``traits``, ``handed_off`` and ``set_aside`` filled and the
    set-aside sentences removed from every field."""
    out: list[tuple[str, str, str]] = list(ctx.set_aside)
    update: dict[str, object] = {}
    for field in _PROSE_FIELDS:
        value = getattr(ctx, field)
        if value:
            update[field] = _clean(value, field, ctx, out) or None
    for field in _LIST_FIELDS:
        items = [_clean(x, field.replace("_items", "s"), ctx, out) for x in getattr(ctx, field)]
        update[field] = [x for x in items if x.strip()]
    update["extra"] = [(h, t) for h, text in ctx.extra if (t := _clean(text, h, ctx, out)).strip()]
    if len(out) > len(ctx.set_aside):
        ctx = ctx.model_copy(update=update)
    traits = infer_traits(ctx)
    return ctx.model_copy(
        update={"traits": traits, "handed_off": handed_off(ctx), "set_aside": out}
    )
