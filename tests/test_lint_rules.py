"""Every lint rule: one posting that trips it, one that does not, and the traps."""

from __future__ import annotations

import pytest

from jdtailor.context import parse_context
from jdtailor.lint import Finding, lint_text
from jdtailor.lint.paylaw import laws_for
from jdtailor.lint.readability import fk_grade, syllables
from jdtailor.lint.words import filler, gender_coded, gender_verdict

from ._lint_samples import CLEAN, CLEAN_CONTEXT, posting


def found(text: str, rule: str, ctx_text: str | None = None) -> list[Finding]:
    ctx = parse_context(ctx_text) if ctx_text else None
    return [f for f in lint_text(text, ctx).findings if f.rule == rule]


CTX = parse_context(CLEAN_CONTEXT)


# ------------------------------------------------------------ the clean posting


def test_clean_posting_has_no_findings_with_or_without_context() -> None:
    for ctx in (None, CTX):
        report = lint_text(CLEAN, ctx)
        assert report.findings == [], [f.message for f in report.findings]
        assert report.score == 100
    # the traps in it stayed clean: analytics, support tickets, "Ones@Zeros Inc."
    assert "analytics" in CLEAN and "support tickets" in CLEAN and "Ones@Zeros" in CLEAN


def test_score_breakdown_covers_the_families() -> None:
    without = lint_text(CLEAN)
    assert {b.family for b in without.breakdown} == {
        "gender", "inclusion", "requirements", "filler", "structure", "readability", "title",
    }  # fmt: skip
    with_ctx = lint_text(CLEAN, CTX)
    assert "fabrication" in {b.family for b in with_ctx.breakdown}
    worse = lint_text(posting(title="ROCKSTAR SALES NINJA", facts="", benefits=[]))
    assert worse.score < without.score
    title = next(b for b in worse.breakdown if b.family == "title")
    assert title.score < title.max and title.findings >= 2


# ------------------------------------------------------------ gender-coded wording


def test_gender_words_whole_word_case_insensitive() -> None:
    assert gender_coded("A Competitive, COLLABORATIVE team") == [
        ("Competitive", "masculine"),
        ("COLLABORATIVE", "feminine"),
    ]
    assert gender_coded("Self-confident and co-operative") == [
        ("Self-confident", "masculine"),
        ("co-operative", "feminine"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Build dashboards with the analytics team.",
        "Answer support tickets within a day.",
        "Track dependencies between releases.",
        "Run lead generation campaigns.",
        "Report to the team lead.",
        "Share the sharp edges of the tool.",
    ],
)
def test_gender_false_positive_traps(text: str) -> None:
    assert gender_coded(text) == []


def test_gender_verdict_scale() -> None:
    assert gender_verdict(0, 0) == "neutral"
    assert gender_verdict(2, 0) == "masculine-coded"
    assert gender_verdict(5, 0) == "strongly masculine-coded"
    assert gender_verdict(0, 2) == "feminine-coded"
    assert gender_verdict(1, 6) == "strongly feminine-coded"


def test_strongly_masculine_posting_warns_with_alternatives() -> None:
    text = posting(
        summary="We want a competitive, driven, fearless, assertive and decisive closer."
    )
    verdict = found(text, "gender/verdict")
    assert verdict and verdict[0].severity == "warning"
    assert "strongly masculine-coded" in verdict[0].message
    words = found(text, "gender/masculine-word")
    assert {f.text for f in words} >= {"competitive", "driven", "fearless"}
    assert all(f.suggestion and f.line == 5 for f in words)
    assert not found(posting(), "gender/verdict")


def test_company_name_is_not_read_as_a_trait() -> None:
    text = posting(title="Account Manager — Driven Analytics Ltd").replace(
        "renew next spring.", "renew next spring. Driven Analytics Ltd is 40 people."
    )
    assert not found(text, "gender/masculine-word")


# ------------------------------------------------------------ exclusionary language


def test_age_coded_words() -> None:
    hit = found(posting(summary="We want a digital native for our young team."), "inclusion/age")
    assert {f.text for f in hit} == {"digital native", "young team"}
    assert not found(posting(summary="You will teach young people to code."), "inclusion/age")


def test_recent_graduate_only_flagged_above_entry_level() -> None:
    extra = "Recent graduates are welcome to apply."
    assert found(posting(extra=extra), "inclusion/age")
    assert not found(posting(title="Junior Account Coordinator", extra=extra), "inclusion/age")


def test_ableist_phrasing_gets_dol_alternative() -> None:
    reqs = ["Must be able to lift 50 pounds.", "Able to stand for long periods."]
    office = found(posting(requirements=reqs), "inclusion/ableist")
    assert [f.severity for f in office] == ["warning", "warning"]
    assert "move" in (office[0].suggestion or "")
    assert "stationary position" in (office[1].suggestion or "")
    warehouse = found(posting(title="Warehouse Associate", requirements=reqs), "inclusion/ableist")
    assert [f.severity for f in warehouse] == ["info", "info"]
    assert not found(posting(requirements=["Can move boxes of stock."]), "inclusion/ableist")


@pytest.mark.parametrize(
    ("rule", "phrase"),
    [
        ("inclusion/gimmick-title", "You will be our sales rockstar."),
        ("inclusion/bro", "We crush it every quarter and play hardcore."),
        ("inclusion/hustle", "This is a fast-paced team where you wear many hats."),
        ("inclusion/reassurance", "We are drama-free and like a family."),
        ("inclusion/hollow-perk", "Enjoy foosball and free snacks."),
    ],
)
def test_exclusion_phrases(rule: str, phrase: str) -> None:
    assert found(posting(extra=phrase), rule)
    assert not found(posting(extra="We review every account each quarter."), rule)


def test_competitive_salary_without_a_range_is_a_warning() -> None:
    bare = found(posting(facts="", extra="We pay a competitive salary."), "inclusion/hollow-perk")
    assert bare[0].severity == "warning" and "pay range" in (bare[0].suggestion or "")
    ranged = found(posting(extra="We pay a competitive salary."), "inclusion/hollow-perk")
    assert ranged[0].severity == "info"


# ------------------------------------------------------------ requirements bloat


def test_more_than_seven_requirements() -> None:
    eight = [f"Skill number {i} with real evidence." for i in range(8)]
    hit = found(posting(requirements=eight), "requirements/too-many")
    assert hit and "8 must-haves" in hit[0].message
    assert not found(posting(requirements=eight[:7]), "requirements/too-many")


def test_degree_requirement() -> None:
    need = ["Bachelor's degree in business.", "Have led renewal talks."]
    assert found(posting(requirements=need), "requirements/degree")[0].severity == "info"
    assert found(posting(requirements=need), "requirements/degree", CLEAN_CONTEXT)[0].severity == (
        "warning"
    )
    equivalent = ["Bachelor's degree or equivalent experience.", "Have led renewal talks."]
    assert not found(posting(requirements=equivalent), "requirements/degree")


def test_years_inconsistent_with_level() -> None:
    reqs = ["5+ years of account management.", "Have led renewal talks."]
    junior = posting(title="Junior Account Manager", requirements=reqs)
    hit = found(junior, "requirements/years-level")
    assert hit and "entry-level" in hit[0].message and hit[0].text.startswith("5+ years")
    assert not found(posting(requirements=reqs), "requirements/years-level")


def test_requirement_inflation_against_context() -> None:
    reqs = [
        "4+ years managing a book of business accounts with yearly contracts.",
        "Fluent in Mandarin and Portuguese.",
        "Comfort building a simple forecast in a spreadsheet.",
    ]
    text = posting(requirements=reqs)
    unsupported = found(text, "requirements/unsupported", CLEAN_CONTEXT)
    assert [f.text for f in unsupported] == ["Fluent in Mandarin and Portuguese."]
    promoted = found(text, "requirements/promoted", CLEAN_CONTEXT)
    assert [f.text for f in promoted] == ["Comfort building a simple forecast in a spreadsheet."]
    assert not found(text, "requirements/unsupported")  # no context, no inflation check


# ------------------------------------------------------------ generic filler


def test_filler_as_qualification_is_a_warning() -> None:
    reqs = ["Excellent communication skills.", "A team player and self-starter."]
    hit = found(posting(requirements=reqs), "filler/generic")
    assert [f.text for f in hit] == [
        "Excellent communication skills",
        "team player",
        "self-starter",
    ]
    assert all(f.severity == "warning" for f in hit)
    assert not found(posting(), "filler/generic")
    summary = "We are passionate about water. We are hiring."
    prose = found(posting(summary=summary), "filler/generic")
    assert prose[0].severity == "info"


def test_filler_function_for_corpus_check() -> None:
    assert filler("Detail-oriented, hard-working go-getter") == [
        "Detail-oriented",
        "hard-working",
        "go-getter",
    ]
    assert filler("Reconcile invoices against purchase orders.") == []


# ------------------------------------------------------------ structure and pay


def test_missing_sections() -> None:
    assert found(posting(summary=""), "structure/no-summary")
    assert found(posting(duties=[]), "structure/no-responsibilities")[0].severity == "error"
    assert found(posting(requirements=[]), "structure/no-requirements")[0].severity == "error"
    assert not found(posting(), "structure/no-summary")


def test_why_hiring() -> None:
    assert found(posting(summary="Acme sells pumps to farms."), "structure/no-why")
    assert not found(posting(), "structure/no-why")
    vague = posting(summary="Ones@Zeros Inc. builds billing software for small water utilities.")
    hit = found(vague, "structure/no-why", CLEAN_CONTEXT)
    assert hit and hit[0].severity == "warning"


def test_pay_missing_single_or_open_ended() -> None:
    assert found(posting(facts=""), "structure/no-pay")
    single = posting(facts="**Location:** Portland, OR · **Pay:** $90,000 per year")
    assert found(single, "structure/pay-single")
    open_ended = posting(facts="**Location:** Portland, OR · **Salary:** up to $90,000")
    assert found(open_ended, "structure/pay-open-ended")
    assert not found(posting(), "structure/no-pay")
    assert not found(posting(), "structure/pay-single")


def test_pay_transparency_law_is_named() -> None:
    denver = posting(facts="**Location:** Denver, CO")
    hit = found(denver, "structure/pay-transparency")
    assert hit and hit[0].severity == "error" and "Colorado" in hit[0].message
    nyc = posting(facts="**Location:** New York, NY · **Pay:** up to $120,000 per year")
    hit = found(nyc, "structure/pay-transparency")
    assert hit and "New York City" in hit[0].message and "open-ended" in hit[0].message
    seattle = posting(facts="**Location:** Seattle, WA · **Pay:** $80,000-$95,000", benefits=[])
    hit = found(seattle, "structure/pay-transparency")
    assert hit and "Washington" in hit[0].message and "benefits" in hit[0].message
    ok = posting(facts="**Location:** Denver, CO · **Pay:** $80,000–$95,000 per year")
    assert not found(ok, "structure/pay-transparency")


def test_pay_law_jurisdictions() -> None:
    def names(loc: str) -> list[str]:
        return [law.jurisdiction for law in laws_for(loc)]

    assert names("Denver, CO") == ["Colorado"]
    assert names("New York, NY") == ["New York City", "New York State"]
    assert names("Albany, New York") == ["New York State"]
    assert names("San Jose, California") == ["California"]
    assert names("Seattle, Washington") == ["Washington"]
    assert names("Washington, DC") == []
    assert names("Chicago, IL") == ["Illinois"]
    assert names("Saint Paul, MN") == ["Minnesota"]
    assert names("Newark, NJ") == ["New Jersey"]
    assert names("Burlington, Vermont") == ["Vermont"]
    assert names("Portland, OR, USA") == []
    assert names("") == []


def test_no_benefits() -> None:
    assert found(posting(benefits=[]), "structure/no-benefits")[0].severity == "info"
    assert not found(posting(), "structure/no-benefits")


# ------------------------------------------------------------ length and readability


def test_length_band() -> None:
    short = found(posting(), "readability/length")
    assert short and "words" in short[0].message
    assert not found(CLEAN, "readability/length")
    long = CLEAN + "\n".join(["We write plain words for every client we serve."] * 50)
    assert "perform best" in found(long, "readability/length")[0].message


def test_reading_grade() -> None:
    dense = (
        "Comprehensive organizational responsibilities necessitate sophisticated "
        "interdepartmental communication capabilities, institutional accountability "
        "considerations and continuous operational optimization methodologies."
    )
    assert found(posting(summary=dense + " We are hiring."), "readability/grade")
    assert not found(CLEAN, "readability/grade")
    grade, words = fk_grade(["The cat sat on the mat."])
    assert words == 6 and grade < 2
    assert [syllables(w) for w in ("cat", "table", "renewal", "quarterly")] == [1, 2, 3, 3]


def test_long_bullet_and_third_person() -> None:
    long = " ".join(["Review"] + ["every account"] * 16) + "."
    hit = found(posting(duties=[long, "Meet each client."]), "readability/long-bullet")
    assert hit and hit[0].line == 9
    third = found(posting(summary="The ideal candidate will own renewals. We are hiring."),
                  "readability/third-person")  # fmt: skip
    assert third and third[0].suggestion == "address the reader as 'you'"
    assert not found(posting(), "readability/third-person")


# ------------------------------------------------------------ title


@pytest.mark.parametrize(
    ("title", "rule"),
    [
        ("SENIOR ACCOUNT MANAGER", "title/all-caps"),
        ("Senior Account Manager ($90k)", "title/pay"),
        ("Senior Account Manager (Remote)", "title/location"),
        ("Senior Account Manager, Portland", "title/location"),
        ("Senior Sales Ninja", "title/gimmick"),
        ("Senior Happiness Hero", "title/gimmick"),
        ("Senior Revenue Dynamo", "title/uncommon"),
    ],
)
def test_title_faults(title: str, rule: str) -> None:
    assert found(posting(title=title), rule)
    assert not found(posting(), rule)


def test_title_needs_level_word_for_senior_roles() -> None:
    hit = found(posting(title="Account Manager"), "title/no-level", CLEAN_CONTEXT)
    assert hit and hit[0].suggestion == "add the level: 'Senior Account Manager'"
    assert not found(posting(), "title/no-level", CLEAN_CONTEXT)


# ------------------------------------------------------------ fabrication


def test_fabricated_pay_benefit_location_company_and_figures() -> None:
    text = posting(
        title="Senior Account Manager — Zeros Ltd",
        facts="**Location:** Austin, TX · **Pay:** $85,000–$99,000 per year",
        summary="We are hiring because we grew 300% last year.",
        benefits=["Medical, dental and vision cover from your first day", "A free company car"],
    )
    rules = {f.rule for f in lint_text(text, CTX).findings if f.family == "fabrication"}
    assert rules == {
        "fabrication/pay", "fabrication/benefit", "fabrication/location",
        "fabrication/company", "fabrication/figure",
    }  # fmt: skip
    figure = found(text, "fabrication/figure", CLEAN_CONTEXT)
    assert [f.text for f in figure] == ["300%"]
    assert not [f for f in lint_text(text).findings if f.family == "fabrication"]


def test_pay_without_context_pay_is_fabricated() -> None:
    salary = "salary: {min: 80000, max: 98000, currency: USD, period: year}\n"
    ctx = CLEAN_CONTEXT.replace(salary, "")
    hit = found(CLEAN, "fabrication/pay", ctx)
    assert hit and "context gives none" in hit[0].message


def test_company_names_are_masked_as_whole_words_only() -> None:
    from jdtailor.lint.words import mask

    assert mask("Ada is in Canada; ada.", ["Ada"]) == "    is in Canada;    ."
    assert mask("Ones@Zeros Inc. ships", ["Ones@Zeros Inc."]).strip() == "ships"


def test_lifting_is_an_essential_function_when_the_duties_are_hands_on() -> None:
    # no title at all, but the duties show a kitchen line and a stock room
    text = (
        "We run a small diner by the river.\n\n"
        "Duties:\n\n- Keep the fryer and broiler stations clean.\n"
        "- Unload the produce truck twice a week.\n\n"
        "Requirements:\n\n- Must be able to lift 40 pounds.\n"
    )
    lifts = found(text, "inclusion/ableist")
    assert [f.severity for f in lifts] == ["info"], lifts
    plural = found(posting(title="Prep Cooks", requirements=["Able to stand for long periods."]),
                   "inclusion/ableist")  # fmt: skip
    assert [f.severity for f in plural] == ["info"]
    # one kitchen word in an office posting is not a hands-on job
    office = posting(
        summary="Our office has a kitchen and a quiet room.",
        requirements=["Must be able to lift 40 pounds."],
    )
    assert [f.severity for f in found(office, "inclusion/ableist")] == ["warning"]
