"""The command vocabulary of a refinement and the helpers the loop shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..context import CompanyContext
from ..posting import JobPosting

__all__ = [
    "COMMANDS",
    "SECTION_NAMES",
    "SHORT",
    "USER_PREFIX",
    "Outcome",
    "lint_summary",
    "lint_text",
    "resolve_section",
    "usage_of",
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
              ".txt": "txt", ".jsonld": "jsonld", ".docx": "docx"}  # fmt: skip

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
    "goto": "goto <n>                    jump to version n (see history)",
    "lint": "lint                        the full lint report",
    "show": "show [--sources]            the current posting",
    "save": "save [--force] [path]       write the posting to -o's path or to path",
    "export": "export <md|json|html|jsonld|txt|docx> <path> [--force]  write it in a format",
    "help": "help                        this list",
    "quit": "quit                        leave (the session file keeps every version)",
}
SECTIONS_HINT = "sections: resp, req, nice"


def usage_of(command: str) -> str:
    """The usage line of ``command``, without its explanation: ``drop <section> <n>``."""
    return COMMANDS[command].split("  ")[0]


def resolve_section(word: str) -> str | None:
    return SECTION_NAMES.get(word.lower())


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


def _lint_report(posting: JobPosting, ctx: CompanyContext) -> Any:
    """The lint report, or the line that says lint itself failed (a bug in a rule): lint
    is advice, so it never costs the user a turn, and it never pretends to be absent."""
    from ..lint import lint_posting

    try:
        return lint_posting(posting, ctx)
    except Exception as exc:
        return f"lint failed on this version ({type(exc).__name__}: {exc}); please report it"


def lint_text(posting: JobPosting, ctx: CompanyContext) -> str:
    """The lint report as lines (severity, message, suggestion)."""
    report = _lint_report(posting, ctx)
    if isinstance(report, str):
        return report + "\n"
    out = [report.summary()]
    for f in report.findings:
        where = f" (line {f.line})" if f.line else ""
        hint = f" — {f.suggestion}" if f.suggestion else ""
        out.append(f"  {f.severity:<7} {f.rule}{where}: {f.message}{hint}")
    return "\n".join(out) + "\n"


def lint_summary(posting: JobPosting, ctx: CompanyContext) -> str:
    """``lint 82/100: 1 error, 3 warnings``, or why lint failed."""
    report = _lint_report(posting, ctx)
    return report if isinstance(report, str) else str(report.summary())
