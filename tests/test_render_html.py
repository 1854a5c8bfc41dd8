"""The HTML page: escaping, embedded JSON-LD, user templates in the sandbox."""

from __future__ import annotations

import pytest

from jdtailor.cli import app
from jdtailor.errors import InputError
from jdtailor.render import render

from ._render_support import DATE, make_posting, page_jsonld, parse_page, validate_jsonld

HOSTILE = """---
company: Acme <script>alert("co")</script>
role: Account Manager
location: Portland, OR, USA
salary: "72000-95000 USD/year"
benefits:
  - Free lunch <img src=x onerror=alert(1)>
apply: "javascript:alert(1)"
---
## About us

We build <b>tools</b> & more. </script><script>alert("about")</script>

## Why we're hiring

Our clients are waiting &lt;script&gt;alert("why")&lt;/script&gt; too long for answers.
We need someone to own the renewal book.

## Must-haves

- Three years <iframe src="https://evil.example"></iframe> managing accounts
"""


def test_context_html_is_escaped_everywhere(runner, write_context):
    context = write_context(HOSTILE)
    result = runner.invoke(app, ["draft", "-c", str(context), "-f", "html", "--date", DATE])
    assert result.exit_code == 0, result.output
    html = result.stdout
    page = parse_page(html)
    # No tag from the context became markup.
    assert set(page.tags) <= {
        "html", "head", "meta", "title", "link", "style", "script", "body", "main", "header",
        "h1", "span", "dl", "div", "dt", "dd", "section", "p", "h2", "ul", "li", "strong", "a",
        "small",
    }  # fmt: skip
    assert "iframe" not in page.tags and "img" not in page.tags and "b" not in page.tags
    scripts = page.scripts
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/ld+json"]
    assert "<script>alert" not in html
    # Tags pasted into company.md's sections are stripped when it is read; text that only
    # looks like a tag once its entities are decoded must still be escaped on the page.
    assert 'alert("about")' not in html and "alert(&#34;about&#34;)" not in html
    assert "&lt;script&gt;alert(&#34;why&#34;)&lt;/script&gt;" in html
    assert "Free lunch &lt;img src=x onerror=alert(1)&gt;" in html
    # The JSON-LD block cannot be closed early, and still parses to the same text.
    assert html.count("</script>") == 1
    data = page_jsonld(html)
    validate_jsonld(data)
    assert data["hiringOrganization"]["name"] == 'Acme <script>alert("co")</script>'
    assert "&lt;script&gt;" in data["description"]
    # A javascript: apply address is shown as text, never as a link.
    assert page.hrefs == []
    assert "javascript:alert(1)" in " ".join(page.text)


def test_page_is_self_contained_and_printable():
    html = render(make_posting(), "html", date_posted=DATE)
    assert "<style>" in html and "@media print" in html
    assert "http" not in html.split("<body>")[0].replace("https://schema.org/", "").replace(
        "https://northwind.example/jobs/am", ""
    )
    assert '<a class="apply-link" href="https://northwind.example/jobs/am">' in html


def test_show_sources_adds_the_citations():
    html = render(make_posting(), "html", date_posted=DATE, show_sources=True)
    assert '<small class="sources">[context:must_haves]</small>' in html
    assert "sources" not in render(make_posting(), "html", date_posted=DATE).split("</style>")[1]


def test_a_posting_google_cannot_take_still_renders_without_json_ld():
    html = render(make_posting(location=None), "html")
    assert "application/ld+json" not in html
    assert "Senior Account Manager" in html


def test_user_template_extends_the_builtin_and_overrides_a_block(tmp_path):
    (tmp_path / "posting.html").write_text(
        '{% extends "builtin/posting.html" %}'
        "{% block footer %}<footer>Equal opportunity employer. {{ posting.company }}</footer>"
        "{% endblock %}",
        encoding="utf-8",
    )
    html = render(make_posting(company="A&B <Co>"), "html", date_posted=DATE, template_dir=tmp_path)
    assert "<footer>Equal opportunity employer. A&amp;B &lt;Co&gt;</footer>" in html
    assert "<h2>What you&#39;ll do</h2>" in html or "<h2>What you'll do</h2>" in html
    assert "application/ld+json" in html


def test_user_can_replace_only_the_stylesheet(tmp_path):
    (tmp_path / "style.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    html = render(make_posting(), "html", date_posted=DATE, template_dir=tmp_path)
    assert "rebeccapurple" in html
    assert "--accent" not in html


def test_user_templates_are_sandboxed(runner, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "posting.html").write_text(
        "{{ posting.__class__.__init__.__globals__ }}", encoding="utf-8"
    )
    with pytest.raises(InputError, match="refused by the sandbox|unsafe"):
        render(make_posting(), "html", date_posted=DATE, template_dir=templates)

    saved = tmp_path / "posting.json"
    saved.write_text(make_posting().model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "--template-dir", str(templates)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_template_errors_are_one_line(runner, tmp_path):
    (tmp_path / "posting.html").write_text("{% for x in %}", encoding="utf-8")
    saved = tmp_path / "posting.json"
    saved.write_text(make_posting().model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "--template-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "posting.html: line 1: " in result.stderr
    assert "fix the template" in result.stderr

    result = runner.invoke(app, ["render", str(saved), "--template-dir", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "--template-dir is not a directory" in result.stderr


def test_undefined_variables_in_a_user_template_are_errors(tmp_path):
    (tmp_path / "posting.html").write_text("{{ posting.salary_band }}", encoding="utf-8")
    with pytest.raises(InputError, match="salary_band"):
        render(make_posting(), "html", template_dir=tmp_path)


@pytest.mark.parametrize(
    ("apply", "href"),
    [
        ("https://acme.example/jobs/1", "https://acme.example/jobs/1"),
        ("jobs@acme.example", "mailto:jobs@acme.example"),
        ("javascript:alert(1)", None),
        ("Send a letter to our office", None),
    ],
)
def test_apply_becomes_a_link_only_for_web_and_mail_addresses(apply, href):
    page = parse_page(render(make_posting(apply=apply), "html", date_posted=DATE))
    assert page.hrefs == ([href, href] if href else [])  # the button at the top, the address
    assert apply in " ".join(page.text)


def test_draft_html_without_location_says_the_page_has_no_json_ld(runner, write_context):
    context = write_context(
        "---\ncompany: Fern & Finch\nrole: Account Manager\n---\n## Why we're hiring\n\n"
        "Two of our largest clients renew next spring and need a steady contact.\n"
    )
    result = runner.invoke(app, ["draft", "-c", str(context), "-f", "html"])
    assert result.exit_code == 0, result.output
    assert "application/ld+json" not in result.stdout
    assert "the page has no JSON-LD for Google for Jobs, which requires a location" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        (b"\xa9 not text", "posting.html: byte 0: not UTF-8 text; save the file as UTF-8"),
        (b"{{ 1/0 }}", "the template failed (ZeroDivisionError"),
        (b"{% for i in range(10**9) %}x{% endfor %}", "the template failed (OverflowError"),
    ],
)
def test_a_user_template_failing_as_it_runs_is_one_line(runner, tmp_path, template, expect):
    (tmp_path / "posting.html").write_bytes(template)
    saved = tmp_path / "posting.json"
    saved.write_text(make_posting().model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "--template-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert expect in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
