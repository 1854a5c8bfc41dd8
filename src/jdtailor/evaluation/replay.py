"""A model's raw reply as something to score, even when it never became a posting.

    salvage(reply)        the parts that validate: title, summary, facts, every bullet
                          that is a proper {text, sources}; what was dropped, in words
    find_reply(dir, id)   a saved reply for a case: ``<id>.txt``/``.json``, or the newest
                          ``reply-<id>-<stamp>.txt`` the model drafter saved on failure
    read_reply(...)       the reply as (posting, problems, invalid)

A reply that does not parse, or parses but fails the one fact check, is *invalid*:
eval scores what it can of it and counts the case at ``INVALID_SHARE`` of that score,
so a model that almost follows the format ranks above one that does not, and both
below one that does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import TypeAdapter, ValidationError

from ..context import CompanyContext
from ..posting import Bullet, JobPosting
from ..retrieval import Retrieval

__all__ = ["INVALID_SHARE", "Read", "Salvaged", "find_reply", "read_reply", "salvage"]

INVALID_SHARE = 0.5  # an invalid reply's case counts half of what its parts score
_LISTS = ("responsibilities", "requirements", "nice_to_haves", "success")
_TEXT = ("title", "company", "summary")  # required strings: "" when unusable


class Salvaged(NamedTuple):
    posting: JobPosting
    dropped: list[str]  # "responsibilities: 18 of 20 items are not {text, sources}"


class Read(NamedTuple):
    posting: JobPosting
    problems: list[str]  # why the reply is not acceptable (empty when it is)
    invalid: bool


def _item_ok(adapter: TypeAdapter[Any], value: Any) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def salvage(content: str) -> Salvaged | None:
    """The parts of a reply that validate, as a posting (missing text left empty,
    missing facts None); None when the reply holds no JSON object, or only the schema."""
    from ..llm.structured import first_json_object, looks_like_schema

    try:
        data = first_json_object(content)
    except ValueError:
        return None
    if looks_like_schema(data):
        return None
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    bullet = TypeAdapter(Bullet)
    for name, field in JobPosting.model_fields.items():
        value = data.get(name)
        if name in _LISTS:
            items = value if isinstance(value, list) else []
            good = [b for b in (_item_ok(bullet, v) for v in items) if b is not None]
            kept[name] = good
            if len(good) < len(items):
                dropped.append(
                    f"{name}: {len(items) - len(good)} of {len(items)} items are not "
                    "{text, sources}"
                )
            elif not isinstance(value, list) and name in data and value is not None:
                dropped.append(f"{name}: not a list")
            continue
        if name == "benefits":
            items = value if isinstance(value, list) else []
            kept[name] = [v for v in items if isinstance(v, str)]
            if len(kept[name]) < len(items):
                dropped.append(f"benefits: {len(items) - len(kept[name])} are not text")
            continue
        adapter: TypeAdapter[Any] = TypeAdapter(field.annotation)  # type: ignore[arg-type]
        ok = _item_ok(adapter, value)
        if ok is None and value is not None:
            dropped.append(f"{name}: {value!r:.60} does not fit")
        kept[name] = ok if ok is not None else ("" if name in _TEXT else None)
    missing = [n for n in JobPosting.model_fields if n not in data and n != "success"]
    if missing:
        dropped.append("missing: " + ", ".join(missing))
    return Salvaged(JobPosting.model_validate(kept), dropped)


def find_reply(folder: Path, case_id: str) -> Path | None:
    """The reply saved for ``case_id`` in ``folder``: ``<id>.txt`` or ``<id>.json``, else
    the newest ``reply-<id>-<stamp>.txt`` (how a failed reply is saved)."""
    from ..drafters.model import saved_replies

    for suffix in (".txt", ".json"):
        path = folder / f"{case_id}{suffix}"
        if path.is_file():
            return path
    found = saved_replies(folder, case_id)
    return found[-1] if found else None


def read_reply(content: str, ctx: CompanyContext, retrieval: Retrieval) -> Read | None:
    """A reply as the model drafter would judge it: a posting and its problems
    (``invalid`` when there are any), the salvaged parts when it does not parse,
    None when nothing in it is a posting."""
    from ..grounding import check_posting
    from ..llm.structured import InvalidReply, parse_reply

    try:
        posting = parse_reply(content, JobPosting)
    except InvalidReply as exc:
        salvaged = salvage(content)
        if salvaged is None:
            return None
        return Read(salvaged.posting, exc.problems, True)
    own = not retrieval.match.confident
    problems = check_posting(posting, retrieval.candidates, ctx, own_words_only=own)
    return Read(posting, problems, bool(problems))
