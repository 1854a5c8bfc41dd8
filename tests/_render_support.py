"""Helpers the output-format tests share."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jdtailor.context import parse_context
from jdtailor.posting import Bullet, JobPosting, Pay

from .conftest import EXAMPLES

DATE = "2026-11-23"
SCHEMA_PATH = Path(__file__).with_name("jsonld_schema.json")
FORMATS = ("md", "json", "html", "txt", "jsonld")


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*/company.md"))


def example_args(path: Path) -> list[str]:
    """``draft`` arguments for an example, supplying only what its file leaves out."""
    ctx = parse_context(path.read_text(encoding="utf-8"), str(path))
    args = ["-c", str(path), "--date", DATE]
    if not ctx.role:
        args += ["--role", "Café Manager"]
    if not ctx.company:
        args += ["--company", "Example Company"]
    if not ctx.location:
        args += ["--location", "Halifax, NS, Canada"]
    return args


def validate_jsonld(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` meets Google's rules."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


def make_posting(**changes: Any) -> JobPosting:
    """A small complete posting; ``changes`` replace fields."""
    data: dict[str, Any] = {
        "title": "Senior Account Manager",
        "company": "Northwind Solar",
        "location": "Portland, OR, USA",
        "workplace": "hybrid",
        "employment_type": "full-time",
        "summary": "We are growing fast. Our clients need one steady contact.",
        "responsibilities": [
            Bullet(text=f"Own renewal plan number {i} for key accounts.", sources=["am.x"])
            for i in range(1, 5)
        ],
        "requirements": [
            Bullet(text=f"Requirement {i} that matters.", sources=["context:must_haves"])
            for i in range(1, 4)
        ],
        "nice_to_haves": [],
        "benefits": ["Medical cover", "401(k) with a 4% match"],
        "pay": Pay(min=88000, max=112000, currency="USD", period="year"),
        "about": "Northwind Solar installs rooftop solar.",
        "apply": "https://northwind.example/jobs/am",
    }
    data.update(changes)
    return JobPosting(**data)


class PageParser(HTMLParser):
    """Collects the text, the script blocks and the tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self.hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "title", "style"):
            self._in, self._attrs = tag, dict(attrs)
            if tag == "script":
                self.scripts.append((dict(attrs), ""))
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif self._in == "title":
            self.title += data
        elif self._in != "style":
            self.text.append(data)


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def page_jsonld(html: str) -> dict[str, Any]:
    """The one JSON-LD block of a page, parsed."""
    blocks = [body for attrs, body in parse_page(html).scripts
              if attrs.get("type") == "application/ld+json"]  # fmt: skip
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])
