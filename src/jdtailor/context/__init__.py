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
from ..reading.clean import clean_text, one_line, shown
from ..reading.html import strip_html
from ..reading.markdown import atx_heading, bullet, fence, front_matter_end
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
    # A pasted posting (context/pasted.py): the line the role was taken from, and
    # (line, text) the posting wrote that fits no section; the CLI names both.
    pasted: bool = False  # read as a posting: the company said all it meant to
    role_from: int | None = None
    left_out: list[tuple[int, str]] = Field(default_factory=list)
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
    raise ContextError(f"{where}: unknown seniority {shown(value)}; use one of {', '.join(LEVELS)}")


def _choice(
    value: str, words: dict[str, str], valid: tuple[str, ...], what: str, where: str
) -> str:
    key = re.sub(r"\s+", " ", value.strip().lower().replace("_", "-"))
    if key in words:
        return words[key]
    raise ContextError(f"{where}: unknown {what} {shown(value)}; use one of {', '.join(valid)}")


# ---------------------------------------------------------------- markdown


def _bullet_text(line: str) -> str | None:
    found = bullet(line)
    return None if found is None else found[1]


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
        item = _bullet_text(line)
        if not stripped or item is not None:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if item:
                paragraphs.append(item)
            continue
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(p for p in paragraphs if p)


def _items(lines: list[str]) -> list[str]:
    """Bullet items of a section; without bullets, one item per paragraph line."""
    bullets = [b for line in lines if (b := _bullet_text(line)) is not None]
    if bullets:
        return [b for b in bullets if b]
    text = _prose(lines)
    return [p.strip() for p in text.split("\n") if p.strip()]


def _split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts)."""
    from ..reading.safeyaml import YamlError, load_yaml

    lines = text.split("\n")
    end = front_matter_end(lines)
    if end is None:
        return {}, text, 1
    if end == -1:
        raise ContextError(
            f"{where}: line 1: front matter opened with '---' is never closed; "
            "add a '---' line after it"
        )
    try:
        data = load_yaml("\n".join(lines[1:end]))
    except YamlError as exc:
        line = f"line {exc.line + 1}: " if exc.line is not None else ""
        raise ContextError(
            f"{where}: {line}front matter is not valid YAML ({exc.problem}); "
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
    text = clean_text(text)
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
        if value is not None and one_line(str(value)):
            data[key] = one_line(str(value))
    role = one_line(fm.role or fm.title or "")
    if role:
        data["role"] = role
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
        data["benefits"] = [one_line(str(b), 400) for b in benefits if one_line(str(b))]

    # Sections: text before the first heading, then one block per heading.
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    in_fence = False
    for line in body.split("\n"):
        if fence(line):
            in_fence = not in_fence
        heading = None if in_fence else atx_heading(line)
        if heading:
            sections.append((heading[1], []))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)

    if not raw and not any(_field_for_heading(t) in _OWN_SECTIONS for t, _ in sections):
        from .pasted import read_pasted
        from .traits import screen

        # Not written the company.md way: a posting pasted from a job board, or prose.
        fields, found = read_pasted(*_as_posting(text, body))
        if found is not None:
            data["role"], data["role_from"] = found
        if fields is not None:
            return screen(CompanyContext.model_validate(data | fields))

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


# Sections only a company.md has: a file with one of them is read the documented way.
_OWN_SECTIONS = ("why_hiring", "outcomes")


def _as_posting(text: str, body: str) -> tuple[str, list[int] | None]:
    """The text the posting reader reads: a saved job page as its lines (headings and
    list items kept, with the file line each came from), else the body as it is."""
    from ..reading.html import html_to_text, looks_like_html

    if looks_like_html(text):
        return html_to_text(text)
    return body, None


def _read(path: Path) -> str:
    from ..reading.files import read_text_file

    where = str(path)
    if not path.exists() and not path.is_symlink():
        raise ContextError(
            f"{where}: no such file; check the path, or run `jdtailor init` to make one"
        )
    text = read_text_file(
        path, limit=MAX_CONTEXT_BYTES, error=ContextError, what="company.md",
        big_hint=f"a context may be at most {MAX_CONTEXT_BYTES:,} bytes "
        "— keep what a candidate needs to know",
    )  # fmt: skip
    if not text.strip():
        raise ContextError(
            f"{where}: is empty; describe the company and why it is hiring (see examples/)"
        )
    return text


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
        updates["role"] = one_line(role)
        updates["role_from"] = None
    if seniority:
        updates["seniority"] = normalize_level(seniority, "--seniority")
        updates["seniority_word"] = seniority.strip().lower()
    if location:
        updates["location"] = one_line(location)
    if salary:
        updates["salary"] = parse_salary(salary, "--salary")
    if company:
        updates["company"] = one_line(company)
    if family:
        updates["family"] = family.strip()
    if updates:
        from .traits import screen

        ctx = screen(ctx.model_copy(update=updates))
    if require_role and not ctx.role:
        raise ContextError(f"{path}: no role given; add `role:` to the front matter or pass --role")
    return ctx
