"""Postings in the layouts people paste from the web — all written by us.

Each one mirrors a layout or a phrase pattern seen in real third-party postings
(job boards, careers pages, hiring threads), in our own words. ``SECTIONS`` says
what a reader must find in each; ``BAD`` names the postings a recruiter would stop
(wording that exposes the employer, a broken pay law, bro culture) and the rule
each must trigger; the rest are clean postings lint must rank above every bad one.
"""

from __future__ import annotations

# --------------------------------------------------------------- clean, by layout

# a hiring-thread header: Company | Role | Location | Pay
PIPE_HEADER = """\
Lantern Freight | Backend Engineer | Denver, CO | ONSITE | Full-time | $130k-$160k

We move refrigerated freight for forty regional grocers, and our routing service is
now the bottleneck: a new grocer takes two weeks to onboard. We are hiring a second
backend engineer so that drops to two days.

What you'll work on:
- Build the service that turns a grocer's delivery windows into driver routes.
- Cut the onboarding steps for a new grocer from twelve to three.
- Keep the dispatch API fast during the five o'clock rush.
- Review code with the other backend engineer and the data analyst.

What we look for:
- Three or more years building web services in Python or Go.
- Comfort with PostgreSQL and reading query plans.
- Clear written updates; the team spans two time zones.

Benefits: medical and dental cover, 401(k) with a 4% match, 20 days of paid leave,
and a $1,000 yearly learning budget.

Apply at https://lantern.example/jobs/backend with a short note about a service you
made faster.
"""

# Markdown headings with no space after the hashes
NO_SPACE_HEADINGS = """\
#Client Success Manager

Harbor Pantry runs meal kits for 3,000 households in Portland, OR. Our renewals team
is one person short since we doubled our school accounts, so we are hiring.

##What you'll do
- Meet each school account every quarter and plan the next term's menus.
- Answer escalations from school kitchens within one working day.
- Track renewals and flag accounts that order less than last term.
- Share what kitchens ask for with the product team each month.

##Requirements
- Two years in account management or customer success.
- Able to run a meeting with a head cook and a finance officer in the same room.
- Comfortable with spreadsheets and a CRM.

##Benefits
- Health, dental and vision cover.
- 15 days of paid leave plus school holidays.

Pay: $58,000-$66,000 per year.
"""

# ALL-CAPS section labels, numbered duties and lettered must-haves
ALL_CAPS_LABELS = """\
Warehouse Team Lead

Greenfield Supply, Columbus, OH. Our second shift has grown from six people to
fourteen since the new loading dock opened, and it needs a lead on the floor.

RESPONSIBILITIES
1. Plan the shift's picking order and assign the team to zones.
2. Train new pickers on the scanners and the safety walk.
3. Check the outbound trailers against the manifest before they leave.
4. Report stock gaps to the day lead before the shift ends.

REQUIREMENTS:
a) A year or more leading a team in a warehouse or a store.
b) A forklift certificate, or willingness to earn one in your first month.
c) Able to work 3pm to 11:30pm, Monday to Friday.

BENEFITS:
1. Medical cover from your first month.
2. A shift premium of $1.50 an hour.

PAY: $22-$26 per hour
"""

# bold-line headings and a numbered perks list (perks are benefits, not must-haves)
BOLD_LINES = """\
**Payroll Specialist**

Brightwell Clinics runs nine family clinics in Tucson, AZ. We are moving payroll in
house from an outside firm this spring and need someone to own it.

**What you'll do**

- Run payroll every two weeks for 240 staff.
- Answer staff questions about pay slips, leave balances and tax forms.
- Reconcile payroll with the general ledger each month.
- Keep the payroll calendar and year-end filings on time.

**What you need**

- Three years running payroll for 100 or more staff.
- Working knowledge of US payroll tax and overtime rules.
- Accuracy with numbers and care with private data.

**Perks**

1. Medical, dental and vision cover.
2. Retirement plan with a 5% match.
3. Two remote days a week.

**Pay:** $54,000-$63,000 per year
"""

# plain lines under a heading, no list markers at all
PLAIN_LINES = """\
Front Desk Coordinator

Tidewater Physical Therapy, Norfolk, VA. Our front desk now serves two clinics, and
patients wait too long on the phone, so we are adding a second coordinator.

Responsibilities
Greet patients and check them in for their visits
Answer the phone and book, move or cancel appointments
Collect co-pays and post them in the billing system
Verify insurance before each new patient's first visit
Keep the waiting room tidy and the forms stocked

Requirements
A year of front desk or reception experience
Comfort with scheduling software and email
A friendly, calm manner on a busy phone line

Benefits
Health cover after 30 days
Paid holidays and 10 days of leave

Pay: $17-$20 per hour
"""

# YAML front matter names the title and the company
FRONT_MATTER = """\
---
title: Grant Writer
company: Riverbend Food Bank
location: Remote (US)
---
Riverbend Food Bank feeds 9,000 families a month. Two large grants end next year, so
we are hiring our first full-time grant writer to replace them.

## What you'll do
- Research foundations and public funds that match our programs.
- Write and submit eight to twelve proposals a year.
- Keep the grants calendar and the reports each funder asks for.
- Work with the programs team to gather outcomes and stories.

## Requirements
- Two years of grant writing with funded proposals to show.
- Clear, plain writing and care with budgets.

## Benefits
- Health and dental cover, 403(b) with a 3% match, 25 days of leave.

Pay: $52,000-$60,000 per year.
"""

# "Company - Role - Location - $140-$200k" header line, and traps for false alarms:
# data-driven, lead generation, a build tool, research funding, a quote about us
DASH_HEADER = """\
Quarry Labs - Data Analyst - Chicago, IL - $84k-$98k

Quarry Labs builds scheduling software for dental offices. "The least painful software
we use" is how one office manager put it. Since our $7.1 million in research funding
came through, we are building a data team, and you would be its first analyst.

What you'll work on:
- Build the weekly dashboards the sales team uses for lead generation.
- Answer product questions with data-driven analyses in SQL and Python.
- Keep the Maven build for our reporting jobs green.
- Write one short memo a month on what the numbers say.

Who you are:
- Two years of analytics work with SQL.
- Able to explain a chart to a dentist in two sentences.

Benefits:
- Medical, dental and vision cover, a 401(k) match, and 20 days of leave.
- A $1,500 learning budget instead of a ping-pong table.
"""

# HTML pasted from a job board
HTML_BOARD = """\
<html><body>
<h1>Community Health Worker</h1>
<p>Northside Health Partners, Minneapolis, MN. Our diabetes program has a waiting
list of 120 patients, so we are adding two community health workers.</p>
<h3>What you'll do</h3>
<ul>
<li>Visit patients at home and help them keep their care plans.</li>
<li>Connect patients with food, housing and transport programs.</li>
<li>Record each visit in the health record the same day.</li>
<li>Meet the nurse care manager weekly to review your caseload.</li>
</ul>
<h3>Requirements</h3>
<ul>
<li>A year of work in health, social services or outreach.</li>
<li>A valid driver's license and a car you can use for visits.</li>
</ul>
<h3>Benefits</h3>
<ul><li>Health and dental cover, a pension plan and 22 days of leave.</li></ul>
<p>Pay: $46,000-$52,000 per year.</p>
</body></html>
"""

# "Label:" lines in plain text, and an active licence as a must-have
LABEL_LINES = """\
Registered Nurse, Night Shift

Lakeshore Rehab, Toledo, OH. Our night shift runs one nurse short on weekends, and
we are hiring so no nurse works more than two weekends a month.

Who you are:
Active Ohio RN license
A year of acute or rehab nursing
Calm under pressure and careful with charting

What you'll work on:
Assess patients at the start of each shift and update their care plans
Give medicines and treatments as ordered
Hand over clearly to the day team each morning

What we offer:
Night differential of $6 an hour, health cover and tuition support

Pay: $38-$46 per hour
"""

CLEAN: dict[str, str] = {
    "pipe_header": PIPE_HEADER,
    "no_space_headings": NO_SPACE_HEADINGS,
    "all_caps_labels": ALL_CAPS_LABELS,
    "bold_lines": BOLD_LINES,
    "plain_lines": PLAIN_LINES,
    "front_matter": FRONT_MATTER,
    "dash_header": DASH_HEADER,
    "html_board": HTML_BOARD,
    "label_lines": LABEL_LINES,
}

# what each reader must find: title, company, and the number of items per section
SECTIONS: dict[str, dict[str, object]] = {
    "pipe_header": {"title": "Backend Engineer", "company": "Lantern Freight",
                    "responsibilities": 4, "requirements": 3, "pay": "range"},
    "no_space_headings": {"title": "Client Success Manager", "responsibilities": 4,
                          "requirements": 3, "benefits": 2, "pay": "range"},
    "all_caps_labels": {"title": "Warehouse Team Lead", "responsibilities": 4,
                        "requirements": 3, "benefits": 2, "pay": "range"},
    "bold_lines": {"title": "Payroll Specialist", "responsibilities": 4, "requirements": 3,
                   "benefits": 3, "pay": "range"},
    "plain_lines": {"title": "Front Desk Coordinator", "responsibilities": 5,
                    "requirements": 3, "benefits": 2, "pay": "range"},
    "front_matter": {"title": "Grant Writer", "company": "Riverbend Food Bank",
                     "responsibilities": 4, "requirements": 2, "benefits": 1, "pay": "range"},
    "dash_header": {"title": "Data Analyst", "company": "Quarry Labs", "responsibilities": 4,
                    "requirements": 2, "benefits": 2, "pay": "range"},
    "html_board": {"title": "Community Health Worker", "responsibilities": 4,
                   "requirements": 2, "benefits": 1, "pay": "range"},
    "label_lines": {"title": "Registered Nurse, Night Shift", "responsibilities": 3,
                    "requirements": 3, "benefits": 1, "pay": "range"},
}  # fmt: skip

# --------------------------------------------------------------- bad, by problem

_BODY = """
## What you'll do
- Plan and run the monthly email campaigns for our three product lines.
- Write landing pages with the design team and test two versions of each.
- Report opens, clicks and sign-ups to the marketing lead every Friday.
- Keep the contact lists clean and the unsubscribe rules followed.

## Requirements
- Two years running email campaigns.
- Comfort with an email platform and basic HTML.

## Benefits
- Health and dental cover, 401(k) match, 20 days of leave.
"""


def _bad(title: str, lead: str, extra: str = "", pay: str = "$60,000-$70,000 per year") -> str:
    pay_line = f"\nPay: {pay}\n" if pay else ""
    return f"# {title}\n\n{lead}\n{_BODY}{extra}{pay_line}"


BAD: dict[str, tuple[str, str]] = {
    "young_team": (
        _bad(
            "Email Marketer",
            "Copperline Goods, Austin, TX. Our young and energetic team "
            "is growing fast since we opened two new stores, and we need a young marketer "
            "to keep up.",
        ),
        "inclusion/age",
    ),
    "under_35": (
        _bad(
            "Email Marketer",
            "Copperline Goods, Austin, TX. We opened two stores this year "
            "and need help with email.",
            "\nCandidates should be under 35.\n",
        ),
        "inclusion/age",
    ),
    "native_speaker": (
        _bad(
            "Email Marketer",
            "Copperline Goods, Austin, TX. We opened two stores this year "
            "and need help with email.",
            "\nYou must be a native English speaker.\n",
        ),
        "inclusion/national-origin",
    ),
    "citizen_only": (
        _bad(
            "Email Marketer",
            "Copperline Goods, Austin, TX. We opened two stores this year "
            "and need help with email.",
            "\nMust be a US citizen.\n",
        ),
        "inclusion/citizenship",
    ),
    "his_knowledge": (
        _bad(
            "Email Marketer",
            "Copperline Goods, Austin, TX. We opened two stores this year, "
            "and our next marketer will expand his knowledge of retail email with us.",
        ),
        "inclusion/gendered-pronoun",
    ),
    "pay_law_ny": (
        _bad(
            "Email Marketer",
            "Location: New York, NY\n\nCopperline Goods opened two "
            "stores this year and needs help with email.",
            pay="",
        ),
        "structure/pay-transparency",
    ),
    "bro_culture": (
        _bad(
            "Email Marketing Ninja",
            "Copperline Goods, Austin, TX. We work hard, play hard "
            "and have no bullshit: a beer fridge, Nerf fights and a rockstar crew.",
        ),
        "inclusion/profanity",
    ),
    "sexy_perks": (
        _bad(
            "Email Marketer", "Copperline Goods, Austin, TX. Our damn sexy brand needs more email."
        ),
        "inclusion/sexualised",
    ),
}
