"""Wording that invites a discrimination claim is an error; its look-alikes stay clean."""

from __future__ import annotations

import pytest

from jdtailor.lint import lint_text

from ._lint_samples import posting


def hits(text: str, prefix: str = "inclusion/") -> list[tuple[str, str, str]]:
    return [
        (f.rule, f.severity, (f.text or "").lower())
        for f in lint_text(text).findings
        if f.rule.startswith(prefix)
    ]


@pytest.mark.parametrize(
    ("requirement", "phrase"),
    [
        ("Under 35.", "under 35"),
        ("Candidates over 45 need not apply.", "over 45"),
        ("40 or younger.", "40 or younger"),
        ("Aged 25-35.", "aged 25-35"),
        ("Between the ages of 25 and 35.", "between the ages of"),
        ("No older than 40 years of age.", "no older than 40"),
    ],
)
def test_an_age_limit_is_an_error(requirement: str, phrase: str) -> None:
    found = hits(posting(requirements=[requirement]))
    assert ("inclusion/age", "error", phrase) in found, found


@pytest.mark.parametrize(
    "summary",
    [
        "We are a young and ambitious team.",
        "Join our bright young minds.",
        "The team is young and moves quickly.",
        "We want a young designer to join us.",
    ],
)
def test_age_coded_phrases_are_errors(summary: str) -> None:
    found = [h for h in hits(posting(summary=summary)) if h[0] == "inclusion/age"]
    assert found and all(sev == "error" for _, sev, _ in found), found


@pytest.mark.parametrize(
    "line",
    [
        "Must be 21 or older to serve alcohol.",
        "Reply to guests in under 30 minutes.",
        "Serve over 50 tables a night.",
        "Keep wait times under 15 minutes.",
        "Teach young people to cook.",
    ],
)
def test_legal_minimums_and_numbers_are_not_age_limits(line: str) -> None:
    found = list(hits(posting(duties=[line, "Meet each client every quarter."])))
    assert not [h for h in found if h[0] == "inclusion/age"], found


def test_native_speaker_and_citizenship_are_errors_with_a_fix() -> None:
    text = posting(requirements=["Native English speaker.", "Must be a US citizen."])
    report = lint_text(text)
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["inclusion/national-origin"].severity == "error"
    assert "fluent English" in (by_rule["inclusion/national-origin"].suggestion or "")
    assert by_rule["inclusion/citizenship"].severity == "error"
    assert "authorized to work" in (by_rule["inclusion/citizenship"].suggestion or "")


def test_citizenship_with_a_legal_reason_is_only_noted() -> None:
    text = posting(
        requirements=["Must be a US citizen.", "Able to obtain a Secret security clearance."]
    )
    found = [h for h in hits(text) if h[0] == "inclusion/citizenship"]
    assert found == [("inclusion/citizenship", "info", "must be a us citizen")]


def test_a_native_app_is_not_national_origin() -> None:
    text = posting(duties=["Ship our native app every month.", "Meet each client."])
    assert not [h for h in hits(text) if h[0] == "inclusion/national-origin"]


def test_the_candidate_as_he_is_an_error_but_a_named_founder_is_not() -> None:
    text = posting(duties=["Grow his territory each quarter.", "Meet each client."])
    assert ("inclusion/gendered-pronoun", "error", "his") in hits(text)
    text = posting(duties=["Learn the trade from our founder; he still pours on Fridays."])
    assert not [h for h in hits(text) if h[0] == "inclusion/gendered-pronoun"]


@pytest.mark.parametrize(
    ("line", "word", "severity"),
    [
        ("Two years as a salesman.", "salesman", "error"),
        ("Work with our guys in the warehouse.", "our guys", "warning"),
        ("Experience as a waitress.", "waitress", "error"),
    ],
)
def test_gendered_words_for_the_hire(line: str, word: str, severity: str) -> None:
    found = hits(posting(requirements=[line, "Have led renewal talks."]))
    assert ("inclusion/gendered-word", severity, word) in found, found


def test_profanity_is_a_warning_and_sexualised_words_an_error() -> None:
    found = hits(posting(summary="No bullshit here: our product is damn sexy."))
    assert ("inclusion/profanity", "warning", "bullshit") in found
    assert ("inclusion/profanity", "warning", "damn") in found
    assert ("inclusion/sexualised", "error", "sexy") in found


def test_drive_results_is_not_an_ableist_phrase_but_drive_a_van_is() -> None:
    results = hits(posting(requirements=["Ability to drive results.", "Have led talks."]))
    assert not [h for h in results if h[0] == "inclusion/ableist"]
    van = hits(posting(requirements=["Ability to drive the company van.", "Have led talks."]))
    assert [h for h in van if h[0] == "inclusion/ableist"]


@pytest.mark.parametrize(
    ("summary", "rule", "phrase"),
    [
        ("We work hard, play hard.", "inclusion/hustle", "work hard, play hard"),
        ("You will meet tight deadlines.", "inclusion/hustle", "tight deadlines"),
        ("We are a true meritocracy.", "inclusion/hustle", "meritocracy"),
        ("We offer Nerf guns and a Wii.", "inclusion/hollow-perk", "nerf guns"),
        ("We build cutting-edge tools.", "filler/generic", "cutting-edge"),
    ],
)
def test_phrase_gaps_are_flagged(summary: str, rule: str, phrase: str) -> None:
    found = hits(posting(summary=summary), prefix="")
    assert any(r == rule and p == phrase for r, _, p in found), found


def test_competitive_salaries_without_a_range_is_a_warning() -> None:
    text = posting(facts="**Location:** Portland, OR, USA", summary="Competitive salaries.")
    found = [h for h in hits(text) if h[0] == "inclusion/hollow-perk"]
    assert found == [("inclusion/hollow-perk", "warning", "competitive salaries")]


# ------------------------------------------------------------ precision


def coded(text: str) -> list[str]:
    return [
        (f.text or "").lower()
        for f in lint_text(text).findings
        if f.rule == "gender/masculine-word"
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "We are a data-driven, industry-leading lab.",
        "You will join as our service operations lead.",
        "Report to the QA lead for the first month.",
    ],
)
def test_compounds_and_role_nouns_are_not_gender_coded(summary: str) -> None:
    assert coded(posting(summary=summary)) == []


def test_lead_as_a_verb_and_self_driven_are_still_coded() -> None:
    assert coded(posting(summary="You will lead the team and stay self-driven.")) == [
        "lead",
        "driven",
    ]


def test_an_active_license_is_a_status_not_a_trait() -> None:
    text = posting(requirements=["An active Ohio RN license.", "Have led renewal talks."])
    assert "active" not in coded(text)
    assert "active" in coded(posting(summary="We want someone active and outgoing."))


@pytest.mark.parametrize(
    "line",
    [
        "Build our CI with Maven and Gradle.",
        "Stock the fridge with Rockstar energy drinks.",
        "Grow the community around our open-source unicorn library.",
    ],
)
def test_tools_and_brands_are_not_gimmick_titles(line: str) -> None:
    text = posting(duties=[line, "Meet each client every quarter."])
    assert not [f for f in lint_text(text).findings if f.rule == "inclusion/gimmick-title"]


def test_a_gimmick_word_for_the_person_is_flagged() -> None:
    text = posting(summary="We want a marketing maven and a sales ninja.")
    found = [f.text for f in lint_text(text).findings if f.rule == "inclusion/gimmick-title"]
    assert found == ["maven", "ninja"]


def test_a_negated_perk_is_not_a_hollow_perk() -> None:
    text = posting(summary="Instead of a ping-pong table we give you a learning budget.")
    assert not [f for f in lint_text(text).findings if f.rule == "inclusion/hollow-perk"]


def test_research_funding_is_not_pay() -> None:
    text = posting(facts="", summary="We run on $7.1 million in annual research funding.")
    report = lint_text(text)
    assert any(f.rule == "structure/no-pay" for f in report.findings)


def test_messages_read_well() -> None:
    text = posting(title="Clerk", requirements=["5+ years of filing.", "Have led talks."])
    ctx = "---\nrole: Clerk\nseniority: entry\n---\n"
    from jdtailor.context import parse_context

    msgs = [f.message for f in lint_text(text, parse_context(ctx)).findings]
    assert any("for an entry-level role" in m for m in msgs), msgs
    rock = posting(title="Rockstar Ninja Developer", facts="", requirements=["10+ years of Go."])
    fixes = [f.suggestion for f in lint_text(rock).findings if f.rule == "title/no-level"]
    assert fixes == ["add the level: 'Lead Developer'"]
    dom = posting(summary="Dominate the local market.")
    alt = [f.suggestion for f in lint_text(dom).findings if f.rule == "gender/masculine-word"]
    assert alt and "leading" not in alt[0]


def test_graduates_the_hire_teaches_are_not_an_age_preference() -> None:
    text = posting(duties=["Precept new graduate nurses on the unit.", "Meet each client."])
    assert not [h for h in hits(text) if h[0] == "inclusion/age"]


def test_graduates_only_is_an_error_and_graduates_welcome_a_warning() -> None:
    only = hits(posting(requirements=["New grads only.", "Have led renewal talks."]))
    assert ("inclusion/age", "error", "new grads") in only
    welcome = hits(posting(requirements=["Recent graduates welcome.", "Have led talks."]))
    assert ("inclusion/age", "warning", "recent graduates") in welcome


def test_grind_is_bro_talk_only_as_a_way_of_working() -> None:
    meat = posting(duties=["Grind beef to order for the counter.", "Meet each client."])
    assert not [f for f in lint_text(meat).findings if f.rule == "inclusion/bro"]
    hustle = posting(summary="We love the grind.")
    assert [f for f in lint_text(hustle).findings if f.rule == "inclusion/bro"]


def test_a_minimum_age_below_forty_is_not_an_adea_error() -> None:
    driver = posting(
        title="Delivery Driver",
        requirements=["Must be 24 years of age or older.", "Valid CDL with a clean record."],
    )
    assert ("inclusion/age", "info", "24 years of age or older") in hits(driver)
    office = posting(requirements=["Applicants must be at least 25."])
    assert ("inclusion/age", "warning", "at least 25") in hits(office)
    assert not [h for h in hits(office) if h[1] == "error"]
    assert not hits(posting(requirements=["Must be 21 or older to pour wine."]))


def test_his_or_her_names_both_sexes() -> None:
    both = posting(requirements=["Keeps his/her station tidy.", "Knows he or she is on call."])
    assert not [h for h in hits(both) if h[0] == "inclusion/gendered-pronoun"]
    him = posting(requirements=["Keeps his station tidy."])
    assert ("inclusion/gendered-pronoun", "error", "his") in hits(him)


def test_asking_for_a_history_with_no_gaps_is_flagged() -> None:
    asked = posting(requirements=["Five years of work history with no gaps in employment."])
    assert ("inclusion/career-gap", "warning", "no gaps in employment") in hits(asked)
    fine = posting(requirements=["Cover shifts so there are no gaps in coverage."])
    assert not [h for h in hits(fine) if h[0] == "inclusion/career-gap"]


def test_years_of_age_is_not_years_of_experience() -> None:
    from jdtailor.levels import years_asked

    assert years_asked("Must be 21 years of age to pour drinks.") == []
    assert years_asked("2 years of experience; must be 18 years of age.") == [(2, "2 years of")]
    bar = posting(title="Bartender", requirements=["Must be 21 years of age or older."])
    assert not [f for f in lint_text(bar).findings if f.rule == "title/no-level"]
