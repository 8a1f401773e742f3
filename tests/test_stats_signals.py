"""Signals: each raised where the guide's condition holds, none for a healthy network."""

from __future__ import annotations

from collections import Counter
from typing import Any

from test_stats_support import register, workbook

from toolkit.periods import quarter
from toolkit.stats import compute_stats

K3 = quarter(2026, 3)  # 1 July - 30 September 2026

HEALTHY_REGISTER = """
Persoon-ID | Startdatum | Einddatum  | Rol                      | Kerngroep | Exitgesprek gevoerd | AVG-toestemming (datum) | Reden vertrek
H1         | 2025-01-01 |            | Verbinder                | Ja        |                     | 2025-01-01              |
H2         | 2025-01-01 |            | Vertegenwoordiger        | Nee       |                     | 2025-01-01              |
H3         | 2025-01-01 |            | Resultaatgerichte doener | Nee       |                     | 2025-01-01              |
H4         | 2026-07-01 |            | Luis in de pels          | Nee       |                     | 2026-07-01              |
H5         | 2025-01-01 | 2026-08-01 | Verbinder                | Nee       | Ja                  |                         | Overig
"""  # noqa: E501

HEALTHY_MEETINGS = """
Bijeenkomst-ID | Datum      | Soort bijeenkomst        | Soort locatie | Bestuurder aanwezig
B1             | 2026-05-15 | Periodiek netwerkoverleg | Gemeentehuis  | Wethouder
B2             | 2026-08-15 | Periodiek netwerkoverleg | Kerk          | Geen
"""

HEALTHY_ATTENDANCE = """
Bijeenkomst-ID | Persoon-ID
B1             | H1
B1             | H2
B2             | H3
B2             | H4
"""

EVALUATION = """
Soort respondent | Datum      | S01
Sleutelpersoon   | 2026-06-01 | 4 Eens
"""

TARGETS = """
Dimensie | Categorie         | Streefpercentage
Rol      | Verbinder         | 30
Rol      | Vertegenwoordiger | 30
"""


def _signals(*workbooks: Any) -> list[dict[str, Any]]:
    return compute_stats(list(workbooks), K3)["gemeenten"][0]["signalen"]


def test_a_healthy_network_raises_no_signal() -> None:
    assert (
        _signals(
            register("Utrecht", HEALTHY_REGISTER),
            workbook(
                "bijeenkomsten",
                "Utrecht",
                Bijeenkomsten=HEALTHY_MEETINGS,
                Aanwezigheid=HEALTHY_ATTENDANCE,
            ),
            workbook("evaluatie", "Utrecht", Vragenlijst=EVALUATION),
            workbook("diversiteit", "Utrecht", Streefwaarden=TARGETS),
        )
        == []
    )


def _troubled_register() -> str:
    """51 active Verbinders without consent or core group; two leavers in each of K2 and K3,
    without exit interviews, and nobody joining since 2025."""
    rows = ["Persoon-ID | Startdatum | Einddatum | Rol | Kerngroep | Reden vertrek"]
    rows += [f"T{i} | 2024-01-01 | | Verbinder | Nee |" for i in range(51)]
    rows += [f"L{i} | 2024-01-01 | 2026-05-0{i + 1} | Verbinder | Nee | Overig" for i in range(2)]
    rows += [f"X{i} | 2024-01-01 | 2026-08-0{i + 1} | Verbinder | Nee | Overig" for i in range(2)]
    return "\n".join(rows)


TROUBLED_MEETINGS = """
Bijeenkomst-ID | Datum      | Soort bijeenkomst        | Soort locatie | Bestuurder aanwezig
B1             | 2026-07-15 | Periodiek netwerkoverleg | Moskee        | Geen
B2             | 2026-09-15 | Kerngroepoverleg         | Moskee        |
"""

TROUBLED_TARGETS = """
Dimensie | Categorie         | Streefpercentage
Rol      | Verbinder         | 80
Rol      | Vertegenwoordiger | 20
"""


def test_a_troubled_network_raises_every_signal_with_its_section_and_figures() -> None:
    found = _signals(
        register("Utrecht", _troubled_register()),
        workbook(
            "bijeenkomsten",
            "Utrecht",
            Bijeenkomsten=TROUBLED_MEETINGS,
            Aanwezigheid="Bijeenkomst-ID | Persoon-ID\nB1 | T0",
        ),
        workbook("diversiteit", "Utrecht", Streefwaarden=TROUBLED_TARGETS),
    )
    assert Counter(s["code"] for s in found) == {
        "geen_evaluatie": 1,
        "exitgesprek_ontbreekt": 1,
        "uitstroom_boven_instroom": 1,
        "geen_werving": 1,
        "rol_ontbreekt": 3,
        "avg_toestemming_ontbreekt": 1,
        "geen_kerngroep": 1,
        "stille_leden": 1,
        "een_soort_locatie": 1,
        "geen_bestuurder": 1,
        "streefwaarde_gemist": 1,
    }
    by_code = {s["code"]: s for s in found}
    assert all(s["gemeente"] == "Utrecht" for s in found)
    assert by_code["exitgesprek_ontbreekt"]["cijfers"] == {"uitstroom": 2, "zonder_exitgesprek": 2}
    assert by_code["exitgesprek_ontbreekt"]["paragraaf"] == "3.3"
    assert by_code["uitstroom_boven_instroom"]["cijfers"] == {
        "instroom 2026-K2": 0,
        "uitstroom 2026-K2": 2,
        "instroom 2026-K3": 0,
        "uitstroom 2026-K3": 2,
    }
    assert by_code["avg_toestemming_ontbreekt"]["cijfers"] == {
        "actief": 51,
        "zonder_toestemming": 51,
    }
    assert by_code["geen_kerngroep"]["paragraaf"] == "1.3"
    assert by_code["stille_leden"]["cijfers"] == {"stille_leden": 50, "basis": 51}
    assert by_code["een_soort_locatie"]["bericht"].count("Moskee") == 1
    assert by_code["geen_bestuurder"]["cijfers"] == {"bijeenkomsten_12_maanden": 2}
    missed = by_code["streefwaarde_gemist"]
    assert missed["cijfers"]["verschil_pp"] == -20.0  # Vertegenwoordiger 0% against 20%
    assert "Vertegenwoordiger" in missed["bericht"]
    assert "20%" in missed["bericht"]


def test_the_total_lists_every_municipality_signals() -> None:
    stats = compute_stats(
        [register("Utrecht", HEALTHY_REGISTER), register("Zeist", _troubled_register())], K3
    )
    total = stats["totaal"]["signalen"]
    assert total == stats["gemeenten"][0]["signalen"] + stats["gemeenten"][1]["signalen"]
    assert {s["gemeente"] for s in total} == {"Utrecht", "Zeist"}


def test_a_target_missed_by_exactly_ten_points_is_no_signal() -> None:
    targets = "Dimensie | Categorie | Streefpercentage\nRol | Vertegenwoordiger | 35"
    found = _signals(
        register("Utrecht", HEALTHY_REGISTER),  # 1 of 4 active: 25%
        workbook("diversiteit", "Utrecht", Streefwaarden=targets),
    )
    assert "streefwaarde_gemist" not in {s["code"] for s in found}
