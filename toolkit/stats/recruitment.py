"""The recruitment funnel (Benaderd -> In gesprek -> Geselecteerd), yield and days to decision,
overall and per Wervingsmethode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.periods import Period
from toolkit.records import Value
from toolkit.schema.vocabularies import SELECTED, STATUS_KANDIDAAT, WERVINGSMETHODEN
from toolkit.stats.networks import Network, Values, day
from toolkit.stats.numbers import median, pct

IN_CONVERSATION = STATUS_KANDIDAAT.values[1]  # "In gesprek"


def _talked(candidate: Values) -> bool:
    return candidate.get("intake_date") is not None or candidate["status"] in (
        IN_CONVERSATION,
        SELECTED,
    )


def _days_to_decision(candidates: Sequence[Values]) -> list[int]:
    days = []
    for c in candidates:
        first, decided = day(c["first_contact"]), day(c.get("decision_date"))
        if first is not None and decided is not None:
            days.append((decided - first).days)
    return days


def _stages(candidates: Sequence[Values]) -> dict[str, Any]:
    talked = sum(1 for c in candidates if _talked(c))
    selected = sum(1 for c in candidates if c["status"] == SELECTED)
    decisions = _days_to_decision(candidates)
    return {
        "benaderd": len(candidates),
        "in_gesprek": talked,
        "geselecteerd": selected,
        "opbrengst_pct": pct(selected, len(candidates)),
        "besluiten": len(decisions),
        "mediaan_dagen_tot_besluit": median(decisions),
    }


def _in_period(period: Period, value: Value) -> bool:
    moment = day(value)
    return moment is not None and period.contains(moment)


def recruitment(network: Network, period: Period) -> dict[str, Any]:
    candidates = [
        c for c in network.candidates if (first := day(c["first_contact"])) and first <= period.end
    ]
    stages = _stages(candidates)
    statuses = dict.fromkeys(STATUS_KANDIDAAT.values, 0)
    for c in candidates:
        statuses[str(c["status"])] = statuses.get(str(c["status"]), 0) + 1
    return {
        "bestand_aanwezig": "werving" in network.kinds,
        "kandidaten": len(candidates),
        "nieuw_benaderd": sum(1 for c in candidates if _in_period(period, c["first_contact"])),
        "besluiten_in_periode": sum(
            1 for c in candidates if _in_period(period, c.get("decision_date"))
        ),
        "trechter": {
            "benaderd": stages["benaderd"],
            "in_gesprek": stages["in_gesprek"],
            "geselecteerd": stages["geselecteerd"],
            "benaderd_naar_gesprek_pct": pct(stages["in_gesprek"], stages["benaderd"]),
            "gesprek_naar_geselecteerd_pct": pct(stages["geselecteerd"], stages["in_gesprek"]),
            "opbrengst_pct": stages["opbrengst_pct"],
        },
        "statussen": statuses,
        "besluiten": stages["besluiten"],
        "mediaan_dagen_tot_besluit": stages["mediaan_dagen_tot_besluit"],
        "per_methode": {
            method: _stages([c for c in candidates if c["method"] == method])
            for method in WERVINGSMETHODEN.values
        },
    }
