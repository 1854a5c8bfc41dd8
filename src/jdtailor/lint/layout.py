"""Pasted postings into the shape the reader knows, one line for one line.

Postings copied from job boards, careers pages and hiring threads rarely use
Markdown as we write it. Before ``parse_text`` reads a posting, each line is
rewritten in place (so line numbers never move):

    ##Requirements                       -> ## Requirements
    REQUIREMENTS  /  REQUIREMENTS:       -> ## Requirements
    Responsibilities  (no blank before)  -> ## Responsibilities
    plain lines under a list heading     -> - one item per line
    Acme | Role | Denver, CO | $90-110k  -> title, company, location and pay, kept aside
    Acme - Role - Denver, CO - $90-110k  -> the same

and YAML front matter gives the title, company and location. Everything here is
string methods and patterns without nested repeats: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .words import lazy

__all__ = ["Layout", "looks_like_place", "normalise", "split_run_ons"]

_LIST_SECTIONS = frozenset({"responsibilities", "requirements", "nice_to_haves", "benefits"})
_MONEY = lazy(r"[$€£]\s?\d|\d\s?[kK]\b|\d\s?(?:USD|EUR|GBP)\b")
_URL = lazy(r"^(?:https?://|www\.)\S*$|^\S+\.(?:com|io|ai|co|org|net|dev|app)(?:/\S*)?$", re.I)
_EMPLOYMENT = lazy(
    r"^(?:full[- ]?time|part[- ]?time|contract(?:or)?|intern(?:ship)?|temporary|seasonal|"
    r"permanent|freelance|ft|pt)\b",
    re.IGNORECASE,
)
_WORKPLACE = lazy(r"\b(?:remote|onsite|on-site|on site|hybrid|in[- ]office|relocation)\b", re.I)
_PLACE = lazy(r",\s?[A-Z]{2}\b|\b(?:USA|US|UK|EU|EMEA|APAC|Canada|Europe|Anywhere)\b")
_BULLET_START = lazy(r"^\s*(?:[-*+•·▪◦‣–●]|\d{1,3}[.)]|[a-zA-Z][.)])\s")


_AREA = lazy(
    r"^(?:downtown|uptown|midtown|north|south|east|west|central|northern|southern|eastern|"
    r"western|greater|metro|airport|multiple locations|various locations)\b",
    re.IGNORECASE,
)


def looks_like_place(text: str) -> bool:
    """Whether a short piece of a title line names a place or workplace ("Denver, CO",
    "Remote", "Downtown"), not an employer."""
    text = text.split("(")[0].strip()  # "Acme (Paoli, PA)": an employer, and its place
    return bool(_WORKPLACE.search(text) or _PLACE.search(text) or _AREA.match(text))


class Layout:
    """What the rewrite found beside the lines: facts from a header line or front matter."""

    __slots__ = ("company", "header_line", "location", "pay", "pay_line", "title", "title_line")

    def __init__(self) -> None:
        self.header_line = 0  # the "Company | Role | ..." line, if there is one
        self.title: str | None = None
        self.title_line = 0
        self.company: str | None = None
        self.location: str | None = None
        self.pay: str | None = None
        self.pay_line = 0


def _front_matter(lines: list[str], end: int, found: Layout) -> None:
    for i in range(1, end):
        key, sep, value = lines[i].partition(":")
        value = value.strip().strip("'\"")
        if not sep or not value or lines[i][:1].isspace():
            continue
        key = key.strip().lower().replace("-", "_")
        if key in ("title", "role", "position", "job_title") and found.title is None:
            found.title, found.title_line = value, i + 1
        elif key in ("company", "employer", "organization", "organisation"):
            found.company = found.company or value
        elif key == "location":
            found.location = found.location or value
        elif key in ("salary", "pay", "compensation") and not value.startswith("{"):
            found.pay, found.pay_line = value, i + 1


def _header(line: str, lineno: int, found: Layout) -> str | None:
    """The title of a "Company | Role | Place | Pay" line (fields kept in ``found``)."""
    text = line.strip().strip("*_#").strip()
    if text.count(" | ") >= 2 or text.count("|") >= 3:
        parts = [p.strip() for p in text.split("|")]
    else:
        for dash in (" - ", " – ", " — "):
            if text.count(dash) >= 2:
                parts = [p.strip() for p in text.split(dash)]
                break
        else:
            return None
    parts = [p for p in parts if p]
    if len(parts) < 3 or any(len(p) > 80 for p in parts):
        return None
    company, title = parts[0], None
    for part in parts[1:]:
        if _MONEY.search(part):
            if found.pay is None:
                found.pay, found.pay_line = part, lineno
        elif _URL.match(part) or _EMPLOYMENT.match(part):
            continue
        elif _WORKPLACE.search(part) or _PLACE.search(part):
            found.location = found.location or part
        elif title is None and len(part.split()) <= 8:
            title = part
    if _URL.match(company):
        return None
    found.company = company
    return title


def _caps_label(text: str) -> bool:
    if not text.isupper():  # a lower-case letter, or no cased letter at all: not a label
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


# Words a list heading is made of, and nothing else ("Key Responsibilities")
_HEADING_WORDS = frozenset(
    """
    responsibilities responsibility duties requirements requirement qualifications
    qualification benefits perks key job essential main minimum basic preferred required
    and & your the
    """.split()
)


def _caps_lead(text: str) -> str | None:
    """The run of two or more capitalised words a longer line opens with, if any."""
    words = text.split()
    n = 0
    for word in words[:8]:
        letters = [ch for ch in word if ch.isalpha()]
        if not (word == "&" or (letters and all(ch.isupper() for ch in letters))):
            break
        n += 1
    if 2 <= n < len(words) and words[n - 1] != "&":
        return " ".join(words[:n])
    return None


def normalise(lines: list[str], start: int, classify: Callable[[str], str | None]) -> Layout:
    """Rewrite ``lines[start:]`` in place; ``classify`` names the section a heading text is.

    ``start`` is the first line after any front matter (0 when there is none).
    """
    found = Layout()
    if start > 1:
        _front_matter(lines, start - 1, found)
    first = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if first is not None:
        title = _header(lines[first], first + 1, found)
        if found.company is not None:
            found.header_line = first + 1
            if title and found.title is None:
                found.title, found.title_line = title, first + 1
            lines[first] = ""  # its facts are kept aside; the body is what gets read
    section: str | None = None
    listed = 0  # list items under the current heading
    plain: list[int] = []  # plain lines in a row under a list heading

    def close_run() -> None:
        # two or more capitalised plain lines in a row are items, not a wrapped paragraph
        if len(plain) >= 2 and all(lines[k].lstrip()[:1].isupper() for k in plain):
            for k in plain:
                lines[k] = "- " + lines[k].strip()
        plain.clear()

    for i in range(start, len(lines)):
        raw = lines[i]
        stripped = raw.strip()
        if not stripped:
            close_run()
            continue
        if stripped.startswith(("**", "__")) and stripped.rstrip(": ").endswith(("**", "__")):
            close_run()  # a bold-line heading: the reader takes it as it is
            section = classify(stripped)
            listed = 0
            continue
        if stripped.startswith("#"):
            hashes = len(stripped) - len(stripped.lstrip("#"))
            rest = stripped[hashes:]
            if hashes <= 6 and rest and not rest[0].isspace() and not rest[0].isdigit():
                lines[i] = raw = "#" * hashes + " " + rest  # "##Requirements"
            close_run()
            section = classify(rest.strip())
            listed = 0
            continue
        bare = _BULLET_START.sub("", stripped, count=1)
        caps = _caps_lead(stripped)
        if bare != stripped and set(bare.rstrip(": ").lower().split()) <= _HEADING_WORDS:
            head = bare.rstrip(": ")  # "• Responsibilities": a heading put in the list
        elif caps and not caps.endswith(":") and len(stripped.split()) - len(caps.split()) <= 12:
            head = caps  # "ESSENTIAL DUTIES Include the following:": a heading, a lead-in
        else:
            head = ""
        kind = classify(head) if head else None
        if kind in _LIST_SECTIONS:
            close_run()
            lines[i] = "## " + (head.title() if _caps_label(head) else head)
            section = kind
            listed = 0
            continue
        label = stripped[:-1].rstrip() if stripped.endswith(":") else stripped
        words = label.split()
        looks = (
            0 < len(words) <= 8
            and ":" not in label
            and (
                _caps_label(label)
                or (stripped.endswith(":") and len(words) <= 7)
                or (len(words) <= 4 and label[:1].isupper() and not _BULLET_START.match(raw))
            )
        )
        kind = classify(label) if looks else None
        if kind is not None:
            close_run()
            heading = label.title() if _caps_label(label) else label
            lines[i] = "## " + heading
            section = kind
            listed = 0
            continue
        if (
            looks
            and section in _LIST_SECTIONS
            and listed
            and _caps_label(label)
            and len(words) >= 2
            and i + 1 < len(lines)
            and _BULLET_START.match(lines[i + 1])
        ):
            close_run()  # "CHARACTERISTICS OF SUCCESS" over a list: a section we do not know
            lines[i] = "## " + label.title()
            section = None
            listed = 0
            continue
        if _BULLET_START.match(raw):
            listed += 1
        if section in _LIST_SECTIONS and not _BULLET_START.match(raw) and ":" not in stripped:
            plain.append(i)
        else:
            close_run()
    close_run()
    return found


# Labels a pasted posting runs together on one line ("Job Title: Cook 3 Reports To: Head
# Chef Position Type: Full-Time Job Summary: ..."), besides the section headings.
_RUN_LABELS = frozenset(
    label.strip()
    for label in """
    job title|position title|title|reports to|reporting to|position type|job type|
    employment type|schedule|shift|shifts|hours|work hours|pay|pay rate|salary|wage|wages|
    location|department|status|start date|job summary|position summary|travel|supervisor|
    education|certifications|license|licenses|language|languages
    """.split("|")
)
_LABEL_WORDS = _HEADING_WORDS | frozenset(
    "summary overview description skills experience education compensation physical daily "
    "additional other desired what we offer".split()
)
_SEPARATORS = " ·|•,;-–—"
_GLUED = lazy(r"(?<=[a-z][.!?])(?=[A-Z][a-z])")  # sentences pasted with no space between


def _label_before(line: str, colon: int, classify: Callable[[str], str | None]) -> int | None:
    """Where the label ending at ``colon`` starts: one to four capitalised words that
    name a known label, not just after a list marker; None when there is none."""
    words = line[:colon].split(" ")[-4:]
    for n in range(len(words), 0, -1):
        label = " ".join(words[-n:])
        first = words[-n]
        if not first[:1].isupper() or not all(w[:1].isupper() or w in ("&", "and", "to", "of")
                                               for w in words[-n:]):  # fmt: skip
            continue
        low = label.lower()
        if low in _RUN_LABELS or (set(low.split()) <= _LABEL_WORDS and classify(label)):
            at = colon - len(label)
            if line[:at].rstrip().endswith(("*", "•", "- ")) or line[:at].rstrip()[-1:] == "-":
                return None  # "* Physical Requirements: ..." is an item with a lead word
            return at
    return None


def _bullets_apart(segment: str) -> list[str]:
    """ "Duties: * Prep food * Clean the line": the label, then one item per marker."""
    for mark in (" * ", " • ", " ● ", " ▪ ", " ◦ "):
        if segment.count(mark) >= 2:
            head, *items = segment.split(mark)
            return [head.rstrip()] + ["- " + item.strip() for item in items if item.strip()]
    return [segment]


def split_run_ons(
    lines: list[str], start: int, classify: Callable[[str], str | None]
) -> tuple[list[str], list[int] | None]:
    """Lines that run two or more labels together, split one label to a line.

    Returns the new lines and, when any line was split, each new line's 1-based number
    in the text as pasted (``None``: nothing moved). Linear: one pass over each colon.
    """
    out: list[str] = lines[:start]
    origin: list[int] = list(range(1, start + 1))
    changed = False
    for number, line in enumerate(lines[start:], start + 1):
        if line.strip(" |\t") == "" and "|" in line:
            line = ""  # a table row's empty cells, pasted from a job page: a blank line
            changed = True
        if len(_GLUED.findall(line)) >= 2:
            # "...not required.Ability to work...Attention to detail.": one item a sentence
            for part in _GLUED.split(line):
                out.append(part)
                origin.append(number)
            changed = True
            continue
        if line.count(": ") + line.rstrip().endswith(":") < 2 or line.lstrip().startswith("#"):
            out.append(line)
            origin.append(number)
            continue
        cuts: list[int] = []
        at = line.find(":")
        while at >= 0:
            if line[at + 1 : at + 2] in (" ", ""):
                begin = _label_before(line, at, classify)
                if begin is not None:
                    cuts.append(begin)
            at = line.find(":", at + 1)
        starts = [c for c in cuts if line[:c].strip()]
        if len(cuts) < 2 or not starts:
            out.append(line)
            origin.append(number)
            continue
        changed = True
        bounds = [0, *starts, len(line)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = line[a:b].strip().rstrip(_SEPARATORS).strip()
            label, _, value = piece.partition(": ")
            if value and classify(label) in ("summary", "about", "why"):
                parts = [label + ":", value]  # "Job Summary: The cook ...": a heading, prose
            else:
                parts = _bullets_apart(piece) if piece else []
            for part in parts:
                out.append(part)
                origin.append(number)
    return (out, origin) if changed else (lines, None)
