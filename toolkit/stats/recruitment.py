"""The recruitment funnel (Benaderd -> In gesprek -> Geselecteerd), yield and days to decision,
overall and per Wervingsmethode."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass
class Stages:
    """The funnel of a set of candidates, and their days from first contact to decision."""

    approached: int = 0
    talked: int = 0
    selected: int = 0
    days: list[int] = field(default_factory=list)

    def add(self, other: Stages) -> None:
        self.approached += other.approached
        self.talked += other.talked
        self.selected += other.selected
        self.days += other.days

    def to_dict(self) -> dict[str, Any]:
        return {
            "benaderd": self.approached,
            "in_gesprek": self.talked,
            "geselecteerd": self.selected,
            "opbrengst_pct": pct(self.selected, self.approached),
            "besluiten": len(self.days),
            "mediaan_dagen_tot_besluit": median(self.days),
        }


def _stages(candidates: Sequence[Values]) -> Stages:
    return Stages(
        approached=len(candidates),
        talked=sum(1 for c in candidates if _talked(c)),
        selected=sum(1 for c in candidates if c["status"] == SELECTED),
        days=_days_to_decision(candidates),
    )


def _in_period(period: Period, value: Value) -> bool:
    moment = day(value)
    return moment is not None and period.contains(moment)


@dataclass
class RecruitmentTally:
    """What the recruitment figures are computed from; tallies add up."""

    present: bool
    candidates: int
    new: int
    decided: int
    statuses: dict[str, int]
    overall: Stages
    methods: dict[str, Stages]  # every WERVINGSMETHODEN value

    def add(self, other: RecruitmentTally) -> None:
        self.present = self.present or other.present
        self.candidates += other.candidates
        self.new += other.new
        self.decided += other.decided
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.overall.add(other.overall)
        for method, stages in other.methods.items():
            self.methods[method].add(stages)


def recruitment_tally(network: Network, period: Period) -> RecruitmentTally:
    candidates = [
        c for c in network.candidates if (first := day(c["first_contact"])) and first <= period.end
    ]
    statuses = dict.fromkeys(STATUS_KANDIDAAT.values, 0)
    for c in candidates:
        statuses[str(c["status"])] = statuses.get(str(c["status"]), 0) + 1
    return RecruitmentTally(
        present="werving" in network.kinds,
        candidates=len(candidates),
        new=sum(1 for c in candidates if _in_period(period, c["first_contact"])),
        decided=sum(1 for c in candidates if _in_period(period, c.get("decision_date"))),
        statuses=statuses,
        overall=_stages(candidates),
        methods={
            method: _stages([c for c in candidates if c["method"] == method])
            for method in WERVINGSMETHODEN.values
        },
    )


def recruitment(tally: RecruitmentTally) -> dict[str, Any]:
    stages = tally.overall.to_dict()
    return {
        "bestand_aanwezig": tally.present,
        "kandidaten": tally.candidates,
        "nieuw_benaderd": tally.new,
        "besluiten_in_periode": tally.decided,
        "trechter": {
            "benaderd": stages["benaderd"],
            "in_gesprek": stages["in_gesprek"],
            "geselecteerd": stages["geselecteerd"],
            "benaderd_naar_gesprek_pct": pct(stages["in_gesprek"], stages["benaderd"]),
            "gesprek_naar_geselecteerd_pct": pct(stages["geselecteerd"], stages["in_gesprek"]),
            "opbrengst_pct": stages["opbrengst_pct"],
        },
        "statussen": dict(tally.statuses),
        "besluiten": stages["besluiten"],
        "mediaan_dagen_tot_besluit": stages["mediaan_dagen_tot_besluit"],
        "per_methode": {method: stages.to_dict() for method, stages in tally.methods.items()},
    }
