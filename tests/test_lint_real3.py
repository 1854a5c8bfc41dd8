"""Lint on pasted postings of ordinary jobs, round 3: each test is a small posting we
wrote in the shape of one a real job board or employer page produced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.lint import lint_text, parse_text

from .conftest import EXAMPLES


def _rules(text: str) -> dict[str, str]:
    """rule -> severity of each finding (the most severe when a rule fires twice)."""
    out: dict[str, str] = {}
    for f in lint_text(text).findings:
        if f.rule not in out or ["error", "warning", "info"].index(f.severity) < [
            "error", "warning", "info",
        ].index(out[f.rule]):  # fmt: skip
            out[f.rule] = f.severity
    return out


@pytest.mark.parametrize(
    ("first_line", "title", "company", "location"),
    [
        ("CDL-A - Regional Truck Driver", "CDL-A Regional Truck Driver", None, None),
        ("Class B - Delivery Drivers (Home Daily)", "Class B Delivery Drivers (Home Daily)",
         None, None),
        ("Line Cook - Downtown", "Line Cook", None, "Downtown"),
        ("Prep Cook - Riverside Diner", "Prep Cook", "Riverside Diner", None),
        ("Riverside Diner - Prep Cook", "Prep Cook", "Riverside Diner", None),
        ("Dishwasher at Riverside Diner", "Dishwasher", "Riverside Diner", None),
    ],
)  # fmt: skip
def test_a_dashed_title_keeps_the_job_whichever_side_it_is_on(
    first_line: str, title: str, company: str | None, location: str | None
) -> None:
    doc = parse_text(f"{first_line}\n\nWe need help on weekends.\n")
    assert doc.title is not None and doc.title.text == title
    assert doc.company == company
    assert (doc.location.text if doc.location else None) == location


RUN_ON = """\
Posted by a staffing board
$34K - 41K a year
Job Title: Grill Cook 2 Reports To: Kitchen Manager Position Type: Full-Time Job Summary: \
The grill cook runs the flat top on busy nights and keeps the station stocked. \
Key Responsibilities: * Grill Work: Cook burgers and steaks to temperature. * Station Care: \
Clean the flat top at close. * Physical Requirements: Stand through a five hour shift.
"""


def test_labels_run_together_on_one_line_are_read_one_by_one() -> None:
    doc = parse_text(RUN_ON)
    assert doc.title is not None and doc.title.text == "Grill Cook 2"
    assert doc.pay is not None and doc.pay.kind == "range" and doc.pay.amounts == [34000, 41000]
    assert [s.text.split(":")[0] for s in doc.responsibilities] == [
        "Grill Work", "Station Care", "Physical Requirements",
    ]  # fmt: skip
    assert all(s.line == 3 for s in doc.responsibilities)  # the line as pasted
    assert any(s.text.startswith("The grill cook runs") for s in doc.summary)


def test_schedule_pay_and_benefits_on_one_line() -> None:
    doc = parse_text(
        "Barista\n\nWe pour coffee by the harbour.\n\n"
        "Schedule: weekday mornings Pay: $16-$18 an hour Benefits: free drinks and meals\n"
    )
    assert doc.pay is not None and doc.pay.amounts == [16, 18] and doc.pay.line == 5
    assert [s.text for s in doc.benefits] == ["free drinks and meals"]
    assert [s.text for s in doc.summary][-1] == "Schedule: weekday mornings"


def test_a_line_with_one_label_and_prose_colons_is_left_alone() -> None:
    line = "Note: we close at 9pm on Sundays: plan to stay until 10pm."
    doc = parse_text(f"Server\n\n{line}\n")
    assert [s.text for s in doc.summary] == [line]


MIXED = """\
# Line Cook

A neighbourhood pizzeria needs a cook for the evening line.

PIZZA COOK REQUIREMENTS & RESPONSIBILITIES
- Must have a year on a busy line
- Stretch dough and top pizzas to order
- Able to work weekends and holidays
- Keep the oven station clean through service
"""


def test_a_combined_heading_sorts_each_item_into_duties_or_requirements() -> None:
    doc = parse_text(MIXED)
    assert [s.text for s in doc.requirements] == [
        "Must have a year on a busy line", "Able to work weekends and holidays",
    ]  # fmt: skip
    assert [s.text for s in doc.responsibilities] == [
        "Stretch dough and top pizzas to order", "Keep the oven station clean through service",
    ]  # fmt: skip
    rules = _rules(MIXED)
    assert "structure/no-responsibilities" not in rules
    assert "structure/no-requirements" not in rules


def test_a_capitals_heading_we_do_not_know_ends_the_list_above_it() -> None:
    doc = parse_text(MIXED + "WHAT MAKES YOU GREAT HERE\n- Cheerful at the end of a double\n")
    assert [s.text for s in doc.other] == ["Cheerful at the end of a double"]
    assert len(doc.requirements) == 2 and len(doc.responsibilities) == 2


def test_duties_and_responsibilities_is_not_a_combined_heading() -> None:
    doc = parse_text(MIXED.replace("REQUIREMENTS & RESPONSIBILITIES", "DUTIES AND TASKS"))
    assert len(doc.responsibilities) == 4 and not doc.requirements


WORDING = """\
# Front Desk Agent

Our harbour hotel needs a front desk agent for the evening shift, four nights a week.

## Responsibilities
- Check guests in and out
- Answer the phone and book rooms
- Balance the cash drawer at close

## Requirements
- A year at a front desk or a till
{line}
"""


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("- Well-groomed and neat appearance", "inclusion/appearance"),
        ("- Must have reliable transportation", "inclusion/transportation"),
        ("- Complaining and negativity will not be tolerated", "inclusion/hostile-tone"),
    ],
)
def test_looks_a_car_and_threats_are_warnings(line: str, rule: str) -> None:
    assert _rules(WORDING.format(line=line)).get(rule) == "warning"
    assert rule not in _rules(WORDING.format(line="- Calm with upset guests"))


def test_a_car_for_a_job_that_drives_and_a_policy_line_are_not_flagged() -> None:
    driving = WORDING.format(line="- Must have reliable transportation").replace(
        "- Answer the phone and book rooms", "- Run the airport shuttle route twice a night"
    )
    assert "inclusion/transportation" not in _rules(driving)
    policy = WORDING.format(line="- Harassment of guests or staff will not be tolerated")
    assert "inclusion/hostile-tone" not in _rules(policy)


def test_a_json_posting_with_a_context_holds_each_bullet_to_the_item_it_cites(
    runner, tmp_path: Path
) -> None:
    ctx = str(EXAMPLES / "northwind-solar" / "company.md")
    drafted = runner.invoke(app, ["draft", "-c", ctx, "-f", "json"])
    assert drafted.exit_code == 0, drafted.output
    data = json.loads(drafted.stdout)
    cited = next(b for b in data["responsibilities"] if not b["sources"][0].startswith("context:"))
    cited["text"] = "Paint the warehouse floor yellow every spring"
    path = tmp_path / "posting.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["lint", str(path), "-c", ctx, "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "fabrication/citation" in rules


def test_a_corpus_that_will_not_load_skips_the_citation_check_and_says_so(
    runner, tmp_path: Path
) -> None:
    ctx = str(EXAMPLES / "northwind-solar" / "company.md")
    drafted = runner.invoke(app, ["draft", "-c", ctx, "-f", "json"])
    path = tmp_path / "posting.json"
    path.write_text(drafted.stdout, encoding="utf-8")
    bad = tmp_path / "corpus"
    bad.mkdir()
    (bad / "broken.yaml").write_text("family: [unclosed\n", encoding="utf-8")
    result = runner.invoke(
        app, ["lint", str(path), "-c", ctx, "--corpus", str(bad), "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    assert "citation check skipped" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "title", "company"),
    [
        ("Skip to content\n\nLogo\nHarbor Inn\n\nFront Desk Clerk\n\nWe run a small inn.\n",
         "Front Desk Clerk", "Harbor Inn"),
        ("Home › Jobs › Kitchen › Dishwasher\nDishwasher\nWe wash a lot of plates.\n",
         "Dishwasher", None),
        ("Title:\n\nHOST\n\nReports to:\n\nFloor Manager\n", "HOST", None),
        ("Registered Nurse - Night Shift ICU\n\nWe care for the very ill.\n",
         "Registered Nurse", None),
    ],
)  # fmt: skip
def test_page_furniture_and_a_title_label_on_its_own_line(
    text: str, title: str, company: str | None
) -> None:
    doc = parse_text(text)
    assert doc.title is not None and doc.title.text == title
    assert doc.company == company


@pytest.mark.parametrize(
    ("line", "kind", "amounts"),
    [
        ("Basic wage rate of pay: $12.50/hr. to $15.00/hr. by experience.", "range", [12.5, 15]),
        ("Salary range $40,100 $52,300 (grade B2)", "range", [40100, 52300]),
        ("Wages: $5.50 + tips", "single", [5.5]),
    ],
)
def test_pay_written_the_way_boards_and_public_employers_write_it(
    line: str, kind: str, amounts: list[float]
) -> None:
    doc = parse_text(f"# Busser\n\nWe clear tables.\n\n{line}\n")
    assert doc.pay is not None and (doc.pay.kind, doc.pay.amounts) == (kind, amounts)


def test_functions_headings_table_rows_and_glued_sentences() -> None:
    doc = parse_text(
        "# Custodian\n\nOur school needs a night custodian.\n\n"
        "Essential Functions:\n|\nSweep and mop the halls\n|\n|\nEmpty the bins in each room\n|\n"
        "Requirements :\n"
        "A year of cleaning work preferred.Able to work evenings.Able to read safety labels.\n"
    )
    assert [s.text for s in doc.responsibilities] == [
        "Sweep and mop the halls", "Empty the bins in each room",
    ]  # fmt: skip
    assert [s.text for s in doc.requirements] == [
        "A year of cleaning work preferred.", "Able to work evenings.",
        "Able to read safety labels.",
    ]  # fmt: skip
    assert {s.line for s in doc.requirements} == {13}  # the line as pasted


def test_a_capitals_subheading_right_under_a_heading_stays_in_its_section() -> None:
    doc = parse_text(
        "# Server\n\nA diner by the station.\n\nDUTIES AND RESPONSIBILITIES\n"
        "FRONT OF HOUSE\n- Greet and seat guests\n- Take orders at the table\n"
    )
    assert [s.text for s in doc.responsibilities] == [
        "Greet and seat guests", "Take orders at the table",
    ]  # fmt: skip


def test_appearance_words_beside_a_real_dress_rule_are_info() -> None:
    text = WORDING.format(line="- Well groomed, in a clean uniform and non-slip shoes")
    assert _rules(text).get("inclusion/appearance") == "info"


def test_a_pay_line_atop_a_board_page_is_the_pay_whatever_follows() -> None:
    doc = parse_text(
        "$38K - 44K a year\nAnswer customer calls and chats for a satellite internet service.\n"
        "Our investors and revenue grew; we need more help on the phones.\n"
    )
    assert doc.pay is not None and doc.pay.amounts == [38000, 44000] and doc.pay.line == 1


def test_citizenship_or_a_green_card_required_is_a_citizenship_finding() -> None:
    text = WORDING.format(
        line="- U.S. citizenship or permanent residency (green card holder) is required"
    )
    assert _rules(text).get("inclusion/citizenship") == "error"
