"""The batch summary: one row per input, as CSV (for a spreadsheet) and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..llm.usage import Price

__all__ = ["COLUMNS", "cost_of", "price_for", "summary_rows", "write_summary"]

COLUMNS = (
    "input", "status", "file", "title", "company", "family", "confidence", "backend", "model",
    "lint_score", "top_finding", "flags", "prompt_tokens", "completion_tokens", "cost_usd",
    "error",
)  # fmt: skip


def cost_of(record: dict[str, Any], price: Price | None, discount: float = 1.0) -> float | None:
    """What a record's tokens cost at ``price`` (times ``discount``, e.g. 0.5 for the Batch API)."""
    if price is None:
        return None
    tokens_in = int(record.get("prompt_tokens") or 0)
    tokens_out = int(record.get("completion_tokens") or 0)
    return discount * (tokens_in * price.input + tokens_out * price.output) / 1e6


def summary_rows(order: Iterable[str], records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in input order; an input with no record is ``pending``."""
    rows = []
    for key in order:
        record = records.get(key, {"status": "pending"})
        row = {name: record.get(name, "") for name in COLUMNS}
        row["input"] = key
        row["flags"] = record.get("flags", [])
        rows.append(row)
    return rows


def write_summary(out_dir: Path, rows: list[dict[str, Any]]) -> tuple[Path, Path]:
    """``summary.csv`` and ``summary.json`` in ``out_dir`` (replaced atomically)."""
    from ..files import atomic_write

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["flags"] = "; ".join(row["flags"])
        cost = row.get("cost_usd")
        flat["cost_usd"] = "" if cost in (None, "") else f"{cost:.6f}"
        writer.writerow(flat)
    csv_path = atomic_write(out_dir / "summary.csv", buffer.getvalue(), force=True)
    json_path = atomic_write(
        out_dir / "summary.json", json.dumps(rows, indent=1, ensure_ascii=False) + "\n", force=True
    )
    return csv_path, json_path


def price_for(model: str) -> Price | None:
    """The model's price from the built-in table and the user's config.toml."""
    from ..config import config_path, load_config
    from ..llm.usage import find_price, load_prices

    path = config_path()
    return find_price(model, load_prices(load_config(path), str(path)))
