"""Rounding and summary numbers shared by the statistics: one rule for every percentage."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def rounded(value: Fraction | float, digits: int = 1) -> float:
    """Half-up, as a person rounds (6.25 -> 6.3), not Python's round-half-even."""
    exact = Fraction(value)
    quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(quotient.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def pct(part: float, whole: float) -> float | None:
    """part / whole × 100 to one decimal; None when whole is 0."""
    if not whole:
        return None
    return rounded(Fraction(part) * 100 / Fraction(whole))


def median(values: Sequence[float]) -> float | None:
    return rounded(statistics.median(values)) if values else None


def mean(values: Sequence[int], digits: int = 2) -> float | None:
    """The exact mean of whole numbers (Likert scores), rounded half-up."""
    return rounded(Fraction(sum(values), len(values)), digits) if values else None
