"""Fuzzing every input a user hands us (issue 14): company.md, postings (md, txt, html,
json), corpus files and session files.

For every generated input, every command that reads it must end with exit 0, a
documented refusal (exit 1 for lint findings or corpus check errors, exit 2 for bad
input) and never a traceback; within the time limit; with at most a few KB on stderr.
Inputs are built from the pieces that broke us before (long runs, unclosed
constructs, alias bombs, impossible dates, huge numbers, escape sequences, odd line
ends) mixed with arbitrary text, under each reader's size limit.

The seed is fixed (``derandomize``), so a run is reproducible. CI runs a small budget;
``JDTAILOR_FUZZ_EXAMPLES=500 pytest -m slow tests/test_fuzz.py`` runs a long one.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jdtailor.cli import app

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow

EXAMPLES_PER_TARGET = int(os.environ.get("JDTAILOR_FUZZ_EXAMPLES", "12"))
MAX_STDERR = 4096
MAX_RSS_MB = 1500
NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"
TRIED: dict[str, int] = {}

FUZZ = settings(
    max_examples=EXAMPLES_PER_TARGET,
    deadline=None,  # the limit is checked per command below, against a measured baseline
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

# Pieces that broke a reader once, or could: runs get pumped to thousands of characters.
FRAGMENTS = [
    "# ", "## Why we're hiring\n", "### ", "#", "- ", "* ", "1. ", "a) ", "**", "__", "`", "```\n",
    "~~~\n", "---\n", "...\n", "[a](", "](", "<!--", "-->", "<![foo[bar]]>", "<![CDATA[x",
    "<script>", "</script>", "<a href='", "<li>", "<h2>", "&#", "&#x", "&amp", "&", "<", ">",
    "$", "€", "95k", "1e400", ".nan", ".inf", "2026-02-30", "9" * 50, "\x1b[31m", "\x1b]0;x\x07",
    "\x00", "\x7f", "\u202e", "\ufeff", "\r", "\n\r", "\r\n", "\t", " ", "\n", "Pay: ",
    "Location: ", "Requirements:", "**Benefits**", "Salary: $1-", "5+ years", "10-12 years",
    "a@b.c", "https://x.example/\" onmouseover=", "{customers}", "{", "}", "é", "日本",
]  # fmt: skip
PUMPS = [" ", "a", "1", "1,", "[a](", "<!--", "<a ", "#", "-", "*", "**", "&#9", "\n", "a ", ". "]

pumped = st.builds(lambda piece, n: piece * n, st.sampled_from(PUMPS), st.integers(1, 20_000))
piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30), pumped)
text = st.lists(piece, max_size=12).map("".join)

YAML_VALUES = [
    "Account Manager", "&a [x, x, x, x, x, x, x, x, x]", "[*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "*a", "!!python/object:os.system x", "!foo x", "2026-02-30", "2026-13-01", ".nan", "-.inf",
    "1e400", "9" * 5000, "{min: .nan, max: .inf, currency: USD}", "[[[[[[[[[[]]]]]]]]]]",
    "{min: 1, max: 2, currency: USD, period: year}", "'72000-95000 USD/year'", "null", "~", "",
    '"a\\nb"', '"\\x1b[2J"', "|\n  two\n  lines", "senior", "expert", "remote", "moon",
]  # fmt: skip
KEYS = ["role", "company", "title", "seniority", "location", "workplace", "employment_type",
        "salary", "benefits", "customers", "product", "apply", "valid_through",
        "colour"]  # fmt: skip
yaml_line = st.tuples(st.sampled_from(KEYS), st.one_of(st.sampled_from(YAML_VALUES), text)).map(
    lambda kv: f"{kv[0]}: {kv[1]}"
)


@st.composite
def company_md(draw: st.DrawFn) -> str:
    lines = draw(st.lists(yaml_line, max_size=6))
    if draw(st.booleans()):
        lines.insert(0, "role: Account Manager")
    head = "---\n" + "\n".join(lines) + ("\n---\n" if draw(st.booleans()) else "\n")
    body = draw(text)
    if draw(st.booleans()):
        body = NORTHWIND.read_text(encoding="utf-8").split("---\n", 2)[-1] + body
    return (head if lines or draw(st.booleans()) else "") + body


@st.composite
def posting_text(draw: st.DrawFn) -> tuple[str, str]:
    suffix = draw(st.sampled_from([".md", ".txt", ".html"]))
    body = draw(text)
    if suffix == ".html" and draw(st.booleans()):
        body = f"<html><body><h1>Account Manager</h1>{body}<ul><li>{draw(text)}</li></ul>"
    elif draw(st.booleans()):
        body = f"# Account Manager\n\n## Responsibilities\n\n- {draw(text)}\n\n{body}"
    return suffix, body


HOSTILE_JSON = st.one_of(
    text,
    st.sampled_from([None, True, 0, -1, 1e308, 10**400, "", [], {}, [[[[[]]]]]]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(text, max_size=3),
    st.lists(
        st.fixed_dictionaries({"text": text, "sources": st.lists(text, max_size=2)}), max_size=9
    ),  # fmt: skip
)


def _base_posting(tmp: Path) -> dict:
    result = CliRunner().invoke(app, ["draft", "--context", str(NORTHWIND), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _json_text(data: object) -> str:
    try:
        return json.dumps(data, allow_nan=True)
    except ValueError:  # an int too long to write: the file holds the digits anyway
        return json.dumps({k: (str(v) if isinstance(v, int) else v) for k, v in data.items()})  # type: ignore[union-attr]


FAMILY = """family: fuzz-family
title: Fuzz Specialist
aliases: [Fuzz Specialist]
items:
  - id: fuzz.first
    kind: duty
    text: Plan the weekly schedule for {customers}.
    levels: [mid, senior]
    area: operations
"""


# ---------------------------------------------------------------------------- harness


def _timed(args: list[str]) -> float:
    CliRunner().invoke(app, args)  # once to parse the built-in corpus
    start = time.perf_counter()
    CliRunner().invoke(app, args)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def limit(tmp_path_factory: pytest.TempPathFactory) -> float:
    """5 s per command, or 4x an ordinary draft on a machine so busy that 5 s means nothing."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JDTAILOR_CACHE_DIR", str(tmp_path_factory.mktemp("fuzz-cache")))
        return max(5.0, 4 * _timed(["draft", "--context", str(NORTHWIND)]))


@pytest.fixture(scope="module")
def check_limit(tmp_path_factory: pytest.TempPathFactory, limit: float) -> float:
    """``corpus check`` reads all ~6,000 built-in items: 4x its own time on an empty folder."""
    empty = tmp_path_factory.mktemp("empty-corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JDTAILOR_CACHE_DIR", str(tmp_path_factory.mktemp("check-cache")))
        return max(limit, 4 * _timed(["corpus", "check", str(empty)]))


def check(target: str, args: list[str], allowed: tuple[int, ...], limit: float,
          input: str | None = None) -> None:  # fmt: skip
    TRIED[target] = TRIED.get(target, 0) + 1
    start = time.perf_counter()
    result = CliRunner().invoke(app, args, input=input)
    took = time.perf_counter() - start
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"{target}: traceback from {args[:2]}: {exc!r}") from exc
    assert result.exit_code in allowed, (target, result.exit_code, result.stderr[-500:])
    assert took < limit, (target, f"{took:.1f} s")
    assert len(result.stderr) <= MAX_STDERR, (target, len(result.stderr), result.stderr[:300])
    assert "Traceback" not in result.stderr
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert rss_mb < MAX_RSS_MB, (target, f"peak memory {rss_mb:.0f} MB")


def fresh(tmp_path: Path) -> Path:
    """A new folder per example (hypothesis runs every example in one tmp_path)."""
    import tempfile

    return Path(tempfile.mkdtemp(dir=tmp_path))


def write(path: Path, content: str) -> Path:
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    return path


# ---------------------------------------------------------------------------- targets


@FUZZ
@given(doc=company_md())
def test_company_md(tmp_path: Path, limit: float, doc: str) -> None:
    path = write(tmp_path / "company.md", doc[:190_000])
    check("company.md", ["draft", "--context", str(path)], (0, 2), limit)
    check("company.md", ["draft", "--context", str(path), "-f", "jsonld", "--role", "Buyer"],
          (0, 2), limit)  # fmt: skip


@FUZZ
@given(posting=posting_text())
def test_posting_text(tmp_path: Path, limit: float, posting: tuple[str, str]) -> None:
    suffix, body = posting
    path = write(tmp_path / f"posting{suffix}", body[:900_000])
    check(f"posting{suffix}", ["lint", str(path)], (0, 1, 2), limit)
    check(f"posting{suffix}", ["lint", str(path), "--context", str(NORTHWIND)], (0, 1, 2), limit)


@FUZZ
@given(edits=st.lists(st.tuples(st.sampled_from(
    ["title", "company", "location", "workplace", "employment_type", "summary",
     "responsibilities", "requirements", "nice_to_haves", "benefits", "pay", "about", "apply",
     "extra"]), HOSTILE_JSON), min_size=1, max_size=4))  # fmt: skip
def test_posting_json(tmp_path: Path, limit: float, edits: list) -> None:
    data = _base_posting(tmp_path)
    for key, value in edits:
        data[key] = value
    path = write(tmp_path / "posting.json", _json_text(data))
    for fmt in ("md", "html", "jsonld", "txt"):
        check("posting.json", ["render", str(path), "-f", fmt], (0, 2), limit)
    check("posting.json", ["lint", str(path)], (0, 1, 2), limit)


@FUZZ
@given(extra=text, line=yaml_line, replace=st.booleans())
def test_corpus_file(
    tmp_path: Path, limit: float, check_limit: float, extra: str, line: str, replace: bool
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    content = (extra if replace else FAMILY + line + "\n" + extra)[:1_000_000]
    write(corpus / "fuzz-family.yaml", content)
    check("corpus", ["corpus", "check", str(corpus)], (0, 1, 2), check_limit)
    check("corpus", ["draft", "--context", str(NORTHWIND), "--corpus", str(corpus)], (0, 2), limit)


@pytest.fixture(scope="module")
def session_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("session")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JDTAILOR_CACHE_DIR", str(tmp / "cache"))
        result = CliRunner().invoke(
            app, ["draft", "-c", str(NORTHWIND), "-i", "-o", str(tmp / "post.md")],
            input="drop resp 1\nquit\n",
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return (tmp / "post.session.json").read_text(encoding="utf-8")


@FUZZ
@given(
    path=st.lists(st.sampled_from(["versions", 0, 1, "posting", "title", "summary", "pay",
                                   "current", "parent", "overrides", "fmt", "level", "trace",
                                   "written", "context_path", "min"]), min_size=1, max_size=4),
    value=HOSTILE_JSON,
)  # fmt: skip
def test_session_file(tmp_path: Path, limit: float, session_text: str, path: list, value: object
                      ) -> None:  # fmt: skip
    data = json.loads(session_text)
    node: object = data
    for step in path[:-1]:  # walk as far as the path exists, then replace what is there
        nxt = node.get(step) if isinstance(node, dict) else (
            node[step] if isinstance(node, list) and isinstance(step, int) and step < len(node)
            else None)  # fmt: skip
        if not isinstance(nxt, (dict, list)):
            break
        node = nxt
    if isinstance(node, dict):
        node[str(path[-1])] = value
    elif isinstance(node, list) and node:
        node[0] = value
    session = write(tmp_path / "fuzz.session.json", _json_text(data))
    check("session", ["refine", str(session)], (0, 2), limit, input="undo\nshow\nquit\n")


# Roles tables for `batch --roles`: known and unknown columns, cells from the hostile
# pieces, rows written properly quoted or pasted raw (ragged rows, stray quotes).
COLUMNS = ["role", "seniority", "location", "workplace", "salary", "why_hiring", "must_haves",
           "benefits", "colour", "", "Role "]  # fmt: skip
CELLS = ["Account Manager", "Electrician", "mid", "expert", "remote", "72000-95000 USD/year",
         ".nan", "1e400", "a; b; c", '"', '""', "a,b", "\x00", "\r", "\n", "=cmd|'/c calc'!A1",
         "-", ""]  # fmt: skip


@st.composite
def roles_table(draw: st.DrawFn) -> str:
    import csv
    import io

    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=4, unique=True))
    if draw(st.booleans()) and "role" not in header:
        header.insert(0, "role")
    cell = st.one_of(st.sampled_from(CELLS), text.map(lambda t: t[:3000]))
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 1), max_size=3))
    if draw(st.booleans()):
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        return out.getvalue()
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


@FUZZ
@given(table=roles_table())
def test_roles_table(tmp_path: Path, limit: float, table: str) -> None:
    tmp_path = fresh(tmp_path)  # no run resumes the one before
    roles = write(tmp_path / "roles.csv", table)
    out = tmp_path / "out"
    args = ["batch", "--context", str(NORTHWIND), "--roles", str(roles), "-o", str(out),
            "--workers", "1"]  # fmt: skip
    # exit 1: some rows failed (each named in the summary); 2: the table itself is refused
    check("roles.csv", args, (0, 1, 2), 3 * limit)  # up to three rows, each one draft


@FUZZ
@given(body=text, fmt=st.sampled_from(["html", "txt", "jsonld", "json"]))
def test_render_markdown(tmp_path: Path, limit: float, body: str, fmt: str) -> None:
    """`render` of a Markdown posting (as `draft` writes one, then edited by hand)."""
    draft = CliRunner().invoke(app, ["draft", "--context", str(NORTHWIND)])
    assert draft.exit_code == 0, draft.stderr
    head, _, rest = draft.stdout.partition("\n## ")
    path = write(tmp_path / "posting.md", (head + body + "\n## " + rest)[:900_000])
    check("render posting.md", ["render", str(path), "-f", fmt], (0, 2), limit)


EXPECT_KEYS = ["family", "level", "pay", "benefits", "workplace", "must_mention",
               "must_not_mention", "colour"]  # fmt: skip
expect_line = st.tuples(
    st.sampled_from(EXPECT_KEYS), st.one_of(st.sampled_from(YAML_VALUES), text)
).map(lambda kv: f"{kv[0]}: {kv[1]}".replace("\n", " ")[:2000])


@FUZZ
@given(lines=st.lists(expect_line, max_size=4), context=company_md(), posting=text)
def test_eval_folder(tmp_path: Path, limit: float, lines: list[str], context: str,
                     posting: str) -> None:  # fmt: skip
    """An eval suite folder someone wrote by hand: suite.yaml, a context and a posting."""
    suite = fresh(tmp_path) / "suite"
    (suite / "contexts").mkdir(parents=True)
    (suite / "postings").mkdir()
    write(suite / "contexts" / "x.md", context[:190_000])
    write(suite / "postings" / "x.md", posting[:900_000])
    expect = "".join(f"      {line}\n" for line in lines) or "      {}\n"
    write(suite / "suite.yaml", "name: fuzz\ncases:\n  - id: x\n    context: contexts/x.md\n"
                                f"    expect:\n{expect}")  # fmt: skip
    for args in (
        ["eval", str(suite), "--no-progress"],
        ["eval", str(suite), "--no-progress", "--postings", str(suite / "postings")],
    ):
        # exit 1: a failed case (a draft the context cannot give); 2: the suite is refused
        check("eval folder", args, (0, 1, 2), 3 * limit)
