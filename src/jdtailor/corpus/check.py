"""``jdtailor corpus check``: every problem in a set of corpus directories, not just the first.

The loader (``corpus.load_corpus``) stops at the first fault; this walks every file
and reports them all, in four passes:

1. structure: YAML, the family/item schema, duplicate ids within a layer;
2. families: ``related`` names, aliases two families share, aliases the title
   matcher sends to another family, minimum sizes;
3. items: the writing standard (``corpus_style``);
4. near-duplicate texts across the whole layered corpus (token-set Jaccard with
   prefix filtering, so ~1,500 items take milliseconds, not an O(n^2) sweep).

Errors break the format or the writing standard; warnings deserve a human look.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import CorpusError, field_problems
from ..resources import data_dir
from . import UNKNOWN_FIELD, CorpusItem, Family, FamilyFile, ParseCache, family_files
from .style import Issue, item_issues

__all__ = [
    "DUPLICATE_AT",
    "MIN_DUTIES",
    "MIN_ITEMS",
    "MIN_QUALIFICATIONS",
    "SIMILAR_AT",
    "CheckReport",
    "Finding",
    "check_corpus",
    "similar_pairs",
]

MIN_ITEMS, MIN_DUTIES, MIN_QUALIFICATIONS = 40, 25, 15
DUPLICATE_AT = 0.8  # token-set Jaccard at or above which two texts are one item twice
SIMILAR_AT = 0.6  # ... and at or above which they are worth reading side by side
PARTNERS_SHOWN = 5  # near-duplicates named per item; a corpus of copies stays linear


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning"
    code: str
    message: str
    path: Path | None = None
    item_id: str | None = None

    def __str__(self) -> str:
        where = ": ".join(str(p) for p in (self.path, self.item_id) if p)
        return f"{where + ': ' if where else ''}{self.severity}: {self.message} [{self.code}]"


@dataclass
class CheckReport:
    findings: list[Finding]
    families: int = 0
    items: int = 0
    pairs: list[tuple[float, str, str]] = field(default_factory=list)  # similar texts

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


@dataclass
class _Layered:
    """The corpus as the loader would build it, remembering where each item came from."""

    families: dict[str, Family] = field(default_factory=dict)
    builtin_families: set[str] = field(default_factory=set)
    where: dict[str, Path] = field(default_factory=dict)  # item id -> file
    heads: list[tuple[Path, FamilyFile]] = field(default_factory=list)  # in load order


def _validation_lines(exc: ValidationError, prefix: str) -> list[str]:
    problems = field_problems(exc, unknown=UNKNOWN_FIELD, skip=("family",))
    return [
        f"{prefix}`{p.place}`: {p.message}" if p.place else f"{prefix}{p.message}" for p in problems
    ]


def _load_layers(dirs: list[Path], builtin: bool, out: list[Finding]) -> _Layered:
    layered = _Layered()
    for layer, directory in enumerate(dirs):
        try:
            paths = family_files(directory)
            cache = ParseCache(directory)  # the loader's cache: unchanged files skip YAML
        except CorpusError as exc:
            out.append(Finding("error", "structure", exc.message))
            continue
        seen_here: dict[str, Path] = {}
        cache.prefetch(paths)
        for path in paths:
            try:
                raw, _ = cache.load(path)
            except CorpusError as exc:
                out.append(Finding("error", "yaml", exc.message.split(": ", 1)[-1], path))
                continue
            if not isinstance(raw, dict):
                out.append(Finding("error", "structure", "expected a mapping with family, "
                                   "title, aliases and items", path))  # fmt: skip
                continue
            try:
                head = FamilyFile.model_validate(raw)
            except ValidationError as exc:
                for line in _validation_lines(exc, ""):
                    out.append(Finding("error", "schema", line, path))
                continue
            if path.stem != head.family and layer == 0 and builtin:
                msg = f"family {head.family!r} is in {path.name}; name it {head.family}.yaml"
                out.append(Finding("warning", "file-name", msg, path))
            items: list[CorpusItem] = []
            for i, data in enumerate(head.items):
                ident = data.get("id") if isinstance(data, dict) else None
                ident = ident if isinstance(ident, str) else None
                if not isinstance(data, dict):
                    out.append(Finding("error", "schema", f"items[{i}]: expected a mapping", path))
                    continue
                try:
                    item = CorpusItem.model_validate({**data, "family": head.family})
                except ValidationError as exc:
                    for line in _validation_lines(exc, f"items[{i}] "):
                        out.append(Finding("error", "schema", line, path, ident))
                    continue
                if item.id in seen_here:
                    msg = f"id also used in {seen_here[item.id]}; ids must be unique"
                    out.append(Finding("error", "duplicate-id", msg, path, item.id))
                    continue
                seen_here[item.id] = path
                items.append(item)
            _merge(layered, head, items, path, layer == 0 and builtin)
        cache.save({p.name for p in paths})
    return layered


def _merge(layered: _Layered, head: FamilyFile, items: list[CorpusItem], path: Path,
           builtin: bool) -> None:  # fmt: skip
    overridden = {i.id for i in items if i.id in layered.where}
    if overridden:
        for fam in layered.families.values():
            fam.items = [i for i in fam.items if i.id not in overridden]
    for item in items:
        layered.where[item.id] = path
    layered.heads.append((path, head))
    if builtin:
        layered.builtin_families.add(head.family)
    known = layered.families.get(head.family)
    if known is None:
        layered.families[head.family] = Family(
            head.family, head.title, list(head.aliases), list(head.related), items, [path]
        )
    else:
        known.items.extend(items)
        known.aliases.extend(a for a in head.aliases if a not in known.aliases)
        known.related.extend(r for r in head.related if r not in known.related)
        known.paths.append(path)


def _family_findings(layered: _Layered, out: list[Finding]) -> None:
    from ..retrieval import bare_name, norm_title

    def add(severity: str, code: str, message: str, path: Path) -> None:
        out.append(Finding(severity, code, message, path))

    names = set(layered.families)
    # match_family takes an exact title first, so an alias no other family
    # shares (with or without its level words) always picks its own family.
    full: dict[tuple[str, ...], tuple[str, str]] = {}
    bare: dict[tuple[str, ...], tuple[str, str]] = {}
    for path, head in layered.heads:
        for rel in head.related:
            if rel == head.family:
                add("error", "related", "a family cannot be related to itself", path)
            elif rel not in names:
                add("error", "related", f"related family {rel!r} does not exist", path)
        for alias in dict.fromkeys([head.title, *head.aliases, head.family.replace("-", " ")]):
            toks = tuple(norm_title(alias))
            for table, how in ((full, "the same title"), (bare, "one title once level words go")):
                key = toks if table is full else tuple(bare_name(list(toks)))
                other = table.setdefault(key, (head.family, alias))
                if other[0] != head.family:
                    add("error", "alias", f"alias {alias!r} and {other[1]!r} of {other[0]} are "
                        f"{how}; keep it in one family", path)  # fmt: skip
                    break
    for fam in layered.families.values():
        path = fam.paths[0]
        duties = sum(i.kind == "duty" for i in fam.items)
        quals = len(fam.items) - duties
        if duties < MIN_DUTIES or quals < MIN_QUALIFICATIONS or len(fam.items) < MIN_ITEMS:
            severity = "error" if fam.name in layered.builtin_families else "warning"
            add(severity, "size", f"{fam.name} has {len(fam.items)} items ({duties} duties, "
                f"{quals} qualifications); a family needs >= {MIN_ITEMS} ({MIN_DUTIES} duties, "
                f"{MIN_QUALIFICATIONS} qualifications)", fam.paths[-1])  # fmt: skip
        if fam.name not in layered.builtin_families:
            continue
        for level in ("entry", "mid", "senior", "lead"):
            n = sum(level in i.levels and i.kind == "duty" for i in fam.items)
            if n < 6:
                add("warning", "coverage", f"{fam.name} has only {n} duties at {level}", path)


def _token_sets(items: list[CorpusItem]) -> list[frozenset[str]]:
    import re

    from ..text import tokenize

    return [frozenset(tokenize(re.sub(r"\{[^{}]*\}", " ", i.text))) for i in items]


def similar_pairs(
    items: Sequence[CorpusItem], threshold: float = SIMILAR_AT, *, per_item: int | None = None
) -> list[tuple[float, str, str]]:
    """(Jaccard, id, id) for every pair of items whose token sets overlap at ``threshold``+.

    Near-linear on real corpora, in three steps:

    * items with the same token set are grouped; one of each group is searched, and a
      copy pairs with it at 1.0 (20,000 copies of one text are 20,000 pairs with
      ``per_item``, not 200 million);
    * generalized prefix filtering: with tokens ordered rarest first, two sets with
      Jaccard >= t share at least two of the first ``|x| - ceil(t*|x|) + 2`` tokens of
      each (one for sets too small to share two), so only those are probed; sets are
      indexed smallest first, and an indexed set's partners are at least as large, so it
      indexes only its first ``|y| - ceil(2t/(1+t)*|y|) + 2``; candidates are counted
      with set operations in C before any set is compared;
    * a length filter drops candidates too small to reach ``t``.

    ``per_item`` caps how many partners each item is reported with (``corpus check``
    names a few; the pairs list of a huge corpus would not fit in memory).
    """
    items = list(items)
    sets = _token_sets(items)
    groups: dict[frozenset[str], list[int]] = {}
    for n, s in enumerate(sets):
        if s:
            groups.setdefault(s, []).append(n)
    pairs: list[tuple[float, str, str]] = []
    found: Counter[int] = Counter()

    def add(sim: float, n: int, m: int) -> None:
        if per_item is not None and (found[n] >= per_item or found[m] >= per_item):
            return
        found[n] += 1
        found[m] += 1
        a, b = sorted((items[n].id, items[m].id))
        pairs.append((round(sim, 2), a, b))

    for members in groups.values():
        if per_item is None:
            for i, n in enumerate(members):
                for m in members[i + 1 :]:
                    add(1.0, n, m)
        else:
            for n in members[1:]:
                add(1.0, members[0], n)
    reps = [members[0] for members in groups.values()]
    df: Counter[str] = Counter()
    for n in reps:
        df.update(sets[n])
    rank = {tok: r for r, tok in enumerate(sorted(df, key=lambda t: (df[t], t)))}.__getitem__
    order = sorted(reps, key=lambda n: (len(sets[n]), n))
    index: dict[str, list[int]] = defaultdict(list)
    shorter = 2 * threshold / (1 + threshold)  # overlap share of an indexed (smaller) set
    for n in order:
        x = sets[n]
        need = min(2, math.ceil(threshold * len(x)))  # shared prefix tokens a pair must have
        ranked = sorted(x, key=rank)  # rarest first
        prefix = ranked[: len(x) - math.ceil(threshold * len(x) - 1e-9) + 2]
        once: set[int] = set()
        twice: set[int] = set()
        for tok in prefix:  # set operations run in C: no Python step per posting
            listed = index[tok]
            twice.update(once.intersection(listed))
            once.update(listed)
        smallest = threshold * len(x)
        for m in twice if need == 2 else once:
            y = sets[m]
            if len(y) < smallest:
                continue
            common = len(x & y)
            sim = common / (len(x) + len(y) - common)
            if sim >= threshold:
                if per_item is None:
                    for a in groups[x]:
                        for b in groups[y]:
                            add(sim, a, b)
                else:
                    add(sim, n, m)
        # Sets are indexed smallest first, so every later partner y of x has |y| >= |x|
        # and shares at least 2t/(1+t)(|x|+|y|)/2 >= 2t/(1+t)|x| tokens with it: x's
        # indexed prefix can be shorter than its probing prefix (its commonest tokens,
        # with the longest posting lists, stay out of the index).
        for tok in ranked[: len(x) - math.ceil(shorter * len(x) - 1e-9) + 2]:
            index[tok].append(n)
    return sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))


PARALLEL_FROM = 5_000  # items; below this a forked process costs more than it saves


def _issues_and_pairs(
    items: list[CorpusItem],
) -> tuple[list[list[Issue]], list[tuple[float, str, str]]]:
    """Each item's style issues, and the near-duplicate pairs: on a large corpus the
    near-duplicate search runs here while forked children check the items' style."""
    from ..parallel import cores, fork_map, split

    parts = cores() - 1 if len(items) >= PARALLEL_FROM else 0
    if parts < 1:
        return [item_issues(i) for i in items], similar_pairs(items, per_item=PARTNERS_SHOWN)
    jobs: list[Sequence[CorpusItem] | None] = [*split(items, parts), None]

    def run(job: Sequence[CorpusItem] | None) -> list:
        if job is None:
            return similar_pairs(items, per_item=PARTNERS_SHOWN)
        return [item_issues(i) for i in job]

    *checked, pairs = fork_map(run, jobs)
    return [found for part in checked for found in part], pairs


def check_corpus(
    extra_dirs: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
    focus: Sequence[str | Path] = (),
) -> CheckReport:
    """Check the built-in corpus (unless ``builtin`` is false) layered with ``extra_dirs``.

    ``focus`` limits the report to findings about files under those directories
    (the rest of the corpus still counts for ids, aliases and near-duplicates).
    """
    dirs = ([data_dir("corpus")] if builtin else []) + [Path(d) for d in extra_dirs]
    findings: list[Finding] = []
    layered = _load_layers(dirs, builtin, findings)
    if not layered.families and not findings:
        findings.append(Finding("error", "structure", "no corpus files found in "
                                + ", ".join(map(str, dirs))))  # fmt: skip
    _family_findings(layered, findings)
    items = [i for fam in layered.families.values() for i in fam.items]
    issues, pairs = _issues_and_pairs(items)
    for item, found in zip(items, issues, strict=True):
        for severity, code, message in found:
            findings.append(Finding(severity, code, message, layered.where[item.id], item.id))
    rank = {item.id: n for n, item in enumerate(items)}
    for sim, a, b in pairs:
        if rank[a] < rank[b]:
            a, b = b, a  # report on the later item: the one a new file brought in
        severity = "error" if sim >= DUPLICATE_AT else "warning"
        what = "near-duplicate of" if severity == "error" else "similar to"
        findings.append(Finding(severity, "near-duplicate", f"{what} {b} in "
                                f"{layered.where[b]} (similarity {sim:.2f})",
                                layered.where[a], a))  # fmt: skip
    if focus:
        import os

        # by the path as listed, not its target: a symlinked file belongs to its folder
        roots = {os.path.abspath(d) for d in focus} | {str(Path(d).resolve()) for d in focus}
        listed: dict[Path, bool] = {}  # one lookup per file, not per finding

        def under(p: Path) -> bool:
            if p not in listed:
                parent = os.path.dirname(os.path.abspath(p))
                listed[p] = parent in roots or any(parent.startswith(r + os.sep) for r in roots)
            return listed[p]

        def inside(f: Finding) -> bool:
            paths = [f.path] if f.path else []
            if f.code == "near-duplicate":
                paths += [layered.where[i] for i in f.message.split() if i in layered.where]
            return any(under(p) for p in paths)

        findings = [f for f in findings if f.path is None and f.code == "structure" or inside(f)]
    order = {"error": 0, "warning": 1}
    findings.sort(key=lambda f: (order[f.severity], str(f.path or ""), f.item_id or "", f.code))
    return CheckReport(findings, len(layered.families), len(items), pairs)
