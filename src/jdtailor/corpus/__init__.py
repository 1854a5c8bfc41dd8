"""Corpus items and loading corpus directories.

One YAML file per role family (see corpus/README.md). User directories given with
``--corpus`` layer over the built-in one: a new family is added, an existing family
gains items, and an item whose id already exists replaces the earlier one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import CorpusError, field_problems
from ..levels import min_years
from ..resources import cache_dir, data_dir

__all__ = [
    "AREAS",
    "PLACEHOLDERS",
    "TRAITS",
    "UNKNOWN_FIELD",
    "Corpus",
    "CorpusItem",
    "Family",
    "FamilyFile",
    "ParseCache",
    "family_files",
    "fill_placeholders",
    "load_corpus",
]

AREAS: tuple[str, ...] = (
    "client-relations", "sales", "strategy", "project-management", "business-liaison",
    "business-development", "financial-management", "audit", "technical-delivery",
    "data-analysis", "operations", "compliance-safety", "people-leadership",
    "process-improvement", "communication", "domain-expertise",
)  # fmt: skip
PLACEHOLDERS: tuple[str, ...] = ("customers", "product", "years")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")

Level = Literal["entry", "mid", "senior", "lead"]
# manages-people: the hire has direct reports; full-time: full-time hours;
# permanent: an ongoing post; temporary: cover, seasonal, fixed-term or contract work.
Trait = Literal["manages-people", "full-time", "permanent", "temporary"]
TRAITS: tuple[str, ...] = ("manages-people", "full-time", "permanent", "temporary")
Area = Literal[
    "client-relations", "sales", "strategy", "project-management", "business-liaison",
    "business-development", "financial-management", "audit", "technical-delivery",
    "data-analysis", "operations", "compliance-safety", "people-leadership",
    "process-improvement", "communication", "domain-expertise",
]  # fmt: skip


class CorpusItem(BaseModel):
    """One reusable duty or qualification."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
    kind: Literal["duty", "qualification"]
    text: str = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    area: Area
    tags: list[str] = Field(default_factory=list)
    # Traits the job must have for this item to fit; retrieval drops the item when
    # the context rules a trait out (see TRAITS and corpus/README.md).
    requires: list[Trait] = Field(default_factory=list)
    family: str = ""  # set by the loader, not written in YAML


class FamilyFile(BaseModel):
    # built on first use: a draft reads the heads the parse cache checked before
    model_config = ConfigDict(extra="forbid", defer_build=True)

    family: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str
    aliases: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    # The word a title at each level carries ("" for none): teaching and nursing
    # titles never say "Junior"; engineering says "Staff". Unset levels use the default.
    level_words: dict[Level, str] = Field(default_factory=dict)
    # Who this job serves, for {customers} when the context names nobody: a cashier's
    # "customers", a host's "guests", an optometrist's "patients" (default "clients").
    customers: str | None = None
    items: list[dict] = Field(default_factory=list)

    @field_validator("customers")
    @classmethod
    def _plural_noun(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z][a-z' -]{0,38}[a-z]", value):
            raise ValueError(
                "write who the job serves as a plural noun in lower case, 2-40 letters, "
                "e.g. customers, guests, patients"
            )
        return value


@dataclass
class Family:
    """A role family. Items of a file that passed validation before (the parse cache
    says so) are read and validated on first use: a draft reads three or four
    families of 150."""

    name: str
    title: str
    aliases: list[str]
    related: list[str]
    items: list[CorpusItem]
    paths: list[Path] = field(default_factory=list)
    level_words: dict[str, str] = field(default_factory=dict)
    customers: str | None = None  # {customers} when the context names nobody

    def item_ids(self) -> list[str]:
        pending = self.__dict__.get("_pending")
        if pending:
            return list(pending[0]) + [i.id for i in self.__dict__["_items"]]
        return [i.id for i in self.items]


# (ids, a function giving the items' raw mappings) of a family's items not yet read
_Pending = tuple[list[str], Callable[[], list[dict]]]


def _family_items(self: Family) -> list[CorpusItem]:
    pending: _Pending | None = self.__dict__.get("_pending")
    if pending:
        self.__dict__["_pending"] = None
        self.__dict__["_items"][:0] = [
            CorpusItem.model_validate({**d, "family": self.name}) for d in pending[1]()
        ]
    return self.__dict__["_items"]


def _set_family_items(self: Family, items: list[CorpusItem]) -> None:
    self.__dict__["_pending"] = None
    self.__dict__["_items"] = items


Family.items = property(_family_items, _set_family_items)  # type: ignore[assignment]


@dataclass
class Corpus:
    families: dict[str, Family]
    dirs: list[Path]
    fingerprint: str

    def items(self) -> Iterable[CorpusItem]:
        for fam in self.families.values():
            yield from fam.items

    def item(self, item_id: str) -> CorpusItem | None:
        for item in self.items():
            if item.id == item_id:
                return item
        return None


UNKNOWN_FIELD = "unknown field; see corpus/README.md for the format"


def _render_validation(path: Path, exc: ValidationError, place: str = "") -> str:
    first = field_problems(exc, unknown=UNKNOWN_FIELD)[0]
    where = " ".join(p for p in (place, f"`{first.place}`" if first.place else "") if p)
    return f"{path}: {where}: {first.message}"


MAX_CORPUS_FILE_BYTES = 5_000_000  # the largest built-in family is ~40 KB
PREFETCH_BYTES = 2_000_000  # YAML to parse before forked parsers pay (~5,000 items)


def _parse_yaml(path: Path) -> tuple[object, str]:
    """(parsed YAML, sha256 of the bytes) of one corpus file, read once and bounded."""
    from ..reading.files import decode, read_bytes
    from ..reading.safeyaml import YamlError, load_yaml

    data, where = read_bytes(
        path, limit=MAX_CORPUS_FILE_BYTES, error=CorpusError, what="corpus YAML file",
        big_hint="split the family into smaller files",
    )  # fmt: skip
    text = decode(data, where, CorpusError)
    try:
        return load_yaml(text), hashlib.sha256(data).hexdigest()
    except YamlError as exc:
        line = f"line {exc.line}: " if exc.line is not None else ""
        raise CorpusError(f"{path}: {line}invalid YAML ({exc.problem})") from None


_SEEN: dict[str, dict] = {}  # resolved path -> cache entry, for this process


class ParseCache:
    """Parsed YAML of a corpus directory, keyed by each file's size and mtime.

    Parsing ~7,000 items with libyaml takes ~130 ms, a fifth of the offline draft
    budget. The cache keeps, per file, the parsed YAML as marshal bytes and, once
    the file passed validation, its head (title, aliases...) and item ids apart, so
    a draft reads the heads of every family and the items of the three or four it
    uses (~1 ms, where parsing all of it back as JSON took ~15 ms). The file is
    marshal data (plain dicts, lists, strings and bytes) under a key naming the
    format and the Python version that wrote it; a stale, foreign or unreadable
    cache is ignored, never trusted.

    marshal is not meant for data it did not write: five bytes can ask it for a
    16 GB tuple: the file is sealed (``reading.sealed``), and anything but what we
    wrote (damaged, truncated, a folder, a FIFO, a link to a device) is never
    unmarshalled.
    """

    VERSION = 3
    _KEY = (VERSION, marshal.version, *sys.version_info[:2])
    _MAGIC = b"jdtailor corpus cache\n"
    MAX_BYTES = 256_000_000  # ~50,000 items take ~20 MB

    def __init__(self, directory: Path) -> None:
        from ..reading.sealed import load_sealed

        key = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir() / f"corpus-{key}.marshal"
        self.entries: dict[str, dict] = {}
        self.dirty = False
        data = load_sealed(self.path, self._MAGIC, self.MAX_BYTES)
        try:
            if data["key"] == list(self._KEY) and isinstance(data["files"], dict):
                self.entries = data["files"]
        except (KeyError, TypeError, IndexError):
            pass  # no cache, or another version's: parse the YAML again

    def _current(self, path: Path) -> tuple[list[int], dict | None]:
        """(size and mtime of ``path``, its cache entry if that is for this version)."""
        import stat

        try:
            st = path.stat()
        except OSError as exc:  # a dangling symlink, a file removed meanwhile
            raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if not stat.S_ISREG(st.st_mode):
            raise CorpusError(f"{path}: is not a regular file (a device, FIFO or socket)")
        stamp = [st.st_size, st.st_mtime_ns]
        entry = self.entries.get(path.name)
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            return stamp, entry
        return stamp, None

    def load(self, path: Path) -> tuple[object, str]:
        """(parsed YAML, content hash) for ``path``."""
        stamp, entry = self._current(path)
        if entry is not None:
            if "data" not in entry:
                entry["data"] = marshal.loads(entry["blob"])
            return entry["data"], entry["sha"]
        seen = _SEEN.get(str(path.resolve()))
        if seen is not None and seen["stamp"] == stamp:
            entry = seen  # parsed earlier in this process (eval, refine, tests)
        else:
            data, sha = _parse_yaml(path)
            entry = {"stamp": stamp, "sha": sha, "data": data}
            _SEEN[str(path.resolve())] = entry
        self.entries[path.name] = entry
        self.dirty = True
        return entry["data"], entry["sha"]

    def prefetch(self, paths: Sequence[Path]) -> None:
        """Parse, in forked processes, the files the cache cannot answer, when they are
        many and large (a user corpus of tens of thousands of items: libyaml reads ~20,000
        items a second); ``load`` then finds them parsed. A file that fails here is left
        for ``load`` to read again and report."""
        from .. import parallel

        todo: list[tuple[Path, list[int]]] = []
        size = 0
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = [st.st_size, st.st_mtime_ns]
            entry = self.entries.get(path.name) or _SEEN.get(str(path.resolve()))
            if entry and entry.get("stamp") == stamp:
                continue  # the cache or this process has it parsed already
            todo.append((path, stamp))
            size += st.st_size
        workers = parallel.cores()
        if workers < 2 or len(todo) < 2 * workers or size < PREFETCH_BYTES:
            return

        def parse(chunk: Sequence[tuple[Path, list[int]]]) -> list:
            out = []
            for path, stamp in chunk:
                try:
                    out.append((path, stamp, *_parse_yaml(path)))
                except CorpusError:
                    continue
            return out

        for part in parallel.fork_map(parse, parallel.split(todo, workers)):
            for path, stamp, data, sha in part:
                _SEEN[str(path.resolve())] = {"stamp": stamp, "sha": sha, "data": data}

    def head(self, path: Path) -> tuple[dict, list[str], str] | None:
        """(validated head, item ids, content hash) of ``path`` when it is unchanged
        since it passed validation, else None (then ``load`` it and validate)."""
        _, entry = self._current(path)
        if entry is None or not entry.get("valid") or "head" not in entry:
            return None
        return entry["head"], entry["ids"], entry["sha"]

    def items(self, path: Path) -> list[dict]:
        """The raw item mappings of ``path`` (after ``head`` said it is unchanged)."""
        entry = self.entries[path.name]
        if "data" not in entry:
            entry["data"] = marshal.loads(entry["blob"])
        return entry["data"]["items"]

    def trusted(self, path: Path) -> bool:
        """Whether ``path``'s cached items passed validation before (same size and mtime)."""
        return bool(self.entries.get(path.name, {}).get("valid"))

    def mark_valid(
        self, path: Path, head: dict | None = None, ids: list[str] | None = None
    ) -> None:
        """Note that ``path`` passed validation, with its ``head`` (the validated
        fields but items) and item ``ids`` when the caller has them."""
        entry = self.entries.get(path.name)
        if entry is None:
            return
        if not entry.get("valid"):
            entry["valid"] = True
            self.dirty = True
        if head is not None and ids is not None and "head" not in entry:
            entry["head"], entry["ids"] = head, ids
            self.dirty = True

    def save(self, names: set[str]) -> None:
        from ..reading.sealed import seal

        if not self.dirty and set(self.entries) == names:
            return
        files = {}
        for name, entry in self.entries.items():
            if name not in names:
                continue
            try:
                blob = entry["blob"] if "blob" in entry else marshal.dumps(entry["data"])
            except ValueError:  # a value marshal cannot write (a YAML date): not cached
                continue
            files[name] = {k: v for k, v in entry.items() if k != "data"} | {"blob": blob}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(seal({"key": list(self._KEY), "files": files}, self._MAGIC))
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass  # a cache we cannot write only costs time


def _load_file(path: Path, raw: object) -> tuple[FamilyFile, list[CorpusItem]]:
    """A family file's validated head and items from its parsed YAML."""
    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: expected a mapping with family, title, aliases and items")
    try:
        head = FamilyFile.model_validate(raw)
    except ValidationError as exc:
        raise CorpusError(_render_validation(path, exc), file=str(path)) from None
    items: list[CorpusItem] = []
    for i, data in enumerate(head.items):
        if not isinstance(data, dict):
            raise CorpusError(f"{path}: items[{i}]: expected a mapping with id, kind, text, levels")
        try:
            items.append(CorpusItem.model_validate({**data, "family": head.family}))
        except ValidationError as exc:
            ident = f" ({data['id']})" if isinstance(data.get("id"), str) else ""
            raise CorpusError(
                _render_validation(path, exc, f"items[{i}]{ident}"),
                file=str(path),
                place=f"items[{i}]{ident}",
            ) from None
    return head, items


def _family(path: Path, cache: ParseCache) -> tuple[Family, str]:
    """One file's family, its items read and validated on first use, and its hash."""
    cached = cache.head(path)
    items: list[CorpusItem] = []
    if cached is None:
        raw, sha = cache.load(path)
        valid, items = _load_file(path, raw)
        head = valid.model_dump(exclude={"items"})
        cache.mark_valid(path, head, [i.id for i in items])
    else:
        head, ids, sha = cached
    fam = Family(
        head["family"], head["title"], list(head["aliases"]), list(head["related"]), items,
        [path], {str(level): word for level, word in head["level_words"].items()},
        head.get("customers"),
    )  # fmt: skip
    if cached is not None:
        fam.__dict__["_pending"] = (list(ids), lambda: cache.items(path))
    return fam, sha


def family_files(directory: Path) -> list[Path]:
    if not directory.exists():
        raise CorpusError(f"{directory}: no such corpus directory")
    if not directory.is_dir():
        raise CorpusError(f"{directory}: is not a directory; --corpus takes a folder of YAML files")
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))


def load_corpus(extra_dirs: Sequence[str | Path] = (), *, builtin: bool = True) -> Corpus:
    """Load the built-in corpus and layer ``extra_dirs`` over it, in order."""
    dirs: list[Path] = []
    for d in ([data_dir("corpus")] if builtin else []) + [Path(d) for d in extra_dirs]:
        if all(d.resolve() != seen.resolve() for seen in dirs):  # the same folder twice is once
            dirs.append(d)
    families: dict[str, Family] = {}
    owner: dict[str, tuple[str, Path]] = {}  # item id -> (family, file)
    digest = hashlib.sha256()
    for layer, directory in enumerate(dirs):
        cache = ParseCache(directory)
        paths = family_files(directory)
        cache.prefetch(paths)
        for path in paths:
            fam, sha = _family(path, cache)
            digest.update(f"{path.name}:{sha};".encode())
            for item_id in fam.item_ids():
                if item_id in owner:
                    prev_family, prev_path = owner[item_id]
                    if layer == 0 or prev_path.parent == path.parent:
                        raise CorpusError(
                            f"{path}: duplicate id {item_id!r} (also in {prev_path}); "
                            "ids must be unique"
                        )
                    # an override: drop the earlier item
                    old = families[prev_family]
                    old.items = [i for i in old.items if i.id != item_id]
                owner[item_id] = (fam.name, path)
            if fam.name in families:
                base = families[fam.name]
                base.items.extend(fam.items)
                base.aliases.extend(a for a in fam.aliases if a not in base.aliases)
                base.related.extend(r for r in fam.related if r not in base.related)
                base.level_words.update(fam.level_words)
                base.customers = fam.customers or base.customers
                base.paths.append(path)
            else:
                families[fam.name] = fam
        cache.save({p.name for p in paths})
    if not families:
        where = ", ".join(str(d) for d in dirs) or "(none)"
        raise CorpusError(f"no corpus files found in {where}; add YAML files or check --corpus")
    return Corpus(families, dirs, digest.hexdigest()[:16])


def placeholders_in(text: str) -> list[str]:
    return _PLACEHOLDER_RE.findall(text)


def fill_placeholders(
    text: str,
    *,
    level: str,
    customers: str | None = None,
    product: str | None = None,
    family_customers: str | None = None,
) -> str:
    """Fill {customers}, {product} and {years}; defaults read well when the context is
    silent (``family_customers``: the word the item's family uses for who it serves)."""
    values = {
        "customers": customers or family_customers or "clients",
        "product": product or "our product",
        "years": str(min_years(level)),
    }
    return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
