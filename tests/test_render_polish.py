"""Header and page details: no repeated workplace, remote regions as countries in
JSON-LD (and on stderr what was read how), an apply button near the top."""

from __future__ import annotations

import json

import pytest

from jdtailor.cli import app
from jdtailor.render import render

from ._render_support import make_posting

EUROPE = "Remote (Europe, within CET ±2 hours)"


def test_the_facts_line_does_not_repeat_remote():
    md = render(make_posting(workplace="remote", location=EUROPE), "md")
    assert f"**Location:** {EUROPE} ·" in md
    assert "(remote)" not in md
    hybrid = render(make_posting(), "md")
    assert "**Location:** Portland, OR, USA (hybrid)" in hybrid


def test_markdown_without_the_label_still_reads_back_as_remote(runner, tmp_path):
    saved = tmp_path / "post.md"
    saved.write_text(render(make_posting(workplace="remote", location=EUROPE), "md"), "utf-8")
    result = runner.invoke(app, ["render", str(saved), "-f", "json"])
    data = json.loads(result.stdout)
    assert (data["workplace"], data["location"]) == ("remote", EUROPE)


def _ld(runner, tmp_path, location):
    saved = tmp_path / "post.json"
    posting = make_posting(workplace="remote", location=location)
    saved.write_text(posting.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(saved), "-f", "jsonld"])
    assert result.exit_code == 0, result.output
    area = json.loads(result.stdout)["applicantLocationRequirements"]
    names = [a["name"] for a in area] if isinstance(area, list) else [area["name"]]
    return names, result.stderr


@pytest.mark.parametrize(
    ("location", "countries"),
    [
        ("Remote - Germany or Netherlands", ["DE", "NL"]),
        ("Remote (US and Canada)", ["US", "CA"]),
        ("Remote from Spain, Portugal or France", ["ES", "PT", "FR"]),
        ("Remote in the UK & Ireland", ["GB", "IE"]),
    ],
)
def test_country_lists_become_countries(runner, tmp_path, location, countries):
    names, stderr = _ld(runner, tmp_path, location)
    assert names == countries
    assert stderr == ""


def test_regions_and_time_zones_are_expanded_and_said(runner, tmp_path):
    names, stderr = _ld(runner, tmp_path, EUROPE)
    assert {"DE", "FR", "GB", "CH", "NO"} <= set(names) and "US" not in names
    assert stderr == (
        "jdtailor: JSON-LD: read 'Europe' as the EU, the EEA, Switzerland and the UK\n"
    )
    names, stderr = _ld(runner, tmp_path, "Remote, ET ±3 hours")
    assert names == ["US"]
    assert "read the time zone 'ET ±3 hours' as the US" in stderr


def test_what_cannot_be_mapped_is_said(runner, tmp_path):
    names, stderr = _ld(runner, tmp_path, "Remote (LATAM)")
    assert names == ["LATAM"]
    assert "could not read 'Remote (LATAM)' as countries" in stderr
    names, stderr = _ld(runner, tmp_path, "Remote (Germany or Mars)")
    assert names == ["DE"]
    assert "could not read 'Mars' as a country" in stderr


def test_the_page_has_an_apply_button_above_the_summary():
    page = render(make_posting(), "html")
    button = '<a class="apply-button" href="https://northwind.example/jobs/am">'
    assert button in page
    assert page.index(button) < page.index('<section class="summary">')
    assert "Apply at https://northwind.example/jobs/am" in page  # and still at the bottom
    assert 'class="apply-button"' not in render(make_posting(apply="Ask at the front desk"), "html")
