"""README.md tells the truth: its sample output is what `jdtailor draft` prints today."""

from __future__ import annotations

import re

from jdtailor.cli import app

from .conftest import EXAMPLES, ROOT


def test_readme_sample_is_todays_offline_draft(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"## What it prints\n.*?```markdown\n(.*?)```", readme, re.S)
    assert sample, "README.md lost its 'What it prints' sample"
    result = runner.invoke(
        app, ["draft", "--context", str(EXAMPLES / "northwind-solar" / "company.md")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == sample.group(1), (
        "update the sample in README.md's 'What it prints' to today's output"
    )


def test_readme_family_count_is_the_corpus_family_count():
    from jdtailor.corpus import load_corpus

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = {int(n) for n in re.findall(r"(\d+) (?:role )?families", readme)}
    assert said == {len(load_corpus().families)}, "update the family count in README.md"
