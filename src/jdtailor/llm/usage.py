"""Tokens spent, summed over every request (failed attempts included), and what
they cost where the model's price is known.

Prices are US dollars per million tokens. The built-in table holds a few
well-known models as published by their provider at the time of writing; a
user adds or corrects entries in config.toml::

    [prices."my-model"]
    input = 0.50     # USD per 1M prompt tokens
    output = 1.50    # USD per 1M completion tokens

A model name matches an entry exactly, else the longest entry it starts with
("gpt-4o-mini-2024-07-18" uses "gpt-4o-mini").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ConfigFileError

__all__ = [
    "BUILTIN_PRICES",
    "Price",
    "Usage",
    "estimate_tokens",
    "find_price",
    "load_prices",
    "usage_line",
]


@dataclass(frozen=True)
class Price:
    input: float  # USD per 1M prompt tokens
    output: float  # USD per 1M completion tokens


BUILTIN_PRICES: dict[str, Price] = {
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
}


@dataclass
class Usage:
    """Requests and tokens; add one per request, failed ones included."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hits: int = 0
    failed: int = 0  # requests that brought no usable reply (errors, loops)
    estimated: bool = False  # the server did not count some tokens; ours are estimates

    def add(self, prompt_tokens: int, completion_tokens: int, *, failed: bool = False) -> None:
        self.requests += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.failed += int(failed)

    def merge(self, other: Usage) -> None:
        self.requests += other.requests
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cache_hits += other.cache_hits
        self.failed += other.failed
        self.estimated = self.estimated or other.estimated

    def to_dict(self) -> dict[str, int | bool]:
        return {
            "requests": self.requests,
            "failed_requests": self.failed,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cache_hits": self.cache_hits,
            "estimated": self.estimated,
        }

    def cost(self, price: Price | None) -> float | None:
        if price is None:
            return None
        return (self.prompt_tokens * price.input + self.completion_tokens * price.output) / 1e6

    def describe(
        self, model: str, price: Price | None, config_hint: str, *, local: bool = False
    ) -> str:
        """One line for ``-u/--usage`` (a local server's tokens cost nothing to price)."""
        reqs = f"{self.requests} request{'s' if self.requests != 1 else ''}"
        if self.failed:
            reqs += f" ({self.failed} failed)"
        if self.cache_hits:
            reqs += f", {self.cache_hits} cache hit{'s' if self.cache_hits != 1 else ''}"
        about = "~" if self.estimated else ""
        tokens = (
            f"{about}{self.prompt_tokens:,} prompt + {about}{self.completion_tokens:,} "
            "completion tokens"
        )
        cost = self.cost(price)
        if cost is not None:
            money = f"~${cost:.4f}" if cost < 1 else f"~${cost:,.2f}"
            return f"usage: {reqs}; {tokens}; est. cost {money} ({model})"
        if local:
            return f"usage: {reqs}; {tokens} ({model}, local server)"
        return (
            f"usage: {reqs}; {tokens}; no price known for {model!r} "
            f"(add it under [prices] in {config_hint})"
        )


def estimate_tokens(text: str) -> int:
    """Rough token count (about four characters a token for English prose)."""
    return (len(text) + 3) // 4


def load_prices(config: dict[str, Any], where: str) -> dict[str, Price]:
    """Built-in prices overlaid with ``[prices]`` from the config."""
    prices = dict(BUILTIN_PRICES)
    table = config.get("prices", {})
    if not isinstance(table, dict):
        raise ConfigFileError(f"{where}: [prices] must be a table of models")
    for name, entry in table.items():
        try:
            prices[name] = Price(float(entry["input"]), float(entry["output"]))
        except (TypeError, KeyError, ValueError):
            raise ConfigFileError(
                f'{where}: [prices."{name}"] needs numbers input and output '
                "(USD per million tokens)"
            ) from None
    return prices


def find_price(model: str, prices: dict[str, Price]) -> Price | None:
    if model in prices:
        return prices[model]
    matches = [name for name in prices if model.startswith(name)]
    return prices[max(matches, key=len)] if matches else None


def usage_line(usage: Usage, model: str, *, local: bool = False) -> str:
    """``usage.describe`` with prices from the built-in table and the user's config."""
    from ..config import config_path, load_config

    path = config_path()
    prices = load_prices(load_config(path), str(path))
    return usage.describe(model, find_price(model, prices), str(path), local=local)
