"""``CompanyContext`` and the company.md parser.

company.md is optional YAML front matter plus Markdown sections found by heading
name (case-insensitive, with aliases). A file with neither is prose: it becomes
``about`` and command-line options supply the rest. See DESIGN.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ContextError, field_problems
from ..levels import LEVELS, seniority_level
from ..posting import Pay
from .salary import SALARY_FORMS, parse_salary

__all__ = [
    "EMPLOYMENT_TYPES",
    "LEVELS",
    "MAX_CONTEXT_BYTES",
    "SALARY_FORMS",
    "WORKPLACES",
    "CompanyContext",
    "load_context",
    "normalize_level",
    "parse_context",
    "parse_salary",
]

Level = Literal["entry", "mid", "senior", "lead"]
WORKPLACES: tuple[str, ...] = ("onsite", "hybrid", "remote")
EMPLOYMENT_TYPES: tuple[str, ...] = (
    "full-time",
    "part-time",
    "contract",
    "temporary",
    "internship",
)
MAX_CONTEXT_BYTES = 200_000

_WORKPLACE_WORDS = {
    "onsite": "onsite", "on-site": "onsite", "on site": "onsite", "office": "onsite",
    "in-office": "onsite", "hybrid": "hybrid", "remote": "remote", "remote-first": "remote",
}  # fmt: skip
_EMPLOYMENT_WORDS = {
    "full-time": "full-time", "full time": "full-time", "fulltime": "full-time",
    "permanent": "full-time", "part-time": "part-time", "part time": "part-time",
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "temporary": "temporary", "temp": "temporary", "seasonal": "temporary",
    "internship": "internship", "intern": "internship",
}  # fmt: skip

# section field -> heading names that mean it (compared after _heading_key)
SECTION_ALIASES: dict[str, tuple[str, ...]] = {
    "about": ("about us", "about", "who we are", "about the company", "the company", "company"),
    "why_hiring": (
        "why were hiring", "why we are hiring", "why this role", "the opportunity",
        "why now", "why hiring", "why were hiring now", "why this role exists",
    ),
    "outcomes": (
        "what success looks like", "first 90 days", "goals", "priorities", "outcomes",
        "success", "your first 90 days", "what youll achieve",
    ),
    "must_haves": ("musthaves", "must haves", "requirements", "what you need", "required"),
    "nice_to_haves": (
        "nicetohaves", "nice to haves", "nice to have", "bonus points", "preferred",
        "preferred qualifications",
    ),
    "team": ("team", "who youll work with", "the team", "your team"),
    "responsibilities": (
        "responsibilities", "what youll do", "what you will do", "duties", "the role",
        "day to day", "daytoday", "key responsibilities", "your responsibilities",
        "what youll be doing",
    ),
    "benefits": ("benefits", "perks", "what we offer"),
}  # fmt: skip
_HEADING_TO_FIELD = {alias: field for field, names in SECTION_ALIASES.items() for alias in names}


class CompanyContext(BaseModel):
    """Everything the company told us, after parsing and overrides."""

    model_config = ConfigDict(extra="forbid")

    company: str | None = None
    role: str | None = None
    seniority: Level | None = None
    seniority_word: str | None = None  # as written ("staff"), for the title
    location: str | None = None
    workplace: Literal["onsite", "hybrid", "remote"] | None = None
    employment_type: str | None = None
    salary: Pay | None = None
    benefits: list[str] = Field(default_factory=list)
    customers: str | None = None
    product: str | None = None
    apply: str | None = None
    valid_through: str | None = None
    about: str | None = None
    why_hiring: str | None = None
    outcomes: str | None = None
    outcome_items: list[str] = Field(default_factory=list)
    must_haves: list[str] = Field(default_factory=list)
    nice_to_haves: list[str] = Field(default_factory=list)
    team: str | None = None
    responsibilities: list[str] = Field(default_factory=list)
    family: str | None = None  # a corpus family chosen outright (front matter or --family)
    # What the job is and is not (see context/traits.py): manages-people, full-time, ...
    traits: dict[str, bool] = Field(default_factory=dict)
    # Work the context gives to someone else ("our accountant does the taxes"): stems.
    handed_off: list[str] = Field(default_factory=list)
    # Sentences left out of the draft: (field, sentence, reason); see context/traits.py.
    set_aside: list[tuple[str, str, str]] = Field(default_factory=list)
    extra: list[tuple[str, str]] = Field(default_factory=list)
    path: str | None = None

    def has(self, field: str) -> bool:
        """Whether ``context:<field>`` may be cited: the field exists and says something."""
        if field not in CITABLE_FIELDS:
            return False
        value = getattr(self, field)
        return bool(value)

    def text_of(self, field: str) -> str:
        value = getattr(self, field)
        if isinstance(value, list):
            return "\n".join(value)
        return value or ""


CITABLE_FIELDS = (
    "why_hiring", "outcomes", "must_haves", "nice_to_haves", "about", "team", "responsibilities",
)  # fmt: skip


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    company: str | None = None
    role: str | None = None
    title: str | None = None
    seniority: str | None = None
    location: str | None = None
    workplace: str | None = None
    employment_type: str | None = None
    salary: Any = None
    benefits: list[str] | str | None = None
    customers: str | None = None
    product: str | None = None
    apply: str | None = None
    valid_through: str | None = None
    family: str | None = None

    @field_validator(
        "company", "role", "title", "seniority", "location", "workplace", "employment_type",
        "customers", "product", "apply", "valid_through", mode="before",
    )  # fmt: skip
    @classmethod
    def _scalar_to_str(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if hasattr(value, "isoformat"):  # YAML dates
            return value.isoformat()
        return value


def _where(path: str | None) -> str:
    return path or "company.md"


def normalize_level(value: str, where: str = "seniority") -> str:
    level = seniority_level(value)
    if level is not None:
        return level
    raise ContextError(f"{where}: unknown seniority {value!r}; use one of {', '.join(LEVELS)}")


def _choice(
    value: str, words: dict[str, str], valid: tuple[str, ...], what: str, where: str
) -> str:
    key = re.sub(r"\s+", " ", value.strip().lower().replace("_", "-"))
    if key in words:
        return words[key]
    raise ContextError(f"{where}: unknown {what} {value!r}; use one of {', '.join(valid)}")


# ---------------------------------------------------------------- markdown

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")


_HTML_BLOCK = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)
_HTML_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def strip_html(text: str) -> str:
    """Plain text from text pasted with HTML in it: scripts and styles go entirely,
    list items become bullets, other tags are dropped and entities decoded."""
    if "<" not in text and "&" not in text:
        return text
    import html

    text = _HTML_BLOCK.sub("", text)
    text = _HTML_ITEM.sub("\n- ", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def _heading_key(title: str) -> str:
    key = title.lower().replace("’", "'").replace("'", "")
    key = re.sub(r"[^a-z0-9 -]+", " ", key)
    key = key.replace("-", "")  # must-haves == musthaves, nice-to-haves == nicetohaves
    return re.sub(r"\s+", " ", key).strip()


def _field_for_heading(title: str) -> str | None:
    key = _heading_key(title)
    if key in _HEADING_TO_FIELD:
        return _HEADING_TO_FIELD[key]
    spaced = _heading_key(title.replace("-", " "))
    return _HEADING_TO_FIELD.get(spaced)


def _prose(lines: list[str]) -> str:
    """Join a section's lines into paragraphs, keeping bullets one per line."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        bullet = _BULLET_RE.match(line)
        if not stripped or bullet:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if bullet:
                paragraphs.append(bullet.group(1).strip())
            continue
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(p for p in paragraphs if p)


def _items(lines: list[str]) -> list[str]:
    """Bullet items of a section; without bullets, one item per paragraph line."""
    bullets = [m.group(1).strip() for line in lines if (m := _BULLET_RE.match(line))]
    if bullets:
        return [b for b in bullets if b]
    text = _prose(lines)
    return [p.strip() for p in text.split("\n") if p.strip()]


def _split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ContextError(
            f"{where}: line 1: front matter opened with '---' is never closed; "
            "add a '---' line after it"
        )
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    block = "\n".join(lines[1:end])
    try:
        data = yaml.load(block, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 2}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContextError(
            f"{where}: {line}front matter is not valid YAML ({problem}); "
            "write it as 'key: value' lines"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContextError(
            f"{where}: line 2: front matter must be 'key: value' lines, not a {type(data).__name__}"
        )
    return data, "\n".join(lines[end + 1 :]), end + 2


def parse_context(text: str, path: str | None = None) -> CompanyContext:
    """Parse company.md text into a ``CompanyContext`` (no overrides applied)."""
    where = _where(path)
    raw, body, _ = _split_front_matter(text, where)
    body = strip_html(body)
    try:
        fm = _FrontMatter.model_validate(raw)
    except ValidationError as exc:
        first = field_problems(exc)[0]
        key = first.place or "front matter"
        if first.type == "extra_forbidden":
            known = ", ".join(_FrontMatter.model_fields)
            raise ContextError(
                f"{where}: front matter: unknown key {key!r}; known keys are {known}"
            ) from None
        raise ContextError(f"{where}: front matter `{key}`: {first.message}") from None

    data: dict[str, Any] = {"path": path}
    for key in ("company", "location", "customers", "product", "apply", "valid_through", "family"):
        value = getattr(fm, key)
        if value is not None and str(value).strip():
            data[key] = str(value).strip()
    role = fm.role or fm.title
    if role and role.strip():
        data["role"] = role.strip()
    if fm.seniority:
        data["seniority"] = normalize_level(fm.seniority, f"{where}: front matter `seniority`")
        data["seniority_word"] = fm.seniority.strip().lower()
    if fm.workplace:
        data["workplace"] = _choice(
            fm.workplace, _WORKPLACE_WORDS, WORKPLACES, "workplace", f"{where}: front matter"
        )
    if fm.employment_type:
        data["employment_type"] = _choice(
            fm.employment_type, _EMPLOYMENT_WORDS, EMPLOYMENT_TYPES, "employment type",
            f"{where}: front matter",
        )  # fmt: skip
    if fm.salary is not None:
        data["salary"] = parse_salary(fm.salary, f"{where}: front matter `salary`")
    if fm.benefits:
        benefits = [fm.benefits] if isinstance(fm.benefits, str) else fm.benefits
        data["benefits"] = [str(b).strip() for b in benefits if str(b).strip()]

    # Sections: text before the first heading, then one block per heading.
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    in_fence = False
    for line in body.split("\n"):
        if line.strip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else _HEADING_RE.match(line)
        if m:
            sections.append((m.group(2).strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)

    extra: list[tuple[str, str]] = []
    top_title: str | None = None
    for title, lines in sections:
        field = _field_for_heading(title)
        if field is None:
            if not _prose(lines) and top_title is None and not data.get("about"):
                top_title = title  # a bare "# Northwind Solar" title line
                continue
            if _prose(lines):
                extra.append((title, _prose(lines)))
            continue
        if field in ("must_haves", "nice_to_haves", "responsibilities"):
            data[field] = data.get(field, []) + _items(lines)
        elif field == "benefits":
            if "benefits" not in data:
                data["benefits"] = _items(lines)
        else:
            text_ = _prose(lines)
            if text_:
                data[field] = (data[field] + "\n" + text_) if data.get(field) else text_
                if field == "outcomes":
                    data["outcome_items"] = data.get("outcome_items", []) + _items(lines)
    intro = _prose(preamble)
    if intro:
        if data.get("about"):
            extra.insert(0, ("Introduction", intro))
        else:
            data["about"] = intro
    data["extra"] = extra
    from .traits import screen

    return screen(CompanyContext.model_validate(data))


def _read(path: Path) -> str:
    where = str(path)
    if not path.exists():
        raise ContextError(
            f"{where}: no such file; check the path, or run `jdtailor init` to make one"
        )
    if path.is_dir():
        raise ContextError(f"{where}: is a directory; pass the company.md file inside it")
    size = path.stat().st_size
    if size > MAX_CONTEXT_BYTES:
        raise ContextError(
            f"{where}: is {size:,} bytes; a context may be at most {MAX_CONTEXT_BYTES:,} bytes "
            "— keep what a candidate needs to know"
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContextError(
            f"{where}: byte {exc.start}: not UTF-8 text; save the file as UTF-8"
        ) from None
    if not text.strip():
        raise ContextError(
            f"{where}: is empty; describe the company and why it is hiring (see examples/)"
        )
    return text.replace("\r\n", "\n")


def load_context(
    path: str | Path,
    *,
    role: str | None = None,
    seniority: str | None = None,
    location: str | None = None,
    salary: str | None = None,
    company: str | None = None,
    family: str | None = None,
    require_role: bool = True,
) -> CompanyContext:
    """Read company.md and apply command-line overrides (they win over the file)."""
    path = Path(path)
    ctx = parse_context(_read(path), str(path))
    updates: dict[str, Any] = {}
    if role:
        updates["role"] = role.strip()
    if seniority:
        updates["seniority"] = normalize_level(seniority, "--seniority")
        updates["seniority_word"] = seniority.strip().lower()
    if location:
        updates["location"] = location.strip()
    if salary:
        updates["salary"] = parse_salary(salary, "--salary")
    if company:
        updates["company"] = company.strip()
    if family:
        updates["family"] = family.strip()
    if updates:
        from .traits import screen

        ctx = screen(ctx.model_copy(update=updates))
    if require_role and not ctx.role:
        raise ContextError(f"{path}: no role given; add `role:` to the front matter or pass --role")
    return ctx
