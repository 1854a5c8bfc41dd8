"""The eval judges postings as a reader does: labelled pairs, the reader scorers, and
scoring postings written elsewhere (``jdtailor score``, ``eval --postings``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.context import load_context
from jdtailor.evaluation.external import score_text
from jdtailor.evaluation.pairs import FAULTS, Edit, load_pairs, run_pairs
from jdtailor.evaluation.scorers import combine
from jdtailor.evaluation.suite import Case

from .conftest import ROOT

EVALS = ROOT / "evals"
VET = EVALS / "contexts" / "mossbank-vet-tech.md"
VET_POSTING = EVALS / "pairs" / "postings" / "mossbank-vet-tech.md"


@pytest.fixture(scope="module")
def pair_run(corpus):
    return run_pairs(load_pairs(EVALS / "pairs" / "pairs.yaml"), corpus)


def _score(corpus, text: str, context: Path = VET):
    ctx = load_context(context)
    case = Case(id="x", context=str(context))
    scores = score_text(case, ctx, context.read_text(encoding="utf-8"), text, corpus)
    return scores, combine(scores)


def _with_duties(posting: str, duties: str) -> str:
    return Edit.model_validate({"section": "What you'll do", "text": duties}).apply(posting)


# ------------------------------------------------------------------ labelled pairs


def test_labelled_pairs_cover_every_fault(pair_run):
    by_fault = pair_run.by_fault()
    assert len(pair_run.results) >= 40
    assert set(by_fault) == set(FAULTS)
    assert all(n >= 5 for _, n in by_fault.values()), by_fault


def test_eval_ranks_the_better_posting_higher_in_90_percent_of_pairs(pair_run):
    missed = [
        f"{r.pair.id}: better {r.better}, worse {r.worse}" for r in pair_run.results if not r.agrees
    ]
    assert pair_run.agreement >= 0.9, missed
    for fault, (right, n) in pair_run.by_fault().items():
        assert right / n >= 0.8, (fault, missed)


def test_a_pair_edit_that_no_longer_applies_is_one_clear_error(tmp_path, corpus):
    (tmp_path / "p.md").write_text("# Veterinary Technician\n\nHello.\n", encoding="utf-8")
    (tmp_path / "pairs.yaml").write_text(
        f"""pairs:
  - id: stale
    context: {VET}
    posting: p.md
    fault: generic
    edits: [{{replace: "not there", with: "x"}}]
""",
        encoding="utf-8",
    )
    from jdtailor.errors import InputError

    with pytest.raises(InputError, match="stale.*text to replace not found"):
        run_pairs(load_pairs(tmp_path / "pairs.yaml"), corpus)


# ------------------------------------------------------------------ the reader scorers


def test_a_vet_posting_made_of_it_duties_fails_on_fit_whatever_else_is_right(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    it_duties = """- Resolve help desk tickets for laptops, printers and user accounts.
- Reset passwords and set up multi-factor authentication for staff.
- Image and configure new laptops before each starter's first day.
- Patch workstations and keep the asset inventory current.
"""
    wrong = _with_duties(good, it_duties)
    good_scores, good_total = _score(corpus, good)
    scores, total = _score(corpus, wrong)
    assert good_scores["fit"].score == 100
    assert scores["fit"].score <= 20
    assert "it-support" in scores["fit"].detail
    # facts, contradiction and prose are fine, yet the wrong job caps the case
    assert scores["facts"].score == 100 and scores["contradiction"].score == 100
    assert total <= scores["fit"].score < good_total


def test_invented_pay_caps_the_case_at_the_facts_score(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    bad = good.replace("$24–$29 per hour", "$34–$39 per hour")
    scores, total = _score(corpus, bad)
    assert scores["facts"].score < 100
    assert "pay must be exactly the context's" in scores["facts"].detail
    assert total <= scores["facts"].score


def test_people_management_in_an_individual_contributor_role_is_a_contradiction(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    bad = good.replace(
        "- Take and read dental radiographs",
        "- Hire and coach a team of veterinary assistants.\n- Take and read dental radiographs",
    )
    scores, _ = _score(corpus, bad)
    assert scores["contradiction"].score <= 50
    assert "manages people" in scores["contradiction"].detail


def test_full_time_scope_in_a_part_time_role_is_a_contradiction(corpus):
    context = EVALS / "contexts" / "lanternhill-grant-writer.md"
    good = (EVALS / "pairs" / "postings" / "lanternhill-grant-writer.md").read_text()
    bad = good.replace("- Research foundations", "- Work full-time from our office.\n- Research")
    good_scores, _ = _score(corpus, good, context)
    scores, _ = _score(corpus, bad, context)
    assert good_scores["contradiction"].score == 100
    assert "full-time scope in a part-time job" in scores["contradiction"].detail


def test_dropped_outcome_is_named_by_fidelity(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    bad = good.replace("- Keep the controlled drug log complete and ready for inspection.\n", "")
    scores, _ = _score(corpus, bad)
    assert scores["fidelity"].score < 100
    assert "controlled drug log" in scores["fidelity"].detail


def test_generic_duties_cost_specificity(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    generic = """- Assist veterinarians with examinations and procedures.
- Provide compassionate care to animals.
- Keep accurate medical records.
- Communicate with pet owners in a professional manner.
"""
    bad = _with_duties(good, generic)
    assert _score(corpus, good)[0]["specificity"].score == 100
    generic_score = _score(corpus, bad)[0]["specificity"]
    assert generic_score.score < 50
    assert generic_score.data["generic"] == [1, 2, 3]


def test_prose_slips_are_named(corpus):
    good = VET_POSTING.read_text(encoding="utf-8")
    bad = good.replace("You will run anesthesia", "You will run a anesthesia").replace(
        "- Explain home care", "- Explain the the home care"
    )
    prose = _score(corpus, bad)[0]["prose"]
    assert prose.score <= 60
    assert "'a anesthesia' should be 'an'" in prose.detail
    assert "doubles a word" in " ".join(prose.data["problems"])


# ------------------------------------------------------------------ any posting, any author


def test_score_command_scores_a_markdown_posting(runner):
    result = runner.invoke(app, ["score", str(VET_POSTING), "--context", str(VET)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{VET_POSTING}: ") and "/ 100" in first
    assert "fit" in result.stdout and "a posting from text cites no sources" in result.stdout


def test_score_command_json_names_what_held_the_score_down(runner, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(
        VET_POSTING.read_text(encoding="utf-8").replace("- Health and dental", "- Free lunch"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(bad), "-c", str(VET), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["capped_by"] == "facts"
    assert "Free lunch cover" in data["scores"]["facts"]["detail"]
    assert data["score"] <= data["scores"]["facts"]["score"]


def test_score_command_bad_input_is_one_line(runner, tmp_path):
    result = runner.invoke(app, ["score", str(tmp_path / "nope.md"), "-c", str(VET)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nope.md: no such file" in result.stderr


def test_eval_scores_a_folder_of_postings_written_elsewhere(runner, tmp_path):
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        f"""cases:
  - id: mossbank
    context: {VET}
    expect: {{family: veterinary-technician, pay: present}}
""",
        encoding="utf-8",
    )
    folder = tmp_path / "postings"
    folder.mkdir()
    result = runner.invoke(app, ["eval", str(suite), "--postings", str(folder)])
    assert result.exit_code == 1
    assert "no mossbank.md (or .txt, .html, .json) for this case" in result.stderr
    (folder / "mossbank.md").write_text(VET_POSTING.read_text(encoding="utf-8"))
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["eval", str(suite), "--postings", str(folder), "--json", str(out)])
    assert result.exit_code == 0, result.output
    case = json.loads(out.read_text())["cases"][0]
    assert case["score"] >= 90
    assert case["scores"]["grounded"]["score"] is None  # text cites nothing: not scored
    assert case["notes"] == [f"scored {folder / 'mossbank.md'} as written"]


def test_eval_pairs_reports_agreement_and_gates(runner, tmp_path):
    suite = tmp_path / "s.yaml"
    suite.write_text(f"cases:\n  - id: vet\n    context: {VET}\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(EVALS / "suite.yaml"), "--case", "cedar-ridge-am",
                                 "--pairs", "--min-agreement", "90"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Labelled pairs: " in result.stdout and "wrong-job" in result.stdout
    result = runner.invoke(app, ["eval", str(suite), "--pairs"])
    assert result.exit_code == 2
    assert "pairs.yaml: no such pairs file" in result.stderr


@pytest.mark.parametrize(
    "case_id",
    ["cedar-ridge-am", "tideline-restaurant", "granite-welder", "voltline-electrical-engineer",
     "fernleaf-designer", "hivecraft-apiary-technician"],
)  # fmt: skip
def test_a_draft_scores_the_same_as_json_and_as_text(corpus, case_id):
    """Scoring does not depend on who wrote the posting: our draft, read back from the
    Markdown it prints (no sources), gets the same verdicts as the draft itself."""
    from jdtailor.drafters.offline import OfflineDrafter
    from jdtailor.evaluation import load_suite
    from jdtailor.evaluation.scorers import Subject, score_all
    from jdtailor.lint import lint_posting
    from jdtailor.render import render
    from jdtailor.retrieval import retrieve

    suite = load_suite(EVALS)
    case = next(c for c in suite.cases if c.id == case_id)
    path = case.context_path(suite.root)
    ctx = load_context(path, **case.options.model_dump())
    retrieval = retrieve(ctx, corpus)
    posting = OfflineDrafter().draft(ctx, retrieval).posting
    markdown = render(posting, "md")
    text = path.read_text(encoding="utf-8")
    drafted = score_all(
        Subject(case, ctx, text, posting, retrieval, markdown, lint_posting(posting, ctx), corpus)
    )
    as_text = score_text(case, ctx, text, markdown, corpus)
    for name in ("fit", "fidelity", "contradiction", "specificity", "prose", "facts", "schema"):
        assert as_text[name].score == pytest.approx(drafted[name].score, abs=5), (
            name,
            as_text[name].detail,
        )


def test_score_command_reads_an_html_posting(runner, tmp_path):
    markdown = VET_POSTING.read_text(encoding="utf-8")
    json_result = runner.invoke(app, ["score", str(VET_POSTING), "-c", str(VET), "--json"])
    page = tmp_path / "posting.html"
    body = "".join(
        f"<h2>{line[3:]}</h2>" if line.startswith("## ") else
        f"<h1>{line[2:]}</h1>" if line.startswith("# ") else
        f"<li>{line[2:]}</li>" if line.startswith("- ") else f"<p>{line}</p>"
        for line in markdown.splitlines() if line.strip()
    )  # fmt: skip
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    result = runner.invoke(app, ["score", str(page), "-c", str(VET), "--json"])
    assert result.exit_code == 0, result.output
    html_scores = json.loads(result.stdout)["scores"]
    md_scores = json.loads(json_result.stdout)["scores"]
    for name in ("fit", "fidelity", "contradiction", "facts"):
        assert html_scores[name]["score"] == md_scores[name]["score"], name
