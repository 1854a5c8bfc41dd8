"""``jdtailor corpus import``: a user's own posting, or O*NET task statements, as corpus YAML.

Two inputs:

* a posting in Markdown or plain text: bullets under a heading ("Responsibilities",
  "Requirements", "Nice to have"...) become duties or qualifications; benefits and
  company blurbs are skipped;
* an O*NET "Task Statements" file (tab-separated, with a ``Task`` column): every
  task of one occupation becomes a duty.

The result is a first draft for a person to edit: levels, area and tags are
guesses, said so in the file's header. ``corpus check`` tells what still needs work.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..levels import TITLE_LEVEL_WORDS, levels_for_years, title_level, years_asked
from ..reading import markdown as md
from ..reading.clean import one_line
from . import AREAS, Corpus
from .words import ACTION_VERBS

__all__ = ["ImportedFamily", "import_file", "to_yaml"]

_DUTY_HEADINGS = re.compile(
    r"respons|dut(?:y|ies)|what you(?:'ll| will)? do|the role|day[- ]to[- ]day|your impact|"
    r"in this role|you will|you'll|the job|what the job involves|tasks",
    re.I,
)
_QUAL_HEADINGS = re.compile(
    r"requir|qualif|must|what you(?:'ll| will)? (?:need|bring|have)|skills|experience|nice|"
    r"bonus|preferred|about you|who you are|you have|you bring|ideal",
    re.I,
)
_NICE_HEADINGS = re.compile(r"nice|bonus|preferred|plus", re.I)
_SKIP_HEADINGS = re.compile(
    r"benefit|perk|what we offer|about us|about the company|who we are|compensation|salary|"
    r"pay\b|how to apply|equal|eeo|location|our values|why join|why work",
    re.I,
)
_YOU_WILL = re.compile(
    r"^(?:you(?:'ll| will| would)?|we(?:'ll| will) ask you to|will|to)\s+", re.IGNORECASE
)
_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "client-relations": ("client", "customer", "relationship", "renewal", "retention",
                         "satisfaction", "escalation", "account"),
    "sales": ("sell", "sale", "sales", "quota", "upsell", "pipeline", "deal", "close", "revenue"),
    "strategy": ("strategy", "strategic", "roadmap", "vision", "direction", "priority"),
    "project-management": ("project", "schedule", "timeline", "milestone", "launch", "scope"),
    "business-liaison": ("liaison", "between", "cross-functional", "internal", "stakeholder"),
    "business-development": ("prospect", "partner", "partnership", "market", "outreach",
                             "opportunity"),
    "financial-management": ("budget", "forecast", "pricing", "price", "margin", "invoice",
                             "billing", "cost", "financial", "p&l"),
    "audit": ("audit", "reconcile", "reconciliation", "record", "contract", "control"),
    "technical-delivery": ("build", "code", "deploy", "system", "software", "api",
                           "infrastructure", "install", "repair", "test"),
    "data-analysis": ("data", "metric", "report", "analysis", "analyse", "analyze",
                      "dashboard", "sql", "kpi"),
    "operations": ("operation", "inventory", "shift", "daily", "order", "stock", "equipment"),
    "compliance-safety": ("safety", "regulation", "law", "legal", "policy", "privacy",
                          "compliance", "license", "licence", "regulatory", "hazard"),
    "people-leadership": ("hire", "coach", "mentor", "supervise", "team", "staff", "manage"),
    "process-improvement": ("improve", "streamline", "automate", "efficiency", "process"),
    "communication": ("write", "present", "document", "train", "communicate", "explain"),
    "domain-expertise": ("knowledge", "certification", "certified", "degree", "tool", "skill"),
}  # fmt: skip


@dataclass
class ImportedItem:
    id: str
    kind: str
    text: str
    levels: list[str]
    area: str
    tags: list[str] = field(default_factory=list)


@dataclass
class ImportedFamily:
    family: str
    title: str
    source: str
    items: list[ImportedItem]

    @property
    def duties(self) -> int:
        return sum(i.kind == "duty" for i in self.items)

    @property
    def qualifications(self) -> int:
        return len(self.items) - self.duties


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _levels(text: str, title_level: str | None) -> list[str]:
    asked = years_asked(text)
    if asked:
        return levels_for_years(asked[0][0])
    return [title_level] if title_level else ["mid", "senior"]


def _area(text: str, kind: str) -> str:
    words = Counter(re.findall(r"[a-z&-]+", text.lower()))
    scores = {
        area: sum(words[w] + words[w + "s"] for w in keys) for area, keys in _AREA_WORDS.items()
    }
    best = max(AREAS, key=lambda a: (scores.get(a, 0), -AREAS.index(a)))
    if scores.get(best, 0):
        return best
    return "operations" if kind == "duty" else "domain-expertise"


def _heading(line: str) -> str | None:
    """A Markdown, bold-line or ``Label:`` heading (the shared lexer's view of the line)."""
    atx = md.atx_heading(line)
    if atx is not None:
        return atx[1] or None
    return md.bold_line(line) or md.label_line(line)


def _clean(text: str, kind: str) -> str:
    text = md.inline_plain(one_line(text, 2000))  # links, bold; no control characters
    text = re.sub(r"[*_`]{1,3}([^*_`]+)[*_`]{1,3}", r"\1", text)  # emphasis, code
    text = " ".join(text.split()).strip(" ;,")
    if kind == "duty":
        text = _YOU_WILL.sub("", text)
        first, _, rest = text.partition(" ")
        low = first.lower()
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if low.endswith(suffix) and low[: -len(suffix)] + repl in ACTION_VERBS:
                first = first[: -len(suffix)] + repl
                break
        text = f"{first} {rest}".strip()
    text = text[:1].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _make_id(prefix: str, text: str, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2][:5]
    base = f"{prefix}.{'-'.join(words) or 'item'}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _kind_for(heading: str | None, text: str) -> str | None:
    if heading:
        if _SKIP_HEADINGS.search(heading):
            return None
        if _DUTY_HEADINGS.search(heading) and not _QUAL_HEADINGS.search(heading):
            return "duty"
        if _QUAL_HEADINGS.search(heading):
            return "qualification"
    first = _YOU_WILL.sub("", text.strip()).split(" ", 1)[0].lower().strip("*_")
    return "duty" if first in ACTION_VERBS or first.rstrip("s") in ACTION_VERBS else "qualification"


def _posting(text: str, name: str, family: str | None, corpus: Corpus | None) -> ImportedFamily:
    title = ""
    body = text
    lines = md.split_lines(text)
    end = md.front_matter_end(lines)
    if end is not None and end > 0:
        body = "\n".join(lines[end + 1 :])
        for line in lines[1:end]:
            key, _, value = line.partition(":")
            if key.strip().lower() in ("role", "title") and value.strip():
                title = one_line(value).strip("\"'")
    heading: str | None = None
    # each bullet's lines, joined once at the end: adding a continuation line to a
    # string each time made a bullet followed by 100,000 lines quadratic
    parts: list[tuple[str | None, list[str]]] = []
    for line in body.splitlines():
        item = md.bullet(line)
        if item is not None and item[1]:
            parts.append((heading, [item[1]]))
            continue
        h = _heading(line)
        if h:
            heading = h
            if not title and line.lstrip().startswith("# "):
                title = heading
            continue
        if parts and line.startswith(("  ", "\t")) and line.strip():
            parts[-1][1].append(line.strip())
    if len(parts) > MAX_ITEMS:
        raise InputError(
            f"{name}: {len(parts):,} bullets; a posting has tens, and a family at most "
            f"{MAX_ITEMS:,} items: split the file"
        )
    bullets = [(head, " ".join(words)) for head, words in parts]
    if not title:
        title = next((ln.strip("# ").strip() for ln in body.splitlines() if ln.strip()), name)
    title = one_line(title)
    title = re.split(r" [—–|-] ", title, maxsplit=1)[0] or title  # "Role — Company"
    level = title_level(title)
    title_out = _strip_level_words(title)
    if family is None and corpus is not None and title:
        from ..retrieval import match_family

        match = match_family(title, corpus)
        if match.how == "alias":
            family, title_out = match.family.name, match.family.title
    fam = slugify(family or title_out) or slugify(name) or "imported"
    items: list[ImportedItem] = []
    taken: set[str] = set()
    seen: set[str] = set()
    for head, raw in bullets:
        kind = _kind_for(head, raw)
        if kind is None:
            continue
        clean = _clean(raw, kind)
        if len(clean.split()) < 2 or clean.lower() in seen:  # a bullet given twice is one item
            continue
        seen.add(clean.lower())
        tags = ["imported"] + (["nice-to-have"] if head and _NICE_HEADINGS.search(head) else [])
        items.append(ImportedItem(_make_id(fam, clean, taken), kind, clean,
                                  _levels(clean, level), _area(clean, kind), tags))  # fmt: skip
    return ImportedFamily(fam, title_out, name, items)


def _strip_level_words(title: str) -> str:
    words = title.split()
    markers = {m for _, ms in TITLE_LEVEL_WORDS for m in ms} - {
        "associate",
        "assistant",
        "coordinator",
    }
    kept = [w for w in words if w.lower().strip(",.") not in markers]
    return " ".join(kept) or title


def _onet(text: str, name: str, family: str | None) -> ImportedFamily:
    try:
        rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    except csv.Error as exc:  # a field over the csv module's limit, a stray NUL
        raise InputError(f"{name}: cannot read the task table ({str(exc)[:80]})") from None

    def cell(value: object) -> str:  # a row with more cells than the header has a list
        return " ".join(value) if isinstance(value, list) else str(value or "").strip()

    rows = [{cell(k).lower(): cell(v) for k, v in r.items()} for r in rows]
    rows = [r for r in rows if r.get("task")]
    titles = list(dict.fromkeys(r.get("title", "") for r in rows))
    if len(titles) > 1:
        wanted = slugify(family or "")
        keys = ("title", "o*net-soc code")
        rows = [r for r in rows if wanted and wanted in {slugify(r.get(k, "")) for k in keys}]
        if not rows:
            shown = "; ".join(titles[:5]) + ("; ..." if len(titles) > 5 else "")
            raise InputError(f"{name}: holds {len(titles)} occupations ({shown}); pass "
                             "--family with one title or O*NET-SOC code to import it")  # fmt: skip
    if len(rows) > MAX_ITEMS:  # one occupation has tens of tasks
        raise InputError(
            f"{name}: {len(rows):,} tasks for one occupation; a family holds at most "
            f"{MAX_ITEMS:,} items: split the file"
        )
    title = rows[0].get("title", "") if rows else ""
    fam = slugify(family or title) or slugify(name) or "imported"
    if family and not slugify(family).replace("-", "").isalpha() and title:
        fam = slugify(title)  # an O*NET-SOC code picks the rows; the title names the family
    taken: set[str] = set()
    seen: set[str] = set()
    items = []
    for r in rows:
        clean = _clean(r["task"], "duty")
        if len(clean.split()) < 2 or clean.lower() in seen:
            continue
        seen.add(clean.lower())
        tags = ["imported", "onet"] + (["supplemental"] if r.get("task type") == "Supplemental"
                                       else [])  # fmt: skip
        items.append(ImportedItem(_make_id(fam, clean, taken), "duty", clean,
                                  ["mid", "senior"], _area(clean, "duty"), tags))  # fmt: skip
    return ImportedFamily(fam, title or fam.replace("-", " ").title(), name, items)


MAX_IMPORT_BYTES = 20_000_000  # the whole O*NET task table is a few MB
MAX_POSTING_CHARS = 1_000_000  # as lint takes: a posting is a few thousand
MAX_ITEMS = 2_000  # items one import makes (about a second of work)


def import_file(
    path: str | Path, family: str | None = None, corpus: Corpus | None = None
) -> ImportedFamily:
    """Read a posting or an O*NET task file into an editable family.

    Without ``family``, a posting whose title is an alias in ``corpus`` extends
    that family ("Senior Account Manager" -> account-management).
    """
    from ..reading.files import read_text_file

    path = Path(path)
    text = read_text_file(
        path, limit=MAX_IMPORT_BYTES, what="posting or O*NET task file",
        big_hint="import one posting or one occupation's task file at a time",
    )  # fmt: skip
    first = text.lstrip().split("\n", 1)[0]
    is_onet = "\t" in first and "task" in [c.strip().lower() for c in first.split("\t")]
    if is_onet:
        result = _onet(text, path.name, family)
    elif len(text) > MAX_POSTING_CHARS:
        raise InputError(
            f"{path}: is over {MAX_POSTING_CHARS:,} characters, too long for one posting; "
            "import one posting at a time (an O*NET task file may be larger)"
        )
    else:
        result = _posting(text, path.name, family, corpus)
    if not result.items:
        what = "task rows" if is_onet else "bullet lists under duty or requirement headings"
        raise InputError(f"{path}: found no {what}; nothing to import")
    return result


def to_yaml(fam: ImportedFamily) -> str:
    """The family as corpus YAML, with a header saying what to review."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a JSON string is valid YAML
    lines = [
        f"# Imported by `jdtailor corpus import` from {one_line(fam.source)}.",
        "# A first draft: check each item's wording, levels, area and tags, add aliases",
        "# and related families, then run `jdtailor corpus check DIR` on this folder.",
        f"family: {fam.family}",
        f"title: {q(fam.title)}",
        f"aliases: [{q(fam.title)}]",
        "related: []",
        "items:",
    ]
    for item in fam.items:
        lines += [
            f"  - id: {item.id}",
            f"    kind: {item.kind}",
            f"    text: {q(item.text)}",
            f"    levels: [{', '.join(item.levels)}]",
            f"    area: {item.area}",
            f"    tags: [{', '.join(item.tags)}]",
        ]
    return "\n".join(lines) + "\n"
