"""``Refiner``: one line in, one ``Outcome`` out; no terminal I/O.

The commands that edit the posting live in ``edits.py``; this module keeps the
session state, turns, undo/redo and the commands that only show or write.
"""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, cast

from ..context import CompanyContext, Level
from ..corpus import Corpus
from ..drafters import Drafter
from ..errors import JdtailorError, ModelConfigError, OutputExistsError
from ..files import atomic_write
from ..pipeline import check_draft, context_problems
from ..posting import JobPosting
from ..retrieval import Candidate, Retrieval, retrieve
from .commands import (
    COMMANDS,
    EXTENSIONS,
    KIND_OF,
    SECTIONS_HINT,
    USER_PREFIX,
    Outcome,
    Usage,
    lint_text,
    refuse,
    usage_of,
)
from .edits import Edits
from .session import Session, Version, lock_session, now, render_diff, save_session, sha256_file

__all__ = ["Refiner"]


class Refiner(Edits):
    """Applies lines to a session, keeping every version valid and on disk."""

    def __init__(
        self,
        session: Session,
        path: Path,
        ctx: CompanyContext,
        corpus: Corpus,
        drafter: Drafter,
        *,
        force: bool = False,
        stored: bool = True,
    ) -> None:
        self.session = session
        self.path = path
        self.ctx = ctx
        self.corpus = corpus
        self.drafter = drafter
        self.force = force
        self._retrievals: dict[str, Retrieval] = {}
        self._problems: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
        if not stored:
            save_session(session, path, first=True)
        lock_session(path)

    # -- state -------------------------------------------------------------------------------
    @property
    def version(self) -> Version:
        return self.session.versions[self.session.current]

    @property
    def posting(self) -> JobPosting:
        return self.version.posting

    @property
    def number(self) -> int:
        return self.session.current + 1

    def ctx_at(self, level: str) -> CompanyContext:
        return self.ctx.model_copy(update={"seniority": level})

    def retrieval(self, level: str | None = None) -> Retrieval:
        level = level or self.version.level
        if level not in self._retrievals:
            self._retrievals[level] = retrieve(self.ctx_at(level), self.corpus)
        return self._retrievals[level]

    def user_bullets(self) -> dict[str, tuple[str, str]]:
        """user:<n> -> (section, text) as first written, over every version."""
        found: dict[str, tuple[str, str]] = {}
        for version in self.session.versions:
            for section, _, bullet in version.posting.bullets():
                for source in bullet.sources:
                    if source.startswith(USER_PREFIX) and source not in found:
                        found[source] = (section, bullet.text)
        return found

    def _next_user_id(self) -> str:
        tails = [k.removeprefix(USER_PREFIX) for k in self.user_bullets()]
        numbers = [int(t) for t in tails if t.isdigit()]
        return f"{USER_PREFIX}{max(numbers, default=0) + 1}"

    def candidates_with_user(self, level: str | None = None) -> Retrieval:
        """The retrieval plus the user's own bullets as candidates (what revise is shown)."""
        base = self.retrieval(level)
        extra = [
            Candidate(uid, KIND_OF.get(section, "qualification"), text, "user", 0.0, "user")
            for uid, (section, text) in self.user_bullets().items()
        ]
        return replace(base, candidates=base.candidates + extra)

    def problems(
        self, posting: JobPosting, level: str | None = None, new_ids: Iterable[str] = ()
    ) -> list[str]:
        """Why ``posting`` would not be acceptable, as the pipeline checks a draft: the
        fact check and lint's errors about the context. ``new_ids``: user ids a command
        just made."""
        level = level or self.version.level
        key = (posting.model_dump_json(), level, tuple(new_ids))
        if key not in self._problems:
            retrieval = self.retrieval(level)
            texts = {c.id: c.text for c in retrieval.candidates}
            texts |= {uid: text for uid, (_, text) in self.user_bullets().items()}
            texts |= {uid: texts.get(uid, "") for uid in key[2]}  # made just now: text unknown
            problems, report = check_draft(posting, retrieval, self.ctx_at(level), candidates=texts)
            if len(self._problems) > 8:  # only the last turns' postings are asked about
                self._problems.clear()
            self._problems[key] = problems + context_problems(report)
        return self._problems[key]

    def rendered(self, fmt: str | None = None) -> str | bytes:
        """The current posting as ``fmt`` (default: the session's), as ``save`` writes it."""
        from ..render import BINARY_FORMATS, render, render_bytes

        fmt = fmt or self.session.fmt
        session = self.session
        options: dict[str, Any] = {
            "show_sources": session.show_sources,
            # draft's --valid-through wins over company.md, as it does in draft
            "valid_through": session.valid_through or self.ctx.valid_through,
            "date_posted": session.date_posted,
        }
        if fmt == "html" and session.template_dir:
            options["template_dir"] = session.template_dir
        return (render_bytes if fmt in BINARY_FORMATS else render)(self.posting, fmt, **options)

    def store(self) -> None:
        save_session(self.session, self.path)

    def _store_or_roll_back(self, current: int, *, drop_last: bool = False) -> None:
        """Make ``current`` the shown version, on disk first; if the write fails, nothing moved."""
        before = self.session.current
        self.session.current = current
        try:
            self.store()
        except BaseException:  # Ctrl-C or a failed write: memory must match the file
            self.session.current = before
            if drop_last:
                self.session.versions.pop()
            raise

    # -- turns -------------------------------------------------------------------------------
    def handle(self, line: str) -> Outcome:
        """Apply one line: a command, or feedback for the drafter."""
        line = line.strip()
        if not line:
            return Outcome()
        word, _, rest = line.partition(" ")
        word = word.lower()
        try:
            if word in COMMANDS:
                try:
                    return getattr(self, f"_cmd_{word}")(rest.strip(), line)
                except Usage as usage:
                    return self._feedback(line, usage=str(usage))
            return self._feedback(line)
        except OutputExistsError as exc:
            word = line.split()[0].lower()
            return refuse(
                f"{exc.message.split(';')[0]}, and this session did not write it; "
                f"`{word} --force ...` overwrites it, or save to another path"
            )
        except JdtailorError as exc:
            return refuse(f"no change: {exc.message}")

    def _commit(
        self,
        posting: JobPosting,
        made_by: str,
        kind: Literal["command", "feedback"],
        trace: dict[str, Any],
        level: str | None = None,
        message: str = "",
    ) -> Outcome:
        before = self.posting
        level = level or self.version.level
        if posting == before and level == self.version.level:
            if kind == "feedback" and trace.get("backend") == "openai":
                return refuse(
                    "no change: the model returned the posting unchanged; rephrase, "
                    "or use `edit summary …` to change it yourself"
                )
            return refuse("no change: the posting is already like that")
        old = set(self.problems(before))
        made = [
            i for i in trace.get("added", []) if kind == "command" and i.startswith(USER_PREFIX)
        ]
        after = self.problems(posting, level, made)
        new = [p for p in after if p not in old]
        if new:
            return refuse("no change: " + "; ".join(new))
        self.session.versions.append(
            Version(
                posting=posting,
                made_by=made_by,
                kind=kind,
                level=cast("Level", level),
                parent=self.session.current,
                trace=trace,
                created=now(),
            )
        )
        self._store_or_roll_back(len(self.session.versions) - 1, drop_last=True)
        # the next turn starts from this posting: its ids made now are the user's own
        self._problems[(posting.model_dump_json(), level, ())] = after
        return Outcome(message=message or f"v{self.number}: {made_by}", changed=True, before=before)

    def _feedback(self, line: str, usage: str | None = None) -> Outcome:
        try:
            draft = self.drafter.revise(
                self.posting, line, self.ctx_at(self.version.level), self.candidates_with_user()
            )
        except ModelConfigError as exc:  # no model, or one that cannot be used (401, no key)
            if usage and getattr(self.drafter, "model", None) is None:
                return refuse(f"usage: {usage} (type `help`); free-text feedback needs a model")
            return refuse(exc.message)
        return self._commit(draft.posting, line, "feedback", draft.trace.to_dict())

    # -- moving between versions --------------------------------------------------------------
    def _cmd_undo(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("undo")
        parent = self.version.parent
        if parent is None:
            return refuse(f"nothing to undo: v{self.number} is the first version")
        return self._goto(parent, f"undid {self.version.made_by!r}")

    def _cmd_redo(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("redo")
        children = [
            i for i, v in enumerate(self.session.versions) if v.parent == self.session.current
        ]
        if not children:
            return refuse("nothing to redo")
        target = max(children)
        return self._goto(target, f"redid {self.session.versions[target].made_by!r}")

    def _cmd_goto(self, rest: str, line: str) -> Outcome:
        args = rest.split()
        if len(args) != 1 or not args[0].lstrip("vV").isdigit():
            raise Usage(usage_of("goto"))
        index = self._version_arg(args[0])
        if index == self.session.current:
            return refuse(f"already at v{self.number}")
        return self._goto(index, f"jumped from v{self.number}")

    def _goto(self, index: int, what: str) -> Outcome:
        before = self.posting
        self._store_or_roll_back(index)
        return Outcome(message=f"v{self.number}: {what}", changed=True, before=before)

    def _version_arg(self, word: str) -> int:
        n = int(word.lstrip("vV")) if word.lstrip("vV").isdigit() else -1
        if not 1 <= n <= len(self.session.versions):
            raise JdtailorError(
                f"there is no version {word}; versions are 1-{len(self.session.versions)}"
            )
        return n - 1

    def _cmd_diff(self, rest: str, line: str) -> Outcome:
        args = rest.split()
        if len(args) > 2 or not all(a.lstrip("vV").isdigit() for a in args):
            raise Usage(usage_of("diff"))
        cur = self.session.current
        if not args:
            a, b = (self.version.parent if self.version.parent is not None else cur), cur
        elif len(args) == 1:
            a, b = self._version_arg(args[0]), cur
        else:
            a, b = self._version_arg(args[0]), self._version_arg(args[1])
        va, vb = self.session.versions[a], self.session.versions[b]
        lines = render_diff(va.posting, vb.posting, f"v{a + 1}", f"v{b + 1}")
        if not lines:
            return Outcome(message=f"v{a + 1} and v{b + 1} are the same")
        return Outcome(text="\n".join(lines) + "\n", diff=True)

    def _cmd_history(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("history")
        out = []
        on_path = set(self.session.lineage())
        for i, v in enumerate(self.session.versions):
            mark = "*" if i == self.session.current else (" " if i in on_path else "~")
            when = v.created[11:19]
            parent = "" if v.parent in (None, i - 1) else f" (from v{v.parent + 1})"
            out.append(f"{mark} v{i + 1:<3} {when}  {v.made_by}{parent}")
        out.append("(* current, ~ undone branch)")
        return Outcome(text="\n".join(out) + "\n")

    def _cmd_lint(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("lint")
        return Outcome(text=lint_text(self.posting, self.ctx_at(self.version.level)))

    def _cmd_show(self, rest: str, line: str) -> Outcome:
        if rest not in ("", "--sources", "sources"):
            raise Usage(usage_of("show"))
        from ..render import render

        sources = bool(rest) or self.session.show_sources
        return Outcome(text=render(self.posting, "md", show_sources=sources, numbered=True))

    def _write(self, target: str, fmt: str, force: bool = False) -> Outcome:
        from ..render import FORMATS

        if fmt not in FORMATS:
            return refuse(f"no change: unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        path = Path(target).expanduser()
        key = str(path.resolve())
        text = self.rendered(fmt)
        mine = self.session.written.get(key)
        try:
            ours = mine is not None and path.is_file() and sha256_file(path) == mine
            atomic_write(path, text, force=self.force or force or ours)
        except OSError as exc:  # the system refused: the session goes on
            raise JdtailorError(f"{target}: cannot write it ({exc.strerror or exc})") from None
        data = text.encode("utf-8") if isinstance(text, str) else text
        self.session.written[key] = hashlib.sha256(data).hexdigest()
        self.store()
        return Outcome(message=f"wrote v{self.number} to {target} ({fmt})")

    def _cmd_save(self, rest: str, line: str) -> Outcome:
        args, force = _force(_words(rest))
        if len(args) > 1:
            raise Usage(usage_of("save"))
        if args:
            fmt = EXTENSIONS.get(Path(args[0]).suffix.lower(), "md")
            return self._write(args[0], fmt, force)
        if not self.session.output:
            return refuse("no file to save to: give a path (save post.md), or start with -o FILE")
        return self._write(self.session.output, self.session.fmt, force)

    def _cmd_export(self, rest: str, line: str) -> Outcome:
        args, force = _force(_words(rest))
        if len(args) != 2:
            raise Usage(usage_of("export"))
        return self._write(args[1], args[0].lower(), force)

    def _cmd_help(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("help")
        lines = [f"  {usage}" for usage in COMMANDS.values()]
        tail = (
            f"  ({SECTIONS_HINT}; bullets are numbered from 1)\n"
            "  Anything else is feedback for the model, e.g. `shorter and warmer`."
        )
        return Outcome(text="commands:\n" + "\n".join(lines) + "\n" + tail + "\n")

    def _cmd_quit(self, rest: str, line: str) -> Outcome:
        if rest:
            raise Usage("quit")
        return Outcome(quit=True)


def _force(args: list[str]) -> tuple[list[str], bool]:
    """``args`` without ``--force``/``-f``, and whether it was there."""
    kept = [a for a in args if a != "--force"]
    return kept, len(kept) != len(args)


def _words(rest: str) -> list[str]:
    """A path argument may be quoted (``save "my post.md"``); an unclosed quote is refused."""
    try:
        return shlex.split(rest)
    except ValueError as exc:  # "No closing quotation"
        raise JdtailorError(f"{str(exc).lower()} in {rest!r}; close the quote") from None
