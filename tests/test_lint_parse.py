"""The posting parser: any Markdown or plain text, ours or anyone's, with line numbers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.lint import lint_posting, lint_text, parse_text
from jdtailor.lint.parse import classify_heading
from jdtailor.pipeline import draft_posting
from jdtailor.posting import Bullet
from jdtailor.render import render

from ._lint_samples import CLEAN
from .conftest import EXAMPLES


def test_markdown_sections_bullets_and_lines() -> None:
    doc = parse_text(CLEAN)
    assert doc.title is not None and doc.title.text == "Senior Account Manager"
    assert doc.title.line == 1
    assert doc.company == "Ones@Zeros Inc."
    assert doc.location is not None and doc.location.text.startswith("Portland, OR, USA")
    assert doc.pay is not None and doc.pay.kind == "range"
    assert doc.pay.amounts == [80000, 98000]
    assert len(doc.responsibilities) == 6 and doc.responsibilities[0].line == 11
    assert len(doc.requirements) == 3 and len(doc.nice_to_haves) == 2
    # the "Pay:" bullet is the pay, not a benefit
    assert [b.text for b in doc.benefits][0].startswith("Medical")
    assert len(doc.benefits) == 3
    assert doc.summary and doc.summary[0].line == 5
    assert doc.about and doc.apply


PLAIN = """\
Warehouse Associate

Location: Aurora, Colorado
Salary: $19 - $23 per hour

We are adding a night shift because orders doubled this year.

Responsibilities
• Pick and pack orders for same-day shipping.
• Load trucks in the order of the route.

Qualifications:
1. Six months in a warehouse or a store.
2) Can use a hand scanner.

Bonus points
- A forklift certificate.
   It may be from any state.
"""


def test_plain_text_headings_and_markers() -> None:
    doc = parse_text(PLAIN)
    assert doc.title is not None and doc.title.text == "Warehouse Associate"
    assert doc.location is not None and doc.location.text == "Aurora, Colorado"
    assert doc.pay is not None and doc.pay.kind == "range" and doc.pay.line == 4
    assert [s.text for s in doc.responsibilities] == [
        "Pick and pack orders for same-day shipping.",
        "Load trucks in the order of the route.",
    ]
    assert [s.line for s in doc.requirements] == [13, 14]
    # an indented line continues the bullet above it
    assert doc.nice_to_haves[0].text == "A forklift certificate. It may be from any state."
    assert doc.summary[0].text.startswith("We are adding a night shift")


def test_prose_only_posting_does_not_crash_and_reports_missing_parts() -> None:
    report = lint_text("We need someone to answer the phones at our clinic.")
    rules = {f.rule for f in report.findings}
    assert {"structure/no-responsibilities", "structure/no-requirements"} <= rules


def test_lint_posting_lines_match_the_markdown_draft_prints() -> None:
    ctx = load_context(EXAMPLES / "northwind-solar" / "company.md")
    draft, _ = draft_posting(ctx, load_corpus([]), OfflineDrafter())
    # one requirement a finding quotes, so the line check below always has work to do
    degree = Bullet(text="A bachelor's degree in business.", sources=["context:must_haves"])
    posting = draft.posting.model_copy(
        update={"requirements": [*draft.posting.requirements[:-1], degree]}
    )
    report = lint_posting(posting, ctx)
    markdown = render(posting, "md").split("\n")
    located = [f for f in report.findings if f.line and f.text]
    assert any(f.rule == "requirements/degree" for f in located), report.findings
    for f in located:
        assert f.line is not None and f.text is not None
        assert f.text in markdown[f.line - 1], f
    # the offline draft is grounded: no fabrication findings against its own context
    assert not [f for f in report.findings if f.family == "fabrication"]
    assert 0 <= report.score <= 100


_PIECES = st.sampled_from(
    list("abcXYZ019 \t\n#-*+•:.,$€%()[]_|—–'\"@/\\")
    + ["\r\n", "## ", "- ", "1. ", "**", "---\n", "```", "Responsibilities", "Pay: ",
       "Location: ", "$80k-$90k", "up to $9", "\u0130", "\u00df", "\x00", "\n\n"]
)  # fmt: skip
_MARKDOWNISH = st.lists(_PIECES, max_size=150).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWNISH)
def test_fuzzed_text_never_raises(text: str) -> None:
    report = lint_text(text)
    assert 0 <= report.score <= 100
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in report.findings:
        assert f.line is None or 1 <= f.line <= len(lines)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text: str) -> None:
    report = lint_text(text)
    assert 0 <= report.score <= 100
    assert report.words >= 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in report.findings:
        assert f.line is None or 1 <= f.line <= len(lines)
        assert f.severity in ("error", "warning", "info")


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("About the role", "summary"),
        ("Who you are", "requirements"),
        ("What you'll bring", "requirements"),
        ("Preferred qualifications", "nice_to_haves"),
        ("Minimum Qualifications", "requirements"),
        ("Key Responsibilities", "responsibilities"),
        ("Day-to-day", "responsibilities"),
        ("Benefits & perks", "benefits"),
        ("Why we're hiring", "why"),
        ("About Northwind Solar", "about"),
        ("How to apply", "apply"),
        ("Our values", None),
    ],
)
def test_heading_names(heading: str, section: str | None) -> None:
    assert classify_heading(heading) == section


_HTML_PIECES = st.sampled_from(
    ["<p>", "</p>", "<li>", "</li>", "<ul>", "<h1>", "</h2>", "<dt>", "</dt>", "<dd>",
     "<script>", "</script>", "<br>", "<!--", "-->", "&amp;", "&#x0;", "<", ">", "\n",
     "Team player", "Pay: $80k-$90k", "Responsibilities", "x", " "]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=80).map("".join))
def test_fuzzed_html_file_never_raises_and_lines_stay_in_the_file(tmp_path_factory, html):
    from jdtailor.errors import PostingFileError
    from jdtailor.lint import lint_file

    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(html, encoding="utf-8")
    try:
        report = lint_file(path)
    except PostingFileError:
        return  # an empty page, or one with no text: one line for the user
    for f in report.findings:
        assert f.line is None or 1 <= f.line <= html.count("\n") + 1
