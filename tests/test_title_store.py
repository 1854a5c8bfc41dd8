"""The title index kept between runs: the same answers, never a stale one."""

from __future__ import annotations

import pytest

from jdtailor import retrieval
from jdtailor.corpus import load_corpus
from jdtailor.resources import cache_dir

TITLES = ["Dishwasher", "Sr. Line Cook", "Pediatric ICU Nurse", "Forklift Driver", "Barista"]


def _answers(corpus):
    return [
        (m.family.name, m.how, round(m.score, 6))
        for m in (retrieval.match_family(t, corpus) for t in TITLES)
    ]


def test_a_second_run_reads_the_index_back_and_answers_the_same(monkeypatch):
    first = _answers(load_corpus())
    stored = list(cache_dir().glob("titles-*.marshal"))
    assert len(stored) == 1

    def no_tokenising(_title):  # the titles' words must now come from the file
        raise AssertionError("the index was built again")

    again = load_corpus()
    monkeypatch.setattr(retrieval, "norm_title", no_tokenising)
    names, _ = retrieval._title_index(again)
    assert len(names) > 4000
    monkeypatch.undo()
    assert _answers(again) == first


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xda" * 64])
def test_a_damaged_index_file_is_ignored_and_written_again(damage):
    first = _answers(load_corpus())
    (stored,) = cache_dir().glob("titles-*.marshal")
    stored.write_bytes(damage)
    assert _answers(load_corpus()) == first
    assert stored.read_bytes() != damage


def test_a_changed_corpus_gets_its_own_index(tmp_path):
    (tmp_path / "extra.yaml").write_text(
        "family: pastry-chef\ntitle: Pastry Chef\naliases: [Patissier]\nrelated: []\nitems:\n"
        + "".join(
            f"  - id: pc.d{i}\n    kind: duty\n    text: Laminate dough batch {i} for the morning"
            " bake and proof it on schedule.\n    levels: [entry, mid, senior, lead]\n"
            "    area: operations\n"
            for i in range(6)
        ),
        encoding="utf-8",
    )
    load_corpus()
    assert retrieval.match_family("Patissier", load_corpus([tmp_path])).family.name == (
        "pastry-chef"
    )
    assert retrieval.match_family("Patissier", load_corpus()).family.name != "pastry-chef"
    assert len(list(cache_dir().glob("titles-*.marshal"))) == 2
