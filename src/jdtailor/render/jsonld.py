"""JobPosting as schema.org JSON-LD, the markup Google for Jobs reads.

Google requires ``title``, ``description`` (HTML limited here to ``<p>``, ``<ul>``
and ``<li>``), ``datePosted``, ``hiringOrganization`` and ``jobLocation`` — or, for
a fully remote role, ``jobLocationType: TELECOMMUTE`` with
``applicantLocationRequirements``. ``baseSalary``, ``employmentType`` and
``validThrough`` are added when the posting (or the caller) states them. Nothing
is filled in that the posting does not say: a posting that lacks a required fact
is refused with a message naming it.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html import escape as _html_escape
from typing import Any

from ..errors import InputError
from ..posting import JobPosting, format_pay
from .markdown import SECTION_HEADINGS

__all__ = [
    "EMPLOYMENT_TYPE_CODES",
    "area_notes",
    "job_posting_ld",
    "missing_facts",
    "parse_when",
    "render_jsonld",
    "script_json",
]

EMPLOYMENT_TYPE_CODES = {
    "full-time": "FULL_TIME",
    "full time": "FULL_TIME",
    "part-time": "PART_TIME",
    "part time": "PART_TIME",
    "contract": "CONTRACTOR",
    "contractor": "CONTRACTOR",
    "freelance": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "temp": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "internship": "INTERN",
    "intern": "INTERN",
    "volunteer": "VOLUNTEER",
    "per diem": "PER_DIEM",
    "per-diem": "PER_DIEM",
}
UNIT_TEXT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}

# Country names people write in a location line -> ISO 3166-1 alpha-2, which Google prefers.
_COUNTRIES = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "united kingdom": "GB",
    "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "canada": "CA", "germany": "DE", "deutschland": "DE",
    "france": "FR", "ireland": "IE", "netherlands": "NL", "the netherlands": "NL",
    "belgium": "BE", "spain": "ES", "portugal": "PT", "italy": "IT", "switzerland": "CH",
    "austria": "AT", "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI",
    "poland": "PL", "czechia": "CZ", "czech republic": "CZ", "australia": "AU",
    "new zealand": "NZ", "india": "IN", "japan": "JP", "singapore": "SG", "mexico": "MX",
    "brazil": "BR", "south africa": "ZA",
}  # fmt: skip
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_REMOTE_WORDS = re.compile(
    r"\b(?:fully\s+)?remote(?:-first)?\b|\b(?:anywhere|based|located|living)\b"
    r"|^\s*(?:within|in|from)\b",
    re.IGNORECASE,
)
_EU = ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()


def parse_when(value: str | date | None, where: str) -> date | datetime | None:
    """Read an ISO 8601 date (``2026-12-31``) or date-time; ``where`` names the source."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{where}: {text!r} is not a date; write it as YYYY-MM-DD (e.g. 2026-12-31)"
        ) from None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _country(part: str) -> str | None:
    key = part.strip().lower()
    if key in _COUNTRIES:
        return _COUNTRIES[key]
    return None


def _address(location: str) -> dict[str, str]:
    """Split "Portland, OR, USA" into PostalAddress fields; unknown shapes stay whole."""
    parts = [p.strip() for p in location.split(",") if p.strip()]
    address: dict[str, str] = {"@type": "PostalAddress"}
    if not parts:
        return address
    country = _country(parts[-1])
    if len(parts) == 1:
        if country:
            address["addressCountry"] = country
        else:
            address["addressLocality"] = parts[0]
        return address
    if country:
        address["addressCountry"] = country
        parts = parts[:-1]
    elif len(parts) >= 3 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        address["addressCountry"] = parts[-1]
        parts = parts[:-1]
    if len(parts) == 1:
        address["addressLocality"] = parts[0]
    else:
        address["addressLocality"] = ", ".join(parts[:-1])
        address["addressRegion"] = parts[-1]
        if "addressCountry" not in address and parts[-1] in _US_STATES:
            address["addressCountry"] = "US"
    return address


# Regions people write for a remote role -> the countries Google should read. "Europe"
# is read as the EU, the EEA and Switzerland and the UK, where European employers hire;
# the CLI says so on stderr (``area_notes``) whenever a region is expanded.
_EEA_EXTRA = ("IS", "LI", "NO")
_EUROPE = (*_EU, *_EEA_EXTRA, "CH", "GB")
_REGIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "eu": (tuple(_EU), "the EU's 27 countries"),
    "e.u.": (tuple(_EU), "the EU's 27 countries"),
    "european union": (tuple(_EU), "the EU's 27 countries"),
    "eea": ((*_EU, *_EEA_EXTRA), "the EEA's 30 countries"),
    "europe": (_EUROPE, "the EU, the EEA, Switzerland and the UK"),
    "dach": (("DE", "AT", "CH"), "Germany, Austria and Switzerland"),
    "benelux": (("BE", "NL", "LU"), "Belgium, the Netherlands and Luxembourg"),
    "nordics": (("DK", "FI", "IS", "NO", "SE"), "the five Nordic countries"),
    "scandinavia": (("DK", "NO", "SE"), "Denmark, Norway and Sweden"),
    "north america": (("US", "CA", "MX"), "the US, Canada and Mexico"),
    "uk and ireland": (("GB", "IE"), "the UK and Ireland"),
}
# Time zones written as the area (often "within CET ±2 hours") -> where they are kept.
_TIME_ZONES: dict[str, tuple[tuple[str, ...], str]] = {
    **dict.fromkeys(("cet", "cest", "central european time"), _REGIONS["europe"]),
    **dict.fromkeys(
        ("gmt", "bst", "wet", "uk time"), (("GB", "IE", "PT"), "the UK, Ireland and Portugal")
    ),
    **dict.fromkeys(
        ("et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt",
         "us time zones", "us time zone", "eastern time", "pacific time", "central time"),
        (("US",), "the US"),
    ),
}  # fmt: skip
_SPLIT = re.compile(r"(?<!\s)\s*(?:[,;/&+|]|\bor\b|\band\b|\bplus\b)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:the|within|in|from|across|any\s+of|either)\s+", re.IGNORECASE)
_TZ = re.compile(r"^(?P<zone>[a-z .]+?)(?:\s*(?:[±+\-]|plus or minus)\s*\d+.*)?$", re.IGNORECASE)


def _area_parts(location: str) -> tuple[list[str], list[str], list[str]]:
    """(country codes, notes on what was read how, parts that are no country or region)."""
    text = re.sub(r"[()]", ",", location)
    text = _REMOTE_WORDS.sub(" ", text)
    codes: list[str] = []
    notes: list[str] = []
    unknown: list[str] = []
    for raw in _SPLIT.split(text):
        part = raw.strip(" ,;-–—/.")
        while _LEAD.match(part):
            part = _LEAD.sub("", part).strip()
        part = re.sub(r"\s+", " ", part)
        if not part:
            continue
        key = part.lower()
        zone = _TZ.match(part)
        zone_key = zone["zone"].strip().lower() if zone else ""
        note = ""
        if key in _REGIONS:
            found, what = _REGIONS[key]
            if key not in ("eu", "e.u.", "european union"):
                note = f"read {part!r} as {what}"
        elif code := _country(part):
            found = (code,)
        elif re.fullmatch(r"[A-Z]{2}", part):
            found = (part,)
        elif zone_key in _TIME_ZONES:
            found, what = _TIME_ZONES[zone_key]
            note = f"read the time zone {part!r} as {what}"
        elif key in ("hours", "hour", "time zone", "time zones", "timezone", "hours overlap"):
            continue  # the tail of "US and Canada time zones" style phrases
        else:
            unknown.append(part)
            continue
        if note and any(c not in codes for c in found):
            notes.append(note)
        codes += [c for c in found if c not in codes]
    return codes, notes, unknown


def _applicant_area(location: str) -> dict[str, str] | list[dict[str, str]]:
    """Where applicants to a remote role must live: countries if we can tell, else the text."""
    codes, _, unknown = _area_parts(location)
    if codes:
        areas = [{"@type": "Country", "name": code} for code in codes]
        return areas[0] if len(areas) == 1 else areas
    text = re.sub(r"\s+", " ", _REMOTE_WORDS.sub(" ", re.sub(r"[()]", " ", location)))
    return {"@type": "AdministrativeArea", "name": text.strip(" ,;-–—/") or location}


def area_notes(posting: JobPosting) -> list[str]:
    """For a remote posting's JSON-LD: which regions were read as which countries, and
    which words of the location could not be read as a country (said on stderr)."""
    if posting.workplace != "remote" or not posting.location:
        return []
    codes, notes, unknown = _area_parts(posting.location)
    if unknown and codes:
        notes.append(
            "could not read "
            + ", ".join(repr(u) for u in unknown)
            + " as a country; applicantLocationRequirements lists the others"
        )
    elif unknown:
        notes.append(
            f"could not read {posting.location!r} as countries; applicantLocationRequirements "
            "carries the text, which Google may ignore (name countries, e.g. 'Remote (US, Canada)')"
        )
    return notes


def escape(text: str) -> str:
    return _html_escape(text, quote=False)


def description_html(posting: JobPosting) -> str:
    """The posting as HTML using only ``<p>``, ``<ul>`` and ``<li>``, text escaped."""
    out = [f"<p>{escape(p)}</p>" for p in posting.summary.split("\n") if p.strip()]
    for section, title in SECTION_HEADINGS.items():
        bullets = getattr(posting, section)
        if bullets:
            items = "".join(f"<li>{escape(b.text)}</li>" for b in bullets)
            out.append(f"<p>{escape(title)}</p><ul>{items}</ul>")
    if posting.pay or posting.benefits:
        lines = ([f"Pay: {format_pay(posting.pay)}"] if posting.pay else []) + posting.benefits
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        out.append(f"<p>Pay and benefits</p><ul>{items}</ul>")
    if posting.about:
        out.append(f"<p>About {escape(posting.company or 'us')}</p>")
        out += [f"<p>{escape(p)}</p>" for p in posting.about.split("\n") if p.strip()]
    if posting.apply:
        out.append(f"<p>How to apply: {escape(posting.apply)}</p>")
    return "".join(out)


def _salary(posting: JobPosting) -> dict[str, Any] | None:
    pay = posting.pay
    if pay is None:
        return None
    data = pay.model_dump()
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": UNIT_TEXT[pay.period]}
    if pay.min == pay.max:
        value["value"] = data["min"]
    else:
        value["minValue"] = data["min"]
        value["maxValue"] = data["max"]
    return {"@type": "MonetaryAmount", "currency": pay.currency.upper(), "value": value}


def _employment_type(text: str | None) -> str | None:
    if not text:
        return None
    key = re.sub(r"\s+", " ", text.strip().lower().replace("_", "-"))
    return EMPLOYMENT_TYPE_CODES.get(key, "OTHER")


def missing_facts(posting: JobPosting) -> list[str]:
    """What Google requires that ``posting`` does not state (empty when complete)."""
    missing = []
    if not posting.title.strip():
        missing.append("a title")
    if not posting.company.strip():
        missing.append("a company name (`company:` or --company)")
    if not (posting.location and posting.location.strip()):
        if posting.workplace == "remote":
            missing.append(
                "a location saying where applicants may live (`location:` or --location)"
            )
        else:
            missing.append("a location (`location:` or --location)")
    return missing


def job_posting_ld(
    posting: JobPosting,
    *,
    date_posted: str | date | None = None,
    valid_through: str | date | None = None,
) -> dict[str, Any]:
    """Build the schema.org ``JobPosting`` object.

    Args:
        posting: the posting to describe.
        date_posted: ISO 8601 date; today when not given.
        valid_through: ISO 8601 date or date-time after which the posting expires.

    Raises:
        InputError: a fact Google requires is missing, or a date is unreadable.
    """
    posted = parse_when(date_posted, "--date") or date.today()
    until = parse_when(valid_through, "valid_through")
    missing = missing_facts(posting)
    if missing:
        raise InputError(
            "JSON-LD: Google for Jobs requires "
            + " and ".join(missing)
            + ", which this posting lacks; add it and render again"
        )
    if until is not None and _day(until) < _day(posted):
        raise InputError(
            f"validThrough {until.isoformat()} is before datePosted {posted.isoformat()}; "
            "give a later --valid-through (or `valid_through:`), or leave it out"
        )
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title.strip(),
        "description": description_html(posting),
        "datePosted": posted.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": posting.company.strip()},
    }
    remote = posting.workplace == "remote"
    location = posting.location or ""
    if remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = _applicant_area(location)
    else:
        data["jobLocation"] = {"@type": "Place", "address": _address(location)}
    if (employment := _employment_type(posting.employment_type)) is not None:
        data["employmentType"] = employment
    if (salary := _salary(posting)) is not None:
        data["baseSalary"] = salary
    if until is not None:
        data["validThrough"] = until.isoformat()
    if posting.apply and _URL.match(posting.apply.strip()):
        data["url"] = posting.apply.strip()
    return data


# a URL with nothing that could close an attribute or a tag around it
_URL = re.compile(r"https?://[^\s\"'<>`\\]+\Z", re.IGNORECASE)


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside ``<script>``: no ``</script>`` or ``<!--`` can form."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_jsonld(
    posting: JobPosting,
    *,
    date_posted: str | date | None = None,
    valid_through: str | date | None = None,
    **_: object,
) -> str:
    data = job_posting_ld(posting, date_posted=date_posted, valid_through=valid_through)
    return script_json(data) + "\n"  # often pasted into a <script> tag by hand
