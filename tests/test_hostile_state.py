"""Hostile files where jdtailor keeps its own state (issue 14, round 3).

The corpus parse cache, the model reply cache, the per-server memory, the batch
manifest and the Batch API state file are written by jdtailor, but anything may
stand there later: a damaged disk, another process, a user. A cache ignores what it
did not write; state the user depends on is refused in one line. Never a
traceback, a hang, or memory without bound.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdtailor.cli import app
from jdtailor.llm.cache import CachedReply, ReplyCache
from jdtailor.llm.servers import ServerMemory
from jdtailor.resources import data_dir

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"

# What anyone may leave where a file of ours belongs. Each makes the file at the path.
HOSTILE = {
    "garbage": lambda p: p.write_bytes(bytes(range(256)) * 8),
    "empty": lambda p: p.write_bytes(b""),
    "folder": lambda p: p.mkdir(),
    "fifo": lambda p: os.mkfifo(p),
    "dev-zero": lambda p: p.symlink_to("/dev/zero"),
    "dangling": lambda p: p.symlink_to(p.parent / "gone"),
    "deep-json": lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
    "wrong-shape": lambda p: p.write_text('{"version": 1, "items": [1, 2], "content": {"a": 1}}'),
}

NOT_FILES = ("folder", "fifo", "dev-zero")  # never replaced (nor read): no caching there


def _run(*args: object) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(app, [str(a) for a in args])
    took = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback: {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr, took


def _corpus_cache() -> Path:
    key = hashlib.sha256(str(data_dir("corpus").resolve()).encode()).hexdigest()[:16]
    return Path(os.environ["JDTAILOR_CACHE_DIR"]) / f"corpus-{key}.marshal"


@pytest.fixture(scope="module")
def clean_draft(tmp_path_factory: pytest.TempPathFactory) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JDTAILOR_CACHE_DIR", str(tmp_path_factory.mktemp("clean")))
        code, out, err, _ = _run("draft", "-c", NORTHWIND, "--date", "2026-01-01")
    assert code == 0, err
    return out


# marshal trusts sizes: these five bytes ask for a list of 2**31 - 1 items (the tuple
# form took 51 s and 16 GB before the cache was sealed); the truncated one is a real
# cache cut short.
MARSHAL = {
    "huge-list": b"[" + (2**31 - 1).to_bytes(4, "little"),
    "deep": b"[\x01\x00\x00\x00" * 100_000,
}


@pytest.mark.parametrize("kind", [*HOSTILE, *MARSHAL, "truncated"])
def test_a_damaged_corpus_cache_is_ignored_and_replaced(kind: str, clean_draft: str) -> None:
    path = _corpus_cache()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "truncated":
        assert _run("draft", "-c", NORTHWIND)[0] == 0  # writes the cache
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif kind in MARSHAL:
        path.write_bytes(MARSHAL[kind])
    else:
        HOSTILE[kind](path)
    code, out, err, took = _run("draft", "-c", NORTHWIND, "--date", "2026-01-01")
    assert code == 0, err
    assert out == clean_draft
    assert took < 20
    if kind not in ("folder",):  # a folder is left alone; anything else is rewritten
        assert path.is_file() and not path.is_symlink()
        assert _run("draft", "-c", NORTHWIND, "--date", "2026-01-01")[1] == clean_draft


@pytest.mark.parametrize("kind", ["fifo", "huge-list", "dev-zero", "garbage"])
def test_a_damaged_title_index_is_ignored(kind: str, clean_draft: str) -> None:
    assert _run("draft", "-c", NORTHWIND)[0] == 0  # writes the title index
    cache = Path(os.environ["JDTAILOR_CACHE_DIR"])
    (path,) = cache.glob("titles-*.marshal")
    path.unlink()
    if kind in MARSHAL:
        path.write_bytes(MARSHAL[kind])
    else:
        HOSTILE[kind](path)
    code, out, err, took = _run("draft", "-c", NORTHWIND, "--date", "2026-01-01")
    assert code == 0, err
    assert out == clean_draft
    assert took < 20


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_damaged_reply_cache_entry_is_a_miss(tmp_path: Path, kind: str) -> None:
    cache = ReplyCache(tmp_path / "replies")
    key = "ab" + "0" * 62
    cache.path(key).parent.mkdir(parents=True)
    HOSTILE[kind](cache.path(key))
    start = time.perf_counter()
    assert cache.get(key) is None
    assert time.perf_counter() - start < 2
    if kind not in NOT_FILES:  # the next good reply replaces what stood there
        cache.put(key, CachedReply("{}", 1, 2, 3, 4.0), model="m")
        assert cache.get(key) == CachedReply("{}", 1, 2, 3, 4.0)


def test_a_reply_cache_entry_with_an_infinite_count_is_a_miss(tmp_path: Path) -> None:
    cache = ReplyCache(tmp_path)
    key = "cd" + "0" * 62
    cache.path(key).parent.mkdir(parents=True)
    entry = {"version": 1, "content": "{}", "attempts": 1e999, "prompt_tokens": 1,
             "completion_tokens": 1, "created": 1.0}  # fmt: skip
    cache.path(key).write_text(json.dumps(entry))
    assert cache.get(key) is None


@pytest.mark.parametrize("kind", HOSTILE)
def test_damaged_server_memory_is_forgotten(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "servers.json"
    HOSTILE[kind](path)
    memory = ServerMemory(path)
    assert memory.get("http://127.0.0.1:1/v1", "structured") is None
    memory.set("http://127.0.0.1:1/v1", "structured", "json_object")
    if kind not in NOT_FILES:
        assert memory.get("http://127.0.0.1:1/v1", "structured") == "json_object"


# ------------------------------------------------------------------ batch state


@pytest.mark.parametrize("kind", [k for k in HOSTILE if k not in ("empty", "wrong-shape")])
def test_a_damaged_manifest_is_refused_or_its_lines_dropped(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    HOSTILE[kind](out / "manifest.jsonl")
    code, _, err, took = _run("batch", "-c", NORTHWIND, "-o", out)
    assert took < 30
    if kind == "deep-json":  # one damaged line: dropped, the item redone
        assert code == 0, err
        assert (out / "northwind-solar-account-manager.md").is_file()
        return
    assert code == 2, err
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"jdtailor: error: {out / 'manifest.jsonl'}: "), err
    assert "move it away" in line
    assert not (out / "northwind-solar-account-manager.md").exists()


def test_manifest_records_of_the_wrong_shape_are_redone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("batch", "-c", NORTHWIND, "-o", out)[0] == 0
    posting = out / "northwind-solar-account-manager.md"
    (tmp_path / "evil.md").write_text("keep me\n")
    record = json.loads((out / "manifest.jsonl").read_text())
    bad = [
        record | {"files": 5},
        record | {"flags": [{"a": 1}]},
        record | {"cost_usd": "lots"},
        record | {"prompt_tokens": 1e999},
        record | {"name": "../evil", "files": ["../evil.md"]},
    ]
    for variant in bad:
        (out / "manifest.jsonl").write_text(json.dumps(variant) + "\n")
        posting.write_text("old\n")
        code, _, err, _ = _run("batch", "-c", NORTHWIND, "-o", out)
        assert code == 0, (variant, err)
        assert "1 to draft" in err  # not trusted as done
        assert (tmp_path / "evil.md").read_text() == "keep me\n"  # never written outside -o
        assert json.loads((out / "summary.json").read_text())[0]["status"] == "ok"


@pytest.mark.parametrize("kind", [*HOSTILE, "no-items", "bad-task", "escaping-name"])
def test_a_damaged_batch_state_file_is_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "batch.json"
    state = {
        "model": "m", "llm": {}, "round": 1, "done": False, "batch_id": "b",
        "job": {"formats": ["md"], "show_sources": False, "date": None, "force": False},
        "corpus_dirs": [], "order": ["k"], "fingerprints": {}, "problems": [],
        "items": {"1": {"task": {"key": "k", "digest": "d", "ctx_json": "{}", "name": "x",
                                 "replace": True}, "messages": [], "attempt": 1,
                        "prompt_tokens": 0, "completion_tokens": 0, "cid": "item-1"}},
    }  # fmt: skip
    if kind == "no-items":
        path.write_text(json.dumps({k: v for k, v in state.items() if k != "items"}))
    elif kind == "bad-task":
        state["items"]["1"]["task"] = {"key": "k", "evil": 1}  # type: ignore[index]
        path.write_text(json.dumps(state))
    elif kind == "escaping-name":
        state["items"]["1"]["task"]["name"] = "../../x"  # type: ignore[index]
        path.write_text(json.dumps(state))
    else:
        HOSTILE[kind](path)
    code, _, err, took = _run("batch", "status", tmp_path)
    assert took < 10
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"jdtailor: error: {path}: "), err
    assert "send the batch again" in lines[0]


def test_a_manifest_of_a_million_junk_lines_is_read_quickly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").write_text("- not a record\n" * 1_000_000)
    code, _, err, took = _run("batch", "-c", NORTHWIND, "-o", out)
    assert code == 0, err
    assert took < 20
    assert (out / "northwind-solar-account-manager.md").is_file()
