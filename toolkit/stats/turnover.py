"""Stocks and flows of the register for a period: headcount, inflow, outflow, reasons,
retention, tenure, and the trend over the last eight quarters (DOMAIN.md definitions)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import INVOLUNTARY_REASON, JA_NEE, REDENEN_VERTREK
from toolkit.stats.networks import Membership, Network, PersonKey, text
from toolkit.stats.numbers import median, pct, rounded
from toolkit.stats.retention import membership_days, retention

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
    """The four counts of the stock-flow identity and the turnover rate."""
    begin = sum(1 for m in members if in_begin(m, period))
    end = sum(1 for m in members if in_end(m, period))
    outflow = sum(1 for m in members if left(m, period))
    return {
        "bezetting_begin": begin,
        "bezetting_eind": end,
        "instroom": sum(1 for m in members if joined(m, period)),
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


def _tenure(members: Sequence[Membership], period: Period) -> dict[str, Any]:
    active = [membership_days(m, period.end) for m in members if in_end(m, period)]
    gone = [membership_days(m, period.end) for m in members if left(m, period)]
    return {
        "actief_n": len(active),
        "actief_mediaan_dagen": median(active),
        "vertrokken_n": len(gone),
        "vertrokken_mediaan_dagen": median(gone),
    }


def trend(members: Sequence[Membership], period: Period) -> list[dict[str, Any]]:
    return [
        {
            "label": q.label,
            "start": q.start.isoformat(),
            "end": q.end.isoformat(),
            **flows(members, q),
        }
        for q in period.previous_quarters(TREND_QUARTERS)
    ]


def turnover(network: Network, period: Period) -> dict[str, Any]:
    members = network.members
    counts = flows(members, period)
    begin, end = counts["bezetting_begin"], counts["bezetting_eind"]
    leavers = [m for m in members if left(m, period)]
    involuntary = sum(1 for m in leavers if m.values.get("leave_reason") == INVOLUNTARY_REASON)
    kept = sum(1 for m in members if in_begin(m, period) and in_end(m, period))
    interviews = sum(1 for m in leavers if m.values.get("exit_interview") == YES)
    expected = begin + counts["instroom"] - counts["uitstroom"]
    return {
        "bestand_aanwezig": "register" in network.kinds,
        "bezetting_begin": begin,
        "bezetting_eind": end,
        "gemiddelde_bezetting": rounded((begin + end) / 2),
        "instroom": counts["instroom"],
        "herintreders": _returners(members, period),
        "uitstroom": counts["uitstroom"],
        "uitstroom_vrijwillig": len(leavers) - involuntary,
        "uitstroom_onvrijwillig": involuntary,
        "verloop_pct": counts["verloop_pct"],
        "behouden": kept,
        "behoud_pct": pct(kept, begin),
        "vroege_uitval": sum(1 for m in leavers if membership_days(m, period.end) < EARLY_DAYS),
        "exitgesprekken": interviews,
        "exitgesprek_pct": pct(interviews, len(leavers)),
        "redenen": _reasons(leavers),
        "identiteit": {"verwacht_eind": expected, "klopt": expected == end},
        "zittingsduur": _tenure(members, period),
        "retentie": retention(members, period.end),
        "trend": trend(members, period),
    }
