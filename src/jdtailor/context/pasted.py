"""A posting pasted from a job board, read as company.md.

Hiring managers most often have an old posting, not a company.md. A file with no
front matter and none of company.md's own sections (why we're hiring, what success
looks like) is read by the one reader of posting layouts, ``lint.parse.parse_text``
(label lines, ``·`` bullets, HTML lists, header lines), and its sections are placed
where company.md would put them:

    duties                      -> responsibilities
    requirements/qualifications -> must_haves
    preferred/nice to have      -> nice_to_haves
    pay line                    -> salary (only a range or figure as written)
    benefits, location, type    -> benefits, location, employment_type
    about the company           -> about; a paragraph about the job -> why_hiring

Lines that fit nowhere are kept in ``left_out`` for the CLI to name. The role comes
from the posting when no ``--role`` is given (``find_role``), with the line it came
from. Everything here is string methods and patterns without nested repeats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..posting import Pay
from ..text import as_sentence, lazy

if TYPE_CHECKING:
    from ..lint.parse import ParsedPosting

__all__ = ["find_role", "read_pasted"]

# A title label: "Job Title: Barista", "Position: Line Cook" (at a line's start), or
# "Job Title: Cook 3 Reports To: ..." run into one line (anywhere)
_ROLE_LABEL = lazy(
    r"^\W{0,3}(?:job title|position title|job|title|position|role|opening|vacancy|"
    r"now hiring|we'?re hiring|hiring for)\s?:\s?",
    re.IGNORECASE,
)
_ROLE_LABEL_INSIDE = lazy(r"\b(?:job title|position title)\s?:\s?", re.IGNORECASE)
# Words of a label that follows the title on a run-together line ("Cook 3 Reports To:")
_NEXT_LABEL_WORDS = frozenset(
    "reports to position type job summary location department salary pay schedule shift "
    "status employment hours wage starting rate company date posted".split()
)
# The job named in a sentence: (cue, whether the name must be written in capitals).
# "is looking for a passionate barista to join", "is hiring for veterinary technician",
# "As a Line Cook, you will", "The Room Attendant is responsible for"
_CUES = (
    (lazy(r"\b(?:looking for|hiring for|hiring|seeking|searching for|in search of|"
          r"in need of)\s", re.IGNORECASE), False),
    (lazy(r"\b(?:job description|responsibilities|duties) (?:for|of) (?:the|a|an)\s",
          re.IGNORECASE), False),
    (lazy(r"\b[Aa]s an?\s"), True),
    (lazy(r"\bto hire an?\s", re.IGNORECASE), False),
)  # fmt: skip
_THE_JOB = lazy(
    r"\bthe ([a-z][\w/-]*(?: [a-z][\w/-]*){0,3}) (?:is|will|must|shall|should|works|performs|"
    r"prepares|provides|assists|supports|reports|serves|maintains|ensures|helps|plays)\b",
    re.IGNORECASE,
)
# where the job's name ends in "looking for a barista to join the team"
_PHRASE_END = lazy(
    r"[.;:!?()\[\]|]|\s(?:to|who|that|with|for|in|at|on|from|as|like|join(?:ing)?|"
    r"wanting|willing|able|which|whose|interested)\b",
    re.IGNORECASE,
)
# "Cashier Job Description", "Barista Position", "Warehouse Associate Core Responsibilities",
# "Driver Eligibility Requirements", "Line Cook in the Kitchen team"
_TITLE_TAIL = lazy(
    r"\s(?:sample\s)?(?:(?:job|role|position)\s)?(?:(?:job|role)\s)?(?:description|descriptions|"
    r"brief|posting|profile|opening|openings|template|position|vacancy)\b.*$|"
    r"\s(?:(?:core|key|main|essential|job)\s)?(?:eligibility\s)?(?:responsibilities|duties|"
    r"qualifications|requirements)\b.*$|\s(?:in|on|for|at)\s(?:the|our)\s.*$",
    re.IGNORECASE,
)
_LEADING_WORDS = frozenset(
    """a an the one two three several multiple our new experienced dedicated passionate
    energetic enthusiastic friendly reliable dependable motivated talented skilled qualified
    hardworking caring outgoing great strong positive highly driven detail-oriented
    self-motivated hard-working fun-loving full-time part-time fulltime parttime seasonal
    temporary permanent immediate first additional awesome amazing rockstar star top-notch
    career-minded team-oriented customer-focused for outstanding exceptional ambitious
    creative curious organized organised responsible mature compassionate kind patient
    confident proactive versatile seasoned accomplished hungry""".split()
)
# a name ending on one of these is no job's name ("looking for a team player")
_NOT_A_JOB = frozenset(
    """person people individual individuals candidate candidates applicant applicants someone
    somebody player players talent help career opportunity opportunities team job jobs role
    position work immediately now employee employees this these that member members""".split()
)
# how a job's name ends: "Driver", "Barista", "Room Attendant", "Kitchen Steward"
_JOB_ENDINGS = (
    "er", "or", "ist", "ant", "ent", "ian", "ate", "ta", "cook", "chef", "aide", "tech",
    "nurse", "guard", "clerk", "hand", "ard", "ive", "yst", "lead", "eon", "ar",
)  # fmt: skip
_SURE_ENDINGS = ("er", "or", "ist", "ant", "ian", "cook", "chef", "aide", "tech", "nurse", "ta")
_SMALL_WORDS = frozenset("a an and of or the in for to on at".split())
_SENTENCE_MARKS = frozenset(":?!.")
# words that may start a name but never do: "hiring at smarterdx dot com"
_NOT_FIRST = frozenset("at in on to from with by of now today immediately".split())


def _job_name(word: str) -> bool:
    low = word.lower().rstrip("s")
    return low.endswith(_JOB_ENDINGS) and not low.endswith("ment") and low not in _NOT_A_JOB


def _singular(title: str) -> str:
    """ "Line Cooks" -> "Line Cook"; "Sales" and "Operations" stay."""
    words = title.split()
    last = words[-1]
    low = last.lower()
    if low.endswith("s") and not low.endswith("ss") and low[:-1].endswith(_JOB_ENDINGS):
        if low not in ("logistics", "analytics", "mechanics", "operations", "relations"):
            words[-1] = last[:-1]
    return " ".join(words)


def _tidy_title(text: str) -> str | None:
    """A posting's title line as a role: its label, a "(3 months experience)" note, a
    "Job Description" tail and a "- Company" part go; None when what is left is no
    job's name."""
    from ..lint.parse import classify_heading

    text = " ".join(text.replace("*", " ").replace("#", " ").split())
    text = text.split("(")[0].split("[")[0]
    parts = [p.strip(" -–—:") for p in re.split(r" [-–—|@] | at |, ", text) if p.strip(" -–—:")]
    if not parts:
        return None
    # "Class A - Over The Road Truck Driver": the part that names a job
    text = next((p for p in parts if _job_name(p.split()[-1])), parts[0])
    text = _TITLE_TAIL.sub("", text).strip(" -–—:")
    words = text.split()
    if not words or len(words) > 8 or not any(ch.isalpha() for ch in text):
        return None
    if words[-1].lower() in _NOT_A_JOB or text.lower() in ("job title", "hiring"):
        return None
    if classify_heading(text) is not None:
        return None  # "Job Description", "Requirements": a section label
    if text.isupper() and len(words) > 3:
        return None  # "HIRING IMMEDIATELY AT OUR NEW STORE"
    if len(words) > 1 and all(w.islower() for w in words[1:]):  # "Medical assistant"
        text = " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in words)
    return _singular(text)


def _name(phrase: str, capitals: bool) -> str | None:
    """The job's name in the words after a cue, or None."""
    # "a fun-loving, energetic, and passionate barista": the last of the list
    phrase = re.sub(r"^(?:and|or)\s", "", phrase.split(",")[-1].strip())
    phrase = phrase.split(" and ")[0].split(" or ")[0]  # "a cook and dishwasher"
    words = [w for w in phrase.split() if w]
    while words and words[0].lower() in _LEADING_WORDS:
        words = words[1:]
    while words and words[-1].lower() in ("position", "role", "job", "opening"):
        words = words[:-1]  # "the Room Attendant position"
    if words and "/" in words[-1] and _job_name(words[-1].split("/")[0]):
        words[-1] = words[-1].split("/")[0]  # "Room Attendant/Housekeeping/Laundry"
    if not words or len(words) > 5 or words[-1].lower() in _NOT_A_JOB:
        return None
    if words[0].lower() in _NOT_FIRST:
        return None
    if not all(w.replace("-", "").replace("/", "").isalpha() for w in words):
        return None
    if capitals and not all(w[:1].isupper() for w in words):
        return None
    return _singular(" ".join(w if w[:1].isupper() else w.capitalize() for w in words))


def _wanted(text: str) -> str | None:
    """The job a sentence names: "is looking for a fun-loving, energetic barista to join
    the team", "As a Line Cook, you will", "The Room Attendant is responsible for"."""
    text = " ".join(text.split())  # one space between words: the patterns stay linear
    for cue, capitals in _CUES:
        for m in cue.finditer(text):
            rest = text[m.end() : m.end() + 120]
            if capitals:  # "As a Line Cook, you will"
                rest = rest.split(",")[0]
            end = _PHRASE_END.search(rest)
            if (name := _name(rest[: end.start()] if end else rest, capitals)) is not None:
                return name
    for m in _THE_JOB.finditer(text):
        words = m.group(1).split()
        sure = words[-1].lower().endswith(_SURE_ENDINGS)  # not "The climate is"
        if sure and _job_name(words[-1]) and (name := _name(m.group(1), False)) is not None:
            return name
    return None


def _labelled(line: str) -> str | None:
    """The title a "Job Title:" label gives on this line, if any."""
    m = _ROLE_LABEL.match(line) or _ROLE_LABEL_INSIDE.search(line)
    if m is None:
        return None
    value = line[m.end() :].split(":")[0].split()
    if ":" in line[m.end() :]:  # "Cook 3 Reports To: ...": the next label's words go
        while value and value[-1].lower() in _NEXT_LABEL_WORDS:
            value.pop()
    return _tidy_title(" ".join(value))


def find_role(lines: list[str], first_title: tuple[str, int] | None) -> tuple[str, int] | None:
    """(role, 1-based line) from a posting: a "Job Title:" label, else its title line
    (``first_title``: the line the posting reader took as the title), else the job a
    sentence in its opening lines names ("hiring a/an X", "looking for a/an X")."""
    for i, line in enumerate(lines[:60]):
        if len(line) < 5000 and (role := _labelled(line.strip())):
            return role, i + 1
    if first_title is not None and (role := _tidy_title(first_title[0])):
        return role, first_title[1]
    # a short first line the reader took for a heading: "Warehouse Associate Core Duties"
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if (
        first is not None
        and len(lines[first].split()) <= 8
        and not _SENTENCE_MARKS & set(lines[first])
    ):
        if (role := _tidy_title(lines[first].strip().strip("#").strip())) is not None:
            return role, first + 1
    for i, line in enumerate(lines[:40]):
        if len(line) < 5000 and (role := _wanted(line)):
            return role, i + 1
    return None


# -- facts -----------------------------------------------------------------------------------

_PERIOD = lazy(
    r"(?:\bper\s|\ban?\s|/\s?)(hour|hr|day|week|wk|month|mo|year|yr|annum)\b|"
    r"\b(hourly|daily|weekly|monthly|annually|annual|yearly)\b",
    re.IGNORECASE,
)
_TYPE = lazy(
    r"\b(full[- ]?time|part[- ]?time|temporary|seasonal|internship|contractor)\b", re.IGNORECASE
)
_EMPLOYMENT = {
    "fulltime": "full-time", "parttime": "part-time", "temporary": "temporary",
    "seasonal": "temporary", "internship": "internship", "contractor": "contract",
}  # fmt: skip


def _pay(statement: Any, line: str) -> tuple[Pay | None, str | None]:
    """The posting's pay as a range, or why it cannot be one (said on stderr)."""
    from ..money import CURRENCY_SIGNS, PERIOD_WORDS

    amounts = [a for a in statement.amounts if a]
    if statement.kind == "open" or not amounts:
        return None, 'states pay without a range ("up to", "from"); pass --salary MIN-MAX'
    sign = next((s for s in statement.text + line if s in CURRENCY_SIGNS), None)
    code = re.search(r"\b(USD|EUR|GBP|CAD|AUD)\b", line)
    currency = code.group(1) if code else CURRENCY_SIGNS.get(sign or "")
    found = _PERIOD.search(line)
    word = (found.group(1) or found.group(2)).lower() if found else None
    if word == "yearly":
        word = "year"
    period = PERIOD_WORDS.get(word or "")
    if period is None and min(amounts) >= 10_000:
        period = "year"  # "$72k-$95k": a yearly salary, as --salary reads it
    if currency is None or period is None:
        return None, "states pay without a currency or a period; pass --salary"
    try:
        return Pay(min=min(amounts), max=max(amounts), currency=currency, period=period), None  # type: ignore[arg-type]
    except ValueError:
        return None, "states pay jdtailor cannot read; pass --salary"


# an item of a duties list that asks something of the candidate: it is a must-have
_ASKS = lazy(
    r"^(?:must|should|ability to|able to|willing(?:ness)? to|requires?|required|knowledge of|"
    r"(?:be|being) (?:a|an|able)|experience|familiar(?:ity)? with|proficien\w*|comfortable|"
    r"reliab\w*|has|have)\b",
    re.IGNORECASE,
)
# money that is no pay: "employer-paid $25,000 life insurance", "a $500 sign-on bonus"
_NOT_WAGE = lazy(
    r"\b(?:insurance|401|bonus|reimburs\w*|stipend|allowance|tuition|referral|match)\b", re.I
)
# a "Label: value" line inside a paragraph: "REPORTS TO: Practice Owner", "Schedule: ..."
_LABEL = lazy(r"^([A-Za-z][A-Za-z /&-]{1,30}):\s?(\S.*)$")
_PAY_WORDS = lazy(r"\b(?:pay|wages?|salary|compensation|rate)\b", re.IGNORECASE)
_SCHEDULE_LABELS = frozenset(
    "schedule,shift,shifts,hours,work hours,working hours,availability,days,classification,"
    "status,job type,employment type,position type,work schedule".split(",")
)
_COMPANY_VOICE = lazy(
    r"\b(?:we|we're|we've|our|us|founded|family[- ]owned|headquartered|established|since \d{4})\b",
    re.IGNORECASE,
)
_URL_OR_MAIL = lazy(r"https?://\S+|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b")


def _unlabelled(
    doc: ParsedPosting,
    span: Any,
    data: dict[str, Any],
    left_out: list[tuple[int, str]],
    where: Callable[[int | None], int],
) -> list[str]:
    """A paragraph without the "Label: value" lines the reader ran into it: a schedule
    stays (as a sentence), a location becomes the location, the pay line goes when the
    pay was read, any other label ("REPORTS TO: ...") is left out and named."""
    if ":" not in span.text:
        return [span.text]
    kept: list[str] = []
    size = 0
    for n in range(span.line, min(span.line + 60, len(doc.lines) + 1)):
        raw = doc.lines[n - 1].strip()
        if not raw or size >= len(span.text):
            break
        size += len(raw) + 1
        m = _LABEL.match(raw)
        label = m.group(1).strip().lower() if m else ""
        if not m or len(label.split()) > 3:
            kept.append(raw)
        elif label in _SCHEDULE_LABELS:
            kept.append(as_sentence(raw))
        elif "location" in label and "location" not in data:
            data["location"] = m.group(2).strip()
        elif _PAY_WORDS.search(label) and "salary" in data:
            continue
        else:
            left_out.append((where(n), raw))
    return [" ".join(kept)] if kept else []


def _wage(lines: list[str]) -> Any:
    """The posting's pay statement: the first range (else figure) on a line that says
    per what ("$15 per hour") or is labelled pay, and is no perk's worth."""
    from ..lint.pay import PAY_LABEL, find_pay

    found = None
    for i, line in enumerate(lines[:500]):
        if len(line) > 500 or _NOT_WAGE.search(line):
            continue
        statement = find_pay(line, i + 1)
        if statement is None or not (_PERIOD.search(line) or PAY_LABEL.match(line.strip())):
            continue
        if statement.kind == "range":
            return statement
        found = found or statement
    return found


def _fields(doc: ParsedPosting, text: str, origin: list[int] | None) -> dict[str, Any] | None:
    """company.md fields from a parsed posting, or None when it is plain prose (no
    list, no pay, no labelled facts): that stays ``about`` as before.

    ``origin`` maps each line of ``text`` to the line of the file it came from (HTML).
    """
    listed = doc.responsibilities + doc.requirements + doc.nice_to_haves + doc.benefits
    if len(listed) < 2 and doc.pay is None and _wage(doc.lines) is None and not doc.location:
        return None

    def where(line: int | None) -> int:
        if line is None:
            return 0
        return origin[line - 1] if origin and 0 < line <= len(origin) else line

    data: dict[str, Any] = {"pasted": True}
    left_out: list[tuple[int, str]] = []
    if doc.company and len(doc.company.split()) <= 6:
        data["company"] = doc.company
    if doc.location is not None and len(doc.location.text) <= 120:
        data["location"] = doc.location.text
    statement = _wage(doc.lines) or doc.pay  # doc.pay: a "Company | Role | $90-110k" header
    if statement is not None:
        line = doc.lines[statement.line - 1] if 0 < statement.line <= len(doc.lines) else ""
        if _NOT_WAGE.search(line):
            statement = None
    if statement is not None:
        pay, why = _pay(statement, " ".join(line.split()))
        if pay is not None:
            data["salary"] = pay
        else:
            said = line.strip() or statement.text
            left_out.append((where(statement.line), f"{said} ({why})"))
    kinds = {_EMPLOYMENT[m.group(1).lower().replace("-", "").replace(" ", "")]
             for m in _TYPE.finditer(text[:100_000])}  # fmt: skip
    if len(kinds) == 1:
        data["employment_type"] = kinds.pop()
    # "Must have genuine interest in guests" in a duties list asks, it is no duty
    asks = [s.text for s in doc.responsibilities if _ASKS.match(s.text)]
    data["responsibilities"] = [s.text for s in doc.responsibilities if not _ASKS.match(s.text)]
    data["must_haves"] = [s.text for s in doc.requirements] + asks
    data["nice_to_haves"] = [s.text for s in doc.nice_to_haves]
    data["benefits"] = [s.text for s in doc.benefits]

    about = [s.text for s in doc.about]
    job = [s.text for s in doc.why]
    company = (data.get("company") or "").lower()
    for span in doc.summary:
        for para in _unlabelled(doc, span, data, left_out, where):
            ours = _COMPANY_VOICE.search(para) or (company and company in para.lower())
            (about if ours else job).append(para)
    if about:
        data["about"] = "\n".join(about)
    for span in doc.apply:
        link = _URL_OR_MAIL.search(span.text)
        if link and "apply" not in data:
            data["apply"] = link.group(0).rstrip(".,)")
        else:
            left_out.append((where(span.line), span.text))
    for span in doc.other:  # "Classification: Part-time, 10 hours per week" is the schedule
        m = _LABEL.match(span.text)
        if m and m.group(1).strip().lower() in _SCHEDULE_LABELS:
            job.append(as_sentence(span.text))
        else:
            left_out.append((where(span.line), span.text))
    if job:
        data["why_hiring"] = "\n".join(job)
    data["left_out"] = left_out
    return data


def read_pasted(
    text: str, origin: list[int] | None = None
) -> tuple[dict[str, Any] | None, tuple[str, int] | None]:
    """(fields of a pasted posting or None for prose, (role, file line) or None)."""
    from ..lint.parse import parse_text

    doc = parse_text(text)
    data = _fields(doc, text, origin)
    title = None
    if doc.title is not None:  # the whole line: "Class A - Over The Road Truck Driver"
        n = doc.title.line
        whole = doc.lines[n - 1] if 0 < n <= len(doc.lines) else ""
        title = (whole if doc.title.text in whole else doc.title.text, n)
    role = find_role(doc.lines, title)
    if role is None:
        return data, None
    n = role[1]
    return data, (role[0], origin[n - 1] if origin and 0 < n <= len(origin) else n)
