"""Reporting periods: a quarter (2026-K3) or a year (2026), as a closed date range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(
    r"^\s*(?:(\d{4})\s*[-/ ]?\s*[KQ]\s*([1-4])|[KQ]\s*([1-4])\s*[-/ ]?\s*(\d{4}))\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous_quarters(self, count: int) -> list[Period]:
        """The count quarters that end with the one holding this period's end, oldest first."""
        year, q = self.end.year, (self.end.month - 1) // 3 + 1
        quarters = []
        for _ in range(count):
            quarters.append(quarter(year, q))
            year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        return quarters[::-1]


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * number - 2, 1)
    next_start = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return Period(start, next_start - timedelta(days=1), f"{year}-K{number}")


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), str(number))


def parse_quarter(text: str) -> Period | None:
    """2026-K3, 2026-Q3, K3 2026, Q3 2026 (any case and spacing); None when it is not one."""
    match = _QUARTER.match(text)
    if match is None:
        return None
    if match.group(1):
        return quarter(int(match.group(1)), int(match.group(2)))
    return quarter(int(match.group(4)), int(match.group(3)))


def parse_year(text: str) -> Period | None:
    match = _YEAR.match(text)
    return year(int(match.group(1))) if match else None
