"""Every built-in family: its size and spread, and that each of its titles drafts from it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jdtailor.context import load_context
from jdtailor.corpus import Corpus, load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.pipeline import draft_posting

AM_AREAS = (
    "client-relations", "sales", "strategy", "project-management", "business-liaison",
    "business-development", "financial-management", "audit",
)  # fmt: skip
LEVELS = ("entry", "mid", "senior", "lead")


@cache
def _corpus() -> Corpus:
    """Loaded on first use inside a test, so its parse cache goes to the test's cache dir
    (conftest's autouse fixture), never to the user's ~/.cache/jdtailor."""
    return load_corpus()


# One YAML file per family, named after it: the names are known without loading.
FAMILIES = sorted(p.stem for p in (Path(__file__).parent.parent / "corpus").glob("*.yaml"))


def test_there_are_at_least_thirty_families():
    assert len(FAMILIES) >= 30
    assert sorted(_corpus().families) == FAMILIES


@pytest.mark.parametrize("name", FAMILIES)
def test_family_size_and_level_spread(name):
    fam = _corpus().families[name]
    duties = [i for i in fam.items if i.kind == "duty"]
    quals = [i for i in fam.items if i.kind == "qualification"]
    assert len(fam.items) >= 40 and len(duties) >= 25 and len(quals) >= 15
    for level in LEVELS:
        assert sum(level in i.levels for i in duties) >= 6, level
        assert sum(level in i.levels for i in quals) >= 2, level
    assert fam.aliases and all(r in _corpus().families for r in fam.related)


def test_account_management_in_depth():
    fam = _corpus().families["account-management"]
    assert len(fam.items) >= 120
    for area in AM_AREAS:
        for level in LEVELS:
            assert any(i.area == area and level in i.levels for i in fam.items), (area, level)
    titles = {a.lower() for a in [fam.title, *fam.aliases]}
    for wanted in ("account coordinator", "account manager", "key account manager",
                   "strategic account manager", "national account manager",
                   "senior account manager", "account director"):  # fmt: skip
        assert wanted in titles


@pytest.mark.parametrize("name", FAMILIES)
def test_each_alias_alone_drafts_from_its_family(name, tmp_path):
    """A company.md that says only `role: <alias>` is drafted from that alias's family."""
    fam = _corpus().families[name]
    wrong = []
    for alias in [fam.title, *fam.aliases]:
        path = tmp_path / "company.md"
        path.write_text(f"---\nrole: {alias}\n---\n", encoding="utf-8")
        draft, retrieval = draft_posting(load_context(path), _corpus(), OfflineDrafter())
        if retrieval.family.name != name:
            wrong.append(f"{alias} -> {retrieval.family.name}")
        assert draft.posting.responsibilities
    assert wrong == []
