from __future__ import annotations

from datetime import date

import pytest

from toolkit.periods import parse_quarter, parse_year, quarter


@pytest.mark.parametrize(
    "text", ["2026-K3", "2026-Q3", "K3 2026", "Q3 2026", " 2026 k3 ", "q3-2026"]
)
def test_quarter_spellings(text: str) -> None:
    period = parse_quarter(text)
    assert period is not None
    assert (period.start, period.end, period.label) == (
        date(2026, 7, 1),
        date(2026, 9, 30),
        "2026-K3",
    )


@pytest.mark.parametrize("text", ["2026-K5", "2026", "K3", "derde kwartaal", ""])
def test_not_a_quarter(text: str) -> None:
    assert parse_quarter(text) is None


def test_quarter_edges() -> None:
    assert quarter(2024, 1).end == date(2024, 3, 31)
    assert quarter(2026, 4).end == date(2026, 12, 31)
    assert parse_year("2026") is not None
    assert parse_year("2026").end == date(2026, 12, 31)  # type: ignore[union-attr]


def test_previous_quarters_cross_years() -> None:
    labels = [p.label for p in quarter(2026, 3).previous_quarters(8)]
    assert labels == [
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
        "2026-K1",
        "2026-K2",
        "2026-K3",
    ]
