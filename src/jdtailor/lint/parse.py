"""Any posting as one lintable shape, with line numbers.

A Markdown or plain-text posting (ours or anyone's) is split into sections by its
headings — Markdown ``#`` headings, ``**bold**`` or ``Label:`` lines, or short
plain lines that name a known section — and into items by list markers. A
``JobPosting`` is rendered as the Markdown ``jdtailor draft`` prints and parsed
the same way, so line numbers match what the user sees; its exact facts (company,
location, pay) are then taken from the model itself.
"""

from __future__ import annotations

import functools
import re

from ..posting import JobPosting, Pay
from ..reading import markdown as md
from .layout import Layout, looks_like_place, normalise, split_run_ons
from .pay import PAY_LABEL, PayStatement, find_pay, states_money
from .words import Phrases, lazy

__all__ = ["PayStatement", "ParsedPosting", "Span", "from_posting", "parse_text"]


# Plain classes, not dataclasses: a dataclass costs a millisecond of code
# generation at import, and this module is imported by every ``draft``.
class Span:
    """A piece of the posting and the 1-based line it starts on."""

    __slots__ = ("line", "text")

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.line = line

    def __repr__(self) -> str:
        return f"Span({self.text!r}, line={self.line})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.text, self.line) == (other.text, other.line)

    def __hash__(self) -> int:
        return hash((self.text, self.line))


class ParsedPosting:
    """A posting as lint sees it: title, facts and sections of spans."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.title: Span | None = None
        self.company: str | None = None
        self.location: Span | None = None
        self.summary: list[Span] = []
        self.why: list[Span] = []
        self.responsibilities: list[Span] = []
        self.requirements: list[Span] = []
        self.nice_to_haves: list[Span] = []
        self.benefits: list[Span] = []
        self.about: list[Span] = []
        self.apply: list[Span] = []
        self.other: list[Span] = []
        self.headings: list[Span] = []
        self.sections_found: set[str] = set()
        self.pay: PayStatement | None = None
        self.structured_pay: Pay | None = None
        self.from_model = False
        self.sources: dict[int, list[str]] = {}  # bullet line -> its sources

    def body(self) -> list[Span]:
        """Every span a candidate reads, except the title and headings."""
        return (
            self.summary + self.why + self.responsibilities + self.requirements
            + self.nice_to_haves + self.benefits + self.about + self.other + self.apply
        )  # fmt: skip

    def bullets(self) -> list[tuple[str, Span]]:
        return [
            (section, span)
            for section in ("responsibilities", "requirements", "nice_to_haves")
            for span in getattr(self, section)
        ]


# ------------------------------------------------------------------ patterns

# Facts are matched on the line with its spaces collapsed (see _facts), so the
# lazy value and the separator lookahead never meet a long run of whitespace.
_FACT = lazy(
    r"(?:\*\*|__)?\b(location|locations|based in|office|pay|pay range|salary|salary range|"
    r"compensation|base salary|type|employment type|job type|company)(?:\*\*|__)?\s*:"
    r"(?:\*\*|__)?\s*(.+?)(?=\s+[·|•]\s+|$)",
    re.IGNORECASE,
)
_TERMINAL = lazy(r"[.;,!?]\s*$")

# heading text -> section, first match wins (nice-to-haves before requirements)
_SECTION_WORDS: tuple[tuple[str, Phrases], ...] = (
    ("nice_to_haves", Phrases(
        "nice to have|haves", "bonus|bonuses|preferred|desirable|plus|pluses|ideally",
        "extra credit",
    )),
    ("why", Phrases(
        "why we_re|we_are|this_role|now|hiring|we", "the opportunity",
    )),
    ("apply", Phrases(
        "how|to apply", "apply now", "application process", "next steps",
    )),
    ("benefits", Phrases(
        "benefit|benefits|perks|compensation|pay|salary|rewards", "what we offer",
        "we offer", "why you_ll_love|join|work",
    )),
    ("requirements", Phrases(
        "requirement|requirements|qualification|qualifications|skills|experience|musthaves",
        "what you|you_ll|you_will need", "must have|haves", "looking for", "who you are",
        "what we look for", "you should have", "desired skills", "minimum|basic qualifications",
        "about you", "you have|bring", "what it takes",
        "what |you_ll|you_will bring", "must meet", "minimum|eligibility standards",
        "eligibility", "to qualify",
    )),
    ("responsibilities", Phrases(
        "responsibilities|responsibility|responsibilties|duties|tasks",
        "essential|job|primary|principal |job functions|function", "examples of work|duties",
        "what you_ll|you_will do", "what you_ll|you_will be doing", "day to day",
        "what you_ll|you_will work on", "what you_ll|you_will be working on", "a day in the life",
        "your role|impact", "in this role", "the work", "you will",
    )),
    ("about", Phrases(
        "about us", "about the company|team", "who we are", "our company|story|mission",
        "company overview", "the team",
    )),
    ("summary", Phrases(
        "summary|overview|introduction|description|position", "about the role|job|position",
        "the role", "job details",
    )),
)  # fmt: skip


@functools.lru_cache(maxsize=1024)
def classify_heading(text: str) -> str | None:
    """The section a heading names, or None for a heading we do not know."""
    clean = text.replace("’", "'").strip(" *_#:")
    for name, phrases in _SECTION_WORDS:
        if phrases.find(clean):
            return name
    if clean.lower().startswith("about ") and len(clean.split()) <= 5:
        return "about"  # "About Northwind Solar"
    if clean.lower() in ("company", "the company"):
        return "about"
    if clean.lower() in ("role", "job", "the job", "position"):
        return "summary"  # its list, if any, is read as the duties (see parse_text)
    return None


_strip_md = md.inline_plain


def _bullet(line: str) -> str | None:
    """The text of a list item line (``a)`` items too), None for other lines and empty items."""
    found = md.bullet(line, letters=True)
    return found[1] if found is not None and found[1] else None


def _heading(line: str, prev_blank: bool, next_line: str | None) -> str | None:
    """The heading text if ``line`` is a heading, else None."""
    atx = md.atx_heading(line)
    if atx is not None:
        return atx[1]
    bold = md.bold_line(line)
    if bold is not None:
        return bold
    label = md.label_line(line)
    if label is not None and len(label.split()) <= 7:
        return label
    if next_line is not None and md.setext_underline(next_line) and line.strip():
        return line.strip()
    stripped = line.strip()
    words = stripped.split()
    # a short plain line that names a known section, standing on its own
    if (
        prev_blank
        and 0 < len(words) <= 8
        and not _TERMINAL.search(stripped)
        and _bullet(line) is None
        and ":" not in stripped.rstrip(":")
        and classify_heading(stripped) is not None
        and stripped[0].isupper()
        and not states_money(stripped)  # "Salary range $40,100 $52,300": a fact, no heading
    ):
        return stripped
    return None


def parse_text(text: str) -> ParsedPosting:
    """Parse Markdown or plain text into sections; never raises on any string."""
    lines = md.split_lines(text)
    end = md.front_matter_end(lines)  # YAML front matter is skipped
    start = end + 1 if end is not None and end >= 0 else 0
    lines, origin = split_run_ons(lines, start, classify_heading)
    doc = ParsedPosting(lines=lines)
    layout = normalise(lines, start, classify_heading)
    if layout.title:
        doc.title = Span(layout.title, layout.title_line)
    section = "summary"
    seen_heading = layout.header_line > 0  # the header line stood for the title
    in_fence = False
    current: Span | None = None  # the paragraph or bullet being built
    more: list[str] = []  # its further lines, joined once (a long paragraph stays linear)
    current_bullet = False
    guessed = False  # the title is a first line's guess, not a heading or a label
    items: list[tuple[str, Span, bool]] = []  # (section, span, is_bullet)

    def flush() -> None:
        nonlocal current
        if current is not None and more:
            current = Span(" ".join([current.text, *more]), current.line)
            more.clear()
        if current is not None and current.text.strip():
            items.append((section, Span(current.text.strip(), current.line), current_bullet))
        current = None

    i = start
    while i < len(lines):
        raw = lines[i]
        lineno = i + 1
        if md.fence(raw):
            in_fence = not in_fence
            flush()
            i += 1
            continue
        if in_fence:
            i += 1
            continue
        prev_blank = i == start or not lines[i - 1].strip()
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        if md.setext_underline(raw) and i > start and lines[i - 1].strip():
            i += 1  # underline of a setext heading already taken
            continue
        heading = _heading(raw, prev_blank, next_line)
        if heading is not None:
            flush()
            plain = _strip_md(heading)
            # a posting that opens on a section label ("Requirements:") has no title line
            opens_on_label = raw.lstrip().startswith("##") and classify_heading(plain) is not None
            nxt = None
            if (doc.title is None or guessed) and plain.lower().strip(" :") in _TITLE_LABELS:
                nxt = _next_value(lines, i + 1)
            if nxt is not None:
                flush()  # "Title:" over "SERVER": the job is the next line
                doc.title = Span(_strip_md(nxt[0]), nxt[1] + 1)
                guessed, seen_heading = False, True
                i = nxt[1] + 1
                continue
            opens_on_label = opens_on_label or _bullet(raw) is not None  # "- Full Time:"
            if doc.title is None and not seen_heading and not items and not opens_on_label:
                doc.title = Span(plain, lineno)
                seen_heading = True
                section = "summary"
            else:
                seen_heading = True
                doc.headings.append(Span(plain, lineno))
                kind = classify_heading(plain)
                if kind == "about" and doc.company and doc.company.lower() in plain.lower():
                    kind = "about"
                section = kind or "other"
                if kind in ("requirements", "responsibilities") and _mixed(plain):
                    section = "mixed"  # sorted item by item below
                else:
                    doc.sections_found.add(section)
            i += 1
            continue
        stripped = raw.strip()
        if not stripped:
            flush()
            i += 1
            continue
        title_label = ":" in stripped and (doc.title is None or guessed)
        named = _JOB_TITLE.match(stripped) if title_label else None
        if named and 0 < len(stripped[named.end() :].split()) <= 8:
            flush()  # "Job Title: Cook 3" below a board's header lines beats a guess
            guessed = False
            doc.title = Span(_strip_md(stripped[named.end() :].strip()), lineno)
            i += 1
            continue
        if not items and current is None and not seen_heading and _CHROME.search(stripped):
            i += 1  # "Skip to content", "Logo", a breadcrumb: the page around the posting
            continue
        if (
            guessed
            and not items
            and current is None
            and doc.title is not None
            and not _names_job(doc.title.text)
            and _names_job(stripped)
            and _first_line_title(stripped)
        ):
            # "Mercury" then "Customer Support Specialist": the job, and its employer
            doc.company = doc.company or doc.title.text
            doc.title = Span(_strip_md(stripped), lineno)
            guessed = False
            i += 1
            continue
        if doc.title is None and not items and current is None and not seen_heading:
            # the first line of a plain-text posting is its title when it is short
            title = _first_line_title(stripped)
            if title:
                doc.title = Span(_strip_md(title), lineno)
                guessed = True
                i += 1
                continue
            if doc.pay is None and len(stripped.split()) <= 6:
                doc.pay = find_pay(stripped, lineno)  # "$46K - 56K a year" atop a board's page
        facts = list(_FACT.finditer(" ".join(stripped.split()))) if ":" in stripped else []
        if facts and (facts[0].start() == 0 or stripped.startswith(("**", "__"))):
            flush()
            for m in facts:
                label, value = m.group(1).lower(), _strip_md(m.group(2)).strip(" *_")
                if label.startswith(("location", "based", "office")) and doc.location is None:
                    doc.location = Span(value, lineno)
                elif label == "company" and not doc.company:
                    doc.company = value
                elif label not in ("type", "employment type", "job type") and doc.pay is None:
                    doc.pay = find_pay(stripped, lineno) or doc.pay
            i += 1
            continue
        item = _bullet(raw)
        inline = None if item is not None else _inline_list(stripped)
        if inline is not None:  # "Benefits: health cover, 20 days of leave"
            flush()
            section = inline[0]
            doc.sections_found.add(section)
            current, current_bullet = Span(_strip_md(inline[1]), lineno), True
            i += 1
            continue
        if item is not None:
            flush()
            current = Span(_strip_md(item), lineno)
            current_bullet = True
        elif current is not None and (not current_bullet or raw[:1].isspace()):
            more.append(_strip_md(stripped))
        else:
            flush()
            current = Span(_strip_md(stripped), lineno)
            current_bullet = False
        i += 1
    flush()

    by_section: dict[str, list[tuple[Span, bool]]] = {}
    for sec, span, is_bullet in items:
        by_section.setdefault(sec, []).append((span, is_bullet))
    _sort_mixed(by_section)
    _duties_from_summary(by_section)
    for sec, entries in by_section.items():
        spans = [s for s, _ in entries]
        if sec in ("responsibilities", "requirements", "nice_to_haves"):
            bullets = [s for s, b in entries if b]
            spans = bullets or spans  # a lead-in line before the list is not an item
            if bullets:
                doc.other.extend(s for s, b in entries if not b)
        getattr(doc, sec).extend(spans)
        if spans:
            doc.sections_found.add(sec)
    _layout_facts(doc, layout)
    if doc.title is not None and doc.company is None:
        _split_title(doc)
    if doc.pay is None:
        # "Starting wage: $15" then "the range is $15 to $19": the range is the pay
        for span in (
            doc.benefits + doc.summary + doc.other + doc.requirements + doc.responsibilities
        ):
            found = find_pay(span.text, span.line)
            if found is not None and (doc.pay is None or found.kind == "range"):
                doc.pay = found
                if found.kind == "range":
                    break
    # "Pay: $80,000-$95,000" listed among benefits is the pay, not a benefit
    doc.benefits = [
        s for s in doc.benefits if not (PAY_LABEL.match(s.text) and find_pay(s.text, s.line))
    ]
    if origin is not None:
        _renumber(doc, origin)
    return doc


def _renumber(doc: ParsedPosting, origin: list[int]) -> None:
    """Line numbers in the text as pasted, after run-on lines were split apart."""
    done: set[int] = set()
    spans = [doc.title, doc.location, *doc.headings, *doc.body()]
    for span in spans:
        if span is not None and id(span) not in done and span.line:
            done.add(id(span))
            span.line = origin[min(span.line, len(origin)) - 1]
    if doc.pay is not None and doc.pay.line:
        doc.pay.line = origin[min(doc.pay.line, len(origin)) - 1]


# A left side that qualifies the job rather than naming its employer: "Class A - Driver"
_QUALIFIER = lazy(
    r"\b(?:class|cdl|hiring|now|urgent(?:ly)?|immediate(?:ly)?|new|local|regional|otr|jobs?|"
    r"positions?|openings?|full[- ]time|part[- ]time|seasonal|temporary|remote)\b|\d",
    re.IGNORECASE,
)


_TITLE_LABELS = frozenset(("title", "job title", "position", "position title", "job"))


def _next_value(lines: list[str], start: int) -> tuple[str, int] | None:
    """The next non-blank line and its index, if it is short enough to be a value."""
    for k in range(start, min(start + 3, len(lines))):
        text = lines[k].strip()
        if text:
            return (text, k) if len(text.split()) <= 8 and ":" not in text else None
    return None


def _names_job(text: str) -> bool:
    """Whether ``text`` ends on the head noun of a job title ("Truck Driver (CDL-A)")."""
    from .title import COMMON_ROLE_NOUNS  # title imports this module's users

    words = re.findall(r"[a-z]+", re.sub(r"\([^()]*\)", " ", text.lower()))
    return bool(words) and (
        words[-1] in COMMON_ROLE_NOUNS or words[-1].rstrip("s") in COMMON_ROLE_NOUNS
    )


def _split_title(doc: ParsedPosting) -> None:
    """ "Line Cook - Acme" or "Acme | Line Cook": the job, and the employer or place beside it.

    The job is the side whose last word is a job's head noun: "Class A - Over The Road
    Truck Driver" is a driver's post, "Line Cook - Downtown" a cook's, in a place."""
    assert doc.title is not None
    title = " ".join(doc.title.text.split())  # one space between words: a linear split
    parts = re.split(r" (—|–|-|\||at|@) ", title, maxsplit=1)
    if len(parts) != 3 or not parts[2].strip():
        return
    job, sep, other = parts[0].strip(), parts[1], parts[2].strip()
    if sep not in ("at", "@") and _names_job(other) and not _names_job(job):
        job, other = other, job
        if _QUALIFIER.search(other):  # "Class A": part of the job, not an employer
            doc.title = Span(f"{other} {job}", doc.title.line)
            return
    doc.title = Span(job, doc.title.line)
    if _UNIT_END.search(other):
        return  # "Patient Care Technician - Peds Heart Center": a unit of the employer
    if looks_like_place(other) and doc.location is None:
        doc.location = Span(other, doc.title.line)
    elif not looks_like_place(other):
        doc.company = other


# "Job Title: Line Cook", "Now Hiring: Barista": the label goes, the title stays
_TITLE_LABEL = lazy(
    r"^(?:job title|position title|job|title|position|role|opening|vacancy|now hiring|"
    r"we'?re hiring|hiring)\s*:\s*",
    re.IGNORECASE,
)
_JOB_TITLE = lazy(r"^(?:\*\*|__)?(?:job title|position title|title)\s*:\s*(?:\*\*|__)?\s*", re.I)
# Page furniture a copied job page opens with: never the title, never the summary
_CHROME = lazy(
    r"^(?:skip to (?:main )?content|logo|careers?|jobs?|menu|home|save job|share|print|"
    r"apply(?: now)?|back(?: to (?:jobs|search|results))?|job details|view all jobs)$|"
    r"\S \S{0,3}› .* › ",
    re.IGNORECASE,
)
# A department or unit after the dash ("Nurse - Critical Care"), not an employer
_UNIT_END = lazy(
    r"\b(?:care|unit|center|centre|department|dept|services|support|program|division|"
    r"clinic|floor|icu|surgery|nights?|days|evenings|weekends|prn|per diem)\W*$",
    re.IGNORECASE,
)
_OTHER_LABEL = lazy(r"^[A-Za-z][A-Za-z '/&-]{0,30}:\s")  # "Reports to: ...", "Date: ..."
_SOURCE = lazy(r"^via\s+\S+(?:\s+\S+)?$", re.IGNORECASE)  # "via Indeed" on a job board
_COMPANY_END = lazy(r"\b(?:inc|ltd|llc|co|corp|plc)\.$", re.IGNORECASE)


def _first_line_title(line: str) -> str | None:
    """The title a posting's first plain line gives, or None when it is no title: a
    sentence, a ``Label: value`` fact, a "via <board>" credit or a pay figure."""
    if _bullet(line) is not None:
        return None  # "- Full Time:": an item of a facts list
    label = _TITLE_LABEL.match(line)
    if label:
        line = line[label.end() :].strip()
    elif _OTHER_LABEL.match(line) or _SOURCE.match(line):
        return None
    if not line or len(line.split()) > 12:
        return None
    if _TERMINAL.search(line) and not _COMPANY_END.search(line):  # "... Systems, Inc."
        return None
    if find_pay(line, 1) is not None and len(line.split()) <= 6:  # "$16 - $18 an hour"
        return None
    return line


def _inline_list(line: str) -> tuple[str, str] | None:
    """(section, item) for a "Benefits: ..." line that names a list section and one item."""
    label, sep, value = line.partition(":")
    if not sep or not value.strip() or len(label.split()) > 4 or PAY_LABEL.match(label):
        return None
    if any(mark in label for mark in ".!?"):
        return None  # "Home every weekend. Pay: ...": a sentence before a label

    kind = classify_heading(label)
    if kind in ("responsibilities", "requirements", "nice_to_haves", "benefits"):
        return kind, value.strip()
    return None


# An item that asks something of the candidate rather than naming a task.
_ASKS = lazy(
    r"^(?:must\b|be (?:a|an|at|able|of|willing|comfortable|available)\b|able to\b|"
    r"ability to\b|have\b|has\b|is\b|can\b|possess|valid\b|current\b|minimum\b|"
    r"at least\b|\d+\+? (?:years?|months?)\b|high school\b|diploma\b|(?:a |an )?"
    r"(?:bachelor|associate)'?s?\b|degree\b|certif|licen[cs]|previous\b|prior\b|"
    r"experience\b|knowledge of\b|proficien|willing|genuinely\b|strong\b|excellent\b|"
    r"good\b|no\b|physical\b|working conditions\b)",
    re.IGNORECASE,
)
# A lead-in that says the list is what a candidate must meet.
_ASKS_LEAD = lazy(
    r"\b(?:requirements?|qualifications?|standards|must (?:meet|have|be)|eligib)",
    re.IGNORECASE,
)


def _mixed(heading: str) -> bool:
    """Whether a heading names the duties and the requirements together
    ("Requirements & Responsibilities", "Duties and Qualifications")."""
    parts = re.split(r" and |&|/|\+|,", heading.lower())
    kinds = {classify_heading(p.strip()) for p in parts if p.strip()} if len(parts) > 1 else ()
    return "requirements" in kinds and "responsibilities" in kinds


def _sort_mixed(by_section: dict[str, list[tuple[Span, bool]]]) -> None:
    """Items under a combined heading: what asks something of the candidate is a
    requirement, the rest are duties."""
    for span, is_bullet in by_section.pop("mixed", []):
        kind = "requirements" if _ASKS.match(span.text) else "responsibilities"
        by_section.setdefault(kind, []).append((span, is_bullet))
    for kind in ("requirements", "responsibilities"):
        if kind in by_section:
            by_section[kind].sort(key=lambda e: e[0].line)


def _duties_from_summary(by_section: dict[str, list[tuple[Span, bool]]]) -> None:
    """A list under "Description" or "Role" is the duties when no section names them;
    it is the requirements when most of its items ask something of the candidate
    ("High school diploma", "Must be 18", "Can stay calm") or its lead-in says so
    ("the minimum standards an applicant must meet:")."""
    entries = by_section.get("summary", [])
    bullets = [e for e in entries if e[1]]
    if len(bullets) < 3:
        return
    asks = sum(1 for span, _ in bullets if _ASKS.match(span.text))
    first = next(k for k, e in enumerate(entries) if e[1])
    lead = entries[first - 1][0].text if first else ""
    if (asks * 2 > len(bullets) or _ASKS_LEAD.search(lead[-160:])) and (
        "requirements" not in by_section
    ):
        by_section["summary"] = [e for e in entries if not e[1]]
        by_section["requirements"] = bullets
    elif "responsibilities" not in by_section:
        by_section["summary"] = [e for e in entries if not e[1]]
        by_section["responsibilities"] = bullets


def _layout_facts(doc: ParsedPosting, layout: Layout) -> None:
    """Facts a header line or front matter gave, where the body did not give them."""
    if layout.company and not doc.company:
        doc.company = layout.company
    if layout.location and doc.location is None:
        doc.location = Span(layout.location, layout.header_line or layout.title_line or 1)
    if layout.pay and doc.pay is None:
        doc.pay = find_pay("Pay: " + layout.pay, layout.pay_line or 1)


def from_posting(posting: JobPosting) -> ParsedPosting:
    """A ``JobPosting`` with the line numbers of the Markdown ``draft`` prints.

    Built from the model's own fields, not by parsing the Markdown back: each field
    is found in the rendered lines in order, so a line number is where the user
    sees that text (None if a renderer change moved it somewhere unexpected).
    """
    from ..render.markdown import render_markdown

    lines = render_markdown(posting).split("\n")
    doc = ParsedPosting(lines)
    doc.from_model = True
    cursor = 0

    def line_of(text: str) -> int:
        nonlocal cursor
        for i in range(cursor, len(lines)):
            if text and text in lines[i]:
                cursor = i + 1
                return i + 1
        return 0

    doc.company = posting.company or None
    doc.title = Span(posting.title, line_of(posting.title) or 1)
    if posting.location:
        doc.location = Span(posting.location, line_of(posting.location) or doc.title.line)
        cursor = max(cursor - 1, 0)  # pay may share the facts line
    if posting.pay is not None:
        doc.structured_pay = posting.pay
        single = posting.pay.min == posting.pay.max
        amounts = [posting.pay.min] if single else [posting.pay.min, posting.pay.max]
        doc.pay = PayStatement(
            "single" if single else "range", "", line_of("Pay:") or doc.title.line, amounts
        )
        cursor = doc.title.line
    for paragraph in posting.summary.split("\n"):
        if paragraph.strip():
            doc.summary.append(Span(paragraph.strip(), line_of(paragraph.strip())))
    for section, _, bullet in posting.bullets():
        span = Span(bullet.text, line_of(f"- {bullet.text}"))
        getattr(doc, "other" if section == "success" else section).append(span)
        doc.sources[span.line] = list(bullet.sources)
    for benefit in posting.benefits:
        doc.benefits.append(Span(benefit, line_of(f"- {benefit}")))
    for paragraph in (posting.about or "").split("\n"):
        if paragraph.strip():
            doc.about.append(Span(paragraph.strip(), line_of(paragraph.strip())))
    if posting.apply:
        line = line_of(posting.apply)
        doc.apply.append(Span(lines[line - 1].strip() if line else posting.apply, line))
    for name in ("summary", "responsibilities", "requirements", "nice_to_haves", "benefits",
                 "about", "apply"):  # fmt: skip
        if getattr(doc, name):
            doc.sections_found.add(name)
    for span in doc.body():
        if span.line == 0:  # not found in the rendering: say nothing rather than mislead
            span.line = None  # type: ignore[assignment]
    return doc
