"""Plain text for applicant-tracking systems: no Markdown, "- " bullets, 80 columns."""

from __future__ import annotations

import pytest

from jdtailor.posting import Bullet
from jdtailor.render import render
from jdtailor.render.txt import plain

from ._render_support import make_posting


def test_long_bullets_wrap_at_80_with_a_hanging_indent():
    text = " ".join(["Coordinate"] + ["renewal"] * 40) + "."
    posting = make_posting(responsibilities=[Bullet(text=text, sources=["am.x"])] * 4)
    out = render(posting, "txt")
    lines = out.splitlines()
    start = lines.index("WHAT YOU'LL DO") + 2
    assert lines[start].startswith("- Coordinate renewal")
    assert lines[start + 1].startswith("  renewal")
    assert all(len(line) <= 80 for line in lines)


def test_a_url_longer_than_a_line_is_not_broken():
    url = "https://northwind.example/" + "careers/" * 12 + "apply"
    out = render(make_posting(apply=url), "txt")
    assert url in out.splitlines()[-1]


def test_layout_reads_as_plain_text():
    out = render(make_posting(), "txt")
    assert out.startswith("Senior Account Manager — Northwind Solar\n\nLocation: Portland, OR, USA")
    assert "\nPay: $88,000–$112,000 per year\n" in out
    assert "\nWHAT YOU'LL NEED\n\n- Requirement 1 that matters.\n" in out
    assert "\nPAY AND BENEFITS\n\n- Pay: $88,000–$112,000 per year\n- Medical cover\n" in out
    assert out.endswith("HOW TO APPLY\n\nApply at https://northwind.example/jobs/am\n")
    assert "#" not in out and "**" not in out


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("We **really** care", "We really care"),
        ("Use __bold__ and *em* and _em_", "Use bold and em and em"),
        ("Run `jdtailor`", "Run jdtailor"),
        ("See [our site](https://acme.example)", "See our site (https://acme.example)"),
        ("<https://acme.example>", "https://acme.example"),
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        ("## Heading", "Heading"),
    ],
)
def test_markdown_from_the_context_is_reduced_to_words(markdown, text):
    assert plain(markdown) == text
