"""The level rules, stated once: years per level and the words that name a level."""

from __future__ import annotations

import pytest

from jdtailor.levels import LEVEL_YEARS, max_years, min_years, seniority_level, title_level


def test_years_per_level_follow_common_practice() -> None:
    assert LEVEL_YEARS == {"entry": (0, 2), "mid": (2, 4), "senior": (4, 8), "lead": (8, None)}
    assert [max_years(lv) for lv in ("entry", "mid", "senior", "lead")] == [2, 4, 8, None]
    assert [min_years(lv) for lv in ("entry", "mid", "senior", "lead")] == [1, 2, 4, 8]


@pytest.mark.parametrize(
    ("word", "level"),
    [("Junior", "entry"), ("Sr.", "senior"), ("staff", "lead"), ("principal", "lead"),
     ("associate", "entry"), ("Mid-Level", "mid"), ("boss", None)],
)  # fmt: skip
def test_seniority_words(word: str, level: str | None) -> None:
    assert seniority_level(word) == level


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Senior Account Manager", "senior"),
        ("Sr. Line Cook", "senior"),
        ("Lead Cook", "lead"),
        ("Staff Software Engineer", "lead"),
        ("Junior Developer", "entry"),
        ("Assistant Store Manager", "entry"),
        ("Associate Product Manager", "entry"),
        # the level word is the job itself, or "staff" means the ordinary post
        ("Medical Assistant", None),
        ("Sales Associate", None),
        ("Event Coordinator", None),
        ("Staff Nurse", None),
        ("Staff Accountant", None),
        ("Staff Pharmacist", None),
    ],
)
def test_title_level(title: str, level: str | None) -> None:
    assert title_level(title) == level
