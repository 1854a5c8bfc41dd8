"""``jdtailor init``: write a commented company.md to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._util import handles_errors, say


@handles_errors
def init(
    path: Annotated[
        Path,
        typer.Argument(help="File (or folder) to write the template to."),
    ] = Path("company.md"),
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file with a fresh template.")
    ] = False,
) -> None:
    """Write a commented company.md template to fill in (an existing file needs --force)."""
    from ..context.template import COMPANY_TEMPLATE
    from ..errors import OutputExistsError
    from ..files import atomic_write

    if path.is_dir():
        path = path / "company.md"
    if path.exists() and not force:
        raise OutputExistsError(
            f"{path}: already exists; edit it, give another file name, or pass --force"
        )
    atomic_write(path, COMPANY_TEMPLATE, force=force)
    say(f"wrote {path}; replace each TODO line, then run: jdtailor draft --context {path}")
