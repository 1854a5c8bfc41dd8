"""``jdtailor draft --context old-posting.txt``: a posting pasted from a job board.

Every posting here is a small one written for these tests, in the shapes job
boards produce: a one-line title, label lines ("Duties:"), "·" bullets, plain
lines one per item, and a saved HTML page.
"""

from __future__ import annotations

import re

from jdtailor.cli import app
from jdtailor.context import load_context, parse_context

# A one-line title, a company paragraph, "·" bullets under label lines, pay and perks.
CAFE_POSTING = """\
Barista

Copper Kettle Coffee is a family-owned cafe on Elm Street. We roast our own beans and \
have served the neighbourhood since 2011.

Duties:

· Pull espresso shots and steam milk to our house recipes
· Keep the pastry case stocked and labelled
· Wipe down tables and the condiment bar every hour

· Count the till at close with the shift lead

Requirements:
· At least six months of cafe or restaurant experience
· Comfortable talking with guests all day
· Available on Saturday mornings

Nice to have:
· Some latte art

Location: Elm Street, Dayton, OH
Pay: $15 - $18 per hour
Benefits:
· Free drinks on shift
· A bag of beans every month
"""


def _draft(runner, path, *args: str):
    return runner.invoke(app, ["draft", "--context", str(path), *args])


def _section(markdown: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert m, f"no '## {heading}' in:\n{markdown}"
    return m.group(1).strip("\n") + "\n"


def test_role_comes_from_the_title_line_and_stderr_says_where(runner, write_context):
    path = write_context(CAFE_POSTING, "old-posting.txt")
    result = _draft(runner, path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Barista")
    assert f"{path}: role 'Barista' taken from line 1; pass --role to change it" in result.stderr


def test_the_company_duties_lead_and_its_requirements_are_the_must_haves(runner, write_context):
    result = _draft(runner, write_context(CAFE_POSTING, "old-posting.txt"))
    duties = _section(result.stdout, "What you'll do").strip().split("\n")
    assert duties[:4] == [
        "- Pull espresso shots and steam milk to our house recipes.",
        "- Keep the pastry case stocked and labelled.",
        "- Wipe down tables and the condiment bar every hour.",
        "- Count the till at close with the shift lead.",
    ]
    assert len(duties) <= 6  # corpus duties only fill in after theirs
    needs = _section(result.stdout, "What you'll need")
    assert "- At least six months of cafe or restaurant experience." in needs
    assert "- Available on Saturday mornings." in needs
    assert "- Some latte art." in _section(result.stdout, "Nice to have")


def test_only_the_company_paragraph_is_about_us_and_facts_are_kept(runner, write_context):
    result = _draft(runner, write_context(CAFE_POSTING, "old-posting.txt"))
    out = result.stdout
    assert "Copper Kettle Coffee is a family-owned cafe" in out
    assert "Duties" not in out and "Requirements:" not in out  # no label pasted as prose
    assert "Elm Street, Dayton, OH" in out
    assert "$15–$18 per hour" in out
    benefits = _section(out, "Pay and benefits")
    assert "- Free drinks on shift" in benefits
    assert "- A bag of beans every month" in benefits


def test_no_corpus_item_adds_a_fact_the_posting_never_states(runner, write_context):
    """The barista corpus has drive-thru, licence-card and shift items; this cafe
    never mentions a drive-thru, a food handler card or early shifts."""
    result = _draft(runner, write_context(CAFE_POSTING, "old-posting.txt"))
    out = result.stdout.lower()
    for word in ("drive-thru", "drive thru", "card", "early", "pounds", "holiday"):
        assert word not in out, word


def test_the_job_a_sentence_names_is_the_role(runner, write_context):
    posting = (
        "HIRING NOW: Harbor Lights Diner is looking for a friendly, reliable line cook to "
        "join our kitchen crew.\n\n"
        "Responsibilities include:\n"
        "- Set up the grill station before the lunch rush\n"
        "- Cook orders to ticket times\n"
        "- Clean and restock the line at the end of service\n"
        "- Label and date everything in the walk-in\n"
    )
    result = _draft(runner, write_context(posting, "diner.txt"))
    assert result.exit_code == 0, result.output
    assert "role 'Line Cook' taken from line 1" in result.stderr
    duties = _section(result.stdout, "What you'll do")
    assert duties.startswith("- Set up the grill station before the lunch rush.\n")
    assert "Responsibilities include" not in result.stdout


def test_a_job_title_label_wins_and_plain_lines_are_items(write_context):
    posting = (
        "Ridgeview Animal Clinic\n"
        "Job Title: Veterinary Assistant\n"
        "Schedule: Monday to Friday\n\n"
        "Responsibilities\n"
        "Restrain pets gently for exams\n"
        "Clean kennels and exam rooms\n"
        "Refill prescriptions under a vet's direction\n\n"
        "Qualifications\n"
        "High school diploma\n"
        "Not afraid of big dogs\n"
    )
    ctx = load_context(write_context(posting, "clinic.txt"))
    assert ctx.role == "Veterinary Assistant"
    assert ctx.role_from == 2
    assert ctx.responsibilities == [
        "Restrain pets gently for exams",
        "Clean kennels and exam rooms",
        "Refill prescriptions under a vet's direction",
    ]
    assert ctx.must_haves == ["High school diploma", "Not afraid of big dogs"]


def test_a_saved_html_page_is_read_by_its_headings_and_lists(runner, write_context):
    page = (
        "<!doctype html><html><head><title>Jobs</title></head><body>\n"
        "<h1>Dispatcher</h1>\n"
        "<p>Bluebird Movers runs twelve trucks out of Tacoma.</p>\n"
        "<h2>What you'll do</h2>\n"
        "<ul><li>Book moves over the phone</li><li>Plan each crew's route for the day</li>\n"
        "<li>Call customers the evening before their move</li>"
        "<li>Log mileage and fuel for every truck</li></ul>\n"
        "<h2>What you need</h2>\n"
        "<ul><li>A clear phone voice</li><li>Two years in dispatch or scheduling</li></ul>\n"
        "</body></html>\n"
    )
    result = _draft(runner, write_context(page, "dispatcher.html"))
    assert result.exit_code == 0, result.output
    assert "role 'Dispatcher' taken from line 2" in result.stderr
    duties = _section(result.stdout, "What you'll do")
    assert duties.startswith("- Book moves over the phone.\n- Plan each crew's route for the day.")
    assert "- Two years in dispatch or scheduling." in _section(result.stdout, "What you'll need")
    assert "<li>" not in result.stdout


def test_a_line_that_fits_no_section_is_named_on_stderr(runner, write_context):
    posting = CAFE_POSTING + "\nDress code:\nBlack apron and closed shoes\n"
    path = write_context(posting, "old-posting.txt")
    result = _draft(runner, path)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stderr.split("\n") if "left out of the draft" in x)
    assert line.startswith(f"jdtailor: {path}: left out of the draft (no section fits): ")
    assert "line 28: 'Black apron and closed shoes'" in line
    assert "apron" not in result.stdout


def test_role_flag_wins_and_nothing_is_said_about_the_posting_title(runner, write_context):
    result = _draft(runner, write_context(CAFE_POSTING, "old-posting.txt"), "--role", "Barista")
    assert result.exit_code == 0, result.output
    assert "taken from line" not in result.stderr


def test_no_title_anywhere_keeps_the_one_line_error(runner, write_context):
    posting = "Duties:\n- Sweep the floors\n- Empty the bins\n- Stack the chairs\n"
    result = _draft(runner, write_context(posting, "vague.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "no role given; add `role:` to the front matter or pass --role"
    )
    assert "Traceback" not in result.output


def test_a_company_md_with_its_own_sections_reads_as_before():
    text = (
        "We make ovens.\n\n## Why we're hiring\nOur baker is retiring.\n\n"
        "## Responsibilities\n- Bake bread\n"
    )
    ctx = parse_context(text)
    assert not ctx.pasted and ctx.role is None
    assert ctx.about == "We make ovens."
    assert ctx.why_hiring == "Our baker is retiring."
    assert ctx.responsibilities == ["Bake bread"]


DINER_POSTING = """\
Prep Cook
Reports to: Kitchen Manager
Schedule: Thursday to Sunday, 6am to 2pm

Maple Street Diner has served breakfast in Bend since 1998. We make our hash, \
biscuits and jam from scratch.

Responsibilities:
- Peel, chop and portion vegetables for the line
- Bake the morning biscuits from our recipe
- Label and date every container in the walk-in
- Knowledge of kitchen equipment
- Wash and put away your own station's dishes

Starting pay: $17 per hour
Benefits:
- Employer-paid $20,000 life insurance
- One free meal each shift
"""


def test_the_pay_line_is_the_pay_not_a_perk_worth_a_sum(runner, write_context):
    result = _draft(runner, write_context(DINER_POSTING, "diner.txt"))
    assert result.exit_code == 0, result.output
    assert "**Pay:** $17 per hour" in result.stdout
    assert "$20,000 per year" not in result.stdout
    assert "- Employer-paid $20,000 life insurance" in _section(result.stdout, "Pay and benefits")


def test_label_lines_under_the_title_are_placed_or_named(runner, write_context):
    path = write_context(DINER_POSTING, "diner.txt")
    result = _draft(runner, path)
    assert "Thursday to Sunday, 6am to 2pm" in result.stdout  # the schedule is kept
    left = next(x for x in result.stderr.split("\n") if "left out of the draft" in x)
    assert "line 2: 'Reports to: Kitchen Manager'" in left
    assert "Reports to" not in result.stdout


def test_an_item_that_asks_something_is_a_must_have_not_a_duty(runner, write_context):
    result = _draft(runner, write_context(DINER_POSTING, "diner.txt"))
    assert "Knowledge of kitchen equipment" not in _section(result.stdout, "What you'll do")
    assert "- Knowledge of kitchen equipment." in _section(result.stdout, "What you'll need")
