"""``corpus.check``: the built-in corpus is clean and each rule catches what it is for."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jdtailor.corpus import CorpusItem
from jdtailor.corpus.check import check_corpus, similar_pairs
from jdtailor.corpus.style import item_issues


def _item(text: str, kind: str = "duty", levels: tuple[str, ...] = ("mid",)) -> CorpusItem:
    return CorpusItem(id="t.one", kind=kind, text=text, levels=list(levels), area="sales")


def _codes(text: str, kind: str = "duty", levels: tuple[str, ...] = ("mid",)) -> dict[str, str]:
    return {code: sev for sev, code, _ in item_issues(_item(text, kind, levels))}


def test_builtin_corpus_has_no_errors():
    report = check_corpus()
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.families >= 30
    assert report.items >= 1500


def test_a_good_duty_and_qualification_pass():
    assert _codes("Run quarterly business reviews that tie usage to each client's goals.") == {}
    assert _codes("Can read a P&L and explain margin to a client.", "qualification") == {}
    assert _codes("{years}+ years managing a book of B2B accounts.", "qualification") == {}


@pytest.mark.parametrize(
    ("text", "kind", "levels", "code"),
    [
        ("Responsible for client relationships across the region.", "duty", ("mid",), "verb-first"),
        ("Manages renewals for all large accounts in the region.", "duty", ("mid",), "verb-first"),
        ("Own renewals.", "duty", ("mid",), "length"),
        ("Own " + "very " * 30 + "long renewals.", "duty", ("mid",), "length"),
        ("Own renewals for the largest accounts in the region", "duty", ("mid",), "full-stop"),
        ("Own renewals for key accounts. Run the reviews too.", "duty", ("mid",), "one-sentence"),
        ("Has excellent communication skills with clients.", "qualification", ("mid",), "filler"),
        ("Is a team player who helps the account team.", "qualification", ("mid",), "filler"),
        ("Own renewals in a fast-paced account team.", "duty", ("mid",), "cliche"),
        ("Build a competitive renewal plan for each account.", "duty", ("mid",), "gender-coded"),
        ("Has 5+ years of account management in B2B.", "qualification", ("entry",), "years-level"),
        ("Has ten years of experience selling software.", "qualification", ("mid",), "years-level"),
        ("Own renewals for {company} accounts across the region.", "duty", ("mid",), "placeholder"),
        ("Has {years}+ years selling to {customers} in B2B.", "duty", ("mid",), "placeholder"),
        ("Has {years} years of selling software to buyers.", "qualification", ("mid",),
         "placeholder"),
        ("Negotiate terms with buyers at {customers} every year.", "duty", ("mid",), "placeholder"),
        ("Explain the value of a {product} to new buyers.", "duty", ("mid",), "placeholder"),
        ("Own renewals for every Acme Inc. account in the region.", "duty", ("mid",),
         "company-name"),
        ("Keep account notes current in Salesforce after every call.", "duty", ("mid",),
         "company-name"),
    ],
)  # fmt: skip
def test_each_rule_reports_an_error(text, kind, levels, code):
    assert _codes(text, kind, levels).get(code) == "error"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lead weekly pipeline reviews with the regional sales team.", "gender-coded"),
        ("Frobnicate the weekly pipeline report for the sales team.", "verb-first"),
    ],
)
def test_soft_rules_are_warnings(text, code):
    assert _codes(text).get(code) == "warning"


def test_years_that_fit_the_levels_pass():
    assert "years-level" not in _codes("Has 5+ years of B2B sales.", "qualification", ("senior",))
    assert "years-level" not in _codes("Plan the next two years of hiring.", "duty", ("lead",))


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_structure_faults_are_all_reported_not_just_the_first(tmp_path):
    _write(
        tmp_path,
        "widgets.yaml",
        """\
        family: widgets
        title: Widget Maker
        aliases: [Key Account Manager]
        related: [no-such-family]
        items:
          - {id: w.one, kind: duty, text: Build widgets for the regional stores each week., levels: [mid], area: operations}
          - {id: w.one, kind: duty, text: Paint widgets for the regional stores each week., levels: [mid], area: operations}
          - {id: w.two, kind: duty, text: Ship widgets to the regional stores each week., levels: [expert], area: operations}
          - {id: w.three, kind: chore, text: Sweep the floor of the widget shop each night., levels: [mid], area: nowhere}
        """,  # noqa: E501
    )
    report = check_corpus([tmp_path], focus=[tmp_path])
    text = "\n".join(map(str, report.errors))
    assert "duplicate-id" in text and "w.one" in text
    assert "`levels.0`: must be 'entry', 'mid', 'senior' or 'lead'" in text
    assert "`kind`" in text and "`area`" in text
    assert "related family 'no-such-family' does not exist" in text
    assert "alias 'Key Account Manager' and 'Key Account Manager' of account-management" in text
    # a user family below the minimum size is a warning, not an error
    assert any(f.code == "size" for f in report.warnings)
    # only findings about the focused folder are shown
    assert all(str(tmp_path) in str(f.path) for f in report.findings if f.path)


def test_alias_equal_once_level_words_go_is_an_error(tmp_path):
    _write(
        tmp_path,
        "widgets.yaml",
        """\
        family: widgets
        title: Widget Maker
        aliases: [Principal Accountant]
        items: []
        """,
    )
    report = check_corpus([tmp_path], focus=[tmp_path])
    assert any(f.code == "alias" and "level words" in f.message for f in report.errors)


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    _write(tmp_path, "broken.yaml", "family: broken\nitems: [\n")
    report = check_corpus([tmp_path], focus=[tmp_path])
    [err] = [f for f in report.errors if f.code == "yaml"]
    assert err.path == tmp_path / "broken.yaml"
    assert "invalid YAML" in err.message


def test_near_duplicates_across_files_name_both_ids_and_files(tmp_path):
    path = _write(
        tmp_path,
        "account-management.yaml",
        """\
        family: account-management
        title: Account Manager
        items:
          - id: mine.renewals
            kind: duty
            text: Own the renewal of every account in your book, opening renewal talks with {customers} well before each contract ends.
            levels: [mid]
            area: client-relations
        """,  # noqa: E501
    )
    report = check_corpus([tmp_path], focus=[tmp_path])
    [dup] = [f for f in report.errors if f.code == "near-duplicate"]
    assert dup.item_id == "mine.renewals" and dup.path == path
    assert "am.renewal-ownership" in dup.message and "account-management.yaml" in dup.message
    assert "similarity 1.00" in dup.message


def test_similar_pairs_agrees_with_brute_force():
    from itertools import combinations

    from jdtailor.corpus import load_corpus
    from jdtailor.corpus.check import _token_sets

    items = list(load_corpus().items())[:400]
    sets = _token_sets(items)
    brute = set()
    for (a, sa), (b, sb) in combinations(zip(items, sets, strict=True), 2):
        if sa and sb and len(sa & sb) / len(sa | sb) >= 0.5:
            brute.add(tuple(sorted((a.id, b.id))))
    fast = {(a, b) for _, a, b in similar_pairs(items, 0.5)}
    assert fast == brute


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.8])
def test_similar_pairs_finds_every_pair_on_dense_random_texts(threshold):
    """Many sizes, a small vocabulary and many true pairs: the prefix filter may
    never drop one (its index keeps fewer tokens per set than it probes with)."""
    import random
    from itertools import combinations

    from jdtailor.corpus import CorpusItem
    from jdtailor.corpus.check import _token_sets

    rng = random.Random(7)
    vocab = [f"word{n}" for n in range(40)]
    texts = []
    for _ in range(300):
        if texts and rng.random() < 0.4:  # a variant of an earlier text
            words = rng.choice(texts).split()
            words[rng.randrange(len(words))] = rng.choice(vocab)
            words += rng.sample(vocab, rng.randint(0, 2))
        else:
            words = rng.sample(vocab, rng.randint(1, 16))
        texts.append(" ".join(words))
    items = [
        CorpusItem(id=f"t.i{n}", kind="duty", text=t, levels=["mid"], area="operations")
        for n, t in enumerate(texts)
    ]
    sets = _token_sets(items)
    brute = {
        tuple(sorted((a.id, b.id)))
        for (a, sa), (b, sb) in combinations(zip(items, sets, strict=True), 2)
        if sa and sb and len(sa & sb) / len(sa | sb) >= threshold
    }
    fast = {(a, b) for _, a, b in similar_pairs(items, threshold)}
    assert len(brute) > 30 and fast == brute


def test_filler_and_coded_words_are_errors_and_work_words_warnings():
    assert _codes("Is a team player who helps the account team.", "qualification")["filler"] == (
        "error"
    )
    assert _codes("Build a competitive renewal plan for each account.")["gender-coded"] == "error"
    assert _codes("Lead weekly pipeline reviews with the regional sales team.")["gender-coded"] == (
        "warning"
    )


def test_a_cached_corpus_gives_the_same_items_and_still_rejects_an_edit(tmp_path):
    """Items from the parse cache are validated on first use; an edited file is
    validated again at once, so a new fault is still reported."""
    import jdtailor.corpus as corpus_mod
    from jdtailor.corpus import load_corpus
    from jdtailor.errors import CorpusError

    first = {i.id: i for i in load_corpus().items()}
    corpus_mod._SEEN.clear()  # as a new process would: only the on-disk cache is left
    second = load_corpus()
    assert {i.id: i for i in second.items()} == first
    user = tmp_path / "mine"
    user.mkdir()
    f = user / "extra.yaml"
    good = "family: extra\ntitle: Extra\naliases: [Extra Person]\nitems:\n"
    item = "  - {id: ex.one, kind: duty, text: Do one thing well each day., levels: [mid], "
    f.write_text(good + item + "area: operations}\n", encoding="utf-8")
    assert load_corpus([user]).families["extra"].items[0].id == "ex.one"
    corpus_mod._SEEN.clear()
    f.write_text(good + item + "area: nowhere}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="area"):
        load_corpus([user])


def test_a_large_user_corpus_is_checked_the_same_in_parallel_and_in_one_process(
    tmp_path, monkeypatch
):
    """Forked checkers and forked YAML parsers (a corpus of thousands of items) give the
    findings a single process gives, in the same order."""
    import sys

    import jdtailor.corpus as corpus_mod
    import jdtailor.corpus.check as check_mod
    from jdtailor import parallel

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_corpus import write_corpus

    write_corpus(tmp_path, 1_200, per_file=100)
    monkeypatch.setattr(check_mod, "PARALLEL_FROM", 500)
    monkeypatch.setattr(corpus_mod, "PREFETCH_BYTES", 1_000)
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    forked = check_corpus([tmp_path], builtin=False)
    corpus_mod._SEEN.clear()
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    single = check_corpus([tmp_path], builtin=False)
    assert forked.findings == single.findings and forked.pairs == single.pairs
    assert any(f.code == "near-duplicate" for f in single.findings)


def test_fork_map_runs_a_chunk_again_here_when_its_child_fails():
    from jdtailor.parallel import fork_map

    parent = __import__("os").getpid()

    def square_or_fail_in_child(n: int) -> int:
        if n == 2 and __import__("os").getpid() != parent:
            raise RuntimeError("child fails")
        return n * n

    assert fork_map(square_or_fail_in_child, [1, 2, 3], workers=3) == [1, 4, 9]
