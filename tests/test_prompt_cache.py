"""The compiled prompt templates kept in the cache dir are read bounded, never blocking,
and only when they are what jinja2 wrote for that template."""

from __future__ import annotations

import os
import pickle

import pytest

from jdtailor import prompts
from jdtailor.resources import cache_dir


@pytest.fixture
def fresh(monkeypatch):
    prompts.environment.cache_clear()
    yield
    prompts.environment.cache_clear()


def _render() -> str:
    return prompts.render("repair.j2", problems=["summary has 6 sentences"])


def _cached_files():
    return sorted((cache_dir() / "templates").glob("*.cache"))


def test_a_template_is_compiled_once_and_read_back(fresh):
    first = _render()
    files = _cached_files()
    assert files
    prompts.environment.cache_clear()
    assert _render() == first


@pytest.mark.parametrize("kind", ["fifo", "garbage", "foreign-pickle", "folder"])
def test_what_jinja2_did_not_write_is_ignored(fresh, kind):
    first = _render()
    (path, *_) = _cached_files()
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # opening it for reading would block the draft
    elif kind == "garbage":
        path.write_bytes(b"\x00" * 64)
    elif kind == "folder":
        path.mkdir()
    else:  # the right magic, then a pickle that is not the template's checksum
        from jinja2.bccache import bc_magic

        path.write_bytes(bc_magic + pickle.dumps(("not", "a checksum"), 2) + b"x")
    prompts.environment.cache_clear()
    assert _render() == first
