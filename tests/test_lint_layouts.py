"""Postings as people paste them: web layouts read right, bad ones rank below clean ones."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from jdtailor.lint import lint_file, lint_text, parse_text
from jdtailor.lint.readability import fk_grade, syllables

from ._lint_samples import CLEAN as OUR_CLEAN
from ._web_postings import BAD, CLEAN, SECTIONS


def _report(name: str, text: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    suffix = ".html" if text.lstrip().startswith("<") else ".md"
    path = tmp_path / f"{name}{suffix}"
    path.write_text(text, encoding="utf-8")
    return lint_file(path)


@pytest.mark.parametrize("name", [n for n in CLEAN if not CLEAN[n].lstrip().startswith("<")])
def test_each_layout_is_read_into_its_sections(name: str) -> None:
    doc = parse_text(CLEAN[name])
    want = SECTIONS[name]
    assert doc.title is not None and doc.title.text == want["title"]
    if "company" in want:
        assert doc.company == want["company"]
    for section in ("responsibilities", "requirements", "benefits"):
        if section in want:
            got = [s.text for s in getattr(doc, section)]
            assert len(got) == want[section], (section, got)
    assert doc.pay is not None and doc.pay.kind == want["pay"]


@pytest.mark.parametrize("name", list(CLEAN))
def test_clean_layouts_get_no_errors_and_no_missing_sections(name: str, tmp_path: Path) -> None:
    report = _report(name, CLEAN[name], tmp_path)
    errors = [f"{f.rule}: {f.text}" for f in report.findings if f.severity == "error"]
    assert errors == []
    missing = [f.rule for f in report.findings if f.rule.startswith(("structure/no-", "title/"))]
    assert [r for r in missing if r != "structure/no-why"] == []


def test_layout_details() -> None:
    # the header line's facts: location and pay, and no line of it read as the title
    doc = parse_text(CLEAN["pipe_header"])
    assert doc.location is not None and doc.location.text == "Denver, CO"
    assert doc.pay is not None and doc.pay.amounts == [130000, 160000]
    assert doc.title is not None and doc.title.line == 1
    # "Benefits: ..." on one line is the benefits, not a paragraph of prose
    assert [b.text for b in doc.benefits][0].startswith("medical and dental cover")
    # perks in a numbered list are benefits, never must-haves
    bold = parse_text(CLEAN["bold_lines"])
    assert not any("Retirement" in r.text for r in bold.requirements)
    # "##Requirements" keeps its line number, and the rewritten lines keep theirs
    doc = parse_text(CLEAN["no_space_headings"])
    assert (
        doc.requirements[0].line
        == CLEAN["no_space_headings"]
        .split("\n")
        .index("- Two years in account management or customer success.")
        + 1
    )
    # front matter names the title even though the body never repeats it
    fm = parse_text(CLEAN["front_matter"])
    assert fm.title is not None and fm.title.line == 2


def test_a_wrapped_paragraph_under_a_heading_stays_one_paragraph() -> None:
    doc = parse_text(
        "# Cook\n\nResponsibilities\nYou will prep the line each morning and keep\n"
        "the walk-in cooler in order for the evening team.\n"
    )
    assert len(doc.responsibilities) == 1


@pytest.mark.parametrize("name", list(BAD))
def test_each_bad_posting_trips_its_rule(name: str) -> None:
    text, rule = BAD[name]
    report = lint_text(text)
    assert rule in {f.rule for f in report.findings}


def test_bad_postings_rank_below_clean_ones(tmp_path: Path) -> None:
    clean = {n: _report(n, t, tmp_path).score for n, t in CLEAN.items()}
    bad = {n: lint_text(t).score for n, (t, _) in BAD.items()}
    pairs = [(b, c) for b in bad.values() for c in clean.values()]
    below = sum(b < c for b, c in pairs)
    assert below / len(pairs) >= 0.9, (bad, clean)
    assert max(bad.values()) < min(clean.values())


def test_one_serious_fault_costs_more_than_missing_nice_sections() -> None:
    _, rule = BAD["young_team"]
    risky = lint_text(BAD["young_team"][0]).score
    plain = lint_text(re.sub(r"## Benefits\n.*?\n\n", "", BAD["under_35"][0].replace(
        "\nCandidates should be under 35.\n", ""), flags=re.S)).score  # fmt: skip
    assert rule and plain > risky
    # no pay where no law asks for it is a nudge; no pay under a pay law is an error
    texas = lint_text(BAD["pay_law_ny"][0].replace("New York, NY", "Austin, TX")).score
    new_york = lint_text(BAD["pay_law_ny"][0]).score
    assert texas - new_york >= 15


JUNK = {
    "pipes": lambda n: "a | " * n,
    "dashes": lambda n: "Acme - " * n + "\n",
    "hashes": lambda n: "#" * (4 * n) + "x",
    "spaced label": lambda n: ("REQUIREMENTS" + " " * n + ":\n") * 4,
    "plain items": lambda n: "Responsibilities\n" + "Plan the day\n" * (n // 3),
    "one long item": lambda n: "Benefits: " + "x " * (2 * n),
    "addresses": lambda n: "a.example " * (n // 2),
    "quotes": lambda n: "“a b” — " * (n // 2),
}


def _seconds(text: str) -> float:
    start = time.process_time()
    lint_text(text)
    return time.process_time() - start


@pytest.mark.parametrize("name", list(JUNK))
def test_pasted_junk_reads_in_linear_time(name: str) -> None:
    make = JUNK[name]
    small, big = _seconds(make(3_000)), _seconds(make(24_000))  # 8x the input
    assert big < 25 * small + 0.2 and big < 10  # linear, not quadratic (64x)


def test_reading_grade_is_close_to_textstat() -> None:
    textstat = pytest.importorskip("textstat")
    texts = [OUR_CLEAN, *(t for t in CLEAN.values() if not t.lstrip().startswith("<"))]
    diffs = []
    for text in texts:
        pieces = [s.text for s in parse_text(text).body()]
        ours, _ = fk_grade(pieces)
        joined = "\n".join(p if p.rstrip().endswith((".", "!", "?")) else p + "." for p in pieces)
        diffs.append(ours - textstat.flesch_kincaid_grade(joined))
    assert abs(sum(diffs) / len(diffs)) <= 0.3, diffs
    assert [syllables(w) for w in ("experience", "create", "management", "business")] == [
        4, 2, 3, 2,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "Apply at https://ninja-hire.example/rockstar-jobs or jobs@young-guns.example.",
        "“The most aggressive, dominant player in freight,” wrote Logistics Weekly.",
        "Our customers call us “the ninjas of grant writing” — Foundation Review.",
        "You will ship Project Ninja and the Rockstar Games integration.",
        "Named a “Best Place to Work for Young Professionals” by the Business Journal.",
        "You will work on the Salesman plugin for our CRM.",
    ],
)
def test_urls_quotes_by_others_and_product_names_are_not_the_postings_words(line: str) -> None:
    text = CLEAN["front_matter"]
    before = {f.rule for f in lint_text(text).findings}
    after = lint_text(text.replace("## What you'll do", line + "\n\n## What you'll do"))
    assert [f.text for f in after.findings if f.rule not in before] == []


def test_the_postings_own_words_in_quotes_still_count() -> None:
    text = CLEAN["front_matter"].replace(
        "## What you'll do", 'We want a "rockstar" who stays young at heart.\n\n## What you\'ll do'
    )
    rules = {f.rule for f in lint_text(text).findings}
    assert {"inclusion/gimmick-title", "inclusion/age"} <= rules


def test_a_city_names_its_pay_law() -> None:
    text = BAD["pay_law_ny"][0]
    for city, law in (("San Francisco", "California"), ("Seattle", "Washington")):
        report = lint_text(text.replace("New York, NY", city))
        found = [f.message for f in report.findings if f.rule == "structure/pay-transparency"]
        assert found and law in found[0]
    report = lint_text(text.replace("New York, NY", "Portland, OR"))
    assert "structure/pay-transparency" not in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("We are hiring a salesman for our store.", True),
        ("Looking for a foreman to run two crews.", True),
        ("You will ride with a journeyman electrician on a two-person crew.", False),
        ("Confirm each fix with the foreman before sign-off.", False),
        ("Three of our journeyman electricians retire next spring.", False),
        ("A journeyman license is a plus.", False),
    ],
)
def test_gendered_job_nouns_only_for_the_hire(line: str, flagged: bool) -> None:
    rules = {f.rule for f in lint_text("# Electrician\n\n" + line).findings}
    assert ("inclusion/gendered-word" in rules) is flagged


def test_an_age_band_after_a_label_and_a_range_in_a_currency_code() -> None:
    report = lint_text("# Clerk\n\nRequirements:\n- Age limit: 20-40;\n- Two years of filing.\n")
    assert "inclusion/age" in {f.rule for f in report.findings}
    doc = parse_text("# Roles\n\n- Data Engineer ($140,000—$180,000 USD): https://x.example/1\n")
    assert doc.pay is not None and doc.pay.amounts == [140000, 180000]


def test_a_posting_that_opens_on_a_label_has_no_title_and_duties_can_state_pay() -> None:
    doc = parse_text("Requirements:\n- Two years of filing.\n- A forklift licence.\n")
    assert doc.title is None and len(doc.requirements) == 2
    doc = parse_text(
        "# Open roles\n\nWe are hiring for three teams.\n\n"
        "- Data Engineer ($140,000-$180,000 USD)\n- Designer ($110,000-$140,000 USD)\n"
        "- Support Lead ($80,000-$95,000 USD)\n"
    )
    assert doc.pay is not None and doc.pay.kind == "range"


@pytest.mark.parametrize(
    ("first", "title", "company"),
    [
        ("Job Title: Night Porter", "Night Porter", None),
        ("Now Hiring: Dish Crew", "Dish Crew", None),
        ("Dish Crew - Harbor Foods, Inc.", "Dish Crew", "Harbor Foods, Inc."),
        ("Reports to: Shift Lead", None, None),
        ("via Jobboard", None, None),
        ("$16 - $18 an hour", None, None),
    ],
)
def test_the_first_line_is_the_title_only_when_it_names_the_job(
    first: str, title: str | None, company: str | None
) -> None:
    doc = parse_text(f"{first}\n\nWe wash pots for a busy harbour kitchen.\n")
    assert (doc.title.text if doc.title else None) == title
    assert doc.company == company


def test_a_list_with_no_heading_is_read_by_what_it_asks() -> None:
    asks = parse_text(
        "# Kennel Hand\n\nWe care for boarded dogs.\n\n"
        "- High school diploma or equivalent.\n- Must be 18 or older.\n"
        "- Can stay calm with a nervous dog.\n- Clean the runs each morning.\n"
    )
    assert len(asks.requirements) == 4 and not asks.responsibilities
    lead = parse_text(
        "# Gate Guard\n\nEvery guard must meet these standards:\n\n"
        "- Hold a state guard licence.\n- Clear a background check.\n- Pass a drug screen.\n"
    )
    assert len(lead.requirements) == 3
    tasks = parse_text(
        "# Kennel Hand\n\nWe care for boarded dogs.\n\n"
        "- Clean the runs each morning.\n- Walk the dogs twice a day.\n- Log each meal.\n"
    )
    assert len(tasks.responsibilities) == 3 and not tasks.requirements


def test_a_range_whose_ends_carry_their_period_is_a_range() -> None:
    doc = parse_text(
        "# Kennel Hand\n\nStarting wage: $15 per hour.\n\n"
        "The range is $15 per hour to $18 per hour, by experience.\n"
    )
    assert doc.pay is not None and doc.pay.kind == "range" and doc.pay.amounts == [15, 18]


def test_a_line_break_inside_an_html_heading_keeps_one_heading(tmp_path: Path) -> None:
    page = tmp_path / "guard.html"
    page.write_text(
        "<html><body><h1>Gate Guard<br>Night Shift</h1><p>We guard a harbour yard.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    from jdtailor.reading.html import html_to_text

    text, _ = html_to_text(page.read_text(encoding="utf-8"))
    assert parse_text(text).title is not None
    assert parse_text(text).title.text == "Gate Guard Night Shift"  # type: ignore[union-attr]


def test_a_heading_written_as_a_bullet_or_in_capitals_before_a_lead_in() -> None:
    doc = parse_text(
        "# Room Attendant\n\nWe keep a small inn.\n\n"
        "• Requirements\n\n• A year of cleaning work.\n• Weekend shifts.\n\n"
        "• Responsibilities\n\n• Make the beds.\n• Restock the carts.\n"
    )
    assert [s.text for s in doc.requirements] == ["A year of cleaning work.", "Weekend shifts."]
    assert [s.text for s in doc.responsibilities] == ["Make the beds.", "Restock the carts."]
    caps = parse_text(
        "# Room Attendant\n\nWe keep a small inn.\n\n"
        "MAIN DUTIES These include, among others:\n"
        "Makes the beds in each room\nRestocks the carts\nEmpties the bins\n"
    )
    assert len(caps.responsibilities) == 3
    # a short bullet that merely contains a section word stays an item
    item = parse_text("# Clerk\n\nRequirements:\n\n- Good math skills\n- Two years of filing.\n")
    assert len(item.requirements) == 2


def test_a_sentence_before_a_pay_label_stays_the_summary_and_gives_the_pay() -> None:
    doc = parse_text(
        "Route Driver - Bluewater Freight LLC\n\n"
        "Home every night. Pay: $0.58 - $0.66 per mile.\n\n"
        "Requirements:\n- Class A CDL.\n"
    )
    assert [s.text for s in doc.summary] == ["Home every night. Pay: $0.58 - $0.66 per mile."]
    assert doc.pay is not None and doc.pay.amounts == [0.58, 0.66]
    assert not doc.benefits
