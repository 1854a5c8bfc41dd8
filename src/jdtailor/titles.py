"""Job titles as job boards write them: the role apart from shifts, hours and places.

"Sr. Line Cook - Night Shift", "Teller - Part Time (20 hrs)", "Walmart | Cashier",
"Registered Nurse – Med Surg, Nights" each name one role among other parts. The
family matcher tries each part and keeps the best, so the extra words neither pull
the title to another job nor make a known job look unknown.
"""

from __future__ import annotations

import re

__all__ = ["is_noise", "join_stack", "title_segments", "without_specialty"]

# Separators between the parts of a posted title. "/" and "&" stay: "UI/UX",
# "Cook/Prep", "Food & Beverage" are one role.
# (?<!\s): a run of spaces is entered at its start only, so a long run is scanned once
_SEPARATORS = re.compile(
    r"(?<!\s)\s+[-–—|:]\s+|(?:(?<!\s)\s+)?[|–—()\[\],;]\s*|(?<!\s)\s+-(?=\s)|(?<=\s)-\s+"
)
_WORD = re.compile(r"[a-z0-9$]+")
# Words that say when, how long, where or for what pay, never which job.
_NOISE = frozenset(
    """
    night nights day days evening evenings overnight overnights weekend weekends shift
    shifts 1st 2nd 3rd first second third swing graveyard morning mornings afternoon
    afternoons am pm rotating
    full part time ft pt fte prn per diem temp temporary seasonal contract contractor
    permanent hourly hours hrs hr week weekly flexible flex schedule casual relief
    remote hybrid onsite on site in office location locations travel
    sign bonus pay up to $ k signing bonus available
    urgent urgently hiring immediate immediately now start starts openings opening
    multiple positions position needed wanted apply today asap
    or and daily
    """.split()
)


def is_noise(part: str) -> bool:
    """Whether a part of a title names no role: "Night Shift", "20 hrs", "$18/hr"."""
    words = _WORD.findall(part.lower())
    return all(w in _NOISE or w.isdigit() or w.startswith("$") or re.fullmatch(r"\d+k?", w)
               for w in words)  # fmt: skip


# Noise words that may also be part of a job's name ("Travel Counselor", "Contract
# Specialist", "Rotating Equipment Engineer"): a part made only of noise is dropped,
# but these are not taken out of a part that names a job.
_NAMING = frozenset(
    "travel contract contractor in office on site location locations rotating".split()
)


_FOR_AT = re.compile(r"\s(?:for|at|@)\s", re.IGNORECASE)


def title_segments(title: str) -> list[str]:
    """The parts of ``title`` that may name the role, longest first, then the same
    parts with their words of shift, hours and pay taken out ("Warehouse Associate 2nd
    Shift $19/hr" -> "Warehouse Associate") and without the place or client named after
    "for" or "at"; [] if none."""
    parts = [p.strip() for p in _SEPARATORS.split(title or "")]
    kept = sorted(dict.fromkeys(p for p in parts if p and not is_noise(p)), key=len, reverse=True)
    plain = []
    for part in kept:
        place = _FOR_AT.search(part)  # "Caregiver for Saratoga County", "Cashier at Kroger"
        if place and place.start():
            plain.append(part[: place.start()])
        words = part.split()
        if len(words) > 1:
            left = " ".join(w for w in words if w.lower() in _NAMING or not is_noise(w))
            if left and left != part and left not in kept:
                plain.append(left)
    return kept + list(dict.fromkeys(plain))


# Words that say which specialty, subject, setting, technology or market a job serves,
# not which job it is: an "ICU Nurse" is a nurse, a "Java Developer" a developer, a
# "Territory Sales Representative" a sales representative. The family matcher drops
# them only when the title as written matches no family, so a job whose name holds
# one ("Medical Assistant", "Surgical Technologist") is found as itself first.
_SPECIALTY_PHRASES = re.compile(
    r"\b(?:intensive|critical|progressive|acute|primary|urgent|long[- ]term) care\b"
    r"|\blabou?r (?:and|&) delivery\b|\bmed(?:ical)?[- /]surg(?:ical)?\b|\bstep[- ]down\b"
    r"|\bpost[- ]anesthesia\b|\boperating room\b|\bemergency (?:room|department)\b"
    r"|\bsocial studies\b"
    r"|\bspecial needs\b"
)
_SPECIALTY = frozenset(
    """
    icu nicu picu ccu pacu er ed or l&d pediatric paediatric pediatrics neonatal oncology
    dialysis cardiac cardiovascular cardiology telemetry tele surgical perioperative
    postpartum obstetric obstetrics maternity geriatric psychiatric orthopedic orthopaedic
    neurology neuro endoscopy hospice palliative wound infusion ambulatory clinic clinical
    dermatology trauma flight transport cath
    hospital outpatient inpatient float wellness occupational public
    school home community correctional
    math mathematics physics chemistry biology science english history art music spanish
    french esl ell literacy reading stem kindergarten elementary middle high
    pharmaceutical pharma biotech medical healthcare industrial commercial residential
    corporate wholesale enterprise territory regional district national global
    international inside outside b2b b2c smb channel strategic key major luxury bilingual
    multilingual online ecommerce e-commerce digital direct area divisional automotive
    fashion apparel
    pharmacy grocery store supermarket restaurant hotel resort airport mall dealership
    """.split()
)
# Technologies: a "Java Developer" is a software developer, a "Cloud Engineer" a
# software engineer, before they are a developer or an engineer of any kind.
_TECHNOLOGY = frozenset(
    """
    java python javascript typescript react angular vue node nodejs php ruby rails golang
    rust scala kotlin swift ios android mobile web frontend backend fullstack net dotnet
    c++ c# sql salesforce sap aws azure gcp embedded application applications api saas
    erp crm unity
    """.split()
)
_TITLE_WORD = re.compile(r"[a-z0-9+#&.-]+")
_STACK = re.compile(r"\b(front|back)[- ](end)\b|\b(full)[- ](stack)\b")


def join_stack(text: str) -> str:
    """Lower-case ``text`` with "front end", "back-end" and "full stack" as one word."""
    return _STACK.sub(lambda m: "".join(g for g in m.groups() if g), text.lower())


def without_specialty(title: str) -> list[str]:
    """General forms of ``title`` to try when it matches no family as written: its
    technologies as "software" ("Java Developer" -> "software developer"), then with
    every specialty word dropped ("Pediatric ICU Nurse" -> "nurse"); [] if it has none."""
    low = _SPECIALTY_PHRASES.sub(" ", join_stack(title))
    words = [w.strip(".-") for w in _TITLE_WORD.findall(low)]
    words = [w for w in words if w]
    tech = ["software" if w in _TECHNOLOGY else w for w in words]
    tech = [w for n, w in enumerate(tech) if w not in _SPECIALTY and (n == 0 or w != tech[n - 1])]
    plain = [w for w in words if w not in _SPECIALTY and w not in _TECHNOLOGY]
    changed = low != title.lower() or len(plain) < len(words)
    out = []
    if changed and "software" in tech and tech != words:
        out.append(" ".join(tech))
    if changed and plain:
        out.append(" ".join(plain))
    return out
