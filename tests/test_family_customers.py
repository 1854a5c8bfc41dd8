"""{customers} reads as the job's own word for whom it serves, unless the company says."""

from __future__ import annotations

from jdtailor.cli import app


def _draft(runner, write_context, role: str, extra: str = "") -> str:
    ctx = write_context(f"---\nrole: {role}\ncompany: Example Co\n{extra}---\n")
    result = runner.invoke(app, ["draft", "-c", str(ctx)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_cashier_serves_customers_a_restaurant_serves_guests(runner, write_context):
    cashier = _draft(runner, write_context, "Cashier")
    assert "Greet customers as they reach your lane" in cashier
    assert "clients" not in cashier
    manager = _draft(runner, write_context, "Restaurant General Manager")
    assert "before guests have to ask" in manager


def test_the_companys_own_word_wins(runner, write_context):
    cashier = _draft(runner, write_context, "Cashier", "customers: shoppers\n")
    assert "Greet shoppers as they reach your lane" in cashier


def test_a_family_without_its_own_word_keeps_clients(runner, write_context):
    posting = _draft(runner, write_context, "Account Manager")
    assert "clients" in posting and "customers" not in posting


def test_a_bad_family_word_is_a_corpus_error(runner, tmp_path):
    (tmp_path / "x.yaml").write_text(
        'family: pastry-chef\ntitle: Pastry Chef\ncustomers: "{product}"\nitems: []\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["corpus", "check", "--corpus", str(tmp_path)])
    assert result.exit_code != 0
    assert "`customers`: write who the job serves as a plural noun" in result.output
