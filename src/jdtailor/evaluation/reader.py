"""The scorers for what a reader judges: job fit, fidelity, contradiction, specificity, prose.

Each reads the posting against the company's context (and the corpus, to tell one
job's duties from another's); none asks how the posting was made, so a posting
written by hand or by another tool is scored the same way as a draft. A bullet's
sources are used when it has them; a bullet without sources is judged by its words.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..levels import LEVELS, title_level
from ..text import BM25, article, restates, split_sentences, stem, tokenize

if TYPE_CHECKING:
    from ..corpus import Corpus, Family
    from ..retrieval import FamilyMatch
    from .scorers import Score, Subject

__all__ = [
    "job_texts",
    "score_contradiction",
    "score_fidelity",
    "score_fit",
    "score_prose",
    "score_specificity",
]

# Share of an item's content words a posting unit (bullet or sentence) must carry for
# the item to count as kept.
KEPT = 0.5
# Duties without sources whose words read like another job's corpus: at or above
# OWN_FULL of that family's BM25 score the job's own family fits fully, at or below
# OWN_NONE not at all (measured on evals/pairs: wrong-job duties read 0.18-0.37,
# right ones 0.77-1.0).
OWN_FULL, OWN_NONE = 0.6, 0.4
# One duty read alone is another job's when its own family scores under ONE_DUTY of
# the best family and the best family's BM25 reaches ONE_DUTY_STRENGTH (enough words
# that say something): wrong-job duties in evals/pairs read 0.00-0.26, the company's
# own 0.35 and up.
ONE_DUTY, ONE_DUTY_STRENGTH = 0.2, 10.0
# Share of duties that should carry the company's own terms for full marks.
SPECIFIC_TARGET = 0.6

_LEVEL_WORDS = frozenset(
    "junior jr senior sr lead principal staff head entry mid level i ii iii iv".split()
)
# Title words many jobs share; sharing only these says nothing about the job.
_GENERIC_TITLE = frozenset(
    """manager management specialist technician tech assistant associate coordinator
    representative rep officer analyst administrator admin agent worker operator clerk
    consultant supervisor director executive engineer aide attendant professional generalist
    partner leader head staff member team crew person support services service helper
    trainee apprentice intern advisor adviser expert owner part full time""".split()
)


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """Content stems of ``text``: no stop words, nothing shorter than three letters."""
    return frozenset(w for w in tokenize(text) if len(w) > 2 or w.isdigit())


def _share(item: AbstractSet[str], unit: AbstractSet[str]) -> float:
    return len(item & unit) / len(item) if item else 0.0


# ---------------------------------------------------------------- corpus index


@dataclass
class _Index:
    """The corpus seen by word: which family each item and word belongs to."""

    family_of: dict[str, str]  # item id -> family name
    requires: dict[str, frozenset[str]]  # item id -> the traits it needs
    families_using: dict[str, int]  # stem -> how many families use it
    docs: dict[str, list[str]]  # family -> its title, aliases and items as tokens
    bm25: BM25  # over docs, in their order


_INDEX: dict[str, _Index] = {}


def _index(corpus: Corpus) -> _Index:
    found = _INDEX.get(corpus.fingerprint)
    if found is not None:
        return found
    family_of: dict[str, str] = {}
    requires: dict[str, frozenset[str]] = {}
    users: dict[str, set[str]] = {}
    docs: dict[str, list[str]] = {}
    for fam in sorted(corpus.families.values(), key=lambda f: f.name):
        mine: set[str] = set()
        docs[fam.name] = tokenize(" ".join([fam.title, *fam.aliases] + [i.text for i in fam.items]))
        for item in fam.items:
            family_of[item.id] = fam.name
            requires[item.id] = frozenset(item.requires)
            mine |= _words(item.text)
        mine |= _words(" ".join([fam.title, *fam.aliases]))
        for w in mine:
            users.setdefault(w, set()).add(fam.name)
    usage = {w: len(f) for w, f in users.items()}
    index = _Index(family_of, requires, usage, docs, BM25(list(docs.values())))
    _INDEX[corpus.fingerprint] = index
    return index


def _reads_as(
    texts: list[str], own: dict[str, float], index: _Index, *, strength: bool = False
) -> Any:
    """The family whose corpus ``texts`` read most like (BM25 over every family), and
    how close the job's own family comes to it: 1.0 when it is the job's, near 0 when
    the duties are another job's. ``own`` weighs the job's family 1, related ones less.
    With ``strength``, also the best family's BM25 score (how much the words say)."""
    from collections import Counter

    names = list(index.docs)
    query = Counter(tokenize(" ".join(texts)))
    scores = index.bm25.scores(query)
    top = max(range(len(names)), key=lambda i: scores[i])
    best = scores[top]
    mine = max((w * scores[names.index(f)] for f, w in own.items() if f in index.docs), default=0)
    ratio = mine / best if best > 0 else 1.0
    return (names[top], ratio, best) if strength else (names[top], ratio)


# ---------------------------------------------------------------- job fit


def _role_words(title: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _LEVEL_WORDS}


_MATCHES: dict[tuple[str, str], FamilyMatch] = {}


def expected_family(s: Subject) -> tuple[Family | None, str]:
    """The family whose duties fit the job, and how it was decided."""
    from ..retrieval import match_family

    corpus = s.corpus
    assert corpus is not None
    named = s.case.expect.family or s.ctx.family
    if named == "none":
        return None, "no family fits (the case says so)"
    if named and named in corpus.families:
        return corpus.families[named], f"{named} (named)"
    role = s.ctx.role or s.posting.title
    key = (corpus.fingerprint, role)
    if key not in _MATCHES:  # matching a title against every family costs ~60 ms
        _MATCHES[key] = match_family(role, corpus)
    match = _MATCHES[key]
    if match.confident:
        return match.family, f"{match.family.name} (title match {match.score:.2f})"
    return None, f"no family fits {s.ctx.role!r} (nearest {match.family.name}, {match.score:.2f})"


def job_texts(s: Subject, cited: AbstractSet[str]) -> list[str]:
    """The corpus texts a posting may draw on: the items it cites, and every item of
    the job's family and its related families."""
    assert s.corpus is not None
    fam, _ = expected_family(s)
    names = ({fam.name, *fam.related} if fam else set()) | {
        _index(s.corpus).family_of[x] for x in cited if x in _index(s.corpus).family_of
    }
    return [i.text for n in names if n in s.corpus.families for i in s.corpus.families[n].items]


def _context_sentences(s: Subject) -> list[frozenset[str]]:
    ctx = s.ctx
    texts = list(ctx.responsibilities) + list(ctx.outcome_items)
    texts += ctx.must_haves + ctx.nice_to_haves
    for field in (ctx.why_hiring, ctx.outcomes, ctx.about, ctx.team):
        texts += split_sentences(field)
    texts += [t for _, text in ctx.extra for t in split_sentences(text)]
    return [w for w in map(_words, texts) if w]


def _duty_origin(
    text: str, sources: list[str], ctx_units: list[frozenset[str]], index: _Index
) -> str | None:
    """Where a duty comes from: "context", the family of the corpus item it cites,
    or None (it cites nothing and restates nothing the company wrote)."""
    families = {index.family_of[x] for x in sources if x in index.family_of}
    if families:
        return sorted(families)[0]
    if any(x.startswith("context:") for x in sources):
        return "context"
    words = _words(text)
    if any(_share(words, c) >= KEPT or _share(c, words) >= 0.8 for c in ctx_units):
        return "context"
    return None


def score_fit(s: Subject) -> Score:
    """Do the duties belong to this job? Their family against the role's, the title, the
    case's vocabulary."""
    from .scorers import Score

    if s.corpus is None:
        return Score("fit", None, "no corpus to compare duties with")
    index = _index(s.corpus)
    fam, how = expected_family(s)
    related = set(fam.related) if fam else set()
    role = _role_words(s.ctx.role or "")
    duties = s.posting.responsibilities
    if not duties:
        return Score("fit", 0.0, "no duties", {"family": how})
    wrong: list[str] = []
    credit = 0.0
    ctx_units = _context_sentences(s)
    unsourced: list[int] = []
    for i, b in enumerate(duties, 1):
        origin = _duty_origin(b.text, b.sources, ctx_units, index)
        if origin is None:
            unsourced.append(i)
        elif origin == "context" or (fam and origin == fam.name):
            credit += 1
        elif origin in related:
            credit += 0.75
        elif fam is None and (role - _GENERIC_TITLE) & _words(origin.replace("-", " ")):
            credit += 1
        else:
            wrong.append(f"duty {i} is {origin} work")
    if unsourced and fam is not None:
        own = {fam.name: 1.0} | dict.fromkeys(related, 0.75)
        # A duty that on its own reads plainly as another job's ("Verify insurance cards
        # and collect co-pays" in a nurse's posting) is that job's work ...
        for i in list(unsourced):
            top, ratio, strength = _reads_as([duties[i - 1].text], own, index, strength=True)
            if ratio < ONE_DUTY and strength >= ONE_DUTY_STRENGTH:
                wrong.append(f"duty {i} is {top} work")
                unsourced.remove(i)
        # ... the rest are read together: one duty is mostly too few words to say
        top, ratio = _reads_as([b.text for b in duties], own, index)
        fits = min(1.0, max(0.0, (ratio - OWN_NONE) / (OWN_FULL - OWN_NONE)))
        credit += fits * len(unsourced)
        if fits < 1 and unsourced:
            which = ", ".join(map(str, unsourced[:6]))
            wrong.append(f"duties {which} read as {top} work ({fam.name} {ratio:.2f} of it)")
    else:
        credit += len(unsourced)  # no family to compare with: no evidence either way
    score = 100 * credit / len(duties)
    problems = list(wrong)
    title = _role_words(s.posting.title)
    core = role - _GENERIC_TITLE or role
    if core and not core & title:
        problems.insert(0, f"title {s.posting.title!r} does not name the role {s.ctx.role!r}")
        score = min(score, 40.0)
    vocab = s.case.expect.vocabulary
    if vocab:
        text = " ".join(
            [s.posting.summary] + [b.text for b in duties + s.posting.requirements]
        ).lower()
        found = [w for w in vocab if re.search(r"(?<!\w)" + re.escape(w.lower()), text)]
        share = len(found) / len(vocab)
        if share < 0.5:
            missing = sorted(set(vocab) - set(found))
            problems.append(
                f"uses {len(found)}/{len(vocab)} of the job's words (not: "
                + ", ".join(missing[:4])
                + ")"
            )
            score = min(score, 100 * share / 0.5)
    detail = "; ".join(problems[:3]) if problems else f"all {len(duties)} duties fit {how}"
    if wrong and len(wrong) > 3:
        detail += f" (+{len(wrong) - 3} more)"
    return Score("fit", score, detail, {"family": how, "wrong": wrong})


# ---------------------------------------------------------------- fidelity

_HIRE_WILL = re.compile(
    r"\b(?:you(?:'ll|’ll| will)|the (?:new )?(?:hire|person|candidate) will|"
    r"this (?:role|person|hire) will|(?:we|i) (?:need|want) (?:someone|a|an)\b|"
    r"(?:will|to) (?:own|run|lead|take over|look after|handle)\b)",
    re.IGNORECASE,
)
_NOTE_FIELD = {
    "responsibilities": "responsibilit",
    "outcomes": "outcome",
    "must_haves": "must-have",
    "nice_to_haves": "nice-to-have",
    "why_hiring": "why",
}
_FIELD_WEIGHT = {
    "responsibilities": 1.0, "outcomes": 1.0, "why_hiring": 1.5, "must_haves": 1.0,
    "nice_to_haves": 0.5,
}  # fmt: skip


def _units(s: Subject) -> list[frozenset[str]]:
    """Every bullet and sentence of the posting as a set of content stems."""
    p = s.posting
    texts = [b.text for _, _, b in p.bullets()]
    texts += split_sentences(p.summary) + split_sentences(p.about)
    texts += [line for line in s.markdown.splitlines() if line.strip()]
    return [w for w in map(_words, texts) if w]


def score_fidelity(s: Subject) -> Score:
    """What the company wrote is kept: its duties, every outcome, the sentence that says
    what the hire will do, its must-haves and nice-to-haves; dropping one without a note
    costs it all, with a note half."""
    from .scorers import Score

    ctx = s.ctx
    wanted: list[tuple[str, str]] = [("responsibilities", t) for t in ctx.responsibilities]
    wanted += [("outcomes", t) for t in ctx.outcome_items]
    hire = next((x for x in split_sentences(ctx.why_hiring) if _HIRE_WILL.search(x)), None)
    if hire:
        wanted.append(("why_hiring", hire))
    wanted += [("must_haves", t) for t in ctx.must_haves]
    wanted += [("nice_to_haves", t) for t in ctx.nice_to_haves]
    wanted = [(f, t) for f, t in wanted if _words(t)]
    if not wanted:
        return Score("fidelity", None, "the context lists nothing to keep")
    units = _units(s)
    notes = " ".join(s.notes).lower()
    total = lost = 0.0
    dropped: list[str] = []
    for field, text in wanted:
        weight = _FIELD_WEIGHT[field]
        total += weight
        words = _words(text)
        if any(_share(words, u) >= KEPT for u in units):
            continue
        noted = _NOTE_FIELD[field] in notes
        lost += weight / 2 if noted else weight
        label = field.replace("_", "-").removesuffix("s") if field != "why_hiring" else "why"
        short = text if len(text) <= 60 else text[:57] + "..."
        dropped.append(f"{label} {short!r} dropped" + (" (noted)" if noted else ""))
    score = 100 * (total - lost) / total
    detail = f"{len(wanted) - len(dropped)}/{len(wanted)} of the company's points kept"
    if dropped:
        detail += (
            "; "
            + "; ".join(dropped[:2])
            + (f" (+{len(dropped) - 2} more)" if len(dropped) > 2 else "")
        )
    return Score("fidelity", score, detail, {"dropped": dropped})


# ---------------------------------------------------------------- contradiction

_MANAGES = re.compile(
    r"\b(?:manag\w+|lead|leads|leading|supervis\w+|line[- ]manag\w+|run|runs) (?:a|the|your|our)?"
    r" ?(?:team|crew|staff|shift team|group|squad)\b|\bdirect reports?\b|"
    r"\b(?:hire|hiring|coach|coaching),? (?:and |or )?(?:coach|manage|develop|mentor|lead)\w* "
    r"(?:a |the |your )?(?:team|staff|crew|reports)\b|\bperformance reviews? for\b|"
    r"\bmanage (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
_FULL_TIME = re.compile(
    r"\bfull[- ]time\b|\b(?:40|45|50)\+? hours\b|\bovertime\b|\bon[- ]call\b|"
    r"\bevery (?:weekday|day)\b|\bmonday (?:to|through) friday\b",
    re.IGNORECASE,
)
_WORKPLACE_CLAIM = {
    "remote": re.compile(
        r"\b(?:fully|100%) remote\b|\bremote[- ](?:role|position|job|first)\b|\bwork from home\b",
        re.I,
    ),
    "hybrid": re.compile(r"\bhybrid (?:role|position|job|schedule|working)\b", re.I),
    "onsite": re.compile(r"\bon[- ]site (?:role|position|job)\b|\bfully on[- ]site\b", re.I),
}


def _requires(s: Subject, sources: list[str]) -> set[str]:
    """The traits the corpus items a bullet cites need."""
    if s.corpus is None:
        return set()
    needs = _index(s.corpus).requires
    return {trait for source in sources for trait in needs.get(source, ())}


def score_contradiction(s: Subject) -> Score:
    """Bullets the context rules out: people management for an individual contributor,
    scope beyond the hours, work the context gives to someone else, a level or workplace
    the context does not say."""
    from .scorers import Score

    traits = s.ctx.traits  # what the context says the job is and is not (context/traits.py)
    handed = set(s.ctx.handed_off)
    p = s.posting
    problems: list[str] = []
    for section, i, b in p.bullets():
        if section not in ("responsibilities", "requirements"):
            continue
        needs = _requires(s, b.sources)
        where = f"{section} {i}"
        if traits.get("manages-people") is False and (
            "manages-people" in needs or (section == "responsibilities" and _MANAGES.search(b.text))
        ):
            problems.append(f"{where} manages people; the context says the hire has no reports")
        if traits.get("full-time") is False and ("full-time" in needs or _FULL_TIME.search(b.text)):
            problems.append(f"{where} asks for full-time scope in a part-time job")
        if traits.get("permanent") is True and "temporary" in needs:
            problems.append(f"{where} is temporary work in a permanent job")
        if handed and set(tokenize(b.text)) & handed:
            problems.append(f"{where} is work the context gives to someone else")
    prose = " ".join([p.title, p.summary])
    if traits.get("full-time") is False and _FULL_TIME.search(prose):
        problems.append("the summary promises full-time scope in a part-time job")
    said = title_level(p.title)
    if said and s.ctx.seniority and abs(LEVELS.index(said) - LEVELS.index(s.ctx.seniority)) >= 2:
        problems.append(f"title says {said}, the context says {s.ctx.seniority}")
    if s.ctx.workplace:
        text = " ".join([prose] + [b.text for _, _, b in p.bullets()])
        for kind, rx in _WORKPLACE_CLAIM.items():
            if kind != s.ctx.workplace and rx.search(text):
                problems.append(f"says {kind}; the context says {s.ctx.workplace}")
    score = max(0.0, 100.0 - 50.0 * len(problems))
    detail = "; ".join(problems[:3]) if problems else "nothing the context rules out"
    return Score("contradiction", score, detail, {"problems": problems})


# ---------------------------------------------------------------- specificity

# Words any posting uses; carrying one says nothing about this company.
_COMMON = frozenset(
    tokenize(
        """team teams customer customers client clients work working role job company business
        hire hiring year years month months week weeks day days time people new first every
        need needs want help support make sure good great well best day-to-day across
        experience process processes quality service services manage plan plans report reports"""
    )
)


def company_terms(s: Subject) -> AbstractSet[str]:
    """The context's own words — its customers, products, systems, places, goals and
    figures — less the words any posting uses and the job's own vocabulary (the words
    its corpus family already uses: "pipeline" is a data engineer's word, "clinic" is
    this company's)."""
    ctx = s.ctx
    texts = [ctx.company, ctx.customers, ctx.product, ctx.about, ctx.why_hiring, ctx.outcomes,
             ctx.team, *ctx.must_haves, *ctx.nice_to_haves,
             *(ctx.responsibilities), *(t for _, t in ctx.extra)]  # fmt: skip
    words = _words(" ".join(t for t in texts if t)) - _COMMON - _role_words(ctx.role or "")
    if s.corpus is None:
        return words
    index = _index(s.corpus)
    fam, _ = expected_family(s)
    if fam is not None:
        return words - set(index.docs[fam.name])
    return {w for w in words if index.families_using.get(w, 0) <= 2}


def score_specificity(s: Subject) -> Score:
    """Share of duties that carry this company's own terms (its customers, products,
    systems, goals, figures) rather than text any company could post."""
    from .scorers import Score

    duties = s.posting.responsibilities
    if not duties:
        return Score("specificity", 0.0, "no duties")
    terms = company_terms(s)
    if not terms:
        return Score("specificity", None, "the context names nothing of its own")
    generic = [i for i, b in enumerate(duties, 1) if not _words(b.text) & terms]
    share = 1 - len(generic) / len(duties)
    score = min(100.0, 100 * share / SPECIFIC_TARGET)
    detail = f"{len(duties) - len(generic)}/{len(duties)} duties carry the company's terms"
    if generic:
        detail += "; generic: " + ", ".join(f"duty {i}" for i in generic[:5])
    return Score("specificity", score, detail, {"share": round(share, 3), "generic": generic})


# ---------------------------------------------------------------- prose

_LOWER_START = re.compile(r"(?<=[a-z][.!?]) +[a-z]+ \w+")
_ARTICLE = re.compile(r"\b([Aa]n?) ([A-Za-z][\w-]*)")
_DOUBLED = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)
# A bullet that ends on one of these was cut off mid-sentence ("... and.", "with the,").
_DANGLING = re.compile(r"(?:\b(?:and|or|with|of|the|for|a|an|your|our)|[,;:–-])\s*$", re.I)


def score_prose(s: Subject) -> Score:
    """Duplicated or near-duplicate bullets, fragments, repeated sentences, grammar slips
    such as "a entry-level"; each costs 20 points."""
    from .scorers import Score

    p = s.posting
    problems: list[str] = []
    bullets = [(f"{sec} {i}", b.text) for sec, i, b in p.bullets()]
    for n, (where, text) in enumerate(bullets):
        words = text.split()
        if len(words) < 2:
            problems.append(f"{where} is a fragment ({text!r})")
        elif _DANGLING.search(text.rstrip(".")):
            problems.append(f"{where} breaks off ({text[-30:]!r})")
        for other, prev in bullets[:n]:
            if len(words) >= 4 and len(prev.split()) >= 4 and restates(text, prev, 0.8):
                problems.append(f"{where} repeats {other}")
                break
    for m in _LOWER_START.finditer(" ".join([p.summary, p.about or ""])):
        problems.append(f"sentence starts mid-thought: {m.group(0)!r}")
    sentences = split_sentences(p.summary) + split_sentences(p.about)
    seen: list[str] = []
    for sent in sentences:
        if len(sent.split()) < 3:
            problems.append(f"fragment {sent!r}")
        elif sent[:1].islower():
            problems.append(f"sentence starts mid-thought: {sent[:40]!r}")
        if any(len(sent.split()) >= 5 and restates(sent, x, 0.9) for x in seen):
            problems.append(f"sentence said twice: {sent[:50]!r}")
        seen.append(sent)
    text = "\n".join([p.title, p.summary, p.about or ""] + [t for _, t in bullets])
    for m in _ARTICLE.finditer(text):
        word = m.group(2)
        if word.isupper() or word[:1].isdigit():
            continue  # "an SQL", "a 4-day week": sound, not spelling
        if m.group(1).lower() != article(word):
            problems.append(f"{m.group(0)!r} should be {article(word)!r}")
    for m in _DOUBLED.finditer(text):
        problems.append(f"{m.group(0)!r} doubles a word")
    if "{" in text or "}" in text:
        problems.append("a placeholder was left in")
    score = max(0.0, 100.0 - 20.0 * len(problems))
    detail = "; ".join(problems[:3]) if problems else "no repeats, fragments or slips"
    if len(problems) > 3:
        detail += f" (+{len(problems) - 3} more)"
    return Score("prose", score, detail, {"problems": problems})
