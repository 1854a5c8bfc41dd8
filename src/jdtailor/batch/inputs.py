"""What a batch drafts: company.md files, a folder of them, or one company.md
plus a roles table (CSV, one row per posting).

A roles-table column is named after a ``CompanyContext`` field (``role``,
``seniority``, ``why_hiring``, ``must_haves`` ...; ``title`` means ``role``);
the list of columns is read from the model, so a field added there is a column
here. A row is turned into a small company.md (front matter for the keys,
sections for the section fields, ``;``-separated lists as bullets) and parsed by
the one company.md parser, so a row is checked exactly as a file would be. An
empty cell keeps the base file's value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from ..context import (
    SECTION_ALIASES,
    CompanyContext,
    load_context,
    parse_context,
)
from ..errors import ContextError, InputError

__all__ = ["BatchItem", "Problem", "load_items", "roles_columns"]

MAX_TABLE_BYTES = 20_000_000
MAX_ROWS = 10_000  # a posting each: more is a job for several runs
# Fields a company.md cannot set (bookkeeping) or sets only through another field.
_NOT_COLUMNS = frozenset({"path", "extra", "outcome_items"})
_ALIASES = {"title": "role"}


@dataclass
class BatchItem:
    """One posting to draft: where it came from and the context it is drafted from."""

    key: str  # stable label: "roles.csv:row 3" or the company.md path
    ctx: CompanyContext
    pos: int = 0  # place in the input order

    @property
    def digest(self) -> str:
        """A hash of everything the posting is drafted from."""
        return hashlib.sha256(self.ctx.model_dump_json(exclude={"path"}).encode()).hexdigest()[:16]


@dataclass
class Problem:
    """An input that cannot be drafted, with the place and the fix in ``message``."""

    key: str
    message: str
    pos: int = 0


def roles_columns() -> list[str]:
    """Column names a roles table may use: the ``CompanyContext`` fields a
    company.md can set, plus ``title`` (meaning ``role``)."""
    names = [n for n in CompanyContext.model_fields if n not in _NOT_COLUMNS]
    return names + sorted(_ALIASES)


def _is_list_field(name: str) -> bool:
    field = CompanyContext.model_fields.get(name)
    if field is None:
        return False
    annotation = field.annotation
    if get_origin(annotation) is list:
        return True
    # "outcomes" is prose with its bullets kept as "outcome_items"
    return f"{name.removesuffix('s')}_items" in CompanyContext.model_fields or any(
        get_origin(a) is list for a in get_args(annotation)
    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _row_document(row: dict[str, str]) -> str:
    """The row as company.md text: front matter for keys, ``## field`` sections."""
    front: dict[str, Any] = {}
    sections: list[str] = []
    for column, value in row.items():
        if column in SECTION_ALIASES:
            heading = SECTION_ALIASES[column][0]
            if _is_list_field(column):
                body = "\n".join(f"- {item}" for item in _split(value))
            else:
                body = value.strip()
            sections.append(f"## {heading}\n\n{body}\n")
        elif _is_list_field(column):
            front[column] = _split(value)
        else:
            front[column] = value.strip()
    head = ""
    if front:
        # JSON is YAML, and far quicker to write than PyYAML's emitter (1,000-row tables).
        head = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n"
    return head + "\n".join(sections)


def _row_context(base: CompanyContext | None, row: dict[str, str], where: str) -> CompanyContext:
    text = _row_document(row)
    try:
        parsed = parse_context(text, where)
    except ContextError as exc:  # the parser speaks of front matter; the user wrote columns
        message = exc.message.replace("front matter: unknown key", "unknown column")
        raise ContextError(message.replace("front matter `", "column `")) from None
    set_here = {n for n in parsed.model_fields_set if n not in ("path", "extra")}
    updates = {n: getattr(parsed, n) for n in set_here if getattr(parsed, n)}
    if base is None:
        return parsed.model_copy(update={"path": where})
    return base.model_copy(update=updates)


def _read_table(path: Path) -> list[dict[str, str]]:
    from ..reading.clean import shown
    from ..reading.files import read_input

    # a regular file, size checked while reading; NUL and other control characters out
    text, where = read_input(
        path, limit=MAX_TABLE_BYTES, what="roles table (CSV)", big_hint="split the table"
    )
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [(h or "").strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:  # the header itself runs past the limit: an unclosed quote
        why = str(exc).replace("field larger than field limit", "a cell over the limit")
        raise InputError(f"{where}: header row: {why}; check the quoting") from None
    if not any(header):
        raise InputError(f"{where}: no header row; the first line names the columns, e.g. role")
    known = roles_columns()
    for i, name in enumerate(header, 1):
        if name.lower() not in known:
            raise InputError(
                f"{where}: column {i} {shown(name, 40)} is not a company.md key or section; "
                f"use {', '.join(known)}"
            )
    reader.fieldnames = [_ALIASES.get(h.lower(), h.lower()) for h in header]
    rows: list[dict[str, str]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(
                    f"{where}: more than {MAX_ROWS:,} rows; split the table and run batch on "
                    "each part"
                )
            extra = row.pop(None, None)  # type: ignore[call-overload]
            if extra and any(str(v).strip() for v in extra):
                row["__extra__"] = "x"
            rows.append({k: (v or "") for k, v in row.items()})
    except csv.Error as exc:  # a cell over the csv module's limit: an unclosed quote, mostly
        why = str(exc).replace("field larger than field limit", "a cell over the limit")
        raise InputError(f"{where}: line {reader.line_num}: {why}; check the quoting") from None
    return rows


def _table_items(base_path: Path | None, table: Path) -> tuple[list[BatchItem], list[Problem]]:
    base = load_context(base_path, require_role=False) if base_path is not None else None
    items: list[BatchItem] = []
    problems: list[Problem] = []
    for number, row in enumerate(_read_table(table), 2):  # row 1 is the header
        key = f"{table.name}:row {number}"
        where = f"{table}: row {number}"
        if row.pop("__extra__", None):
            fix = "more cells than columns; quote cells that hold commas"
            problems.append(Problem(key, f"{where}: {fix}", number))
            continue
        cells = {k: v for k, v in row.items() if v.strip()}
        if not cells:
            continue  # a blank line
        try:
            ctx = _row_context(base, cells, where)
            _check(ctx, where, "the `role` column")
        except ContextError as exc:
            problems.append(Problem(key, exc.message, number))
            continue
        items.append(BatchItem(key, ctx, number))
    return items, problems


def _check(ctx: CompanyContext, where: str, role_hint: str) -> None:
    from ..context.template import ensure_filled

    if not ctx.role:
        raise ContextError(f"{where}: no role; fill in {role_hint}")
    ensure_filled(ctx)


def _file_item(path: Path) -> BatchItem:
    ctx = load_context(path, require_role=False)
    _check(ctx, str(path), "`role:` in the front matter")
    return BatchItem(str(path), ctx)


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.rglob("*.md") if p.is_file() and p.name.lower() != "readme.md")
    if not files:
        raise InputError(f"{folder}: no company.md files (*.md) in this folder")
    return files


def load_items(
    contexts: Sequence[Path], roles: Path | None = None
) -> tuple[list[BatchItem], list[Problem]]:
    """Every posting to draft, and every input that cannot be drafted.

    ``contexts`` are company.md files or folders of them. With ``roles``, each
    table row is one posting built on the one company.md in ``contexts`` (or on
    nothing when none is given). A missing file or an unreadable table is an
    ``InputError`` at once; a bad row or file is a ``Problem`` and the rest run.
    """
    if roles is not None and (len(contexts) > 1 or any(p.is_dir() for p in contexts)):
        raise InputError("--roles takes one company.md (-c FILE) for the rows to build on")
    if not contexts and roles is None:
        raise InputError("nothing to draft; pass -c company.md (or a folder), or --roles roles.csv")
    for path in contexts:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder; check the -c path")
    if roles is not None:
        return _table_items(contexts[0] if contexts else None, roles)
    paths: list[Path] = []
    for path in contexts:
        paths += _folder_files(path) if path.is_dir() else [path]
    items: list[BatchItem] = []
    problems: list[Problem] = []
    for pos, path in enumerate(_unique(paths)):
        try:
            item = _file_item(path)
            item.pos = pos
            items.append(item)
        except ContextError as exc:
            problems.append(Problem(str(path), exc.message, pos))
    return items, problems


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for path in paths:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out
