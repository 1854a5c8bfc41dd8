"""``jdtailor batch``: many postings into a folder, resumable; model and Batch API
runs against the local fake server only."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from jdtailor.batch import load_items
from jdtailor.cli import app
from jdtailor.corpus import load_corpus
from jdtailor.drafters.offline import OfflineDrafter
from jdtailor.retrieval import retrieve

from .conftest import EXAMPLES
from .fakeopenai import chat, error

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"
ROLES = EXAMPLES / "roles.csv"


def batch(runner, *args: object):
    return runner.invoke(app, ["batch", *map(str, args)])


def summary(out: Path) -> list[dict[str, str]]:
    with open(out / "summary.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_roles(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roles.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_roles_table_gives_one_posting_per_row_in_each_format(runner, tmp_path):
    out = tmp_path / "out"
    result = batch(runner, "-c", NORTHWIND, "--roles", ROLES, "-o", out, "-f", "md,jsonld")
    assert result.exit_code == 0, result.output
    rows = summary(out)
    with open(ROLES, encoding="utf-8") as fh:
        assert len(rows) == sum(1 for _ in csv.DictReader(fh))
    assert {r["status"] for r in rows} == {"ok"}
    first = rows[0]
    assert first["file"] == "northwind-solar-account-manager.md"
    assert first["family"] == "account-management" and first["backend"] == "offline"
    assert 0 <= int(first["lint_score"]) <= 100
    text = (out / "northwind-solar-account-manager.md").read_text()
    assert "72,000" in text or "72000" in text  # the row's salary, not invented
    ld = json.loads((out / "northwind-solar-account-manager.jsonld").read_text())
    assert ld["hiringOrganization"]["name"] == "Northwind Solar"
    data = json.loads((out / "summary.json").read_text())
    assert [d["input"] for d in data] == [r["input"] for r in rows]
    assert result.stdout == ""  # progress and messages go to stderr


def test_a_row_overrides_the_company_file_and_empty_cells_keep_it(tmp_path):
    roles = write_roles(
        tmp_path,
        "title,seniority,must_haves,location\n"
        "Data Analyst,senior,SQL; Explaining numbers plainly,\n",
    )
    items, problems = load_items([NORTHWIND], roles)
    assert problems == []
    ctx = items[0].ctx
    assert ctx.role == "Data Analyst" and ctx.seniority == "senior"
    assert ctx.must_haves == ["SQL", "Explaining numbers plainly"]
    assert ctx.company == "Northwind Solar" and ctx.location == "Portland, OR, USA"


def test_bad_rows_are_listed_and_the_rest_still_run(runner, tmp_path):
    roles = write_roles(
        tmp_path,
        "role,seniority,salary\n"
        "Account Manager,mid,\n"
        "Data Analyst,wizard,\n"
        ",mid,\n"
        "Project Manager,senior,lots\n",
    )
    out = tmp_path / "out"
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out)
    assert result.exit_code == 1
    err = result.stderr
    assert "roles.csv: row 3: column `seniority`: unknown seniority 'wizard'" in err
    assert "roles.csv: row 5: column `salary`" in err
    assert "Traceback" not in result.output
    # row 4's empty role cell keeps the company file's role
    assert [r["status"] for r in summary(out)] == ["ok", "invalid", "ok", "invalid"]


def test_a_row_with_no_role_anywhere_is_named(tmp_path):
    roles = write_roles(tmp_path, "role,seniority,company\n,mid,Acme\n")
    items, problems = load_items([], roles)
    assert items == []
    assert problems[0].message.endswith("roles.csv: row 2: no role; fill in the `role` column")


def test_strict_drafts_nothing_when_a_row_is_bad(runner, tmp_path):
    roles = write_roles(tmp_path, "role,seniority\nAccount Manager,mid\nData Analyst,wizard\n")
    out = tmp_path / "out"
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out, "--strict")
    assert result.exit_code == 2
    assert "1 invalid input" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("role,colour\nAnalyst,blue\n", "column 2 'colour' is not a company.md key or section"),
        ("", "no header row"),
    ],
)
def test_a_table_that_cannot_be_read_is_one_line_and_exit_2(runner, tmp_path, table, message):
    roles = write_roles(tmp_path, table)
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_columns_follow_the_context_model():
    from jdtailor.batch import roles_columns
    from jdtailor.context import CompanyContext

    columns = roles_columns()
    assert "why_hiring" in columns and "title" in columns and "path" not in columns
    assert set(columns) - {"title"} <= set(CompanyContext.model_fields)


def test_a_rerun_skips_what_is_done_and_redoes_what_changed(runner, tmp_path):
    roles = write_roles(tmp_path, "role,seniority\nAccount Manager,mid\nData Analyst,mid\n")
    out = tmp_path / "out"
    assert batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out).exit_code == 0
    am, da = out / "northwind-solar-account-manager.md", out / "northwind-solar-data-analyst.md"
    os.utime(am, (1, 1))
    os.utime(da, (1, 1))
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out)
    assert result.exit_code == 0
    assert "2 already done; 0 to draft" in result.stderr
    assert am.stat().st_mtime == 1 and da.stat().st_mtime == 1

    roles.write_text("role,seniority\nAccount Manager,mid\nData Analyst,senior\n")
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out)
    assert "1 already done; 1 to draft" in result.stderr
    assert am.stat().st_mtime == 1 and da.stat().st_mtime != 1
    assert da.read_text().startswith("# Senior Data Analyst")
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 2  # compacted


def test_a_killed_run_keeps_its_finished_postings_and_the_next_run_continues(runner, tmp_path):
    roles = write_roles(tmp_path, "role\nAccount Manager\nData Analyst\nProject Manager\n")
    out = tmp_path / "out"
    assert batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out).exit_code == 0
    manifest = out / "manifest.jsonl"
    lines = manifest.read_text().splitlines()
    claim = json.loads(lines[2])
    claim = {k: claim[k] for k in ("key", "name", "files")} | {"status": "pending"}
    # As a kill leaves it: the third posting written, its record not (only the name
    # claimed before drafting), and a line half written.
    manifest.write_text("\n".join([lines[0], lines[1], json.dumps(claim), lines[2][:40]]))
    pm = out / "northwind-solar-project-manager.md"
    pm.write_text("# half a run's posting\n")
    (out / "northwind-solar-data-analyst.md").unlink()  # and a file the user deleted
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out)
    assert result.exit_code == 0
    assert "1 already done; 2 to draft" in result.stderr
    assert pm.read_text().startswith("# Senior Project Manager")  # the same name, redone
    assert sorted(p.name for p in out.glob("*.md")) == [
        "northwind-solar-account-manager.md",
        "northwind-solar-data-analyst.md",
        "northwind-solar-project-manager.md",
    ]


def test_names_never_collide_and_foreign_files_are_never_overwritten(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "northwind-solar-account-manager.md"
    mine.write_text("the user's own notes\n")
    roles = write_roles(tmp_path, "role,location\nAccount Manager,Boise\nAccount Manager,Reno\n")
    result = batch(runner, "-c", NORTHWIND, "--roles", roles, "-o", out)
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "the user's own notes\n"
    files = [r["file"] for r in summary(out)]
    assert files == ["northwind-solar-account-manager-2.md", "northwind-solar-account-manager-3.md"]
    assert "Boise" in (out / files[0]).read_text() and "Reno" in (out / files[1]).read_text()


def test_a_folder_of_company_files_and_a_failure_that_does_not_stop_the_others(
    runner, tmp_path, write_context
):
    folder = tmp_path / "companies"
    folder.mkdir()
    (folder / "northwind.md").write_text(NORTHWIND.read_text())
    lumen = (EXAMPLES / "lumen-analytics" / "company.md").read_text()
    (folder / "lumen.md").write_text(lumen)
    # Parses, but its posting cannot be rendered as JSON-LD: valid_through is in the past.
    bad = NORTHWIND.read_text().replace("---\n", "---\nvalid_through: 2001-01-01\n", 1)
    (folder / "expired.md").write_text(bad.replace("Account Manager", "Data Analyst", 1))
    out = tmp_path / "out"
    result = batch(runner, "-c", folder, "-o", out, "-f", "jsonld")
    assert result.exit_code == 1
    rows = {Path(r["input"]).name: r for r in summary(out)}
    assert rows["expired.md"]["status"] == "failed"
    assert "valid_through" in rows["expired.md"]["error"]
    assert rows["lumen.md"]["status"] == rows["northwind.md"]["status"] == "ok"
    assert "1 not drafted" in result.stderr and "expired.md" in result.stderr.splitlines()[-1]


def test_inputs_and_options_are_checked_before_any_work(runner, tmp_path):
    result = batch(runner, "-c", NORTHWIND, "-o", tmp_path / "out", "-f", "md,pdf")
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr
    result = batch(runner, "-c", NORTHWIND, "--roles", ROLES)
    assert result.exit_code == 2 and "pass -o DIR" in result.stderr
    result = batch(runner, "-c", tmp_path / "nope.md", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "nope.md: no such file" in result.stderr
    result = batch(runner, "-c", NORTHWIND, "-o", tmp_path / "out", "--batch-api")
    assert result.exit_code == 2 and "--batch-api needs a model" in result.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- with a model


def _answer_per_role(items):
    """A fake-server responder replying with a grounded posting for the prompt's role."""
    corpus = load_corpus([])
    postings = {
        item.ctx.role: OfflineDrafter().draft(item.ctx, retrieve(item.ctx, corpus)).posting
        for item in items
    }

    def respond(request):
        text = request.prompt_text
        role = next(r for r in postings if f"role: {r}\n" in text)
        # a real server counts about what was sent (far less means a dropped system message)
        return chat(postings[role], prompt_tokens=3000, completion_tokens=500)

    return respond


@pytest.fixture
def server(fake_openai, monkeypatch):
    return fake_openai.point_env(monkeypatch)


def test_model_drafting_runs_concurrently_and_counts_tokens_and_cost(runner, tmp_path, server):
    roles = write_roles(tmp_path, "role\nAccount Manager\nData Analyst\nProject Manager\n")
    items, _ = load_items([NORTHWIND], roles)
    server.responder = _answer_per_role(items)
    server.enqueue(chat("not json", prompt_tokens=3010, completion_tokens=5))  # one re-ask
    out = tmp_path / "out"
    args = ["-c", NORTHWIND, "--roles", roles, "-o", out, "-m", "gpt-4o-mini", "--cache", "off"]
    result = batch(runner, *args, "--concurrency", "3")
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 4
    rows = summary(out)
    assert {r["backend"] for r in rows} == {"openai"}
    assert sum(int(r["prompt_tokens"]) for r in rows) == 12010
    assert float(rows[0]["cost_usd"]) > 0
    assert "4 requests; 12,010 prompt + 1,505 completion tokens" in result.stderr
    again = batch(runner, *args)
    assert "3 already done; 0 to draft" in again.stderr and len(server.requests) == 4


def test_model_batch_has_drafts_defaults_and_falls_back_when_json_schema_is_refused(
    runner, tmp_path, server
):
    roles = write_roles(tmp_path, "role\nAccount Manager\nData Analyst\n")
    items, _ = load_items([NORTHWIND], roles)
    server.responder = _answer_per_role(items)
    # llama-cpp-python's answer to a json_schema response_format: no retry spent on it
    server.enqueue(error(500, "response_format.type\n  Input should be 'text' or 'json_object'"))
    out = tmp_path / "out"
    args = ["-c", NORTHWIND, "--roles", roles, "-o", out, "-m", "local-model", "--cache", "off"]
    result = batch(runner, *args, "--concurrency", "1")
    assert result.exit_code == 0, result.output
    kinds = [r.body["response_format"]["type"] for r in server.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]  # remembered for the server
    assert [r["status"] for r in summary(out)] == ["ok", "ok"]


def test_batch_api_submits_returns_at_once_and_status_collects(runner, tmp_path, server):
    roles = write_roles(tmp_path, "role\nAccount Manager\nData Analyst\n")
    items, _ = load_items([NORTHWIND], roles)
    server.responder = _answer_per_role(items)
    server.hold_batches = True
    out = tmp_path / "out"
    args = ["-c", NORTHWIND, "--roles", roles, "-o", out, "-m", "gpt-4o-mini", "--batch-api"]
    result = batch(runner, *args)
    assert result.exit_code == 0, result.output
    assert "submitted batch batch-1; collect it with: jdtailor batch status" in result.stderr
    requests = (out / "requests-1.jsonl").read_text().splitlines()
    assert len(requests) == 2 and json.loads(requests[0])["url"] == "/v1/chat/completions"
    assert server.uploads["file-1"].splitlines() == requests
    assert not list(out.glob("*.md"))

    pending = batch(runner, "status", out)
    assert pending.exit_code == 0 and "batch-1 is in_progress" in pending.stderr

    server.hold_batches = False
    server.batches["batch-1"]["status"] = "validating"
    done = batch(runner, "status", out)
    assert done.exit_code == 0, done.output
    assert "2 postings written, 0 failed" in done.stderr
    assert "at Batch API prices" in done.stderr
    rows = summary(out)
    assert [r["status"] for r in rows] == ["ok", "ok"]
    assert {r["backend"] for r in rows} == {"openai-batch"}
    # 1000 prompt + 500 completion tokens at half of gpt-4o-mini's price
    assert float(rows[0]["cost_usd"]) == pytest.approx(0.5 * (3000 * 0.15 + 500 * 0.60) / 1e6)
    assert (out / rows[1]["file"]).read_text().startswith("# Senior Data Analyst")
    assert "collected already" in batch(runner, "status", out).stderr


def test_batch_api_invalid_replies_go_into_a_follow_up_batch(runner, tmp_path, server):
    roles = write_roles(tmp_path, "role\nAccount Manager\n")
    items, _ = load_items([NORTHWIND], roles)
    server.responder = _answer_per_role(items)
    server.enqueue(chat({"title": "Account Manager"}))  # the first reply is not a posting
    out = tmp_path / "out"
    args = ["-c", NORTHWIND, "--roles", roles, "-o", out, "-m", "gpt-4o-mini", "--batch-api"]
    assert batch(runner, *args).exit_code == 0
    first = batch(runner, "status", out)
    assert "1 to ask again" in first.stderr and "sent follow-up batch batch-2" in first.stderr
    followup = json.loads(server.uploads["file-3"])
    assert followup["custom_id"] == "item-1-2"
    assert "summary" in followup["body"]["messages"][-1]["content"]  # the problems fed back
    second = batch(runner, "status", out)
    assert second.exit_code == 0, second.output
    assert summary(out)[0]["status"] == "ok"


def test_status_on_a_folder_without_a_batch_is_one_clear_line(runner, tmp_path):
    result = batch(runner, "status", tmp_path)
    assert result.exit_code == 2
    assert "no Batch API job here" in result.stderr


def test_new_names_are_claimed_in_the_manifest_before_any_drafting(tmp_path):
    from jdtailor.batch import Job, Manifest, plan_batch

    roles = write_roles(tmp_path, "role\nAccount Manager\nData Analyst\n")
    items, problems = load_items([NORTHWIND], roles)
    out = tmp_path / "out"
    out.mkdir()
    manifest = Manifest(out)
    plan = plan_batch(items, problems, manifest, Job(out, ("md",)), "fp")
    manifest.close()
    assert [t.name for t in plan.tasks] == [
        "northwind-solar-account-manager",
        "northwind-solar-data-analyst",
    ]
    on_disk = Manifest(out)  # what a run killed now would find
    assert on_disk.names() == {
        "roles.csv:row 2": "northwind-solar-account-manager",
        "roles.csv:row 3": "northwind-solar-data-analyst",
    }


@pytest.mark.slow
def test_ctrl_c_keeps_finished_postings_and_the_rerun_finishes_the_rest(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    rows = "".join(f"Account Manager,{place}\n" for place in range(120))
    roles = write_roles(tmp_path, "role,location\n" + rows)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "jdtailor", "batch", "-c", str(NORTHWIND), "--roles", str(roles)]
    cmd += ["-o", str(out)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if manifest.exists() and '"status":"ok"' in manifest.read_text():
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted;" in err and "rerun the same command" in err
    assert "Traceback" not in err
    kept = {p.name for p in out.glob("*.md")}
    assert kept and len(kept) < 120
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "already done" in again.stderr
    names = sorted(p.name for p in out.glob("*.md"))
    assert len(names) == 120 and kept <= set(names)  # nothing drafted twice under a new name
    assert not list(out.glob(".*.tmp"))
