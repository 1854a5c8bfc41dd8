"""Reading a posting file (or stdin, as ``-``): what ``draft`` and ``save`` write.

Three shapes are read back into a ``JobPosting``: the JSON of ``draft -f json``,
the Markdown of ``draft`` (its default) and ``save``, and a refinement session
file (its current version). Markdown carries each bullet's sources only when it
was written with ``--show-sources``; otherwise the bullets come back without them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import PostingFileError, validation_line
from .posting import Bullet, JobPosting, read_pay
from .reading.clean import clean_values

__all__ = [
    "MAX_POSTING_BYTES",
    "load_posting",
    "parse_markdown_posting",
    "parse_posting",
    "read_posting_text",
]

MAX_POSTING_BYTES = 1_000_000
_HINT = "give the Markdown or JobPosting JSON `jdtailor draft` writes (or its session file)"


_MAX_DEPTH = 20  # a posting is three levels deep; JSON nested 1,000 deep is not one


def _depth_ok(text: str) -> bool:
    """Whether brackets outside strings nest at most ``_MAX_DEPTH`` deep (one linear scan)."""
    if text.count("[") + text.count("{") <= _MAX_DEPTH:
        return True
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def parse_posting(text: str, where: str) -> JobPosting:
    """Parse posting JSON ``text``; ``where`` names its source in error messages."""
    from pydantic import ValidationError

    if not _depth_ok(text):
        raise PostingFileError(f"{where}: JSON nested more than {_MAX_DEPTH} deep; {_HINT}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PostingFileError(
            f"{where}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}); {_HINT}"
        ) from None
    except ValueError as exc:  # a number of thousands of digits
        why = str(exc)[:80]
        raise PostingFileError(f"{where}: not a usable JSON value ({why}); {_HINT}") from None
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise PostingFileError(f"{where}: holds a JSON {kind}, not a posting; {_HINT}")
    if "@type" in data or "@context" in data:
        raise PostingFileError(f"{where}: is schema.org JSON-LD, not jdtailor's posting; {_HINT}")
    if isinstance(data.get("versions"), list) and isinstance(data.get("current"), int):
        return _session_posting(clean_values(data), where)  # type: ignore[arg-type]
    try:
        return JobPosting.model_validate(clean_values(data))
    except ValidationError as exc:
        raise PostingFileError(f"{where}: {validation_line(exc)}; {_HINT}") from None


def read_posting_text(path: str | Path, *, hint: str = _HINT) -> tuple[str, str]:
    """The text of a posting file, or of stdin when ``path`` is ``-``, and its display name.

    Every way the input can be unreadable (missing, a directory, a device or FIFO, too
    large, not UTF-8, empty, stdin closed) is one ``PostingFileError`` naming it; ``hint``
    says what to give.
    """
    from .reading.files import read_input

    text, where = read_input(
        path, limit=MAX_POSTING_BYTES, error=PostingFileError, what="posting file",
        big_hint=f"too large for a posting; {hint}",
    )  # fmt: skip
    if not text.strip():
        raise PostingFileError(f"{where}: is empty; {hint}")
    return text, where


def _session_posting(data: dict[str, object], where: str) -> JobPosting:
    """The current version of a refinement session file."""
    versions, current = data["versions"], data["current"]
    assert isinstance(versions, list) and isinstance(current, int)
    if not 0 <= current < len(versions) or not isinstance(versions[current], dict):
        raise PostingFileError(
            f"{where}: `current` is {current} but the session has {len(versions)} versions; "
            "resume it with `jdtailor refine` to repair it"
        )
    posting = versions[current].get("posting")
    return parse_posting(json.dumps(posting), f"{where} (version {current + 1})")


_SOURCES = re.compile(r"^(?P<text>.*?) _\[(?P<sources>[^\]]*)\]_$")
_FACT = re.compile(r"^\*\*(?P<label>[^*]+):\*\* (?P<value>.*)$")
_PLACE = re.compile(r"^(?P<place>.*) \((?P<label>on-site|hybrid|remote)\)$")


def _bullet(line: str) -> Bullet:
    text = line[2:].strip()
    m = _SOURCES.match(text)
    if m:
        return Bullet(text=m["text"], sources=[s.strip() for s in m["sources"].split(",")])
    return Bullet(text=text, sources=[])


def _facts(line: str, where: str, number: int) -> dict[str, object]:
    from .render.markdown import WORKPLACE_LABEL

    workplaces = {label: key for key, label in WORKPLACE_LABEL.items()}
    out: dict[str, object] = {}
    for part in line.split(" · "):
        m = _FACT.match(part.strip())
        if not m:
            continue
        label, value = m["label"], m["value"].strip()
        if label == "Location":
            place = _PLACE.match(value)
            if place:
                out["location"], out["workplace"] = place["place"], workplaces[place["label"]]
            elif value.lower() in workplaces:
                out["workplace"] = workplaces[value.lower()]
            else:  # "Remote (Europe)": the label was left out as the place says it
                out["location"] = value
                said = [key for word, key in workplaces.items() if word in value.lower()]
                said += [key for key in WORKPLACE_LABEL if key in value.lower()]
                out["workplace"] = said[0] if said else None
        elif label == "Type":
            out["employment_type"] = value.lower()
        elif label == "Pay":
            pay = read_pay(value)
            if pay is None:
                raise PostingFileError(
                    f"{where}: line {number}: cannot read the pay {value!r}; "
                    'write it like "$72,000–$95,000 per year"'
                )
            out["pay"] = pay
    return out


def parse_markdown_posting(text: str, where: str) -> JobPosting:
    """Read back the Markdown that ``draft`` prints and ``save`` writes."""
    from .render.markdown import SECTION_HEADINGS

    lines = text.splitlines()
    if not lines or not lines[0].startswith("# "):
        raise PostingFileError(
            f"{where}: line 1: expected the `# Title — Company` heading `jdtailor draft` "
            f"writes; {_HINT}"
        )
    title, _, company = lines[0][2:].strip().rpartition(" — ")
    if not title:
        title, company = company, ""
    sections = {heading: key for key, heading in SECTION_HEADINGS.items()}
    data: dict[str, object] = {"title": title, "company": company}
    data |= dict.fromkeys(("location", "workplace", "employment_type", "pay", "about", "apply"))
    bullets: dict[str, list[Bullet]] = {key: [] for key in SECTION_HEADINGS}
    benefits: list[str] = []
    summary: list[str] = []
    about: list[str] = []
    section: str | None = None
    for number, line in enumerate(lines[1:], 2):
        if line.startswith("## "):
            heading = line[3:].strip()
            section = sections.get(heading) or (
                "pay" if heading == "Pay and benefits"
                else "about" if heading.startswith("About ")
                else "apply" if heading == "How to apply"
                else "other"
            )  # fmt: skip
            continue
        if not line.strip():
            continue
        if section is None:
            if not summary and _FACT.match(line.split(" · ")[0]):
                data |= _facts(line, where, number)
            else:
                summary.append(line.strip())
        elif section in bullets and line.startswith("- "):
            bullets[section].append(_bullet(line))
        elif section == "pay" and line.startswith("- "):
            item = line[2:].strip()
            if not (item.startswith("Pay: ") and data["pay"] == read_pay(item[5:])):
                benefits.append(item)
        elif section == "about":
            about.append(line.strip())
        elif section == "apply":
            data["apply"] = line.strip().removeprefix("Apply at ").strip()
    data |= {"summary": "\n".join(summary), "benefits": benefits}
    data |= {"about": "\n".join(about) or None, **bullets}
    return _validated(data, where)


def _validated(data: dict[str, object], where: str) -> JobPosting:
    from pydantic import ValidationError

    try:
        return JobPosting.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "posting"
        raise PostingFileError(f"{where}: `{loc}`: {err['msg']}; {_HINT}") from None


def load_posting(path: str | Path) -> JobPosting:
    """Read a posting file (``-``: stdin) as Markdown, JSON or a session file, with one
    clear error line for every fault."""
    text, where = read_posting_text(path)
    if text.lstrip().startswith("#"):
        return parse_markdown_posting(text.lstrip(), where)
    return parse_posting(text, where)
