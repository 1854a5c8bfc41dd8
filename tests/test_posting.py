"""Pay as the posting contract holds and shows it (the strict schema is tested in
test_model_parts.py)."""

from __future__ import annotations

from jdtailor.posting import Pay, format_pay


def test_pay_formats_and_dumps_whole_numbers():
    pay = Pay(min=72000, max=95000, currency="USD", period="year")
    assert format_pay(pay) == "$72,000–$95,000 per year"
    assert pay.model_dump() == {"min": 72000, "max": 95000, "currency": "USD", "period": "year"}
    euro = Pay(min=19.5, max=23, currency="EUR", period="hour")
    assert format_pay(euro) == "€19.50–€23 per hour"
