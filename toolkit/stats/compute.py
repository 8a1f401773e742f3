"""compute_stats: every figure for a period, per municipality and pooled; and the period
the inputs themselves name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit.errors import UsageError
from toolkit.periods import Period, parse_quarter, parse_year
from toolkit.records import ParsedWorkbook
from toolkit.stats.diversity import DiversityTally, diversity, diversity_tally
from toolkit.stats.evaluation import EvaluationTally, evaluation, evaluation_tally
from toolkit.stats.meetings import MeetingsTally, meetings, meetings_tally
from toolkit.stats.networks import TOTAL_NAME, Network, RowCount, group_networks, text
from toolkit.stats.recruitment import RecruitmentTally, recruitment, recruitment_tally
from toolkit.stats.signals import signals
from toolkit.stats.turnover import TurnoverTally, turnover, turnover_tally


@dataclass
class Tally:
    """What one network's figures are computed from: counts, and the few lists that medians
    and the retention curve need. Tallies add up: the Totaal is the sum of the
    municipalities' tallies, the same as computing it from all their rows pooled (persons
    are kept apart per municipality), and far smaller to send between processes."""

    name: str
    rows: dict[str, RowCount]
    turnover: TurnoverTally
    recruitment: RecruitmentTally
    diversity: DiversityTally
    meetings: MeetingsTally
    evaluation: EvaluationTally

    def add(self, other: Tally) -> None:
        for kind, count in other.rows.items():
            self.rows[kind].used += count.used
            self.rows[kind].left_out += count.left_out
        self.turnover.add(other.turnover)
        self.recruitment.add(other.recruitment)
        self.diversity.add(other.diversity)
        self.meetings.add(other.meetings)
        self.evaluation.add(other.evaluation)


def tally(network: Network, period: Period) -> Tally:
    return Tally(
        name=network.name,
        rows={kind: RowCount(c.used, c.left_out) for kind, c in network.rows.items()},
        turnover=turnover_tally(network, period),
        recruitment=recruitment_tally(network, period),
        diversity=diversity_tally(network, period),
        meetings=meetings_tally(network, period),
        evaluation=evaluation_tally(network, period),
    )


def figures(counted: Tally, period: Period) -> dict[str, Any]:
    """The blocks of one network (or of the Totaal), without signals."""
    return {
        "gemeente": counted.name,
        "rijen": {kind: count.to_dict() for kind, count in counted.rows.items()},
        "verloop": turnover(counted.turnover, period),
        "werving": recruitment(counted.recruitment),
        "diversiteit": diversity(counted.diversity),
        "bijeenkomsten": meetings(counted.meetings),
        "evaluatie": evaluation(counted.evaluation),
    }


def municipality_figures(network: Network, period: Period) -> tuple[dict[str, Any], Tally]:
    """One municipality's blocks and signals, and its tally for the Totaal."""
    counted = tally(network, period)
    found = figures(counted, period)
    found["signalen"] = signals(network, period, found)
    return found, counted


def total_figures(
    tallies: Sequence[Tally], period: Period, signalen: list[dict[str, Any]]
) -> dict[str, Any]:
    """The Totaal: the blocks of all municipalities' tallies added up, and their signals."""
    total = tally(Network(TOTAL_NAME), period)
    total.diversity.wijk = None  # each municipality has wijken of its own
    for counted in tallies:
        total.add(counted)
    found = figures(total, period)
    found["signalen"] = signalen
    return found


def period_figures(period: Period) -> dict[str, str]:
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}


def compute_stats(workbooks: Sequence[ParsedWorkbook], period: Period) -> dict[str, Any]:
    """The figures of issue 5 as a JSON-able dict; the shape is in toolkit.stats' docstring."""
    found = [municipality_figures(network, period) for network in group_networks(workbooks)]
    signalen = [s for figures, _ in found for s in figures["signalen"]]
    return {
        "periode": period_figures(period),
        "gemeenten": [figures for figures, _ in found],
        "totaal": total_figures([counted for _, counted in found], period, signalen),
    }


# parse_quarter for the few labels that every workbook repeats (a Period never changes)
_quarter = lru_cache(maxsize=256)(parse_quarter)


def named_periods(workbooks: Sequence[ParsedWorkbook]) -> dict[Period, list[str]]:
    """The quarters named on Gegevens (Periode), each with the names of the files naming it."""
    named: dict[Period, list[str]] = {}
    for workbook in workbooks:
        label = text(workbook.gegevens.get("periode"))
        found = _quarter(label) if label else None
        if found is not None:
            named.setdefault(found, []).append(workbook.path.name)
    return named


def agreed_period(named: dict[Period, list[str]]) -> Period:
    """The one period the files name; UsageError when none or several are named."""
    if not named:
        raise UsageError(
            "Geen van de bestanden noemt een periode op het blad Gegevens; "
            "geef er een op met --kwartaal (bijvoorbeeld 2026-K3) of --jaar."
        )
    if len(named) > 1:
        parts = "; ".join(
            f"{p.label}: {', '.join(sorted(names))}" for p, names in sorted(named.items())
        )
        raise UsageError(
            f"De bestanden noemen verschillende perioden ({parts}). "
            "Kies er een met --kwartaal of --jaar."
        )
    return next(iter(named))


def period_from_workbooks(workbooks: Sequence[ParsedWorkbook]) -> Period:
    """The quarter named on Gegevens (Periode) when every workbook that names one agrees."""
    return agreed_period(named_periods(workbooks))


def period_from_options(kwartaal: str | None, jaar: str | None) -> Period | None:
    """The period chosen with --kwartaal or --jaar (not both); None when neither is given."""
    if kwartaal is not None and jaar is not None:
        raise UsageError("Kies --kwartaal of --jaar, niet allebei.")
    if kwartaal is not None:
        found = parse_quarter(kwartaal)
        if found is None:
            raise UsageError(
                f"--kwartaal {kwartaal!r} is geen kwartaal; schrijf bijvoorbeeld 2026-K3."
            )
        return found
    if jaar is not None:
        found = parse_year(jaar)
        if found is None:
            raise UsageError(f"--jaar {jaar!r} is geen jaartal; schrijf bijvoorbeeld 2026.")
        return found
    return None
