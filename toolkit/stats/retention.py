"""Kaplan–Meier retention of membership periods: how long people stay, ongoing ones censored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from toolkit.stats.networks import Membership
from toolkit.stats.numbers import rounded

CURVE_MONTHS = 24
HEADLINE_MONTHS = (6, 12, 24)

Curve = list[tuple[int, Fraction]]  # (event time in days, S just after it), ascending


def membership_days(member: Membership, until: date) -> int:
    """Days of membership up to and including until (Einddatum is the last day)."""
    last = member.end if member.end is not None and member.end <= until else until
    return (last - member.start).days + 1


def month_days(months: int) -> int:
    return months * 365 // 12


def kaplan_meier(observations: Sequence[tuple[int, bool]]) -> Curve:
    """The product-limit estimate from (days, ended) pairs; at a tie, events come before
    censoring (the censored are still at risk at that time)."""
    events = Counter(days for days, ended in observations if ended)
    at_risk = len(observations)
    leaving = Counter(days for days, _ in observations)
    survival = Fraction(1)
    curve: Curve = []
    for moment in sorted(leaving):
        if events[moment]:
            survival *= 1 - Fraction(events[moment], at_risk)
            curve.append((moment, survival))
        at_risk -= leaving[moment]
    return curve


def survival_at(curve: Curve, days: int) -> Fraction:
    """S(days): the share with more than days of membership."""
    value = Fraction(1)
    for moment, survival in curve:
        if moment > days:
            break
        value = survival
    return value


def median_days(curve: Curve) -> int | None:
    return next((moment for moment, survival in curve if survival <= Fraction(1, 2)), None)


Observation = tuple[int, bool]  # (membership days, ended)


def observations(members: Sequence[Membership], end: date) -> list[Observation]:
    """Every period started by end; those ending on or before end are events."""
    return [
        (membership_days(m, end), m.end is not None and m.end <= end)
        for m in members
        if m.start <= end
    ]


def _by_month(curve: Curve, months: int) -> list[Fraction]:
    """S at month 0, 1, ... months: survival_at for each, in one pass over the curve."""
    values, value, step = [], Fraction(1), 0
    for month in range(months + 1):
        days = month_days(month)
        while step < len(curve) and curve[step][0] <= days:
            value = curve[step][1]
            step += 1
        values.append(value)
    return values


def retention(observed: Sequence[Observation]) -> dict[str, Any]:
    """The Kaplan–Meier figures of the observations (of one network, or of all pooled)."""
    curve = kaplan_meier(observed)
    shares = [rounded(s * 100) if observed else None for s in _by_month(curve, CURVE_MONTHS)]

    def at(months: int) -> float | None:
        return shares[months]

    result: dict[str, Any] = {
        "perioden": len(observed),
        "vertrekken": sum(1 for _, ended in observed if ended),
    }
    result |= {f"behoud_{m}_maanden_pct": at(m) for m in HEADLINE_MONTHS}
    result["mediaan_dagen"] = median_days(curve)
    result["curve"] = [
        {"maand": m, "dagen": month_days(m), "behoud_pct": at(m)} for m in range(CURVE_MONTHS + 1)
    ]
    return result
