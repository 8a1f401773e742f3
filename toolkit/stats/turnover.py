"""Stocks and flows of the register for a period: headcount, inflow, outflow, reasons,
retention, tenure, and the trend over the last eight quarters (DOMAIN.md definitions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import INVOLUNTARY_REASON, JA_NEE, REDENEN_VERTREK
from toolkit.stats.networks import Membership, Network, PersonKey, text
from toolkit.stats.numbers import median, pct, rounded
from toolkit.stats.retention import Observation, membership_days, observations, retention

TREND_QUARTERS = 8
EARLY_DAYS = 365
YES = JA_NEE.values[0]
NO_REASON = "Niet ingevuld"


def in_begin(m: Membership, period: Period) -> bool:
    return m.start < period.start and (m.end is None or m.end >= period.start)


def in_end(m: Membership, period: Period) -> bool:
    return m.start <= period.end and (m.end is None or m.end > period.end)


def joined(m: Membership, period: Period) -> bool:
    return period.contains(m.start)


def left(m: Membership, period: Period) -> bool:
    return m.end is not None and period.contains(m.end)


def flows(members: Sequence[Membership], period: Period) -> dict[str, Any]:
    """The four counts of the stock-flow identity and the turnover rate (one pass: this
    runs for every quarter of the trend)."""
    first, last = period.start, period.end
    begin = end = inflow = outflow = 0
    for m in members:
        start, stop = m.start, m.end
        if start < first and (stop is None or stop >= first):
            begin += 1
        if start <= last and (stop is None or stop > last):
            end += 1
        if first <= start <= last:
            inflow += 1
        if stop is not None and first <= stop <= last:
            outflow += 1
    return {
        "bezetting_begin": begin,
        "bezetting_eind": end,
        "instroom": inflow,
        "uitstroom": outflow,
        "verloop_pct": pct(outflow, (begin + end) / 2),
    }


def _returners(members: Sequence[Membership], period: Period) -> int:
    first: dict[PersonKey, date] = {}
    for m in members:
        first[m.person] = min(m.start, first.get(m.person, m.start))
    return sum(1 for m in members if joined(m, period) and m.start > first[m.person])


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
    active_days: list[int]  # membership days of those active at the end
    gone_days: list[int]  # and of the leavers
    observed: list[Observation]  # for the Kaplan–Meier curve

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
        self.observed += other.observed


def flow_counts(members: Sequence[Membership], period: Period) -> dict[str, int]:
    counts = flows(members, period)
    del counts["verloop_pct"]
    return counts


def turnover_tally(network: Network, period: Period) -> TurnoverTally:
    members = network.members
    leavers = [m for m in members if left(m, period)]
    quarters = [period, *period.previous_quarters(TREND_QUARTERS)]
    return TurnoverTally(
        present="register" in network.kinds,
        flows=[flow_counts(members, q) for q in quarters],
        returners=_returners(members, period),
        involuntary=sum(1 for m in leavers if m.values.get("leave_reason") == INVOLUNTARY_REASON),
        kept=sum(1 for m in members if in_begin(m, period) and in_end(m, period)),
        early=sum(1 for m in leavers if membership_days(m, period.end) < EARLY_DAYS),
        interviews=sum(1 for m in leavers if m.values.get("exit_interview") == YES),
        reasons=_reasons(leavers),
        active_days=[membership_days(m, period.end) for m in members if in_end(m, period)],
        gone_days=[membership_days(m, period.end) for m in leavers],
        observed=observations(members, period.end),
    )


def _rate(counts: dict[str, int]) -> dict[str, Any]:
    begin, end = counts["bezetting_begin"], counts["bezetting_eind"]
    return {**counts, "verloop_pct": pct(counts["uitstroom"], (begin + end) / 2)}


def turnover(tally: TurnoverTally, period: Period) -> dict[str, Any]:
    counts = _rate(tally.flows[0])
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
        "verloop_pct": counts["verloop_pct"],
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
        "retentie": retention(tally.observed),
        "trend": [
            {"label": q.label, "start": q.start.isoformat(), "end": q.end.isoformat(), **_rate(c)}
            for q, c in zip(period.previous_quarters(TREND_QUARTERS), tally.flows[1:], strict=True)
        ],
    }
