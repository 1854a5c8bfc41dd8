"""The evaluation suite file: cases, their contexts and what each draft must show.

A suite is YAML::

    name: jdtailor built-in suite
    cases:
      - id: cedar-ridge-am
        context: contexts/cedar-ridge-am.md     # relative to the suite file
        options: {seniority: senior}            # same overrides as `draft`
        tags: [hybrid, usd]
        expect:
          family: account-management
          level: senior
          pay: present                          # present | absent
          benefits: present
          max_requirements: 7
          must_mention: [renewal]
          must_not_mention: [rockstar]
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError, field_problems

MAX_FIXTURE_BYTES = 5_000_000  # a suite, pairs file or baseline report; ours are ~50 KB

__all__ = ["Case", "CaseOptions", "Expectations", "Suite", "load_suite"]

SUITE_FILE = "suite.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expectations(_Strict):
    """What a good draft for the case shows; every field is optional."""

    family: str | None = None
    level: Literal["entry", "mid", "senior", "lead"] | None = None
    pay: Literal["present", "absent"] | None = None
    benefits: Literal["present", "absent"] | None = None
    workplace: Literal["onsite", "hybrid", "remote"] | None = None
    max_requirements: int | None = Field(default=None, ge=1)
    must_mention: list[str] = Field(default_factory=list)
    must_not_mention: list[str] = Field(default_factory=list)
    title_contains: str | None = None
    # Words a posting for this job uses ("vaccines", "anesthesia"); the fit scorer wants
    # half of them in the summary, duties and requirements.
    vocabulary: list[str] = Field(default_factory=list)


class CaseOptions(_Strict):
    """Command-line overrides, as `jdtailor draft` takes them."""

    role: str | None = None
    seniority: str | None = None
    location: str | None = None
    salary: str | None = None
    company: str | None = None


class Case(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    context: str
    # A posting written elsewhere (Markdown, text or posting JSON), relative to the
    # suite file: scored as it stands instead of drafting one.
    posting: str | None = None
    description: str | None = None
    options: CaseOptions = Field(default_factory=CaseOptions)
    tags: list[str] = Field(default_factory=list)
    expect: Expectations = Field(default_factory=Expectations)

    def context_path(self, root: Path) -> Path:
        return root / self.context


class Suite(_Strict):
    name: str = "jdtailor evaluation suite"
    description: str | None = None
    cases: list[Case] = Field(min_length=1)
    root: Path = Field(default=Path("."), exclude=True)

    def select(self, ids: list[str]) -> Suite:
        """The suite with only the cases named (in suite order)."""
        known = {c.id for c in self.cases}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise InputError(
                f"--case {unknown[0]!r}: no such case in the suite; known cases: "
                + ", ".join(sorted(known))
            )
        wanted = set(ids)
        return self.model_copy(update={"cases": [c for c in self.cases if c.id in wanted]})


def _where(exc: ValidationError, raw: object) -> str:
    first = field_problems(exc, unknown="unknown key; check the spelling against evals/README.md")[
        0
    ]
    loc = list(first.loc)
    place = first.place
    if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int) and isinstance(raw, dict):
        cases = raw.get("cases")
        if isinstance(cases, list) and loc[1] < len(cases) and isinstance(cases[loc[1]], dict):
            case_id = cases[loc[1]].get("id")
            if case_id:
                place = f"case {case_id!r}: " + ".".join(str(p) for p in loc[2:])
    return f"{place}: {first.message}"


def read_fixture_yaml(path: Path, what: str) -> object:
    """The parsed YAML of an eval fixture file (suite, pairs), bounded and safe; every
    fault is one InputError naming the file, the line and the fix."""
    from ..reading.files import read_text_file
    from ..reading.safeyaml import YamlError, load_yaml

    text = read_text_file(path, limit=MAX_FIXTURE_BYTES, what=what)
    try:
        return load_yaml(text)
    except YamlError as exc:
        line = f"line {exc.line}: " if exc.line else ""
        raise InputError(f"{path}: {line}not valid YAML ({exc.problem}); fix the {what}") from None


def load_suite(path: str | Path) -> Suite:
    """Read a suite file (or a directory holding suite.yaml) and check its cases exist."""
    path = Path(path)
    if path.is_dir():
        path = path / SUITE_FILE
    if not path.is_file():
        raise InputError(f"{path}: no such suite file; pass a suite YAML or a folder with one")
    raw = read_fixture_yaml(path, "suite file")
    if not isinstance(raw, dict):
        raise InputError(f"{path}: a suite is a mapping with a `cases:` list")
    try:
        suite = Suite.model_validate({**raw, "root": path.parent})
    except ValidationError as exc:
        raise InputError(f"{path}: {_where(exc, raw)}") from None
    seen: set[str] = set()
    for case in suite.cases:
        if case.id in seen:
            raise InputError(f"{path}: case {case.id!r} appears twice; ids must be unique")
        seen.add(case.id)
        if not case.context_path(suite.root).is_file():
            raise InputError(
                f"{path}: case {case.id!r}: context {case.context} not found next to the suite"
            )
    return suite
