"""The command line's compiled-regex cache: the same patterns, never a wrong one."""

from __future__ import annotations

import atexit
import re
import re._compiler as compiler

import pytest

from jdtailor import regexcache
from jdtailor.resources import cache_dir

PATTERNS = [
    (r"\b(?P<low>\d[\d,]*)\s*(?:-|–|to)\s*(?P<high>\d[\d,]*)\b", 0),
    (r"(?<![\w.])[$€£]?\d+(?:\.\d+)?", 0),
    (r"^\s*[-*•·]\s+(.+)$", re.MULTILINE),
    (r"café|naïve|straße", re.IGNORECASE),
    (r"(?i:senior)\s+(\w+)", 0),
    (r"(a|b)*?c{2,5}(?=d)", re.DOTALL | re.VERBOSE),
]
TEXTS = [
    "Pay $18.50 - 22 an hour",
    "  • Greet CAFÉ guests\n- Naïve STRASSE",
    "Senior Cook",
    "abacccd",
]


@pytest.fixture
def cached(monkeypatch):
    """``install`` in this process, undone after the test; the exit hook is returned."""
    hooks = []
    monkeypatch.setattr(compiler, "compile", compiler.compile)
    monkeypatch.setattr(atexit, "register", hooks.append)
    re.purge()
    regexcache.install()
    yield hooks
    re.purge()


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (
        b.pattern,
        b.flags,
        b.groups,
        b.groupindex,
    )
    for text in TEXTS:
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]
        assert a.sub("#", text) == b.sub("#", text)


def test_patterns_read_back_from_the_cache_match_as_re_compiles_them(monkeypatch, cached):
    plain = [re.compile(p, f) for p, f in PATTERNS]  # re's own compiler (its cache)
    fresh = [compiler.compile(p, f) for p, f in PATTERNS]  # through ours, compiled
    (save,) = cached
    save()
    assert list(cache_dir().glob("regex-*.marshal"))
    regexcache.install()  # a later run: every pattern comes from the file
    parsed = []
    real_parse = re._parser.parse
    monkeypatch.setattr(re._parser, "parse", lambda *a: parsed.append(a) or real_parse(*a))
    again = [compiler.compile(p, f) for p, f in PATTERNS]
    monkeypatch.setattr(re._parser, "parse", real_parse)
    assert parsed == []
    for a, b, c in zip(plain, fresh, again, strict=True):
        _same(a, b)
        _same(a, c)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"jdtailor regex cache\n" + b"\xff" * 40])
def test_a_damaged_cache_is_ignored(cached, damage):
    (save,) = cached
    compiler.compile(r"x+y", 0)
    save()
    path = next(cache_dir().glob("regex-*.marshal"))
    path.write_bytes(damage)
    pattern = compiler.compile(r"(?P<n>\d+) items?", 0)
    assert pattern.match("12 items").group("n") == "12"


def test_code_the_regex_engine_refuses_is_compiled_afresh(monkeypatch, cached):
    from jdtailor.reading.sealed import seal

    (save,) = cached
    compiler.compile(r"\d+", 0)
    save()
    path = next(cache_dir().glob("regex-*.marshal"))
    # a valid seal around nonsense code for a pattern a later run asks for
    path.write_bytes(seal({(r"\d+z", 0): (32, [1, 2, 3], 0, {}, (None,))}, regexcache._MAGIC))
    monkeypatch.setattr(compiler, "compile", compiler.compile)
    regexcache.install()
    assert compiler.compile(r"\d+z", 0).match("42z")


def test_the_command_line_keeps_and_reuses_its_patterns(tmp_path):
    import subprocess
    import sys

    ctx = tmp_path / "company.md"
    ctx.write_text("---\nrole: Line Cook\ncompany: Example Diner\n---\n", encoding="utf-8")
    outputs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "jdtailor", "draft", "-c", str(ctx)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert list(cache_dir().glob("regex-*.marshal"))
