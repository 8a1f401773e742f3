"""The Totaal adds up the municipalities' tallies (so that merging never pools rows): it must
equal the figures of one network that holds every municipality's rows, persons kept apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit.periods import quarter
from toolkit.records import ParsedWorkbook
from toolkit.samples import write_samples
from toolkit.stats import compute_stats
from toolkit.stats.compute import figures, tally
from toolkit.stats.networks import Network, group_networks
from toolkit.validate import load_workbooks

K3 = quarter(2026, 3)
OWN_ONLY = ("gemeente", "signalen")  # the Totaal's name and its list of everyone's signals


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[ParsedWorkbook]:
    folder = tmp_path_factory.mktemp("totals")
    write_samples(folder, K3, gemeenten=3, jobs=1)
    return [wb for wb in load_workbooks([folder]) if wb.kind is not None]


def _pooled(networks: list[Network]) -> Network:
    """One network holding every municipality's rows; persons and meetings keep their
    municipality in their keys, so that they stay apart."""
    together = Network("Samen")
    for network in networks:
        together.kinds |= network.kinds
        for kind, count in network.rows.items():
            together.rows[kind].used += count.used
            together.rows[kind].left_out += count.left_out
        together.members += network.members
        together.candidates += network.candidates
        together.meetings += network.meetings
        together.attendance |= network.attendance
        together.responses += network.responses
        together.goals += network.goals
    return together


def _without(figures: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in figures.items() if k not in OWN_ONLY}
    diversity = kept["diversiteit"]
    pooled = [d for d in diversity["dimensies"] if d["dimensie"] != "Wijk"]
    for dimension in pooled:  # targets are each municipality's own
        for category in dimension["categorieen"]:
            category.update(streef_pct=None, verschil_pp=None, minimum_aantal=None)
    kept["diversiteit"] = {**diversity, "dimensies": pooled}
    return kept


def test_the_total_of_tallies_equals_the_figures_of_all_rows_together(
    workbooks: list[ParsedWorkbook],
) -> None:
    separate = compute_stats(workbooks, K3)
    networks = group_networks(workbooks)
    together = figures(tally(_pooled(networks), K3), K3)
    assert len(networks) == 3
    assert separate["totaal"]["verloop"]["uitstroom"] > 0  # something to add up
    assert separate["totaal"]["bijeenkomsten"]["per_persoon"]["personen"] > 0
    assert _without(separate["totaal"]) == _without(together)


def test_the_total_of_no_municipality_is_empty(tmp_path: Path) -> None:
    total = compute_stats([], K3)["totaal"]
    assert total["verloop"]["bezetting_eind"] == 0 and total["verloop"]["verloop_pct"] is None
    assert [d["dimensie"] for d in total["diversiteit"]["dimensies"]][-1] != "Wijk"
    assert total["bijeenkomsten"]["stille_leden"] is None
    assert total["signalen"] == []
