"""The command vocabulary of a refinement and the helpers the loop shares."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..context import CompanyContext
from ..posting import JobPosting
from ..retrieval import tokenize

__all__ = [
    "COMMANDS",
    "SECTION_NAMES",
    "SHORT",
    "USER_PREFIX",
    "Outcome",
    "lint_summary",
    "lint_text",
    "resolve_section",
]

USER_PREFIX = "user:"
BULLET_SECTIONS = ("responsibilities", "requirements", "nice_to_haves")
SECTION_NAMES: dict[str, str] = {
    "resp": "responsibilities", "responsibilities": "responsibilities", "r": "responsibilities",
    "duties": "responsibilities", "duty": "responsibilities", "do": "responsibilities",
    "req": "requirements", "reqs": "requirements", "requirements": "requirements",
    "must": "requirements", "musts": "requirements", "need": "requirements",
    "nice": "nice_to_haves", "nice_to_haves": "nice_to_haves", "nice-to-haves": "nice_to_haves",
    "nices": "nice_to_haves", "bonus": "nice_to_haves",
}  # fmt: skip
SHORT = {"responsibilities": "resp", "requirements": "req", "nice_to_haves": "nice"}
KIND_OF = {"responsibilities": "duty", "requirements": "qualification"}
EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html",
              ".txt": "txt", ".jsonld": "jsonld"}  # fmt: skip

# name -> usage; the order is the order of `help`
COMMANDS: dict[str, str] = {
    "drop": "drop <section> <n>          remove bullet n",
    "add": "add <section> <text>        add a bullet in your own words",
    "edit": "edit <section> <n> <text>   rewrite bullet n (edit summary <text> for the summary)",
    "more": "more <section> [query]      add the next best corpus candidate (matching query)",
    "swap": "swap <section> <n>          replace bullet n with the next best candidate",
    "move": "move <section> <from> <to>  reorder a bullet",
    "title": "title <text>                rename the posting",
    "level": "level <entry|mid|senior|lead>  re-draft at that level",
    "undo": "undo                        back to the previous version",
    "redo": "redo                        forward again after undo",
    "diff": "diff [a] [b]                compare versions (default: previous and current)",
    "history": "history                     list every version",
    "lint": "lint                        the full lint report",
    "show": "show [--sources]            the current posting",
    "save": "save [path]                 write the posting to -o's path or to path",
    "export": "export <md|json|html|jsonld|txt> <path>  write the posting in a format",
    "help": "help                        this list",
    "quit": "quit                        leave (the session file keeps every version)",
}
SECTIONS_HINT = "sections: resp, req, nice"


def resolve_section(word: str) -> str | None:
    return SECTION_NAMES.get(word.lower())


def similar(a: str, b: str) -> float:
    ta, tb = set(tokenize(a)), set(tokenize(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


@dataclass
class Outcome:
    """What one line did. ``changed``: the current version moved (show ``before`` → now)."""

    message: str = ""
    ok: bool = True
    changed: bool = False
    before: JobPosting | None = None
    text: str | None = None  # output asked for: show, diff, history, lint, help
    diff: bool = False  # ``text`` is a unified diff
    quit: bool = False


def refuse(message: str) -> Outcome:
    return Outcome(message=message, ok=False)


class Usage(Exception):
    """The line starts with a command word but its arguments do not fit."""


def clean(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def lint_text(posting: JobPosting, ctx: CompanyContext) -> str | None:
    """The lint report as text, or None when the lint module is not part of this build."""
    try:
        from ..lint import lint_posting  # type: ignore[attr-defined]
    except ImportError:
        return None
    report = lint_posting(posting, ctx)
    findings = list(getattr(report, "findings", report))
    if not findings:
        return "lint: no findings\n"
    return "\n".join(str(f) for f in findings) + "\n"


def lint_summary(posting: JobPosting, ctx: CompanyContext) -> str | None:
    """One line: how many findings of each severity; None without the lint module."""
    try:
        from ..lint import lint_posting  # type: ignore[attr-defined]
    except ImportError:
        return None
    report = lint_posting(posting, ctx)
    findings = list(getattr(report, "findings", report))
    if not findings:
        return "lint: clean"
    counts = Counter(str(getattr(f, "severity", "finding")) for f in findings)
    return "lint: " + ", ".join(f"{n} {sev}" for sev, n in counts.most_common())
