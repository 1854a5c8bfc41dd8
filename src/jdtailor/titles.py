"""Job titles as job boards write them: the role apart from shifts, hours and places.

"Sr. Line Cook - Night Shift", "Teller - Part Time (20 hrs)", "Walmart | Cashier",
"Registered Nurse – Med Surg, Nights" each name one role among other parts. The
family matcher tries each part and keeps the best, so the extra words neither pull
the title to another job nor make a known job look unknown.
"""

from __future__ import annotations

import re

__all__ = ["is_noise", "title_segments"]

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
    """.split()
)


def is_noise(part: str) -> bool:
    """Whether a part of a title names no role: "Night Shift", "20 hrs", "$18/hr"."""
    words = _WORD.findall(part.lower())
    return all(w in _NOISE or w.isdigit() or w.startswith("$") or re.fullmatch(r"\d+k?", w)
               for w in words)  # fmt: skip


def title_segments(title: str) -> list[str]:
    """The parts of ``title`` that may name the role, longest first; [] if none."""
    parts = [p.strip() for p in _SEPARATORS.split(title or "")]
    kept = [p for p in parts if p and not is_noise(p)]
    return sorted(dict.fromkeys(kept), key=len, reverse=True)
