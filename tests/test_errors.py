"""Errors carry their data; the CLI alone picks the exit code; a crash in lint says so."""

from __future__ import annotations

import importlib

import pytest

from jdtailor import errors
from jdtailor.cli._util import exit_code
from jdtailor.context import parse_salary


def test_a_salary_error_carries_file_place_and_fix():
    with pytest.raises(errors.ContextError) as info:
        parse_salary("lots", "company.md: front matter `salary`")
    exc = info.value
    assert exc.file == "company.md: front matter `salary`"
    assert exc.place == "salary"
    assert exc.fix is not None and exc.fix.startswith("write it like")
    assert str(exc).endswith(exc.fix)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.ContextError("x"), 2),
        (errors.OutputExistsError("x"), 2),
        (errors.ModelConfigError("x"), 2),
        (errors.ModelAuthError("x"), 2),
        (errors.GroundingError(["x"]), 3),
        (errors.RepairFailedError("x"), 3),
        (errors.TruncatedReplyError("x"), 3),
        (errors.RunawayReplyError("x"), 3),
        (errors.QuotaExceededError("x"), 4),
        (errors.ModelUnavailableError("x"), 4),
        (errors.JdtailorError("x"), 1),
    ],
)
def test_the_cli_maps_each_class_to_its_exit_code(error, code):
    assert exit_code(error) == code


def test_a_crash_inside_lint_is_reported_as_a_crash(monkeypatch):
    from jdtailor.context import parse_context
    from jdtailor.refine.commands import lint_summary, lint_text

    from .test_model_draft import good_posting

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a rule divided by zero")

    lint_module = importlib.import_module("jdtailor.lint")  # the package, not the API's lint()
    monkeypatch.setattr(lint_module, "lint_posting", broken)
    ctx = parse_context("---\nrole: Account Manager\n---\nWe sell panels.\n")
    text = lint_text(good_posting(), ctx)
    assert "lint failed on this version (ZeroDivisionError: a rule divided by zero)" in text
    assert "not available" not in text
    assert lint_summary(good_posting(), ctx).startswith("lint failed")
