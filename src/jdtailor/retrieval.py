"""Choose the corpus candidates a posting is drafted from.

Role family from the title (aliases, then fuzzy matching, then the nearest
family — never a failure), a level filter, BM25 against the context (why hiring,
outcomes and must-haves weigh most) and diversity across areas.

BM25 is written out here (about 40 lines) rather than taken from ``bm25s``:
importing bm25s and numpy costs ~0.4 s on this machine, two thirds of the whole
offline ``draft`` budget, to rank a few hundred short texts.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .context import CompanyContext
from .corpus import Corpus, CorpusItem, Family, fill_placeholders
from .errors import ContextError
from .levels import TITLE_LEVEL_WORDS, title_level
from .text import bm25_scores, restates, tokenize
from .text import stem as _stem
from .titles import join_stack, title_segments, without_specialty

__all__ = [
    "TITLE_LEVEL_WORDS",
    "CONFIDENT",
    "GENERIC_TITLE_WORDS",
    "Candidate",
    "FamilyMatch",
    "Retrieval",
    "bare_name",
    "bm25_scores",
    "infer_level",
    "choose_family",
    "match_family",
    "norm_title",
    "restates",
    "rules_out",
    "title_level",
    "retrieve",
    "strip_levels",
    "tokenize",
]

# Title words whose stem is another job's word: "Accounting" names the accountant's
# field, not an "Account" (an account manager's); "Development" is fundraising's, not
# a "Developer"'s. Title matching keeps them whole; elsewhere stems join them.
# "Flooring" is the floor installer's trade, not a shop "Floor"; "Banking" a bank's
# business, not a "Banker"'s job.
_KEEP_WHOLE = frozenset(
    "accounting accountant development developer developers flooring banking".split()
)


def stem(word: str) -> str:
    """``text.stem`` for title words, except the few whose stem is another job's word."""
    return word if word in _KEEP_WHOLE else _stem(word)


# Level words removed from a title before matching it to a family.
_RANK_TOKENS = frozenset(
    "junior jr senior sr lead principal staff head mid level i ii iii iv".split()
)
# ...and words of schedule and terms, which say nothing about the job a posted title
# names. A family's own name keeps them: a "Night Auditor" is the hotel's, not an auditor.
_LEVEL_TOKENS = _RANK_TOKENS | frozenset(
    "part full time night day weekend overnight shift remote temporary temp seasonal "
    "contract per diem prn fixed term".split()
)
# Title words that make a job one that runs others; a match must agree on them.
_RUNS_OTHERS = frozenset("manager management supervisor director chief".split())
# Title words many different jobs share: sharing only these with a family's title
# is no evidence that the job is that family's ("Veterinary Technician" is not an
# "IT Support Technician").
GENERIC_TITLE_WORDS = frozenset(
    """manager management specialist technician tech assistant associate coordinator
    representative rep officer analyst administrator admin agent worker operator clerk
    consultant supervisor director executive engineer aide attendant professional generalist
    partner leader head staff member team crew person support services service helper
    trainee apprentice intern advisor adviser expert officer owner""".split()
)
# A fuzzy title match at or above this confidence drafts from the family's corpus.
CONFIDENT = 0.5
# A title that runs a team matched to a family whose titles do not ("Billing Manager"
# to billing) is this much less sure than the same words matched as they are.
RUNS_TEAM_DISCOUNT = 0.9
# A title matched to a family's title by another word for the same worker ("Retail
# Sales Representative" to "Retail Sales Associate") is this much less sure.
SAME_WORKER_DISCOUNT = 0.9
_GENERIC = frozenset(map(stem, GENERIC_TITLE_WORDS))
# Head words of titles that run a team, and of office roles job boards use for the
# same work ("Customer Service Associate" and "... Representative"); any other
# generic head names its own kind of work: an "Engineering Aide" is no engineer.
_RUNS_HEADS = frozenset(
    map(stem, "manager management supervisor director chief head lead vp president".split())
)
_OFFICE_HEADS = frozenset(map(stem, "associate representative rep agent specialist".split()))
# Head words job boards use for the same worker: a "Desktop Support Specialist" is a
# desktop support technician, a "Registered Nurse RN" a registered nurse.
_SAME_HEAD = {stem(a): stem(b) for a, b in [("tech", "technician"), ("specialist", "technician"),
                                            ("rn", "nurse")]}  # fmt: skip
# Words after the head that say how far along the worker is, not the job.
_TRAILING = frozenset("trainee trainees apprentice intern interns extern".split())
# Words that name different jobs in different trades: alone they match a family's
# title, but with another word beside them only that word can decide ("Casino Host",
# "PT Preload"), and a team they run is no team of that family's ("Floor Manager").
_AMBIGUOUS = frozenset(map(stem, "host hostess coach floor pt ot".split()))


@dataclass(frozen=True)
class FamilyMatch:
    family: Family
    matched: str  # the alias or title that matched
    score: float  # confidence, 0-1: 1.0 for an exact alias or a family chosen outright
    how: str  # "chosen" | "alias" | "fuzzy" | "nearest"
    # The title runs a team where the family's own titles do not ("Billing Manager"
    # matched to the billing family): drafted at its lead level.
    runs_team: bool = False

    @property
    def confident(self) -> bool:
        """Whether the family's corpus may supply this posting's bullets."""
        return self.how in ("chosen", "alias") or (self.how == "fuzzy" and self.score >= CONFIDENT)

    @property
    def note(self) -> str | None:
        if not self.confident:
            return (
                f"no corpus family fits {self.matched!r} (nearest: {self.family.name}, "
                f"confidence {self.score:.2f}, below {CONFIDENT}); drafting only from what "
                f"company.md says, with no corpus duties from another job. To fix: pass "
                f"--family NAME if a family fits (`jdtailor corpus list`), add a "
                "'## Responsibilities' section, or add a family with `jdtailor corpus import`."
            )
        if self.how == "fuzzy":
            lead = ", at its lead level (the title runs a team)" if self.runs_team else ""
            return (
                f"drafting from the {self.family.name} family{lead}: its title {self.matched!r} "
                f"is the nearest to the role (confidence {self.score:.2f}); pass --family NAME "
                "if another fits (`jdtailor corpus list`)"
            )
        return None


@dataclass
class Candidate:
    """A corpus item ready for drafting: its text has the placeholders filled."""

    id: str
    kind: str
    text: str
    area: str
    score: float
    family: str


@dataclass
class Retrieval:
    match: FamilyMatch
    level: str
    candidates: list[Candidate]
    notes: list[str] = field(default_factory=list)

    @property
    def family(self) -> Family:
        return self.match.family

    def by_kind(self, kind: str) -> list[Candidate]:
        return [c for c in self.candidates if c.kind == kind]

    def ids(self) -> set[str]:
        return {c.id for c in self.candidates}


_TITLE_WORD = re.compile(r"[a-z0-9+#]+")
# "Assistant" or "Deputy" before "Director" is the rank of the one who runs the team,
# not a job of its own: an "Assistant Director of Nursing" is no nursing assistant.
_RANK_BEFORE_RUNS = re.compile(
    r"\b(?:assistant|associate|deputy|vice) (?=(?:manager|director|supervisor|chief|president)\b)"
)


def norm_title(title: str) -> list[str]:
    title = title.lower()
    if not title.isascii():  # accents off ("Café" -> "cafe"); ASCII has none to take off
        title = unicodedata.normalize("NFKD", title)
        title = "".join(ch for ch in title if not unicodedata.combining(ch))
    title = title.replace("&", " and ").replace("/", " ")
    if "end" in title or "stack" in title:  # "Front End" and "Front-End" are "Frontend"
        title = join_stack(title)
    return _TITLE_WORD.findall(title)


def strip_levels(tokens: list[str], words: frozenset[str] = _LEVEL_TOKENS) -> list[str]:
    # "entry" is a level only before "level": a "Data Entry Clerk" is no "Data Clerk"
    out = [t for n, t in enumerate(tokens)
           if t not in words and (t != "entry" or tokens[n + 1 : n + 2] != ["level"])]  # fmt: skip
    if out[:1] == ["of"]:
        out = out[1:]
    return out or tokens


def bare_name(tokens: list[str]) -> list[str]:
    """A family title or alias without its rank words ("Senior Accountant" ->
    "accountant"); its schedule words stay ("Night Auditor" is the hotel's)."""
    return strip_levels(tokens, _RANK_TOKENS)


def _family_doc(fam: Family) -> list[str]:
    words = [fam.title, *fam.aliases] + [f"{i.text} {' '.join(i.tags)}" for i in fam.items]
    return tokenize(" ".join(words))


def _title_index(
    corpus: Corpus,
) -> tuple[list[tuple[Family, str, list[str]]], list[list[str]]]:
    """Every family's titles as tokens, and the same without level words; built once per
    corpus, as every match reads them, and kept in the cache dir between runs."""
    key = (len(corpus.families), sum(len(f.aliases) for f in corpus.families.values()))
    cached = corpus.__dict__.get("_title_index")
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    store = _TitleStore(corpus)
    stored = store.load()
    if stored is not None:
        names, bares, users, heads = stored
        corpus.__dict__["_title_index"] = (key, names, bares)
        corpus.__dict__["_title_users"] = (names, users, heads)
        return names, bares
    names = []
    bares = []
    for fam in corpus.families.values():
        for name in [fam.title, *fam.aliases, fam.name.replace("-", " ")]:
            toks = norm_title(name)
            names.append((fam, name, toks))
            bares.append(bare_name(toks))
    corpus.__dict__["_title_index"] = (key, names, bares)
    store.save(names, bares, *_title_users(corpus, names, bares))
    return names, bares


def _title_users(
    corpus: Corpus, names: list[tuple[Family, str, list[str]]], bares: list[list[str]]
) -> tuple[dict[str, set[str]], frozenset[str]]:
    """Which families use each title word (rare words identify a family), and the
    head words of all family titles; only a title that is no family's alias needs them."""
    cached = corpus.__dict__.get("_title_users")
    if cached is not None and cached[0] is names:
        return cached[1], cached[2]
    words: dict[str, set[str]] = {}  # a family's aliases share most of their words
    for (fam, _, _), bare in zip(names, bares, strict=True):
        words.setdefault(fam.name, set()).update(bare)
    users: dict[str, set[str]] = {}
    for family, family_words in words.items():
        for word in {stem(w) for w in family_words}:
            users.setdefault(word, set()).add(family)
    pairs = zip(names, bares, strict=True)
    heads = frozenset(_name_head(name, bare)[0] for (_, name, _), bare in pairs)
    corpus.__dict__["_title_users"] = (names, users, heads)
    return users, heads


class _TitleStore:
    """The title index of one corpus in the cache dir, as marshal data.

    Tokenising ~5,000 titles and aliases and counting which families use each word
    costs ~15 ms, 5% of an offline draft; reading them back ~2 ms. The file is named
    by a hash of every family's name, title and aliases and of the size and mtime of
    the code that tokenises them, so a changed corpus or a changed rule is a new
    file, never a stale answer. An unreadable, oversized or malformed file is
    ignored."""

    VERSION = 2  # 2: the head words of the titles
    KEEP = 6  # index files kept in the cache dir
    _LIMIT = 16 << 20  # bytes; the built-in corpus's index is ~0.3 MB
    _MAGIC = b"jdtailor title index\n"

    def __init__(self, corpus: Corpus) -> None:
        import hashlib
        import marshal
        import sys

        from . import levels, text, titles

        stamp = (self.VERSION, marshal.version, sys.version_info[:2])
        digest = hashlib.sha256(repr(stamp).encode())
        for module in (sys.modules[__name__], titles, text, levels):
            try:
                st = os.stat(module.__file__ or "")
                digest.update(f"{st.st_size}:{st.st_mtime_ns};".encode())
            except OSError:
                digest.update(b"?")
        for fam in corpus.families.values():
            digest.update("\x1f".join([fam.name, fam.title, *fam.aliases, "\x1e"]).encode())
        self.corpus = corpus
        self.name = f"titles-{digest.hexdigest()[:20]}.marshal"

    def _path(self) -> Any:
        from .resources import cache_dir

        return cache_dir() / self.name

    def load(
        self,
    ) -> (
        tuple[
            list[tuple[Family, str, list[str]]],
            list[list[str]],
            dict[str, set[str]],
            frozenset[str],
        ]
        | None
    ):
        from .reading.sealed import load_sealed

        try:
            # sealed: a FIFO here would block open(), and five crafted bytes make marshal
            # build a 16 GB tuple
            data = load_sealed(self._path(), self._MAGIC, self._LIMIT)
            families = self.corpus.families
            names = []
            bares = []
            for family, name, toks, bare in data["names"]:
                tokens = toks.split()
                names.append((families[family], name, tokens))
                bares.append(tokens if bare is None else bare.split())
            users = {word: set(fams) for word, fams in data["users"].items()}
            return names, bares, users, frozenset(data["heads"])
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            return None

    def save(
        self,
        names: list[tuple[Family, str, list[str]]],
        bares: list[list[str]],
        users: dict[str, set[str]],
        heads: frozenset[str],
    ) -> None:
        import sys

        from .reading.sealed import seal

        def words(tokens: list[str]) -> str:  # one string a title: far faster to load back
            return sys.intern(" ".join(tokens))

        data = {
            "names": [
                (sys.intern(fam.name), name, words(toks), None if bare == toks else words(bare))
                for (fam, name, toks), bare in zip(names, bares, strict=True)
            ],
            "users": {word: sorted(fams) for word, fams in users.items()},
            "heads": sorted(heads),
        }
        try:
            path = self._path()
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(seal(data, self._MAGIC))
            os.replace(tmp, path)
            # Keep the newest few (a user may layer several corpora); drop the rest.
            older = sorted(
                path.parent.glob("titles-*.marshal"), key=lambda p: p.stat().st_mtime_ns
            )[: -self.KEEP]
            for stale in older:
                stale.unlink(missing_ok=True)
        except (OSError, ValueError):
            pass  # a cache we cannot write only costs time


def match_family(
    title: str,
    corpus: Corpus,
    context_query: Counter[str] | None = None,
    *,
    by_parts: bool = True,
) -> FamilyMatch:
    """The family whose title or aliases best match ``title``; never fails.

    Exact aliases first (with and without level words), then a weighted token
    overlap in which words that name few families ("nurse", "payroll") count far
    more than words that name many ("manager", "specialist"); a misspelt word is
    matched to the nearest known one. Failing that, the family whose corpus reads
    most like the context is the nearest, and the match says so.

    A posted title with parts ("Line Cook - Night Shift", "Walmart | Cashier") is
    matched part by part (see titles.py) and the best part wins.
    """
    if not by_parts:
        return _match_title(title, corpus, context_query)
    parts = title_segments(title)
    turned = _turned(title)
    if turned:
        parts.append(turned)  # "Analyst, Logistics" is a "Logistics Analyst"
    whole = _match_title(title, corpus, context_query)
    if whole.how == "alias" or not parts or parts == [title.strip()]:
        found = whole  # "Team Member (Restaurant)" is itself an alias
    else:
        tries = [_match_title(p, corpus, None) for p in parts]
        found = max([whole, *tries], key=lambda m: (_RANK[m.how], m.score))
        if found.how == "nearest":
            found = whole
    if found.confident or "/" not in title:
        return found
    # "Caregiver/Home Health Aide", "Lot Attendant/Porter": two names for one job, each
    # ending in a worker's name; "Real Estate/Leasing Associate" is one name
    names, bares = _title_index(corpus)
    heads = _title_users(corpus, names, bares)[1]
    tries = []
    for part in parts:
        halves = [norm_title(h) for h in part.split("/")]
        if len(halves) > 1 and all(h and stem(h[-1]) in heads for h in halves):
            tries += [_match_title(" ".join(h), corpus, None) for h in halves]
    best = max(tries, key=lambda m: (_RANK[m.how], m.score), default=found)
    return best if best.confident else found


_RANK = {"chosen": 3, "alias": 2, "fuzzy": 1, "nearest": 0}


def _match_title(title: str, corpus: Corpus, context_query: Counter[str] | None) -> FamilyMatch:
    """``title`` matched as one part: as written, then without its specialty words."""
    found = _match_words(title, corpus, context_query)
    if found.how == "nearest":
        for plain in without_specialty(title):  # "ICU Nurse", "Java Developer"
            if any(stem(t) not in _GENERIC for t in strip_levels(norm_title(plain))):
                general = _match_words(plain, corpus, None)
                if general.confident:
                    return general
    return found


# The words after a title's first comma, up to its next separator.
_AFTER_COMMA = re.compile(r"\s[-–—|]\s|[(\[,;|–—]")


def _turned(title: str) -> str | None:
    """ "Analyst, Logistics" as job boards also write it, "Logistics Analyst": a title
    whose first part is only a role word ("Manager", "Senior Engineer") names its
    field after the comma; None for any other title."""
    first, comma, rest = title.partition(",")
    words = norm_title(first)
    if not comma or not words or not all(w in GENERIC_TITLE_WORDS or w in _RANK_TOKENS
                                         for w in words):  # fmt: skip
        return None
    field = _AFTER_COMMA.split(rest, maxsplit=1)[0].strip()
    return f"{field} {first.strip()}" if field else None


def _match_words(title: str, corpus: Corpus, context_query: Counter[str] | None) -> FamilyMatch:
    full = norm_title(title)
    bare = strip_levels(_RANK_BEFORE_RUNS.sub("", " ".join(full)).split())
    names, bares = _title_index(corpus)
    for fam, name, toks in names:
        if toks == full:
            return FamilyMatch(fam, name, 1.0, "alias")
    for (fam, name, named), toks in zip(names, bares, strict=True):
        # "Staff Engineer" without its rank is "Engineer": no one job's name
        if toks == bare and (toks == named or any(stem(t) not in _GENERIC for t in toks)):
            return FamilyMatch(fam, name, 1.0, "alias")
    users, heads = _title_users(corpus, names, bares)

    n_fam = len(corpus.families)

    def idf(tok: str) -> float:
        return math.log(1 + n_fam / len(users.get(tok, ())) if tok in users else 1 + n_fam)

    vocab = sorted(users)
    generic = _GENERIC
    runs_others = {stem(w) for w in _RUNS_OTHERS}
    wanted: set[str] = set()
    said: list[str] = []  # the title's words as matched, in order
    for tok in map(stem, bare):
        if tok not in users and len(tok) >= 6:  # "Baker" is not a misspelt "Bank"
            # a misspelling keeps its first two letters and its length give or take
            # one ("nurce" -> "nurse"); "firefight" is not a misspelt "freight"
            # and differs by a slip, not by its ending ("optometrist" is no misspelt
            # "optometric": a different word from the same root)
            close = [
                w
                for w in difflib.get_close_matches(tok, vocab, n=3, cutoff=0.85)
                if w[:2] == tok[:2]
                and abs(len(w) - len(tok)) <= 1
                and (_edits(w, tok) == 1 or w[-2:] == tok[-2:])
            ][:1]
            tok = close[0] if close else tok
        wanted.add(tok)
        said.append(tok)
    head = _head(bare, said, heads)

    def overlap(name: str, toks: list[str]) -> tuple[float, bool]:
        """(score, whether the title runs a team the name does not)."""
        have = set(map(stem, toks))
        shared = (wanted & have) - generic
        if not shared:
            return 0.0, False  # sharing only "Manager" or "Technician" is no match
        if (have - generic) - wanted:
            return 0.0, False  # the name says what this job is not: "Dish Machine Operator"
        if have & runs_others and not wanted & runs_others:
            return 0.0, False  # a "Cafe Attendant" is not a "Cafe Manager"
        crossed = bool(wanted & runs_others and not have & runs_others)
        if shared <= _AMBIGUOUS and (crossed or (wanted - have) - generic - runs_others):
            return 0.0, False  # a "Casino Host" is no restaurant's host
        named = _name_head(name, toks)
        if not _heads_agree(head, named, crossed):
            return 0.0, False  # a "Reporter" is no "Reporting Analyst"
        if (
            named[0] != head[0]
            and head[0] not in _RUNS_HEADS
            and have - {named[0]} == wanted - {head[0]}
        ):
            # "Retail Sales Representative" and "Retail Sales Associate" differ only in
            # a word for the same worker: matched as that word, a little less sure
            have = (have - {named[0]}) | {head[0]}
            union = sum(idf(t) for t in wanted | have)
            return SAME_WORKER_DISCOUNT * sum(idf(t) for t in wanted & have) / union, False
        if crossed:
            # a "Billing Manager" leads the billing team: that family's lead level, if
            # the rest of the title is the family's, a little less sure than its own name
            core = wanted - runs_others
            union = sum(idf(t) for t in core | have)
            score = sum(idf(t) for t in core & have) / union if union else 0.0
            return score * RUNS_TEAM_DISCOUNT, True
        union = sum(idf(t) for t in wanted | have)
        return (sum(idf(t) for t in wanted & have) / union if union else 0.0), False

    # best title score per family, and the name that earned it
    title_scores: dict[str, tuple[float, str, bool]] = {}
    for (fam, name, _), toks in zip(names, bares, strict=True):
        score, crossed = overlap(name, toks)
        if score > title_scores.get(fam.name, (-1.0, "", False))[0]:
            title_scores[fam.name] = (score, name, crossed)
    # max() keeps the first of equals, so ties go to the family first in name order
    families = sorted(corpus.families.values(), key=lambda f: f.name)
    fam = max(families, key=lambda f: title_scores[f.name][0])
    score, name, crossed = title_scores[fam.name]
    if score >= 0.5 and _names_another_job(wanted - runs_others, fam, name, names, generic):
        score = round(score / 2, 3)  # "Software Sales Engineer" blends two jobs: not sure
    if score >= 0.5:
        return FamilyMatch(fam, name, round(score, 3), "fuzzy", runs_team=crossed)
    if context_query:
        ctx_scores = bm25_scores(context_query, [_family_doc(f) for f in families])
        top = max(ctx_scores) or 1.0
        fam = min(
            zip(families, ctx_scores, strict=True),
            key=lambda fs: (-(fs[1] / top + title_scores[fs[0].name][0]), fs[0].name),
        )[0]
    return FamilyMatch(fam, title, round(score, 3), "nearest")


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _head(
    raw: list[str], stems: list[str], heads: frozenset[str] = frozenset()
) -> tuple[str, bool]:
    """A title's head word, the job it names, as (stem, whether it is an -ing word):
    the last word, or the one before "of" ("Director of Nursing"), passing over
    "Trainee" and its kind and, given the ``heads`` of the family titles, any words
    after the last of those ("Registered Nurse Commit", "Radiologic Technologist
    Rotate"). The -ing mark keeps a field apart from its worker: "Reporting" is not
    "Reporter", though both stem to "report"."""
    n = len(raw)
    if not n:
        return "", False
    if "of" in raw[1:]:
        n = raw.index("of", 1)
    while n > 1 and raw[n - 1] in _TRAILING:
        n -= 1
    last = n
    while heads and n > 1 and stems[n - 1] not in heads:
        n -= 1
    if stems[n - 1] not in heads:
        n = last
    return stems[n - 1], raw[n - 1].endswith("ing")


def _name_head(name: str, bare: list[str]) -> tuple[str, bool]:
    """The head word of a family's title or alias, before any qualifier in brackets
    or after a dash: "General Manager (Restaurant)" is a manager."""
    cut = _QUALIFIER.search(name)
    if cut:
        bare = bare_name(norm_title(name[: cut.start()])) or bare
    return _head(bare, [stem(w) for w in bare])


_QUALIFIER = re.compile(r"[(\[]|\s[-–—]\s")


def _heads_agree(title: tuple[str, bool], name: tuple[str, bool], crossed: bool) -> bool:
    """Whether a family's title names the same kind of worker as the posted title:
    the same head word, or two that run a team, or two office roles ("Associate",
    "Representative") that job boards use for the same work."""
    if title[1] == name[1] and _SAME_HEAD.get(title[0], title[0]) == _SAME_HEAD.get(
        name[0], name[0]
    ):
        return True
    if title[0] in _RUNS_HEADS and (crossed or name[0] in _RUNS_HEADS):
        return True
    return title[0] in _OFFICE_HEADS and name[0] in _OFFICE_HEADS


def _names_another_job(
    wanted: set[str],
    fam: Family,
    name: str,
    names: list[tuple[Family, str, list[str]]],
    generic: frozenset[str],
) -> bool:
    """Whether the title words the match left over are, on their own, another family's
    title: "Sales" in "Software Sales Engineer" matched to "Software Engineer"."""
    matched = set(map(stem, bare_name(norm_title(name))))
    left = (wanted - matched) - generic
    if not left:
        return False
    for other, _, toks in names:
        if other.name == fam.name:
            continue
        specific = set(map(stem, bare_name(toks))) - generic
        if specific and specific <= left:
            return True
    return False


def choose_family(name: str, corpus: Corpus, where: str = "--family") -> FamilyMatch:
    """The family ``name`` names (its name, title or an alias), or a ContextError
    with the nearest names."""
    key = " ".join(norm_title(name))
    for fam in corpus.families.values():
        for n in [fam.name, fam.title, *fam.aliases]:
            if " ".join(norm_title(n)) == key:
                return FamilyMatch(fam, n, 1.0, "chosen")
    known = sorted(corpus.families)
    close = difflib.get_close_matches(name.strip().lower(), known, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise ContextError(
        f"{where}: no corpus family {name!r}; {hint}`jdtailor corpus list` shows them all"
    )


def rules_out(item: CorpusItem, text: str, ctx: CompanyContext) -> bool:
    """Whether the context rules ``item`` out: a trait it requires is ruled out, a
    temporary-only item in a job not said to be temporary, or work the context gives
    to someone else."""
    for trait in item.requires:
        have = ctx.traits.get(trait)
        if have is False or (trait == "temporary" and have is None):
            return True
    if ctx.handed_off:
        words = set(tokenize(text))
        if words & set(ctx.handed_off):
            return True
    return False


# Team-running words, and the words before "Manager" that make it a job of its own
# rather than the head of a team: a Case Manager or an Account Manager leads no one.
_TEAM_WORDS = frozenset("manager supervisor director superintendent foreman chief".split())
_JOB_MANAGERS = frozenset(
    """case care account accounts relationship territory product project program property
    brand category portfolio campaign community media content channel partner partnerships
    client""".split()
)


def runs_a_team(title: str, family_title: str) -> bool:
    """Whether ``title`` names the head of a team where the family's own title does not:
    "Payroll Manager" for a payroll specialist's family, not "Case Manager"."""
    words = norm_title(title)
    own = set(norm_title(family_title))
    for i, word in enumerate(words):
        if word in _TEAM_WORDS and word not in own:
            if word == "manager" and i and words[i - 1] in _JOB_MANAGERS:
                continue
            return True
    return False


def infer_level(ctx: CompanyContext, family: Family | None = None) -> str:
    """The context's seniority, else a level word in the role that is not part of the
    ``family``'s own title ("Funeral Director" is no lead), else mid."""
    if ctx.seniority:
        return ctx.seniority
    return title_level(ctx.role or "", family.title if family else None) or "mid"


def query_terms(ctx: CompanyContext) -> Counter[str]:
    """The context as a weighted bag of words: why hiring, outcomes, must-haves count most."""
    weighted = (
        (ctx.why_hiring, 3.0), (ctx.outcomes, 3.0), ("\n".join(ctx.must_haves), 2.0),
        (ctx.role, 1.0), (ctx.customers, 1.0), (ctx.product, 1.0), (ctx.team, 1.0),
        ("\n".join(ctx.nice_to_haves), 1.0), (ctx.about, 0.5),
    )  # fmt: skip
    query: Counter[str] = Counter()
    for text, weight in weighted:
        for tok in tokenize(text or ""):
            query[tok] += weight  # type: ignore[assignment]
    return query


def _diverse(
    items: list[tuple[float, int, CorpusItem]], limit: int
) -> list[tuple[float, CorpusItem]]:
    """Greedy pick by score, each further item of an area already picked counting for less."""
    pool = sorted(items, key=lambda t: (-t[0], t[1]))
    picked: list[tuple[float, CorpusItem]] = []
    per_area: Counter[str] = Counter()
    while pool and len(picked) < limit:
        best_i = max(
            range(len(pool)),
            key=lambda i: (
                (pool[i][0] + 0.01) / (1 + 0.6 * per_area[pool[i][2].area]),
                -pool[i][1],
            ),
        )
        score, _, item = pool.pop(best_i)
        picked.append((score, item))
        per_area[item.area] += 1
    return picked


def retrieve(
    ctx: CompanyContext,
    corpus: Corpus,
    *,
    max_duties: int = 24,
    max_qualifications: int = 14,
) -> Retrieval:
    """Candidates (duties then qualifications) for the context's role and level."""
    query = query_terms(ctx)
    if ctx.family:
        match = choose_family(ctx.family, corpus, f"{ctx.path or 'company.md'}: `family:`")
    else:
        match = match_family(ctx.role or "", corpus, query)
    level = infer_level(ctx, match.family if match.confident else None)
    if match.runs_team and not ctx.seniority and title_level(ctx.role or "") is None:
        level = "lead"  # "Billing Manager": the billing family's lead level
    elif match.confident and not ctx.seniority and level == "mid":
        if runs_a_team(ctx.role or "", match.family.title):
            level = "lead"  # "Nurse Manager", "Warehouse Supervisor": an alias that runs a team
    notes = [match.note] if match.note else []
    if not match.confident:
        return Retrieval(match, level, [], notes)
    fam = match.family
    pool = [i for i in fam.items if level in i.levels]
    # A thin family borrows from its related families so a posting is never starved.
    if sum(i.kind == "duty" for i in pool) < 8:
        for name in fam.related:
            rel = corpus.families.get(name)
            if rel is not None:
                pool += [i for i in rel.items if level in i.levels]
    if not pool:
        pool = list(fam.items)
    texts = [tokenize(f"{i.text} {' '.join(i.tags)} {i.area.replace('-', ' ')}") for i in pool]
    scores = bm25_scores(query, texts)
    candidates: list[Candidate] = []
    served = {name: f.customers for name, f in corpus.families.items()}
    texts_of = {
        i.id: fill_placeholders(
            i.text,
            level=level,
            customers=ctx.customers,
            product=ctx.product,
            family_customers=served.get(i.family),
        )  # fmt: skip
        for i in pool
    }
    for kind, limit in (("duty", max_duties), ("qualification", max_qualifications)):
        ranked = [
            (s, n, i)
            for n, (s, i) in enumerate(zip(scores, pool, strict=True))
            if i.kind == kind and not rules_out(i, texts_of[i.id], ctx)
        ]
        for score, item in _diverse(ranked, limit):
            text = texts_of[item.id]
            candidates.append(
                Candidate(item.id, kind, text, item.area, round(score, 4), item.family)
            )
    return Retrieval(match, level, candidates, notes)
