"""schema.org JobPosting JSON-LD: Google's required properties, checked by a JSON Schema."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from jdtailor.cli import app
from jdtailor.errors import InputError
from jdtailor.posting import Pay
from jdtailor.render import render

from ._render_support import DATE, make_posting, validate_jsonld

NORTHWIND_FRONT = """---
company: Northwind Solar
role: Account Manager
location: Portland, OR, USA
workplace: {workplace}
employment_type: {employment}
salary: "72000-95000 USD/year"
{extra}---
## Why we're hiring

Our top clients renew next year and need one steady contact.

## Must-haves

- Four years managing business accounts
"""


def _ld(posting, **options) -> dict:
    data = json.loads(render(posting, "jsonld", date_posted=DATE, **options))
    validate_jsonld(data)
    return data


def test_onsite_posting_has_every_required_property_and_parses_back():
    data = _ld(make_posting(), valid_through="2026-12-31")
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Senior Account Manager"
    assert data["datePosted"] == DATE
    assert data["validThrough"] == "2026-12-31"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Northwind Solar"}
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Portland",
            "addressRegion": "OR",
            "addressCountry": "US",
        },
    }
    assert "jobLocationType" not in data
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "YEAR",
            "minValue": 88000,
            "maxValue": 112000,
        },
    }


def test_description_is_html_of_p_ul_li_only_with_text_escaped():
    posting = make_posting(summary="We sell <b>solar</b> & storage. Clients love it.")
    description = _ld(posting)["description"]
    assert description.startswith("<p>We sell &lt;b&gt;solar&lt;/b&gt; &amp; storage.")
    assert "<ul><li>Own renewal plan number 1 for key accounts.</li>" in description
    assert "<b>" not in description


def test_remote_role_is_telecommute_with_applicant_countries():
    data = _ld(make_posting(workplace="remote", location="Remote (Canada)"))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "CA"}
    assert "jobLocation" not in data


def test_remote_within_the_eu_lists_member_countries():
    data = _ld(make_posting(workplace="remote", location="Remote within the EU"))
    countries = {area["name"] for area in data["applicantLocationRequirements"]}
    assert len(countries) == 27 and {"DE", "FR", "IE"} <= countries


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("full-time", "FULL_TIME"),
        ("part-time", "PART_TIME"),
        ("contract", "CONTRACTOR"),
        ("temporary", "TEMPORARY"),
        ("internship", "INTERN"),
        ("job share", "OTHER"),
    ],
)
def test_employment_type_is_mapped(written, code):
    assert _ld(make_posting(employment_type=written))["employmentType"] == code


def test_employment_type_left_out_when_the_posting_has_none():
    assert "employmentType" not in _ld(make_posting(employment_type=None))


@pytest.mark.parametrize("period", ["hour", "day", "week", "month", "year"])
def test_salary_unit_text_follows_the_period(period):
    pay = Pay(min=20, max=20, currency="EUR", period=period)
    salary = _ld(make_posting(pay=pay))["baseSalary"]
    assert salary["currency"] == "EUR"
    assert salary["value"] == {
        "@type": "QuantitativeValue",
        "unitText": period.upper(),
        "value": 20,
    }


def test_no_salary_when_the_posting_states_none():
    assert "baseSalary" not in _ld(make_posting(pay=None))


def test_date_posted_defaults_to_today():
    data = json.loads(render(make_posting(), "jsonld"))
    assert data["datePosted"] == date.today().isoformat()


def test_schema_rejects_what_google_would():
    """The schema itself is strict: each broken copy of a good object fails."""
    good = _ld(make_posting())
    broken = [
        {k: v for k, v in good.items() if k != "datePosted"},
        {k: v for k, v in good.items() if k != "jobLocation"},
        good | {"description": "<h2>Title</h2><p>x</p>"},
        good | {"employmentType": "FULLTIME"},
        good | {"jobLocationType": "TELECOMMUTE"},
        good | {"baseSalary": good["baseSalary"] | {"value": {"unitText": "ANNUAL"}}},
    ]
    for data in broken:
        with pytest.raises(jsonschema.ValidationError):
            validate_jsonld(data)


def test_missing_location_is_refused_with_what_to_add():
    with pytest.raises(InputError) as info:
        render(make_posting(location=None), "jsonld")
    assert "Google for Jobs requires a location" in str(info.value)


def test_valid_through_comes_from_the_context_and_the_option_wins(runner, write_context):
    context = write_context(
        NORTHWIND_FRONT.format(
            workplace="onsite", employment="part-time", extra="valid_through: 2026-12-31\n"
        )
    )
    base = ["draft", "-c", str(context), "-f", "jsonld", "--date", DATE]
    result = runner.invoke(app, base)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validate_jsonld(data)
    assert data["validThrough"] == "2026-12-31"
    assert data["employmentType"] == "PART_TIME"

    result = runner.invoke(app, [*base, "--valid-through", "2027-01-15"])
    assert json.loads(result.stdout)["validThrough"] == "2027-01-15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "23/11/2026"], "--date: '23/11/2026' is not a date; write it as YYYY-MM-DD"),
        (["--valid-through", "soon"], "--valid-through: 'soon' is not a date"),
        (["--valid-through", "2026-01-01"], "validThrough 2026-01-01 is before datePosted"),
    ],
)
def test_bad_dates_get_one_clear_line(runner, write_context, args, message):
    context = write_context(
        NORTHWIND_FRONT.format(workplace="onsite", employment="full-time", extra="")
    )
    result = runner.invoke(
        app, ["draft", "-c", str(context), "-f", "jsonld", "--date", DATE, *args]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_valid_through_in_the_file_names_the_file(runner, write_context):
    context = write_context(
        NORTHWIND_FRONT.format(
            workplace="onsite", employment="full-time", extra="valid_through: next May\n"
        )
    )
    result = runner.invoke(app, ["draft", "-c", str(context), "-f", "jsonld"])
    assert result.exit_code == 2
    assert f"{context}: front matter `valid_through`: 'next May' is not a date" in result.stderr


def test_draft_jsonld_without_location_says_what_to_add(runner, write_context):
    context = write_context(
        NORTHWIND_FRONT.format(workplace="onsite", employment="full-time", extra="").replace(
            "location: Portland, OR, USA\n", ""
        )
    )
    result = runner.invoke(app, ["draft", "-c", str(context), "-f", "jsonld"])
    assert result.exit_code == 2
    assert "Google for Jobs requires a location (`location:` or --location)" in result.stderr
    result = runner.invoke(
        app, ["draft", "-c", str(context), "-f", "jsonld", "--location", "Salem, OR"]
    )
    assert result.exit_code == 0, result.output
    address = json.loads(result.stdout)["jobLocation"]["address"]
    assert address == {
        "@type": "PostalAddress",
        "addressLocality": "Salem",
        "addressRegion": "OR",
        "addressCountry": "US",
    }
