"""``jdtailor corpus``: list, show, search, check and import corpus families."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ._util import CorpusDirs, handles_errors, output_path, say

app = typer.Typer(
    name="corpus",
    help="Browse, search, check and extend the corpus of duties and qualifications.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

LEVELS = ("entry", "mid", "senior", "lead")


class Kind(str, Enum):
    duty = "duty"
    qualification = "qualification"


class Level(str, Enum):
    entry = "entry"
    mid = "mid"
    senior = "senior"
    lead = "lead"


def _load(corpus_dirs: list[Path] | None):
    from ..corpus import load_corpus

    return load_corpus(corpus_dirs or [])


def _out(lines: list[str], headings: tuple[str, ...] = ()) -> None:
    """Lines to stdout; on a terminal, lines starting with one of ``headings`` in bold."""
    from . import _term

    text = "\n".join(lines) + "\n"
    if headings:
        text = _term.paint_lines(
            text, lambda line: "bold" if line.startswith(headings) else None, _term.colour()
        )
    sys.stdout.write(text)


@app.command("list")
@handles_errors
def list_families(
    stats: Annotated[
        bool, typer.Option("--stats", help="Add items per level and a level x area table.")
    ] = False,
    family: Annotated[
        str | None, typer.Option("--family", help="Level x area table for one family only.")
    ] = None,
    corpus_dirs: CorpusDirs = None,
) -> None:
    """List the families with their item counts."""
    from ..corpus import AREAS

    corpus = _load(corpus_dirs)
    fams = sorted(corpus.families.values(), key=lambda f: f.name)
    if family is not None:
        fams = [f for f in fams if f.name == family]
        if not fams:
            raise _unknown(family, corpus)
    head = f"{'family':<24} {'items':>5} {'duties':>6} {'quals':>5}"
    if stats:
        head += "".join(f" {lv:>6}" for lv in LEVELS)
    lines = [head + "  title"]
    for fam in fams:
        duties = sum(i.kind == "duty" for i in fam.items)
        row = f"{fam.name:<24} {len(fam.items):>5} {duties:>6} {len(fam.items) - duties:>5}"
        if stats:
            row += "".join(f" {sum(lv in i.levels for i in fam.items):>6}" for lv in LEVELS)
        lines.append(f"{row}  {fam.title}")
    items = [i for f in fams for i in f.items]
    duties = sum(i.kind == "duty" for i in items)
    lines.append(
        f"{len(fams)} families, {len(items)} items ({duties} duties, "
        f"{len(items) - duties} qualifications)"
    )
    if stats or family:  # --family alone asks for its level x area table
        scope = fams[0].name if family else "all families"
        lines += ["", f"level x area ({scope}; an item counts once per level it is tagged)"]
        lines.append(f"{'area':<22}" + "".join(f" {lv:>6}" for lv in LEVELS) + f" {'items':>6}")
        for area in AREAS:
            in_area = [i for i in items if i.area == area]
            counts = "".join(f" {sum(lv in i.levels for i in in_area):>6}" for lv in LEVELS)
            lines.append(f"{area:<22}{counts} {len(in_area):>6}")
    _out(lines, headings=("family ", "level x area", "area "))


def _unknown(name: str, corpus):
    import difflib

    from ..errors import InputError

    key = name.lower().strip()
    # a word of the family's name, title or aliases: "nursing" -> registered-nursing
    close = [
        fam.name
        for fam in sorted(corpus.families.values(), key=lambda f: f.name)
        if key in fam.name.split("-")
        or any(key in words.lower().split() for words in (fam.title, *fam.aliases))
    ][:3]
    names = sorted(corpus.families) + sorted(i.id for i in corpus.items())
    close += [c for c in difflib.get_close_matches(key, names, n=3, cutoff=0.86) if c not in close]
    close = close[:3]
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `jdtailor corpus list`"
    return InputError(f"no family or item {name!r} in the corpus{hint}")


def _item_lines(item, where: Path | None = None) -> list[str]:
    lines = [
        f"id:     {item.id}",
        f"family: {item.family}",
        f"kind:   {item.kind}",
        f"levels: {', '.join(item.levels)}",
        f"area:   {item.area}",
        f"tags:   {', '.join(item.tags) or '-'}",
        f"text:   {item.text}",
    ]
    if where is not None:
        lines.append(f"file:   {where}")
    return lines


@app.command()
@handles_errors
def show(
    name: Annotated[str, typer.Argument(help="A family name or an item id.", show_default=False)],
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Show one family (title, aliases, items) or one item."""
    corpus = _load(corpus_dirs)
    fam = corpus.families.get(name)
    if fam is None:
        item = corpus.item(name)
        if item is None:
            raise _unknown(name, corpus)
        paths = corpus.families[item.family].paths
        _out(_item_lines(item, paths[-1] if len(paths) == 1 else None))
        return
    lines = [
        f"family:  {fam.name}",
        f"title:   {fam.title}",
        f"aliases: {', '.join(fam.aliases) or '-'}",
        f"related: {', '.join(fam.related) or '-'}",
        f"files:   {', '.join(str(p) for p in fam.paths)}",
    ]
    for kind, label in (("duty", "duties"), ("qualification", "qualifications")):
        chosen = [i for i in fam.items if i.kind == kind]
        lines += ["", f"{label} ({len(chosen)})"]
        for item in chosen:
            lines.append(f"  {item.id}  [{','.join(item.levels)}] {item.area}")
            lines.append(f"      {item.text}")
    _out(lines)


@app.command()
@handles_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.", show_default=False)],
    family: Annotated[str | None, typer.Option("--family", help="Only this family.")] = None,
    level: Annotated[
        Level | None, typer.Option("--level", help="Only items at this level.")
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", help="Only duties or qualifications.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 10,
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Search items by words (BM25), best first, with their ids."""
    from collections import Counter

    from ..text import bm25_scores, tokenize

    corpus = _load(corpus_dirs)
    if family is not None and family not in corpus.families:
        raise _unknown(family, corpus)
    items = [
        i
        for i in corpus.items()
        if (family is None or i.family == family)
        and (level is None or level.value in i.levels)
        and (kind is None or i.kind == kind.value)
    ]
    terms = Counter(tokenize(query))
    if not terms:
        from ..errors import InputError

        raise InputError(f"{query!r} has no words to search for; try a noun or verb")
    docs = [tokenize(f"{i.text} {' '.join(i.tags)} {i.area.replace('-', ' ')}") for i in items]
    scores = bm25_scores(terms, docs)
    # every word of the query, as a search box does: "cold chain" is not "cold calls"
    every = [n for n, doc in enumerate(docs) if scores[n] > 0 and set(terms) <= set(doc)]
    some = [n for n, s in enumerate(scores) if s > 0]
    if not some:
        say(f"no items match {query!r}")
        raise typer.Exit(1)
    if not every and len(terms) > 1:
        say(f"no item has every word of {query!r}; showing items with some of them")
    phrase = " ".join(_words(query))
    ranked = sorted(
        ((scores[n], n) for n in (every or some)),
        key=lambda t: (phrase not in " ".join(_words(items[t[1]].text)), -t[0], items[t[1]].id),
    )[:limit]
    lines = []
    for score, n in ranked:
        item = items[n]
        lines.append(f"{item.id}  ({item.kind}; {','.join(item.levels)}; score {score:.2f})")
        lines.append(f"    {item.text}")
    _out(lines)


def _words(text: str) -> list[str]:
    """Lower-case words, hyphens as spaces: "cold-chain" reads as "cold chain"."""
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


@app.command()
@handles_errors
def check(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="A corpus folder to check over the built-in one (default: all).",
            show_default=False,
        ),  # fmt: skip
    ] = None,
    errors_only: Annotated[
        bool, typer.Option("--errors-only", "-q", help="List errors, not warnings.")
    ] = False,
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Check format and writing standard; exit 1 if there are errors."""
    from ..corpus.check import check_corpus
    from ..resources import data_dir

    extra = list(corpus_dirs or [])
    focus: list[Path] = []
    if directory is not None:
        if not directory.is_dir():
            from ..errors import CorpusError

            what = "is not a directory" if directory.exists() else "no such directory"
            raise CorpusError(f"{directory}: {what}; check takes a folder of YAML files")
        if directory.resolve() != data_dir("corpus").resolve():
            extra.append(directory)
            focus = [directory]
    report = check_corpus(extra, focus=focus)
    shown = report.errors if errors_only else report.findings
    lines = [str(f) for f in shown]
    errors, warnings = len(report.errors), len(report.warnings)
    lines.append(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"({report.families} families, {report.items} items checked)"
    )
    _out(lines)
    if report.errors:
        raise typer.Exit(1)


@app.command("import")
@handles_errors
def import_(
    file: Annotated[
        Path, typer.Argument(help="A posting (.md/.txt) or an O*NET Task Statements file.")
    ],
    family: Annotated[
        str | None,
        typer.Option("--family", help="Family name (or, for O*NET, the occupation to take)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", parser=output_path, help="Write the YAML here (existing: --force)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    corpus_dirs: CorpusDirs = None,
) -> None:
    """Turn a posting or O*NET task list into a corpus YAML to edit."""
    from ..corpus import CorpusItem
    from ..corpus.importer import import_file, to_yaml
    from ..corpus.style import item_issues

    fam = import_file(file, family, None if family else _load(corpus_dirs))
    text = to_yaml(fam)
    faulty = 0
    for it in fam.items:
        item = CorpusItem(id=it.id, kind=it.kind, text=it.text, levels=it.levels, area=it.area)  # type: ignore[arg-type]
        faulty += any(sev == "error" for sev, _, _ in item_issues(item))
    if output is None:
        sys.stdout.write(text)
    else:
        from ..files import atomic_write

        folder = output.parent
        if str(folder) and not folder.exists():  # `-o my-corpus/x.yaml` starts a corpus
            folder.mkdir(parents=True)
            say(f"created {folder}/")
        atomic_write(output, text, force=force, inputs=[file])
        say(f"wrote {output}")
    summary = f"{fam.family}: {fam.duties} duties, {fam.qualifications} qualifications"
    if faulty:
        summary += f"; {faulty} need edits to meet the writing standard"
    where = output.parent if output is not None else "DIR"
    say(f"{summary}. Review it, then run `jdtailor corpus check {where}`.")
