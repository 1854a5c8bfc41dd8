"""The JobPosting contract as a model would receive it."""

from __future__ import annotations

from openai.lib._pydantic import to_strict_json_schema

from jdtailor.posting import JobPosting, Pay, format_pay


def _objects(schema: dict):
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield schema
        for value in schema.values():
            yield from _objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _objects(value)


def _keys(schema) -> set[str]:
    if isinstance(schema, dict):
        return set(schema) | {k for v in schema.values() for k in _keys(v)}
    if isinstance(schema, list):
        return {k for v in schema for k in _keys(v)}
    return set()


def test_schema_is_accepted_by_the_sdk_strict_converter():
    schema = to_strict_json_schema(JobPosting)
    objects = list(_objects(schema))
    assert len(objects) >= 3  # posting, bullet, pay
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])
    keys = _keys(schema)
    assert "default" not in keys and "examples" not in keys
    # optional facts are nullable, not missing
    assert {"type": "null"} in schema["properties"]["pay"]["anyOf"]


def test_pay_formats_and_dumps_whole_numbers():
    pay = Pay(min=72000, max=95000, currency="USD", period="year")
    assert format_pay(pay) == "$72,000–$95,000 per year"
    assert pay.model_dump() == {"min": 72000, "max": 95000, "currency": "USD", "period": "year"}
    euro = Pay(min=19.5, max=23, currency="EUR", period="hour")
    assert format_pay(euro) == "€19.50–€23 per hour"
