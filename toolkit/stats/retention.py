"""Kaplan–Meier retention of membership periods: how long people stay, ongoing ones censored."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from toolkit.stats.networks import Membership
from toolkit.stats.numbers import rounded_ratio

CURVE_MONTHS = 24
HEADLINE_MONTHS = (6, 12, 24)

# S, the share still a member, as a numerator and a denominator: not reduced, as only their
# ratio is used (whole numbers, many times cheaper than Fractions; even the Totaal's stay
# small enough).
Survival = tuple[int, int]
Curve = list[tuple[int, Survival]]  # (event time in days, S just after it), ascending
ALL: Survival = (1, 1)


def membership_days(member: Membership, until: date) -> int:
    """Days of membership up to and including until (Einddatum is the last day)."""
    last = member.end if member.end is not None and member.end <= until else until
    return (last - member.start).days + 1


def month_days(months: int) -> int:
    return months * 365 // 12


CURVE_DAYS = tuple(month_days(m) for m in range(CURVE_MONTHS + 1))


def kaplan_meier(ended: Sequence[int], censored: Sequence[int]) -> Curve:
    """The product-limit estimate from the membership days of the periods that ended (the
    events) and of those still going (censored); at a tie, events come before censoring
    (the censored are still at risk at that time)."""
    events = Counter(ended)
    ordered = sorted([*ended, *censored])
    alive, total = ALL
    curve: Curve = []
    for moment, leaving in sorted(events.items()):
        at_risk = len(ordered) - bisect_left(ordered, moment)  # those with days >= moment
        alive, total = alive * (at_risk - leaving), total * at_risk
        curve.append((moment, (alive, total)))
    return curve


def survival_at(curve: Curve, days: int) -> Survival:
    """S(days): the share with more than days of membership."""
    value = ALL
    for moment, survival in curve:
        if moment > days:
            break
        value = survival
    return value


def median_days(curve: Curve) -> int | None:
    """The first event time where S <= 1/2."""
    return next((moment for moment, (alive, total) in curve if 2 * alive <= total), None)


def ended_days(members: Sequence[Membership], end: date) -> list[int]:
    """The curve's events: the days of every period started and ended by end (as
    membership_days counts them, written out: this runs for every period). The censored
    are the periods active at end."""
    return [
        (m.end - m.start).days + 1
        for m in members
        if m.end is not None and m.end <= end and m.start <= end
    ]


def _by_month(curve: Curve, months: int) -> list[Survival]:
    """S at month 0, 1, ... months: survival_at for each, in one pass over the curve."""
    values, value, step = [], ALL, 0
    for month in range(months + 1):
        days = month_days(month)
        while step < len(curve) and curve[step][0] <= days:
            value = curve[step][1]
            step += 1
        values.append(value)
    return values


def retention(ended: Sequence[int], censored: Sequence[int]) -> dict[str, Any]:
    """The Kaplan–Meier figures of the membership days of periods ended and still going (of
    one network, or of all pooled)."""
    curve = kaplan_meier(ended, censored)
    shares = [
        rounded_ratio(alive * 100, total) if ended or censored else None
        for alive, total in _by_month(curve, CURVE_MONTHS)
    ]
    result: dict[str, Any] = {"perioden": len(ended) + len(censored), "vertrekken": len(ended)}
    result |= {f"behoud_{m}_maanden_pct": shares[m] for m in HEADLINE_MONTHS}
    result["mediaan_dagen"] = median_days(curve)
    result["curve"] = [
        {"maand": m, "dagen": days, "behoud_pct": share}
        for m, (days, share) in enumerate(zip(CURVE_DAYS, shares, strict=True))
    ]
    return result
