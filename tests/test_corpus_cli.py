"""``jdtailor corpus ...`` as a user runs it, and user corpora layered with --corpus."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml

from jdtailor.cli import app

from .conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind-solar" / "company.md"


def _run(runner, *args: str):
    return runner.invoke(app, ["corpus", *args])


def _user_corpus(tmp_path: Path) -> Path:
    """A user folder: one new family, extra account-management items, one override."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "beekeeping.yaml").write_text(
        textwrap.dedent(
            """\
            family: beekeeping
            title: Beekeeper
            aliases: [Apiarist, Senior Beekeeper]
            related: [warehouse-logistics]
            items:
              - id: bee.hive-inspections
                kind: duty
                text: Inspect every hive weekly for queen health, brood pattern and mites.
                levels: [entry, mid, senior]
                area: operations
                tags: [hives, inspection]
              - id: bee.q-colonies
                kind: qualification
                text: Has kept at least ten honeybee colonies through a full season.
                levels: [mid, senior]
                area: domain-expertise
            """
        ),
        encoding="utf-8",
    )
    (folder / "account-management.yaml").write_text(
        textwrap.dedent(
            """\
            family: account-management
            title: Account Manager
            aliases: [Hive Account Manager]
            items:
              - id: mine.am-orchard-renewals
                kind: duty
                text: Renew pollination contracts with orchard owners before each bloom.
                levels: [mid, senior]
                area: client-relations
              - id: am.renewal-ownership
                kind: duty
                text: Own each renewal in your book, starting talks four months before the end.
                levels: [mid, senior]
                area: client-relations
            """
        ),
        encoding="utf-8",
    )
    return folder


def test_list_shows_every_family_with_counts(runner):
    result = _run(runner, "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["family", "items", "duties", "quals"]
    am = next(line for line in lines if line.startswith("account-management "))
    assert int(am.split()[1]) >= 120
    assert re.fullmatch(r"\d+ families, \d+ items \(\d+ duties, \d+ qualifications\)", lines[-1])
    assert int(lines[-1].split()[0]) == len(lines) - 2 >= 30


def test_list_stats_has_levels_and_a_level_by_area_table(runner):
    result = _run(runner, "list", "--stats", "--family", "account-management")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "level x area (account-management" in out
    table = out.split("level x area", 1)[1].splitlines()[2:]
    rows = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in table}
    for area in (
        "client-relations",
        "sales",
        "strategy",
        "project-management",
        "business-liaison",
        "business-development",
        "financial-management",
        "audit",
    ):
        assert all(n > 0 for n in rows[area][:4]), (area, rows[area])  # fmt: skip


def test_show_family_and_item(runner):
    result = _run(runner, "show", "account-management")
    assert result.exit_code == 0, result.output
    assert "title:   Account Manager" in result.stdout
    assert "Key Account Manager" in result.stdout
    assert "am.renewal-ownership" in result.stdout
    result = _run(runner, "show", "am.renewal-ownership")
    assert result.exit_code == 0
    assert "kind:   duty" in result.stdout and "account-management.yaml" in result.stdout


def test_show_unknown_name_is_one_line_with_a_suggestion(runner):
    result = _run(runner, "show", "acount-management")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "jdtailor: error: no family or item 'acount-management' in the corpus; "
        "did you mean account-management?"
    )


def test_search_ranks_with_ids_and_filters(runner):
    result = _run(runner, "search", "renewal contracts", "--family", "account-management")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("am.") and "(duty; " in first
    assert "renew" in result.stdout.lower()
    result = _run(runner, "search", "budget", "--kind", "qualification", "--level", "lead")
    assert result.exit_code == 0
    heads = result.stdout.splitlines()[::2]
    assert 0 < len(heads) <= 10
    assert all("(qualification; " in line and "lead" in line for line in heads)
    scores = [float(line.rsplit("score ", 1)[1].rstrip(")")) for line in heads]
    assert scores == sorted(scores, reverse=True)


def test_search_without_a_match_says_so(runner):
    result = _run(runner, "search", "zeppelin")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no items match 'zeppelin'" in result.stderr


def test_check_builtin_corpus_passes(runner):
    result = _run(runner, "check", "--errors-only")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("0 errors, ")


def test_check_dir_reports_faults_and_exits_1(runner, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "widgets.yaml").write_text(
        "family: widgets\ntitle: Widget Maker\nitems:\n"
        "  - {id: w.a, kind: duty, text: Responsible for widgets., levels: [entry], area: sales}\n",
        encoding="utf-8",
    )
    result = _run(runner, "check", str(folder))
    assert result.exit_code == 1
    assert "w.a: error: start the duty with an action verb, not 'responsible'" in result.stdout
    assert "warning:" in result.stdout  # the small family
    assert "account-management.yaml" not in result.stdout  # only the folder is reported


def test_check_counts_one_error_in_the_singular(runner, tmp_path):
    (tmp_path / "broken.yaml").write_text(": : not yaml\n", encoding="utf-8")
    result = _run(runner, "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("1 error, 0 warnings (")


def test_check_missing_dir_is_exit_2(runner, tmp_path):
    result = _run(runner, "check", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such directory" in result.stderr


def test_user_corpus_adds_extends_and_overrides(runner, tmp_path):
    folder = _user_corpus(tmp_path)
    result = _run(runner, "show", "beekeeping", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    assert "bee.hive-inspections" in result.stdout
    result = _run(runner, "show", "account-management", "--corpus", str(folder))
    assert "mine.am-orchard-renewals" in result.stdout
    assert "Hive Account Manager" in result.stdout
    assert result.stdout.count("am.renewal-ownership") == 1
    result = _run(runner, "show", "am.renewal-ownership", "--corpus", str(folder))
    assert "four months before the end" in result.stdout
    result = _run(runner, "list", "--corpus", str(folder))
    assert "beekeeping" in result.stdout
    # without --corpus nothing of it shows
    assert "beekeeping" not in _run(runner, "list").stdout


def test_user_corpus_checks_clean_and_drafts(runner, tmp_path, write_context):
    folder = _user_corpus(tmp_path)
    result = _run(runner, "check", str(folder), "--errors-only")
    assert result.exit_code == 0, result.stdout
    ctx = write_context("---\ncompany: Meadow Co\nrole: Senior Beekeeper\n---\nWe keep bees.\n")
    result = runner.invoke(app, ["draft", "-c", str(ctx), "--corpus", str(folder),
                                 "--show-sources"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "bee." in result.stdout


def test_user_corpus_duplicate_id_in_one_folder_is_refused(runner, tmp_path):
    folder = _user_corpus(tmp_path)
    text = (folder / "beekeeping.yaml").read_text(encoding="utf-8")
    (folder / "beekeeping.yaml").write_text(
        text.replace("bee.q-colonies", "bee.hive-inspections"), encoding="utf-8"
    )
    result = _run(runner, "list", "--corpus", str(folder))
    assert result.exit_code == 2
    assert "duplicate id 'bee.hive-inspections'" in result.stderr


POSTING = """\
# Senior Account Manager

We sell heat pumps to housing associations.

## What you'll do
- Manage a book of 40 housing association accounts and **own** their renewals
- You will run quarterly reviews with each client's asset managers
- Responsible for upsell targets
  across the northern region

## Requirements
* 5+ years of B2B account management
* Excellent communication skills

## Nice to have
- Experience with [a CRM](https://example.com)

## Benefits
- Dental cover
"""


def test_import_posting_writes_editable_yaml(runner, tmp_path):
    src = tmp_path / "posting.md"
    src.write_text(POSTING, encoding="utf-8")
    out = tmp_path / "new" / "account-management.yaml"
    out.parent.mkdir()
    result = _run(runner, "import", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert "3 duties, 3 qualifications" in result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["family"] == "account-management"  # the title is a known alias
    texts = {i["text"]: i for i in data["items"]}
    assert "Manage a book of 40 housing association accounts and own their renewals." in texts
    assert "Run quarterly reviews with each client's asset managers." in texts
    assert "Responsible for upsell targets across the northern region." in texts
    assert texts["5+ years of B2B account management."]["levels"] == ["senior", "lead"]
    assert "nice-to-have" in texts["Experience with a CRM."]["tags"]
    assert not any("Dental" in t for t in texts)
    # the result loads as a user corpus; check points at what still needs editing
    result = _run(runner, "check", str(out.parent))
    assert result.exit_code == 1
    assert "filler 'Excellent communication skills'" in result.stdout


def test_import_never_overwrites(runner, tmp_path):
    src = tmp_path / "posting.md"
    src.write_text(POSTING, encoding="utf-8")
    out = tmp_path / "mine.yaml"
    out.write_text("my notes\n", encoding="utf-8")
    result = _run(runner, "import", str(src), "-o", str(out))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "my notes\n"


ONET = (
    "O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
    "47-2152.00\tPlumbers\t1\tInstall pipe assemblies, fittings, valves and fixtures.\tCore\t40\t"
    "08/2023\tIncumbent\n"
    "47-2152.00\tPlumbers\t2\tInspects structures to locate obstructions to pipe runs.\t"
    "Supplemental\t40\t08/2023\tIncumbent\n"
    "47-2111.00\tElectricians\t3\tConnect wires to circuit breakers and transformers.\tCore\t40\t"
    "08/2023\tIncumbent\n"
)


def test_import_onet_task_statements(runner, tmp_path):
    src = tmp_path / "Task Statements.txt"
    src.write_text(ONET, encoding="utf-8")
    result = _run(runner, "import", str(src))
    assert result.exit_code == 2
    assert "holds 2 occupations (Plumbers; Electricians)" in result.stderr
    result = _run(runner, "import", str(src), "--family", "plumbers")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["family"] == "plumbers" and data["title"] == "Plumbers"
    texts = [i["text"] for i in data["items"]]
    assert texts == [
        "Install pipe assemblies, fittings, valves and fixtures.",
        "Inspect structures to locate obstructions to pipe runs.",
    ]
    assert all(i["kind"] == "duty" for i in data["items"])


def test_import_of_a_file_without_bullets_is_one_clear_line(runner, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("We are hiring a gardener. Write to us.\n", encoding="utf-8")
    result = _run(runner, "import", str(src))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "found no bullet lists" in result.stderr


def test_import_keeps_a_bullet_given_twice_once(runner, tmp_path):
    src = tmp_path / "posting.md"
    again = "- Run quarterly reviews with each client's asset managers\n" * 3
    src.write_text(POSTING + "\n## Responsibilities\n" + again, encoding="utf-8")
    result = _run(runner, "import", str(src))
    assert result.exit_code == 0, result.output
    texts = [i["text"] for i in yaml.safe_load(result.stdout)["items"]]
    assert texts.count("Run quarterly reviews with each client's asset managers.") == 1
    assert "3 duties, 3 qualifications" in result.stderr


def test_import_of_a_drafted_posting_extends_its_family(runner, tmp_path):
    posting = tmp_path / "posting.md"
    result = runner.invoke(
        app, ["draft", "-c", str(EXAMPLES / "northwind-solar" / "company.md"), "-o", str(posting)]
    )
    assert result.exit_code == 0, result.output
    result = _run(runner, "import", str(posting))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["family"] == "account-management"  # "Senior Account Manager — Northwind Solar"
    assert not any("northwind" in i["id"] for i in data["items"])
