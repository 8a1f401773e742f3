"""Stocks and flows of the register for a period: headcount, inflow, outflow, reasons,
retention, tenure, and the trend over the last eight quarters (DOMAIN.md definitions)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import INVOLUNTARY_REASON, JA_NEE, REDENEN_VERTREK
from toolkit.stats.networks import Membership, Network, text
from toolkit.stats.numbers import median, pct, rounded
from toolkit.stats.retention import ended_days, membership_days, retention

TREND_QUARTERS = 8
EARLY_DAYS = 365
YES = JA_NEE.values[0]
NO_REASON = "Niet ingevuld"
_START = attrgetter("start")


@lru_cache(maxsize=64)
def quarters_to(period: Period, count: int) -> tuple[Period, ...]:
    """period.previous_quarters(count), made once per period (every network asks)."""
    return tuple(period.previous_quarters(count))


def active_at_end(members: Sequence[Membership], period: Period) -> list[Membership]:
    """The periods in Bezetting eind: started by the end, and not ended by it."""
    last = period.end
    return [m for m in members if m.start <= last and (m.end is None or m.end > last)]


@dataclass(frozen=True)
class Timeline:
    """A register's dates, sorted, so that the four counts of a period take a few bisections
    instead of a pass over every membership period (the trend asks for nine periods).

    Bezetting begin of [a, b] counts the periods with Startdatum < a, less those that also
    have an Einddatum < a: those whose later date is before a (no order of the two dates is
    assumed). Bezetting eind likewise with <= b."""

    starts: list[date]
    ends: list[date]  # of the periods with an Einddatum
    closes: list[date]  # of the same periods, the later of Startdatum and Einddatum

    @classmethod
    def of(cls, members: Sequence[Membership]) -> Timeline:
        ended = [(m.start, m.end) for m in members if m.end is not None]
        return cls(
            starts=sorted([m.start for m in members]),
            ends=sorted([end for _, end in ended]),
            closes=sorted([max(start, end) for start, end in ended]),
        )

    def counts(self, period: Period) -> dict[str, int]:
        """The four counts of the stock-flow identity for period."""
        first, last = period.start, period.end
        started_before, started_by = (
            bisect_left(self.starts, first),
            bisect_right(self.starts, last),
        )
        return {
            "bezetting_begin": started_before - bisect_left(self.closes, first),
            "bezetting_eind": started_by - bisect_right(self.closes, last),
            "instroom": started_by - started_before,
            "uitstroom": bisect_right(self.ends, last) - bisect_left(self.ends, first),
        }


def _returners(members: Sequence[Membership], period: Period) -> int:
    """Periods started within period whose person has a period that started earlier."""
    joined = [m for m in members if period.start <= m.start <= period.end]
    if not joined:
        return 0
    # each person's earliest Startdatum: the last one written, going from the latest
    earliest = {m.person: m.start for m in sorted(members, key=_START, reverse=True)}
    return sum(1 for m in joined if m.start > earliest[m.person])


def _reasons(leavers: Sequence[Membership]) -> dict[str, int]:
    reasons = dict.fromkeys(REDENEN_VERTREK.values, 0)
    for m in leavers:
        reason = text(m.values.get("leave_reason")) or NO_REASON
        reasons[reason] = reasons.get(reason, 0) + 1
    return reasons


@dataclass
class TurnoverTally:
    """What the turnover figures are computed from; tallies of networks add up to the tally
    of the pooled network (persons are kept apart per municipality)."""

    present: bool  # a register was given
    flows: list[dict[str, int]]  # the period's counts, then each trend quarter's
    returners: int
    involuntary: int
    kept: int
    early: int
    interviews: int
    reasons: dict[str, int]
    active_days: list[int]  # membership days of those active at the end (the curve's censored)
    gone_days: list[int]  # and of the leavers
    ended_days: list[int]  # and of every period ended by the end (the curve's events)

    def add(self, other: TurnoverTally) -> None:
        self.present = self.present or other.present
        for mine, theirs in zip(self.flows, other.flows, strict=True):
            for name, count in theirs.items():
                mine[name] += count
        self.returners += other.returners
        self.involuntary += other.involuntary
        self.kept += other.kept
        self.early += other.early
        self.interviews += other.interviews
        for reason, count in other.reasons.items():
            self.reasons[reason] = self.reasons.get(reason, 0) + count
        self.active_days += other.active_days
        self.gone_days += other.gone_days
        self.ended_days += other.ended_days


def turnover_tally(network: Network, period: Period) -> TurnoverTally:
    members = network.members
    first, last = period.start, period.end
    leavers = [m for m in members if m.end is not None and first <= m.end <= last]
    active = active_at_end(members, period)
    gone_days = [membership_days(m, last) for m in leavers]
    timeline = Timeline.of(members)
    return TurnoverTally(
        present="register" in network.kinds,
        flows=[timeline.counts(q) for q in (period, *quarters_to(period, TREND_QUARTERS))],
        returners=_returners(members, period),
        involuntary=sum(1 for m in leavers if m.values.get("leave_reason") == INVOLUNTARY_REASON),
        # active at the end and started before the period: active at its start too
        kept=sum(1 for m in active if m.start < first),
        early=sum(1 for days in gone_days if days < EARLY_DAYS),
        interviews=sum(1 for m in leavers if m.values.get("exit_interview") == YES),
        reasons=_reasons(leavers),
        active_days=[(last - m.start).days + 1 for m in active],  # membership_days, ongoing
        gone_days=gone_days,
        ended_days=ended_days(members, last),
    )


def _rate(counts: dict[str, int]) -> float | None:
    """Verloop %: uitstroom / gemiddelde bezetting × 100, as 2 × uitstroom / (begin + eind)
    (whole numbers: no float is made for every quarter of every network)."""
    return pct(2 * counts["uitstroom"], counts["bezetting_begin"] + counts["bezetting_eind"])


@lru_cache(maxsize=64)
def _quarter_labels(period: Period) -> tuple[dict[str, str], ...]:
    """The label, start and end of each trend quarter (the same for every network)."""
    return tuple(
        {"label": q.label, "start": q.start.isoformat(), "end": q.end.isoformat()}
        for q in quarters_to(period, TREND_QUARTERS)
    )


def turnover(tally: TurnoverTally, period: Period) -> dict[str, Any]:
    counts = tally.flows[0]
    begin, end = counts["bezetting_begin"], counts["bezetting_eind"]
    leavers = counts["uitstroom"]
    expected = begin + counts["instroom"] - leavers
    return {
        "bestand_aanwezig": tally.present,
        "bezetting_begin": begin,
        "bezetting_eind": end,
        "gemiddelde_bezetting": rounded((begin + end) / 2),
        "instroom": counts["instroom"],
        "herintreders": tally.returners,
        "uitstroom": leavers,
        "uitstroom_vrijwillig": leavers - tally.involuntary,
        "uitstroom_onvrijwillig": tally.involuntary,
        "verloop_pct": _rate(counts),
        "behouden": tally.kept,
        "behoud_pct": pct(tally.kept, begin),
        "vroege_uitval": tally.early,
        "exitgesprekken": tally.interviews,
        "exitgesprek_pct": pct(tally.interviews, leavers),
        "redenen": dict(tally.reasons),
        "identiteit": {"verwacht_eind": expected, "klopt": expected == end},
        "zittingsduur": {
            "actief_n": len(tally.active_days),
            "actief_mediaan_dagen": median(tally.active_days),
            "vertrokken_n": len(tally.gone_days),
            "vertrokken_mediaan_dagen": median(tally.gone_days),
        },
        "retentie": retention(tally.ended_days, tally.active_days),
        "trend": [
            {**labels, **c, "verloop_pct": _rate(c)}
            for labels, c in zip(_quarter_labels(period), tally.flows[1:], strict=True)
        ],
    }
