"""Rounding and summary numbers shared by the statistics: one rule for every percentage."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from fractions import Fraction


def rounded(value: Fraction | float, digits: int = 1) -> float:
    """Half-up, as a person rounds (6.25 -> 6.3, -6.25 -> -6.3), not Python's
    round-half-even; exact, in whole numbers (this runs for every percentage)."""
    numerator, denominator = _ratio(value)
    return rounded_ratio(numerator, denominator, digits)


def _ratio(value: Fraction | float) -> tuple[int, int]:
    if isinstance(value, float):
        return value.as_integer_ratio()
    return value.numerator, value.denominator


def rounded_ratio(numerator: int, denominator: int, digits: int = 1) -> float:
    """numerator / denominator (denominator > 0) rounded half-up, as rounded() does."""
    scale: int = 10**digits
    whole = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    return -(whole / scale) if numerator < 0 else whole / scale


def pct(part: float, whole: float) -> float | None:
    """part / whole × 100 to one decimal; None when whole is 0."""
    if not whole:
        return None
    if isinstance(part, int) and isinstance(whole, int):  # most are counts: no ratios needed
        numerator, denominator = part * 100, whole
    else:
        (part_n, part_d), (whole_n, whole_d) = _ratio(part), _ratio(whole)
        numerator, denominator = part_n * whole_d * 100, part_d * whole_n
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    return rounded_ratio(numerator, denominator)


def median(values: Sequence[float]) -> float | None:
    return rounded(statistics.median(values)) if values else None
