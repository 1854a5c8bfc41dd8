"""The commands that make a new version from the current one: drop, add, edit, move,
title, more, swap and level. A mixin of ``Refiner``, whose state and ``_commit`` they use;
each returns the ``Outcome`` of committing the changed posting (or raises ``Usage``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from ..context import LEVELS
from ..errors import JdtailorError
from ..posting import LIMITS, Bullet, JobPosting
from ..retrieval import Candidate
from ..text import bm25_scores, restates, tokenize
from .commands import (
    KIND_OF,
    USER_PREFIX,
    Outcome,
    Usage,
    clean,
    refuse,
    resolve_section,
    usage_of,
)

if TYPE_CHECKING:
    from ..context import CompanyContext
    from ..drafters import Drafter
    from ..retrieval import Retrieval
    from .session import Session

__all__ = ["Edits"]


class Edits:
    """Bullet and title edits, corpus picks and re-drafts; see ``Refiner``."""

    if TYPE_CHECKING:  # what the commands use of ``Refiner``'s state
        session: Session
        drafter: Drafter

        @property
        def posting(self) -> JobPosting: ...

        def ctx_at(self, level: str) -> CompanyContext: ...

        def retrieval(self, level: str | None = None) -> Retrieval: ...

        def _next_user_id(self) -> str: ...

        _commit: Callable[..., Outcome]  # (posting, made_by, kind, trace, level=, message=)

    # -- argument helpers ----------------------------------------------------------------------
    def _section(self, word: str, usage: str) -> str:
        section = resolve_section(word)
        if section is None:
            raise Usage(usage)
        return section

    def _index(self, section: str, word: str, usage: str) -> int:
        if not word.isdigit():
            raise Usage(usage)
        n = int(word)
        count = len(getattr(self.posting, section))
        if not 1 <= n <= count:
            raise JdtailorError(f"{section} has bullets 1-{count}; there is no {n}")
        return n - 1

    def _bullets(self, section: str) -> list[Bullet]:
        return list(getattr(self.posting, section))

    def _with(self, section: str, bullets: list[Bullet]) -> JobPosting:
        return self.posting.model_copy(update={section: bullets})

    def _room(self, section: str, delta: int) -> None:
        lo, hi = LIMITS[section]
        n = len(getattr(self.posting, section)) + delta
        if n < lo:
            raise JdtailorError(
                f"{section} has {n - delta} bullets, the fewest allowed is {lo}; "
                f"use swap or edit instead"
            )
        if n > hi:
            raise JdtailorError(
                f"{section} has {n - delta} bullets, the most allowed is {hi}; drop one first"
            )

    # -- the commands ------------------------------------------------------------------------------
    def _cmd_drop(self, rest: str, line: str) -> Outcome:
        usage = usage_of("drop")
        args = rest.split()
        if len(args) != 2:
            raise Usage(usage)
        section = self._section(args[0], usage)
        i = self._index(section, args[1], usage)
        self._room(section, -1)
        bullets = self._bullets(section)
        removed = bullets.pop(i)
        trace = {"backend": "command", "removed": removed.sources}
        return self._commit(self._with(section, bullets), line, "command", trace)

    def _cmd_add(self, rest: str, line: str) -> Outcome:
        usage = usage_of("add")
        word, _, text = rest.partition(" ")
        section = self._section(word, usage)
        if not text.strip():
            raise Usage(usage)
        self._room(section, +1)
        uid = self._next_user_id()
        bullets = self._bullets(section) + [Bullet(text=clean(text), sources=[uid])]
        trace = {"backend": "command", "added": [uid]}
        return self._commit(self._with(section, bullets), line, "command", trace)

    def _cmd_edit(self, rest: str, line: str) -> Outcome:
        usage = usage_of("edit")
        word, _, rest = rest.partition(" ")
        if word.lower() == "summary":
            if not rest.strip():
                raise Usage(usage)
            posting = self.posting.model_copy(update={"summary": clean(rest)})
            return self._commit(posting, line, "command", {"backend": "command"})
        section = self._section(word, usage)
        num, _, text = rest.strip().partition(" ")
        i = self._index(section, num, usage)
        if not text.strip():
            raise Usage(usage)
        bullets = self._bullets(section)
        uid = self._next_user_id()
        old = bullets[i]
        bullets[i] = Bullet(text=clean(text), sources=[uid])
        trace = {"backend": "command", "removed": old.sources, "added": [uid]}
        return self._commit(self._with(section, bullets), line, "command", trace)

    def _cmd_move(self, rest: str, line: str) -> Outcome:
        usage = usage_of("move")
        args = rest.split()
        if len(args) != 3:
            raise Usage(usage)
        section = self._section(args[0], usage)
        i = self._index(section, args[1], usage)
        j = self._index(section, args[2], usage)
        bullets = self._bullets(section)
        bullets.insert(j, bullets.pop(i))
        return self._commit(self._with(section, bullets), line, "command", {"backend": "command"})

    def _cmd_title(self, rest: str, line: str) -> Outcome:
        if not rest:
            raise Usage(usage_of("title"))
        posting = self.posting.model_copy(update={"title": " ".join(rest.split())})
        return self._commit(posting, line, "command", {"backend": "command"})

    def _dropped(self) -> set[str]:
        """Sources of every bullet a drop, edit or swap took out in this session."""
        out: set[str] = set()
        for version in self.session.versions:
            out.update(version.trace.get("removed", []))
            out.update(version.trace.get("swapped_out", []))
        return out

    def _fresh(
        self, section: str, query: str = "", exclude: Collection[str] = ()
    ) -> list[Candidate]:
        """Corpus candidates for ``section`` not in the posting and never taken out in
        this session, best first."""
        kind = KIND_OF.get(section, "qualification")
        cited = {s for _, _, b in self.posting.bullets() for s in b.sources}
        texts = [b.text for _, _, b in self.posting.bullets()]
        gone = self._dropped() | set(exclude)
        pool = [
            c
            for c in self.retrieval().by_kind(kind)
            if c.id not in cited and c.id not in gone
            and not any(restates(c.text, t) for t in texts)
        ]  # fmt: skip
        if query:
            q = Counter(tokenize(query))
            scores = bm25_scores(
                q, [tokenize(f"{c.text} {c.area.replace('-', ' ')}") for c in pool]
            )
            ranked = sorted(
                ((s, n, c) for n, (s, c) in enumerate(zip(scores, pool, strict=True)) if s > 0),
                key=lambda t: (-t[0], t[1]),
            )
            pool = [c for _, _, c in ranked]
        return pool

    def _cmd_more(self, rest: str, line: str) -> Outcome:
        usage = usage_of("more")
        word, _, query = rest.partition(" ")
        section = self._section(word, usage)
        self._room(section, +1)
        pool = self._fresh(section, query.strip())
        if not pool:
            what = f" matching {query.strip()!r}" if query.strip() else ""
            return refuse(f"no change: no more corpus candidates for {section}{what}")
        cand = pool[0]
        bullets = self._bullets(section) + [Bullet(text=cand.text, sources=[cand.id])]
        trace = {"backend": "command", "added": [cand.id]}
        return self._commit(self._with(section, bullets), line, "command", trace)

    def _cmd_swap(self, rest: str, line: str) -> Outcome:
        usage = usage_of("swap")
        args = rest.split()
        if len(args) != 2:
            raise Usage(usage)
        section = self._section(args[0], usage)
        i = self._index(section, args[1], usage)
        # never offer again what the session took out, so repeated swaps move on
        pool = self._fresh(section)
        if not pool:
            return refuse(f"no change: no more corpus candidates for {section}")
        bullets = self._bullets(section)
        old = bullets[i]
        bullets[i] = Bullet(text=pool[0].text, sources=[pool[0].id])
        trace = {"backend": "command", "swapped_out": old.sources, "added": [pool[0].id]}
        return self._commit(self._with(section, bullets), line, "command", trace)

    def _cmd_level(self, rest: str, line: str) -> Outcome:
        level = rest.strip().lower()
        if level not in LEVELS:
            raise Usage(usage_of("level"))
        ctx = self.ctx_at(level)
        retrieval = self.retrieval(level)
        draft = self.drafter.draft(ctx, retrieval)
        posting = self._keep_user_bullets(draft.posting)
        return self._commit(posting, line, "command", draft.trace.to_dict(), level=level)

    def _keep_user_bullets(self, posting: JobPosting) -> JobPosting:
        """``posting`` with the user's own bullets of the current version carried over,
        each in its section, taking the place of the last corpus bullet when full."""
        update: dict[str, list[Bullet]] = {}
        for section in ("responsibilities", "requirements", "nice_to_haves"):
            mine = [
                b for b in getattr(self.posting, section)
                if any(s.startswith(USER_PREFIX) for s in b.sources)
            ]  # fmt: skip
            if not mine:
                continue
            bullets = list(getattr(posting, section))
            hi = LIMITS[section][1]
            while bullets and len(bullets) + len(mine) > hi:
                corpus = [i for i, b in enumerate(bullets) if not _from_context(b)]
                if not corpus:
                    break
                bullets.pop(corpus[-1])
            update[section] = (bullets + mine)[:hi]
        return posting.model_copy(update=update) if update else posting


def _from_context(bullet: Bullet) -> bool:
    return any(s.startswith("context:") for s in bullet.sources)
