"""The problems a model is re-asked with, as few plain lines, the worst first.

The checks (``grounding``, ``citations``, lint) speak per bullet: eight bullets citing
ids that are not candidates make eight near-identical lines, and a small model copies
the list instead of fixing it. ``collapse_problems`` turns one fault in many places
into one line naming the places::

    responsibilities 1 cites 'am.x', which is not a candidate id
    responsibilities 2 cites 'am.y', which is not a candidate id
    requirements 3 cites 'am.z', which is not a candidate id
        ->
    the same fault in responsibilities 1, 2 and requirements 3: cites 'am.x', which
    is not a candidate id (likewise 'am.y', 'am.z')

A fault with no place ("benefit 'Gym' is not in the context") is said once, with the
other values after it.

and orders the lines: invented facts first, then sources that do not exist, then the
shape, then citations that do not fit, then the rest (lint).
"""

from __future__ import annotations

import re

__all__ = ["collapse_problems"]

_PLACE = re.compile(r"^(?P<section>[a-z_]+) (?P<n>\d+) (?P<rest>.+)$", re.S)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
# (rank, pattern): the first that matches a line gives its rank; lower is worse.
_RANKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^pay |must be the context's|not in the context|the company notes do not")),
    (1, re.compile(r"not a candidate id|context sources are|but the context has no|no source")),
    (2, re.compile(r" has \d+ (?:bullet|sentence)|is empty|placeholder|cites \d+ sources")),
    (3, re.compile(r"shares no words|is the benefit|repeats ")),
)
_MAX_VALUES = 3


def _rank(line: str) -> int:
    return next((rank for rank, pattern in _RANKS if pattern.search(line)), len(_RANKS))


def _places(places: list[tuple[str, str]]) -> str:
    """``responsibilities 1, 2 and requirements 3``."""
    by_section: dict[str, list[str]] = {}
    for section, n in places:
        by_section.setdefault(section, []).append(n)
    parts = [f"{section} {', '.join(ns)}" for section, ns in by_section.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def collapse_problems(problems: list[str]) -> list[str]:
    """One line per fault, with every place it occurs; the worst fault first."""
    groups: dict[str, list[tuple[str, str, str]]] = {}  # template -> (section, n, rest)
    order: list[str] = []
    for line in dict.fromkeys(problems):  # exact repeats once
        m = _PLACE.match(line)
        section, n, rest = (m["section"], m["n"], m["rest"]) if m else ("", "", line)
        template = _QUOTED.sub("'…'", rest)
        key = f"{bool(m)}|{template}"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((section, n, rest))
    lines: list[str] = []
    for key in order:
        members = groups[key]
        section, n, rest = members[0]
        if len(members) == 1:
            lines.append(f"{section} {n} {rest}" if section else rest)
            continue
        values = list(dict.fromkeys(q for _, _, r in members[1:] for q in _QUOTED.findall(r)))
        values = [v for v in values if v not in _QUOTED.findall(rest)]
        likewise = ""
        if values:
            shown = ", ".join(values[:_MAX_VALUES])
            more = f" and {len(values) - _MAX_VALUES} more" if len(values) > _MAX_VALUES else ""
            likewise = f" (likewise {shown}{more})"
        if section:
            where = _places([(s, k) for s, k, _ in members])
            lines.append(f"the same fault in {where}: {rest}{likewise}")
        else:
            lines.append(f"{rest}{likewise}")
    return sorted(lines, key=_rank)
