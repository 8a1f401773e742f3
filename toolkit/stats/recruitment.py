"""The recruitment funnel (Benaderd -> In gesprek -> Geselecteerd), yield and days to decision,
overall and per Wervingsmethode."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toolkit.periods import Period
from toolkit.schema.vocabularies import SELECTED, STATUS_KANDIDAAT, WERVINGSMETHODEN
from toolkit.stats.networks import Network, Values, day
from toolkit.stats.numbers import median, pct

IN_CONVERSATION = STATUS_KANDIDAAT.values[1]  # "In gesprek"


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

    def count(self, candidate: Values, first: date, decided: date | None) -> None:
        """Add one candidate, first contacted on first (and decided on, when known)."""
        status = candidate["status"]
        self.approached += 1
        if candidate.get("intake_date") is not None or status in (IN_CONVERSATION, SELECTED):
            self.talked += 1
        if status == SELECTED:
            self.selected += 1
        if decided is not None:
            self.days.append((decided - first).days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benaderd": self.approached,
            "in_gesprek": self.talked,
            "geselecteerd": self.selected,
            "opbrengst_pct": pct(self.selected, self.approached),
            "besluiten": len(self.days),
            "mediaan_dagen_tot_besluit": median(self.days),
        }


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
    """Every candidate first contacted by the end of the period, in one pass (it counts for
    the network and for its method)."""
    counted = RecruitmentTally(
        present="werving" in network.kinds,
        candidates=0,
        new=0,
        decided=0,
        statuses=dict.fromkeys(STATUS_KANDIDAAT.values, 0),
        overall=Stages(),
        methods={method: Stages() for method in WERVINGSMETHODEN.values},
    )
    for c in network.candidates:
        first = day(c["first_contact"])
        if first is None or first > period.end:
            continue
        decided = day(c.get("decision_date"))
        counted.candidates += 1
        counted.new += first >= period.start
        counted.decided += decided is not None and period.start <= decided <= period.end
        status = str(c["status"])
        counted.statuses[status] = counted.statuses.get(status, 0) + 1
        counted.overall.count(c, first, decided)
        if c["method"] in counted.methods:
            counted.methods[str(c["method"])].count(c, first, decided)
    return counted


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
