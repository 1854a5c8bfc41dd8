"""Is every regex in the package linear on hostile text? (issue 14)

Each pattern the package compiles is fed texts built for it: a prefix that starts a
match, a long run of something one of its repeats can eat (its own literal characters,
an example of each repeated piece, spaces, digits, ``[a](``, ``<!--``, one long token),
then a character that makes the match fail. The time is taken at growing sizes; a
pattern whose time grows faster than the text (the ratio of two sizes, not an absolute
limit) is reported. Exponential patterns show up at a few dozen characters already, so
nothing here can hang.
"""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import re._parser as sre_parse  # Python >= 3.11
    from re._constants import (  # type: ignore[attr-defined]
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        CATEGORY_DIGIT,
        CATEGORY_NOT_DIGIT,
        CATEGORY_NOT_SPACE,
        CATEGORY_NOT_WORD,
        CATEGORY_SPACE,
        CATEGORY_WORD,
        GROUPREF,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        NOT_LITERAL,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]
    from sre_constants import (  # type: ignore[no-redef]
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        CATEGORY_DIGIT,
        CATEGORY_NOT_DIGIT,
        CATEGORY_NOT_SPACE,
        CATEGORY_NOT_WORD,
        CATEGORY_SPACE,
        CATEGORY_WORD,
        GROUPREF,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        NOT_LITERAL,
        RANGE,
        SUBPATTERN,
    )

ATOMIC_GROUP = getattr(sre_parse, "ATOMIC_GROUP", None)
POSSESSIVE_REPEAT = getattr(sre_parse, "POSSESSIVE_REPEAT", None)

# How a pattern is used where linear use depends on the caller, checked by hand:
# "match" = only ``.match``/``.fullmatch`` at one position (one attempt); "squeezed" = the
# text has its whitespace collapsed to single spaces first; both for "match squeezed".
USE = {
    "jdtailor.lint.bias._UNIT_AFTER": "match",
    "jdtailor.lint.pay.PAY_LABEL": "match",
    "jdtailor.context.salary._SALARY_RE": "match squeezed",  # and at most 120 characters
    "jdtailor.lint.parse._FACT": "squeezed",
    "jdtailor.render.jsonld._TZ": "match squeezed",
}
# The brief's pumps, tried on every pattern; each pattern adds its own.
COMMON_PUMPS = [" ", "a", "1", "1,", "[a](", "<!--", "<a ", "**", "a ", "a@", "-", "$1", ". ", "\t"]
COMMON_PREFIXES = ["", "# ", "1", "- ", "[a](", "Location: ", "$"]
SIZES = [8, 16, 32, 128, 512, 2048, 8192]
QUICK = 0.00002  # under 20 µs at 2,048 characters, a pattern cannot be quadratic there
FLOOR = 0.001  # below a millisecond at the size in question, growth is noise
REGEX_CALLS = {"compile", "sub", "subn", "match", "search", "fullmatch", "findall",
               "finditer", "split", "lazy"}  # fmt: skip


def patterns() -> dict[tuple[str, int], set[str]]:
    """Every regex in the package, with the names it goes by: module-level compiled ones
    (``re.compile`` and ``text.lazy``), and string literals handed to ``re`` functions
    anywhere (named ``path:line``, with ``match`` when the call is ``re.match``)."""
    import jdtailor
    from jdtailor.text import lazy

    lazy_type = type(lazy("x"))
    found: dict[tuple[str, int], set[str]] = {}
    for info in pkgutil.walk_packages(jdtailor.__path__, "jdtailor."):
        module = importlib.import_module(info.name)
        for name, value in _values(vars(module)):
            where = f"{info.name}.{name}"
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault((value.pattern, value.flags & ~re.UNICODE), set()).add(where)
            elif isinstance(value, lazy_type):
                pattern, flags = value._args
                found.setdefault((pattern, flags), set()).add(where)
    named = set(found)
    package = Path(jdtailor.__file__).parent
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func, first = node.func, node.args[0]
            if isinstance(func, ast.Attribute):  # re.compile(...), re.sub(...): not pattern.sub()
                owner = func.value
                name = func.attr if isinstance(owner, ast.Name) and owner.id == "re" else ""
            else:
                name = getattr(func, "id", "")
            if name in REGEX_CALLS and isinstance(first, ast.Constant):
                if isinstance(first.value, str):
                    flags = _literal_flags(node)
                    where = f"{path.relative_to(package)}:{node.lineno}".replace(os.sep, "/")
                    if (first.value, flags) in named:
                        continue  # the module-level pattern itself, seen above
                    found.setdefault((first.value, flags), set()).add(where)
                    if name in ("match", "fullmatch"):
                        USE[where] = "match"
    return found


def _values(namespace: dict[str, object]) -> Iterator[tuple[str, object]]:
    """A module's names, and the values inside its dicts, lists and tuples (a table of
    patterns built with ``+`` or an f-string is no literal the source pass could see)."""
    for name, value in namespace.items():
        yield name, value
        if isinstance(value, dict):
            yield from ((f"{name}[{k!r}]", v) for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            yield from ((f"{name}[{i}]", v) for i, v in enumerate(value))
            for i, item in enumerate(value):  # (pattern, label) rows
                if isinstance(item, tuple):
                    yield from ((f"{name}[{i}][{j}]", v) for j, v in enumerate(item))


def _literal_flags(node: ast.Call) -> int:
    """The flags of a call such as ``re.compile(p, re.I | re.M)``, where they are literal."""
    flags = 0
    for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
        for sub in ast.walk(arg):
            if isinstance(sub, ast.Attribute) and isinstance(
                getattr(re, sub.attr, None), re.RegexFlag
            ):
                flags |= getattr(re, sub.attr)
    return flags


# ------------------------------------------------------------------ texts per pattern


def _char_in(items: list[tuple[object, object]]) -> str:
    """A character a character class accepts (or, negated, one it refuses)."""
    negate = any(op is NEGATE for op, _ in items)
    if negate:
        for char in "a1 .!\x00":
            if not any(_in_item(op, arg, char) for op, arg in items if op is not NEGATE):
                return char
        return "\x00"
    for op, arg in items:
        for char in _chars_of(op, arg):
            return char
    return "a"


def _in_item(op: object, arg: object, char: str) -> bool:
    if op is LITERAL:
        return ord(char) == arg
    if op is RANGE:
        low, high = arg  # type: ignore[misc]
        return bool(low <= ord(char) <= high)
    if op is CATEGORY:
        return bool(re.match(_CATEGORY_RE.get(arg, "x"), char))
    return False


_CATEGORY_RE = {
    CATEGORY_DIGIT: r"\d",
    CATEGORY_NOT_DIGIT: r"\D",
    CATEGORY_SPACE: r"\s",
    CATEGORY_NOT_SPACE: r"\S",
    CATEGORY_WORD: r"\w",
    CATEGORY_NOT_WORD: r"\W",
}
_CATEGORY_CHARS = {
    CATEGORY_DIGIT: "1",
    CATEGORY_NOT_DIGIT: "a",
    CATEGORY_SPACE: " ",
    CATEGORY_NOT_SPACE: "a",
    CATEGORY_WORD: "a",
    CATEGORY_NOT_WORD: " ",
}


def _chars_of(op: object, arg: object) -> Iterator[str]:
    if op is LITERAL:
        yield chr(arg)  # type: ignore[arg-type]
    elif op is RANGE:
        yield chr(arg[0])  # type: ignore[index]
    elif op is CATEGORY:
        yield _CATEGORY_CHARS.get(arg, "a")


def example(parsed: object) -> str:
    """One short string the (sub)pattern matches, or nearly: enough to start it."""
    out = []
    for op, arg in parsed:  # type: ignore[attr-defined]
        if op is LITERAL:
            out.append(chr(arg))
        elif op is NOT_LITERAL:
            out.append("a" if arg != ord("a") else "b")
        elif op is ANY:
            out.append("a")
        elif op is IN:
            out.append(_char_in(arg))
        elif op is BRANCH:
            out.append(example(arg[1][0]))
        elif op is SUBPATTERN:
            out.append(example(arg[-1]))
        elif op is ATOMIC_GROUP:
            out.append(example(arg))
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            low, _high, body = arg
            out.append(example(body) * max(low, 1))
        elif op in (AT, ASSERT, ASSERT_NOT, GROUPREF):
            continue
    return "".join(out)


def _pieces(parsed: object) -> Iterator[tuple[str, str]]:
    """(prefix, pump) pairs: for every repeat, the text that leads to it and its body."""
    items = list(parsed)  # type: ignore[call-overload]
    for index, (op, arg) in enumerate(items):
        before = example(items[:index])
        if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            body = arg[2]
            yield before, example(body)
            for lead, pump in _pieces(body):
                yield before + lead, pump
        elif op is BRANCH:
            for alternative in arg[1]:
                for lead, pump in _pieces(alternative):
                    yield before + lead, pump
                yield before, example(alternative)
        elif op is SUBPATTERN:
            for lead, pump in _pieces(arg[-1]):
                yield before + lead, pump
        elif op is ATOMIC_GROUP:
            for lead, pump in _pieces(arg):
                yield before + lead, pump
        elif op in (ASSERT, ASSERT_NOT):
            for lead, pump in _pieces(arg[1]):
                yield before + lead, pump


def texts(pattern: str, flags: int) -> list[tuple[str, str, str]]:
    """(prefix, pump, suffix) triples for one pattern: its own pieces and the common ones."""
    parsed = sre_parse.parse(pattern, flags)
    whole = example(parsed)
    pairs: dict[tuple[str, str], None] = {}
    for prefix, pump in _pieces(parsed):
        if pump:
            pairs[(prefix, pump)] = None
            pairs[("", pump)] = None
    literal = "".join(sorted({c for c in whole if not c.isalnum()}))
    for char in literal:
        pairs[("", char)] = None
        pairs[(whole[:1], char)] = None
    for pump in COMMON_PUMPS:
        for prefix in COMMON_PREFIXES:
            pairs[(prefix, pump)] = None
        pairs[(whole, pump)] = None
    return [(prefix, pump, "!") for prefix, pump in pairs]


# ------------------------------------------------------------------ timing


def _timed(run: object, text: str, repeat: int = 1) -> float:
    """CPU seconds of this thread: on a loaded machine, wall time counts the waits of a
    long run for its turn (a linear pattern looked 10x slower at 4x the text)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        run(text)  # type: ignore[operator]
        best = min(best, time.thread_time() - start)
    return best


def superlinear(compiled: re.Pattern[str], use: str = "") -> str | None:
    """The first text on which the pattern's time grows faster than the text, or None."""
    squeeze = "squeezed" in use
    if "match" in use:

        def run(text: str) -> None:
            compiled.match(" ".join(text.split()) if squeeze else text)
    else:

        def run(text: str) -> None:
            for _ in compiled.finditer(" ".join(text.split()) if squeeze else text):
                pass

    for prefix, pump, suffix in texts(compiled.pattern, compiled.flags):
        previous = None
        for size in SIZES:
            text = prefix + pump * max(1, size // len(pump)) + suffix
            took = _timed(run, text)
            if previous is not None and took > FLOOR:
                growth = size / previous[0]
                limit = growth**1.5  # linear 4x per 4x size, quadratic 16x: flag beyond 8x
                if took / max(previous[1], 1e-6) > limit:
                    # confirm on three quieter measurements before blaming the pattern: a
                    # busy machine can stall any one of them
                    # Cache effects can make one step look steep (a linear pattern took
                    # 10x from 2,048 to 8,192 characters, then 4x per step beyond): from 128
                    # characters on, confirm one step further. Tiny sizes (where exponential
                    # patterns show) and slow texts are confirmed where they are.
                    if size >= 128 and took < 0.05:
                        small, text = text, prefix + pump * max(1, 4 * size // len(pump)) + suffix
                    else:
                        small = prefix + pump * max(1, previous[0] // len(pump)) + suffix
                    ratios: list[float] = []
                    for _ in range(3):
                        big = _timed(run, text, 3)
                        ratios.append(big / max(_timed(run, small, 3), 1e-6) if big > FLOOR else 0)
                        if ratios[-1] <= limit:
                            break
                    else:
                        shape = f"{prefix!r} + {pump!r} * n + {suffix!r}"
                        return (f"{took * 1000:.0f} ms at {size} chars, {min(ratios):.0f}x the "
                                f"time of {previous[0]} chars, on {shape}")  # fmt: skip
            previous = (size, took)
            if took > 0.5 or (size >= 2048 and took < QUICK):
                break
    return None


def audit() -> tuple[int, list[str]]:
    """(how many patterns were tried, one line per pattern that is not linear)."""
    found = patterns()
    unknown = set(USE) - {name for names in found.values() for name in names}
    assert not unknown, f"USE names patterns the package no longer has: {sorted(unknown)}"
    slow = []
    for (pattern, flags), names in sorted(found.items(), key=lambda kv: min(kv[1])):
        # a literal handed to re.search anywhere is used freely; a module-level pattern's
        # use, where listed, holds for every module that imports it
        literal = [USE.get(name, "") for name in names if ":" in name]
        listed = [USE[name] for name in names if ":" not in name and name in USE]
        use = "" if "" in literal else min(literal + listed, key=len, default="")
        why = superlinear(re.compile(pattern, flags), use)
        if why:
            slow.append(f"{min(names)} {pattern[:60]!r}: {why}")
    return len(found), slow
