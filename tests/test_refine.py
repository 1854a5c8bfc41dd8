"""``draft -i`` and ``refine``: piped sessions, every command, undo/redo, sessions on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jdtailor.cli import app
from jdtailor.context import load_context
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.errors import JdtailorError, SessionError
from jdtailor.pipeline import draft_posting
from jdtailor.posting import LIMITS, JobPosting
from jdtailor.refine import Refiner, load_session, new_session

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def session_of(tmp_path: Path, name: str = "post") -> dict:
    return json.loads((tmp_path / f"{name}.session.json").read_text(encoding="utf-8"))


def first_posting(ctx_file: Path) -> JobPosting:
    """The posting a session starts from (v1), so tests need not know the drafter's counts."""
    draft, _ = draft_posting(load_context(ctx_file), load_corpus(), OfflineDrafter())
    return draft.posting


def by_made_by(versions: list[dict], made_by: str) -> dict:
    return next(v for v in versions if v["made_by"] == made_by)


def run(runner, ctx_file: Path, script: str, *args: str):
    return runner.invoke(app, ["draft", "-c", str(ctx_file), "-i", *args], input=script)


def bullets(markdown: str, heading: str) -> list[str]:
    """The bullet lines under a ``## heading`` of rendered Markdown."""
    lines = markdown.split(f"## {heading}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line[2:] for line in lines]


# ---------------------------------------------------------------- the example


def test_drop_save_quit_writes_the_file_and_keeps_every_version(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    first = runner.invoke(app, ["draft", "-c", str(ctx_file)]).stdout
    result = run(runner, ctx_file, "drop resp 2\nsave\nquit\n", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the loop talks on stderr; -o has the posting
    dropped = bullets(first, "What you'll do")[1]
    saved = out.read_text(encoding="utf-8")
    assert dropped not in saved
    assert bullets(saved, "What you'll do") == [
        b for i, b in enumerate(bullets(first, "What you'll do")) if i != 1
    ]
    assert f"session file: {tmp_path / 'post.session.json'}" in result.stderr
    assert f"-- {dropped}" in result.stderr  # the diff
    assert f"wrote v2 to {out}" in result.stderr
    data = session_of(tmp_path)
    assert [v["made_by"] for v in data["versions"]] == ["draft", "drop resp 2"]
    assert data["current"] == 1
    assert data["context_sha256"] and data["corpus_fingerprint"]
    assert data["versions"][1]["trace"]["removed"]


def test_without_output_the_final_posting_goes_to_stdout(runner, ctx_file):
    result = run(runner, ctx_file, "title Renewals Lead\n")  # EOF ends the session
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Renewals Lead — Northwind Solar\n")
    assert "# Renewals Lead" not in result.stdout.split("\n", 1)[1]  # once, not per turn
    assert "resume with: jdtailor refine" in result.stderr


# ---------------------------------------------------------------- each command


def test_add_and_edit_cite_user_sources_and_pass_the_checks(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    script = (
        "add nice Spanish at a working level\n"
        "edit resp 1 Visit each of the top ten clients on site in your first quarter.\n"
        "edit summary We install solar. We need a renewals owner.\n"
        "show --sources\nsave\n"
    )
    result = run(runner, ctx_file, script, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert ". Spanish at a working level _[user:1]_" in result.stderr  # numbered
    assert "_[user:2]_" in result.stderr
    saved = out.read_text(encoding="utf-8")
    assert bullets(saved, "What you'll do")[0].startswith("Visit each of the top ten")
    assert "We install solar. We need a renewals owner." in saved
    kinds = [v["kind"] for v in session_of(tmp_path)["versions"]]
    assert kinds == ["draft", "command", "command", "command"]


def test_move_title_more_and_swap(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    first = runner.invoke(app, ["draft", "-c", str(ctx_file)]).stdout
    resp = bullets(first, "What you'll do")
    script = ""
    if len(resp) == LIMITS["responsibilities"][1]:  # make room for `more`
        script, resp = f"drop resp {len(resp)}\n", resp[:-1]
    swapped = first_posting(ctx_file).requirements[-1]  # the last requirement, whatever it cites
    n = len(bullets(first, "What you'll need"))
    script += f"move resp 1 3\ntitle Renewals Account Manager\nmore resp\nswap req {n}\nsave\n"
    result = run(runner, ctx_file, script, "-o", str(out))
    assert result.exit_code == 0, result.output
    saved = out.read_text(encoding="utf-8")
    now = bullets(saved, "What you'll do")
    assert now[:3] == [resp[1], resp[2], resp[0]]
    assert len(now) == len(resp) + 1 and now[-1] not in resp
    assert saved.startswith("# Renewals Account Manager — Northwind Solar")
    req_before, req_after = bullets(first, "What you'll need"), bullets(saved, "What you'll need")
    assert req_before[n - 1] == swapped.text
    assert len(req_after) == n
    assert req_after[: n - 1] == req_before[: n - 1]  # only bullet n changes
    assert req_after[n - 1] != req_before[n - 1] and req_after[n - 1] not in req_before
    versions = session_of(tmp_path)["versions"]
    assert by_made_by(versions, "more resp")["trace"]["added"][0].startswith("am.")
    swap = by_made_by(versions, f"swap req {n}")["trace"]
    assert swap["swapped_out"] == swapped.sources
    assert swap["added"][0].startswith("am.")  # the replacement is a corpus candidate


def test_repeated_swaps_move_on_instead_of_flipping_back(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    result = run(runner, ctx_file, "swap resp 3\nswap resp 3\nswap resp 3\n", "-o", str(out))
    assert result.exit_code == 0, result.output
    versions = session_of(tmp_path)["versions"]
    seen = [v["trace"]["swapped_out"][0] for v in versions[1:]] + versions[-1]["trace"]["added"]
    assert len(seen) == len(set(seen)) == 4


def test_more_with_a_query_picks_a_matching_candidate(runner, ctx_file, tmp_path):
    # leave room for two more, so the second is refused for its query, not for the limit
    extra = max(
        0, len(first_posting(ctx_file).responsibilities) - LIMITS["responsibilities"][1] + 2
    )
    script = "drop resp 1\n" * extra
    script += "more resp churn warning\nmore resp quantum teleportation\n"
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    versions = session_of(tmp_path, "p")["versions"]
    assert [v["made_by"] for v in versions][-1] == "more resp churn warning"
    added = by_made_by(versions, "more resp churn warning")["posting"]["responsibilities"][-1]
    assert added["sources"] == ["am.churn-signals"]
    assert "no more corpus candidates for responsibilities matching 'quantum teleportation'" in (
        result.stderr
    )


def test_level_redrafts_at_that_level_and_undo_restores_the_old_level(runner, ctx_file, tmp_path):
    result = run(runner, ctx_file, "level entry\nundo\n", "-o", str(tmp_path / "p.md"))
    assert result.exit_code == 0, result.output
    versions = session_of(tmp_path, "p")["versions"]
    assert versions[1]["level"] == "entry"
    assert versions[1]["posting"]["title"] == "Junior Account Manager"
    assert "+# Junior Account Manager — Northwind Solar" in result.stderr
    assert "v1: undid 'level entry' · level senior" in result.stderr


def test_limits_are_kept_with_a_clear_message(runner, ctx_file, tmp_path):
    v1 = first_posting(ctx_file)
    nice, req, resp = len(v1.nice_to_haves), len(v1.requirements), len(v1.responsibilities)
    fewest = LIMITS["requirements"][0]
    # one drop past empty for nice, one past the minimum for req, a bullet past the end for resp
    script = "drop nice 1\n" * (nice + 1) + "drop req 1\n" * (req - fewest + 1)
    script += f"drop resp {resp + 1}\n"
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    assert result.exit_code == 1  # a piped session with refused lines says so
    assert "! no change: nice_to_haves has bullets 1-0; there is no 1" in result.stderr
    assert f"requirements has {fewest} bullets, the fewest allowed is {fewest}" in result.stderr
    assert f"responsibilities has bullets 1-{resp}; there is no {resp + 1}" in result.stderr
    versions = session_of(tmp_path, "p")["versions"]
    assert [v["made_by"] for v in versions] == ["draft"] + ["drop nice 1"] * nice + [
        "drop req 1"
    ] * (req - fewest)
    assert len(versions[-1]["posting"]["requirements"]) == fewest
    assert versions[-1]["posting"]["nice_to_haves"] == []


def test_adding_past_the_maximum_is_refused(runner, ctx_file, tmp_path):
    most = LIMITS["responsibilities"][1]
    room = most - len(first_posting(ctx_file).responsibilities)
    script = "more resp\n" * (room + 1)  # fill up, then one more
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    assert result.exit_code == 1
    assert (
        f"responsibilities has {most} bullets, the most allowed is {most}; drop one first"
        in result.stderr
    )
    versions = session_of(tmp_path, "p")["versions"]
    assert len(versions) == 1 + room
    assert len(versions[-1]["posting"]["responsibilities"]) == most


def test_bad_summary_edit_is_refused(runner, ctx_file, tmp_path):
    result = run(runner, ctx_file, "edit summary Too short.\n", "-o", str(tmp_path / "p.md"))
    assert "! no change: summary has 1 sentence; write 2-4" in result.stderr
    assert len(session_of(tmp_path, "p")["versions"]) == 1


# ---------------------------------------------------------------- undo / redo


def test_undo_redo_edges(runner, ctx_file, tmp_path):
    script = (
        "undo\n"  # nothing before v1
        "drop resp 1\ndrop resp 1\n"  # v2, v3
        "redo\n"  # nothing after the newest
        "undo\nundo\nundo\n"  # back to v1, then refused
        "redo\n"  # v2
        "title Renewals Manager\n"  # v4, a branch from v2: v3 is no longer ahead
        "redo\n"
        "undo\nredo\n"  # v2 -> v4, the newest child
        "history\n"
    )
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    err = result.stderr
    assert err.count("! nothing to undo: v1 is the first version") == 2
    assert err.count("! nothing to redo") == 2
    assert "v2: redid 'drop resp 1'" in err
    assert "v4: redid 'title Renewals Manager'" in err
    data = session_of(tmp_path, "p")
    assert [v["made_by"] for v in data["versions"]] == [
        "draft", "drop resp 1", "drop resp 1", "title Renewals Manager"
    ]  # fmt: skip
    assert [v["parent"] for v in data["versions"]] == [None, 0, 1, 1]
    assert data["current"] == 3
    history = err.split("v4> history\n", 1)[1]
    assert "~ v3" in history and "* v4" in history
    assert "title Renewals Manager (from v2)" in history


def test_diff_between_versions(runner, ctx_file, tmp_path):
    script = "title First Title\ntitle Second Title\ndiff\ndiff 1\ndiff 1 2\ndiff 2 2\ndiff 7\n"
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    err = result.stderr
    after = err.split("v3> diff\n", 1)[1]
    assert after.startswith("--- v2\n+++ v3\n")
    assert "-# First Title — Northwind Solar\n+# Second Title — Northwind Solar" in after
    assert "--- v1\n+++ v3\n" in err and "--- v1\n+++ v2\n" in err
    assert "v2 and v2 are the same" in err
    assert "there is no version 7; versions are 1-3" in err
    assert "\x1b[" not in err  # no colour when stderr is not a terminal


# ---------------------------------------------------------------- output commands


def test_show_lint_help(runner, ctx_file):
    result = run(runner, ctx_file, "show --sources\nlint\nhelp\n")
    err = result.stderr
    assert "_[am.negotiate-renewals]_" in err or "_[context:outcomes]_" in err
    assert "lint " in err and "/100" in err
    for usage in ("drop <section> <n>", "more <section> [query]", "export <md|json|html|jsonld"):
        assert usage in err
    assert "sections: resp, req, nice" in err


def test_save_never_clobbers_a_file_it_did_not_write(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    out.write_text("the user's own file\n", encoding="utf-8")
    result = run(runner, ctx_file, "drop resp 1\nsave\n", "-o", str(out))
    assert out.read_text(encoding="utf-8") == "the user's own file\n"
    assert "already exists, and this session did not write it" in result.stderr
    assert result.exit_code == 1
    assert "is not saved to" in result.stderr


def test_save_again_replaces_its_own_file_but_not_one_changed_since(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    result = run(runner, ctx_file, "save\ntitle Renewals Manager\nsave\n", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Renewals Manager")
    out.write_text("edited by hand\n", encoding="utf-8")
    session = tmp_path / "post.session.json"
    result = runner.invoke(app, ["refine", str(session)], input="title Other\nsave\n")
    assert "already exists, and this session did not write it" in result.stderr
    assert out.read_text(encoding="utf-8") == "edited by hand\n"


def test_save_path_and_export_formats(runner, ctx_file, tmp_path):
    script = (
        f"save {tmp_path / 'copy.json'}\n"
        f"export md {tmp_path / 'x.md'}\n"
        f"export txt {tmp_path / 'x.txt'}\n"
        f"export yaml {tmp_path / 'x.yaml'}\n"
    )
    result = run(runner, ctx_file, script)
    data = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))
    assert data["company"] == "Northwind Solar"
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# Senior Account Manager")
    assert (tmp_path / "x.txt").is_file()
    assert "unknown format 'yaml'; choose from md, json" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_save_without_a_path_or_output_says_how(runner, ctx_file):
    result = run(runner, ctx_file, "save\n")
    assert "no file to save to: give a path (save post.md), or start with -o FILE" in result.stderr


# ---------------------------------------------------------------- free text and unknowns


def test_free_text_without_a_model_is_a_hint_and_no_change(runner, ctx_file, tmp_path):
    script = "shorter and warmer\nmore senior\ndrop the audit duties\nlevel up\n"
    result = run(runner, ctx_file, script, "-o", str(tmp_path / "p.md"))
    err = result.stderr
    assert "! free-text feedback needs a model" in err
    assert "! usage: more <section> [query]" in err
    assert "! usage: drop <section> <n>" in err
    assert "! usage: level <entry|mid|senior|lead>" in err
    assert len(session_of(tmp_path, "p")["versions"]) == 1
    assert result.exit_code == 1


# ---------------------------------------------------------------- resuming


def test_refine_resumes_at_the_last_version_and_reports_a_changed_context(
    runner, ctx_file, tmp_path
):
    out = tmp_path / "post.md"
    assert (
        run(runner, ctx_file, "drop resp 1\ntitle Renewals Manager\n", "-o", str(out)).exit_code
        == 0
    )
    session = tmp_path / "post.session.json"
    result = runner.invoke(app, ["refine", str(session)], input="undo\nsave\n")
    assert result.exit_code == 0, result.output
    assert f"resuming {session} at v3 of 3" in result.stderr
    assert "has changed" not in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Senior Account Manager")

    ctx_file.write_text(ctx_file.read_text(encoding="utf-8") + "\nWe also run a blog.\n")
    result = runner.invoke(app, ["refine", str(session)], input="history\n")
    assert f"{ctx_file.resolve()} has changed since this session last ran" in result.stderr
    assert "at v2 of 3" in result.stderr


def test_refine_reports_checks_a_changed_context_breaks(runner, ctx_file, tmp_path):
    run(runner, ctx_file, "", "-o", str(tmp_path / "post.md"))
    text = ctx_file.read_text(encoding="utf-8").replace("88000", "90000")
    ctx_file.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["refine", str(tmp_path / "post.session.json")], input="drop resp 1\nlevel senior\n"
    )
    assert "v1 no longer passes the checks: pay must be exactly the context's" in result.stderr
    assert "v2: drop resp 1" in result.stderr  # old problems do not block edits
    assert "v3: level senior" in result.stderr
    versions = session_of(tmp_path)["versions"]
    assert versions[1]["posting"]["pay"]["min"] == 88000  # an edit keeps what it had
    assert versions[2]["posting"]["pay"]["min"] == 90000  # a re-draft takes the new context


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such session file"),
        ("{not json", "not a jdtailor session file"),
        ('{"format": 1}', "`context_path`: is missing"),
    ],
)
def test_bad_session_file_is_one_line(runner, tmp_path, content, message):
    path = tmp_path / "s.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["refine", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_resume_without_the_context_file_says_so(runner, ctx_file, tmp_path):
    run(runner, ctx_file, "drop resp 1\n", "-o", str(tmp_path / "post.md"))
    ctx_file.unlink()
    result = runner.invoke(app, ["refine", str(tmp_path / "post.session.json")])
    assert result.exit_code == 2
    assert f"its context file {ctx_file.resolve()} is gone" in result.stderr
    assert result.stderr.count("\n") == 1


def test_json_format_is_what_save_writes(runner, ctx_file, tmp_path):
    out = tmp_path / "post.json"
    result = run(runner, ctx_file, "drop resp 1\nsave\n", "-o", str(out), "-f", "json")
    assert result.exit_code == 0, result.output
    assert "# Senior Account Manager" in result.stderr  # the loop always shows Markdown
    saved = json.loads(out.read_text(encoding="utf-8"))
    first = first_posting(ctx_file).responsibilities
    assert [b["text"] for b in saved["responsibilities"]] == [b.text for b in first[1:]]


def test_sessions_never_take_a_used_name(runner, ctx_file, tmp_path):
    out = tmp_path / "post.md"
    run(runner, ctx_file, "drop resp 1\n", "-o", str(out))
    before = (tmp_path / "post.session.json").read_text(encoding="utf-8")
    result = run(runner, ctx_file, "", "-o", str(out))
    assert f"session file: {tmp_path / 'post.session-2.json'}" in result.stderr
    assert (tmp_path / "post.session.json").read_text(encoding="utf-8") == before


def test_without_output_the_session_goes_to_the_cache_dir(runner, ctx_file):
    import os

    result = run(runner, ctx_file, "")
    line = next(x for x in result.stderr.splitlines() if "session file:" in x)
    path = Path(line.split("session file: ", 1)[1])
    assert path.parent == Path(os.environ["JDTAILOR_CACHE_DIR"]) / "sessions"
    assert path.name.endswith("-account-manager.session.json")
    assert load_session(path).versions[0].made_by == "draft"


# ---------------------------------------------------------------- never losing a version


@pytest.fixture
def refiner(ctx_file, tmp_path):
    ctx = load_context(ctx_file)
    corpus = load_corpus()
    draft, _ = draft_posting(ctx, corpus, OfflineDrafter())
    session = new_session(
        context_path=ctx_file, overrides={}, corpus=corpus, posting=draft.posting,
        level="senior", trace=draft.trace.to_dict(),
    )  # fmt: skip
    return Refiner(session, tmp_path / "s.json", ctx, corpus, OfflineDrafter(), stored=False)


def test_a_version_is_on_disk_before_it_is_returned(refiner):
    outcome = refiner.handle("drop resp 1")
    assert outcome.changed
    assert load_session(refiner.path).versions[-1].made_by == "drop resp 1"


class _Interrupting(OfflineDrafter):
    def revise(self, posting, feedback, ctx, retrieval):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt  # Ctrl-C while the model is thinking


def test_ctrl_c_mid_turn_keeps_every_earlier_version(refiner, runner, tmp_path):
    refiner.handle("drop resp 1")
    refiner.handle("title Renewals Manager")
    refiner.drafter = _Interrupting()
    with pytest.raises(KeyboardInterrupt):
        refiner.handle("make it warmer")
    session = load_session(refiner.path)
    assert [v.made_by for v in session.versions] == [
        "draft",
        "drop resp 1",
        "title Renewals Manager",
    ]
    result = runner.invoke(app, ["refine", str(refiner.path)], input="")
    assert "at v3 of 3" in result.stderr


def test_a_failed_session_write_leaves_the_last_one_and_changes_nothing(refiner, monkeypatch):
    refiner.handle("drop resp 1")
    good = refiner.path.read_text(encoding="utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr("os.replace", crash)
    outcome = refiner.handle("title Renewals Manager")
    monkeypatch.undo()
    assert not outcome.ok
    assert "cannot write the session file (disk on fire)" in outcome.message
    assert refiner.number == 2 and len(refiner.session.versions) == 2  # nothing moved
    assert refiner.path.read_text(encoding="utf-8") == good
    assert [v.made_by for v in load_session(refiner.path).versions] == ["draft", "drop resp 1"]
    assert not [p for p in refiner.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_model_may_not_invent_user_sources(refiner):
    class Inventing(OfflineDrafter):
        def revise(self, posting, feedback, ctx, retrieval):  # type: ignore[no-untyped-def]
            from jdtailor.drafters import Draft, Trace
            from jdtailor.posting import Bullet

            resp = [*posting.responsibilities, Bullet(text="Fly to Mars.", sources=["user:9"])]
            return Draft(posting.model_copy(update={"responsibilities": resp}), Trace("fake"))

    refiner.drafter = Inventing()
    outcome = refiner.handle("add a space duty")
    assert not outcome.ok
    assert "cites 'user:9', which is not a candidate id" in outcome.message


def test_session_round_trips_and_refuses_unknown_keys(refiner, tmp_path):
    refiner.handle("add resp Visit the top ten clients on site.")
    data = json.loads(refiner.path.read_text(encoding="utf-8"))
    assert load_session(refiner.path) == refiner.session
    data["surprise"] = True
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError, match="`surprise`: unknown field"):
        load_session(bad)
    assert issubclass(SessionError, JdtailorError)


def test_a_revision_lint_fails_against_the_context_is_refused_as_draft_would(ctx_file, tmp_path):
    from jdtailor.text import split_sentences

    from .fakedrafter import FakeDrafter

    remote = "You can work fully remote from anywhere in the world."
    text = ctx_file.read_text(encoding="utf-8").replace("## About us", f"## About us\n\n{remote}\n")
    ctx_file.write_text(text, encoding="utf-8")
    ctx = load_context(ctx_file)
    assert ctx.set_aside  # the front matter says hybrid: the sentence is kept out
    corpus = load_corpus()
    draft, _ = draft_posting(ctx, corpus, OfflineDrafter())
    posting = draft.posting
    session = new_session(
        context_path=ctx_file, overrides={}, corpus=corpus, posting=posting,
        level="senior", trace=draft.trace.to_dict(),
    )  # fmt: skip
    first = split_sentences(posting.summary)[0]
    fake = FakeDrafter().enqueue(posting.model_copy(update={"summary": f"{first} {remote}"}))
    refiner = Refiner(session, tmp_path / "s.json", ctx, corpus, fake, stored=False)
    outcome = refiner.handle("tell them about remote work")
    assert not outcome.changed
    assert outcome.message.startswith(
        "no change: repeats a context sentence that says the job is remote"
    )
    assert len(load_session(refiner.path).versions) == 1
