"""compute_stats: every figure for a period, per municipality and pooled; and the period
the inputs themselves name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.errors import UsageError
from toolkit.periods import Period, parse_quarter, parse_year
from toolkit.records import ParsedWorkbook
from toolkit.stats.diversity import diversity
from toolkit.stats.evaluation import evaluation
from toolkit.stats.meetings import meetings
from toolkit.stats.networks import Network, group_networks, pool, text
from toolkit.stats.recruitment import recruitment
from toolkit.stats.signals import signals
from toolkit.stats.turnover import turnover


def _figures(network: Network, period: Period) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "gemeente": network.name,
        "rijen": {kind: count.to_dict() for kind, count in network.rows.items()},
        "verloop": turnover(network, period),
        "werving": recruitment(network, period),
        "diversiteit": diversity(network, period),
        "bijeenkomsten": meetings(network, period),
        "evaluatie": evaluation(network, period),
    }
    return figures


def compute_stats(workbooks: Sequence[ParsedWorkbook], period: Period) -> dict[str, Any]:
    """The figures of issue 5 as a JSON-able dict; the shape is in toolkit.stats' docstring."""
    networks = group_networks(workbooks)
    municipalities = []
    for network in networks:
        figures = _figures(network, period)
        figures["signalen"] = signals(network, period, figures)
        municipalities.append(figures)
    total = _figures(pool(networks), period)
    total["signalen"] = [s for m in municipalities for s in m["signalen"]]
    return {
        "periode": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "gemeenten": municipalities,
        "totaal": total,
    }


def period_from_workbooks(workbooks: Sequence[ParsedWorkbook]) -> Period:
    """The quarter named on Gegevens (Periode) when every workbook that names one agrees."""
    named: dict[Period, list[str]] = {}
    for workbook in workbooks:
        label = text(workbook.gegevens.get("periode"))
        found = parse_quarter(label) if label else None
        if found is not None:
            named.setdefault(found, []).append(workbook.path.name)
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
