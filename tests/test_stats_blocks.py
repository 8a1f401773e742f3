"""Recruitment, diversity, meetings and evaluation on small hand-made workbooks."""

from __future__ import annotations

from typing import Any

from test_stats_support import register, workbook

from toolkit.periods import quarter
from toolkit.stats import compute_stats

K3 = quarter(2026, 3)  # 1 July - 30 September 2026


def _figures(*workbooks: Any) -> dict[str, Any]:
    return compute_stats(list(workbooks), K3)["gemeenten"][0]


# K6 was first contacted after the quarter and is not counted.
KANDIDATEN = """
Kandidaat-ID | Wervingsmethode          | Datum eerste contact | Datum kennismakingsgesprek | Status         | Datum besluit
K1           | Via bestaand netwerk     | 2026-05-01           | 2026-05-10                 | Geselecteerd   | 2026-06-01
K2           | Via bestaand netwerk     | 2026-07-15           |                            | In gesprek     |
K3           | Via bestaand netwerk     | 2026-08-01           | 2026-08-05                 | Afgewezen      | 2026-08-21
K4           | Outreachend benaderd     | 2026-09-01           |                            | Benaderd       |
K5           | Outreachend benaderd     | 2026-06-01           |                            | Zelf afgehaakt | 2026-06-11
K6           | Outreachend benaderd     | 2026-10-05           |                            | Benaderd       |
K7           | Inloopavond of evenement | 2026-07-01           | 2026-07-02                 | Geselecteerd   | 2026-07-31
"""  # noqa: E501


def test_recruitment_funnel_yield_and_days_to_decision() -> None:
    w = _figures(workbook("werving", "Utrecht", Kandidaten=KANDIDATEN))["werving"]
    assert (w["kandidaten"], w["nieuw_benaderd"], w["besluiten_in_periode"]) == (6, 4, 2)
    assert w["trechter"] == {
        "benaderd": 6,
        "in_gesprek": 4,
        "geselecteerd": 2,
        "benaderd_naar_gesprek_pct": 66.7,
        "gesprek_naar_geselecteerd_pct": 50.0,
        "opbrengst_pct": 33.3,
    }
    assert (w["besluiten"], w["mediaan_dagen_tot_besluit"]) == (4, 25.0)  # 10 20 30 31
    assert w["statussen"] == {
        "Benaderd": 1,
        "In gesprek": 1,
        "Geselecteerd": 2,
        "Afgewezen": 1,
        "Zelf afgehaakt": 1,
        "Aangehouden": 0,
    }
    methods = w["per_methode"]
    assert methods["Via bestaand netwerk"] == {
        "benaderd": 3,
        "in_gesprek": 3,
        "geselecteerd": 1,
        "opbrengst_pct": 33.3,
        "besluiten": 2,
        "mediaan_dagen_tot_besluit": 25.5,
    }
    assert methods["Outreachend benaderd"]["opbrengst_pct"] == 0.0
    assert methods["Inloopavond of evenement"]["mediaan_dagen_tot_besluit"] == 30.0
    assert methods["Overig"] == {
        "benaderd": 0,
        "in_gesprek": 0,
        "geselecteerd": 0,
        "opbrengst_pct": None,
        "besluiten": 0,
        "mediaan_dagen_tot_besluit": None,
    }


# A5 has left before the end of the quarter and does not count.
DIVERSE = """
Persoon-ID | Startdatum | Einddatum  | Wijk  | Rol               | Migratieachtergrond | Leeftijdsgroep | Bekend bij gemeente
A1         | 2025-01-01 |            | Noord | Verbinder         | Ja                  | Jonger dan 27  | Nee
A2         | 2025-01-01 |            | noord | Verbinder         | Nee                 | 27 t/m 44      | Ja
A3         | 2025-01-01 |            | Zuid  | Vertegenwoordiger | Ja                  |                | Onbekend
A4         | 2025-01-01 |            | Oost  | Luis in de pels   | Onbekend            | 45 t/m 64      | Ja
A5         | 2025-01-01 | 2026-08-01 | Zuid  | Verbinder         | Ja                  | 65 of ouder    | Ja
"""  # noqa: E501

STREEFWAARDEN = """
Dimensie            | Categorie                  | Streefpercentage | Minimum aantal
Migratieachtergrond | Met migratieachtergrond    | 50               |
Migratieachtergrond | Zonder migratieachtergrond | 50               |
Rol                 | Verbinder                  |                  | 3
Wijk                | Zuid                       | 50               |
Wijk                | Noord                      | 50               |
"""


def _dimension(figures: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in figures["diversiteit"]["dimensies"] if d["dimensie"] == name)


def _categories(dimension: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        c["categorie"]: (c["aantal"], c["aandeel_pct"], c["streef_pct"], c["verschil_pp"])
        for c in dimension["categorieen"]
    }


def test_diversity_shares_against_targets_with_unknown_left_out_of_the_base() -> None:
    figures = _figures(
        register("Utrecht", DIVERSE),
        workbook("diversiteit", "Utrecht", Streefwaarden=STREEFWAARDEN),
    )
    assert figures["diversiteit"]["actief"] == 4
    migration = _dimension(figures, "Migratieachtergrond")
    assert (migration["basis"], migration["ontbrekend"], migration["blau_index"]) == (3, 1, 0.444)
    assert _categories(migration) == {
        "Met migratieachtergrond": (2, 66.7, 50.0, 16.7),
        "Zonder migratieachtergrond": (1, 33.3, 50.0, -16.7),
    }
    # "Onbekend" as a category means: not known to the municipality (register value Nee)
    known = _dimension(figures, "Bekend bij gemeente")
    assert (known["basis"], known["ontbrekend"]) == (3, 1)
    assert _categories(known)["Onbekend"] == (1, 33.3, None, None)
    age = _dimension(figures, "Leeftijdsgroep")
    assert (age["ontbrekend"], age["blau_index"]) == (1, 0.667)
    role = _dimension(figures, "Rol")
    assert role["blau_index"] == 0.625  # 1 - (4 + 1 + 0 + 1) / 16
    assert role["categorieen"][0]["minimum_aantal"] == 3
    wijk = _dimension(figures, "Wijk")
    assert list(_categories(wijk).items()) == [
        ("Zuid", (1, 25.0, 50.0, -25.0)),
        ("Noord", (2, 50.0, 50.0, 0.0)),
        ("Oost", (1, 25.0, None, None)),
    ]


def test_total_diversity_has_no_targets_and_no_wijk() -> None:
    stats = compute_stats(
        [
            register("Utrecht", DIVERSE),
            workbook("diversiteit", "Utrecht", Streefwaarden=STREEFWAARDEN),
        ],
        K3,
    )
    dimensions = stats["totaal"]["diversiteit"]["dimensies"]
    assert "Wijk" not in [d["dimensie"] for d in dimensions]
    assert all(c["streef_pct"] is None for d in dimensions for c in d["categorieen"])
    assert dimensions[0]["categorieen"][0]["aantal"] == 2


MEMBERS = """
Persoon-ID | Startdatum | Einddatum
M1         | 2025-01-01 |
M2         | 2025-01-01 |
M3         | 2026-08-01 |
M4         | 2025-01-01 | 2026-07-31
"""

# B3 has no Aanwezigheid rows: its count column stands. B0 lies before the two quarters.
BIJEENKOMSTEN = """
Bijeenkomst-ID | Datum      | Soort bijeenkomst        | Soort locatie | Bestuurder aanwezig | Aantal sleutelpersonen aanwezig
B0             | 2026-03-15 | Grote netwerkbijeenkomst | Bibliotheek   | Geen                | 1
B1             | 2026-07-15 | Periodiek netwerkoverleg | Moskee        | Geen                | 2
B2             | 2026-08-20 | Kerngroepoverleg         | Gemeentehuis  | Burgemeester        | 1
B3             | 2026-09-10 | Periodiek netwerkoverleg | Moskee        |                     | 3
"""  # noqa: E501

AANWEZIGHEID = """
Bijeenkomst-ID | Persoon-ID
B0             | M2
B1             | M1
B1             | M4
B2             | M1
"""


def test_meetings_attendance_per_meeting_and_person_and_quiet_members() -> None:
    b = _figures(
        register("Utrecht", MEMBERS),
        workbook(
            "bijeenkomsten", "Utrecht", Bijeenkomsten=BIJEENKOMSTEN, Aanwezigheid=AANWEZIGHEID
        ),
    )["bijeenkomsten"]
    assert b["aantal"] == 3
    assert {k: n for k, n in b["per_soort"].items() if n} == {
        "Periodiek netwerkoverleg": 2,
        "Kerngroepoverleg": 1,
    }
    assert {k: n for k, n in b["per_locatie"].items() if n} == {"Moskee": 2, "Gemeentehuis": 1}
    assert b["met_bestuurder"] == 1
    assert [(r["aanwezig"], r["actief"], r["opkomst_pct"]) for r in b["per_bijeenkomst"]] == [
        (2, 3, 66.7),  # M1 M2 M4 active
        (1, 3, 33.3),  # M1 M2 M3 active
        (3, 3, 100.0),
    ]
    assert (b["aanwezig"], b["actief_op_datum"], b["opkomst_pct"]) == (6, 9, 66.7)
    # B1 and B2 have attendance rows: M1 2 of 2, M4 1 of 1, M2 0 of 2, M3 0 of 1
    assert b["per_persoon"] == {
        "personen": 4,
        "gemiddelde_opkomst_pct": 50.0,
        "verdeling": {"nooit": 2, "minder_dan_de_helft": 0, "de_helft_of_meer": 0, "altijd": 2},
    }
    # M2 came only before April; M3 joined within the two quarters and is not counted
    assert (b["stille_leden"], b["stille_leden_basis"]) == (1, 2)


VRAGENLIJST = """
Respondent-ID | Soort respondent  | Datum      | S01               | S02
R1            | Sleutelpersoon    | 2026-06-01 | 4 Eens            | n.v.t.
R2            | Sleutelpersoon    | 2026-06-02 | 5 Helemaal eens   | 2 Oneens
R3            | Gemeenteambtenaar |            | 3 Neutraal        |
R4            | Sleutelpersoon    | 2025-06-01 | 1 Helemaal oneens |
"""

DOELEN = """
Doel                          | Behaald
Voorlichting en bewustwording | Ja
De-escaleren van spanningen   | Deels
Overig                        |
"""


def test_evaluation_of_the_last_twelve_months() -> None:
    e = _figures(workbook("evaluatie", "Utrecht", Vragenlijst=VRAGENLIJST, Doelen=DOELEN))[
        "evaluatie"
    ]
    assert (e["respondenten"], e["laatste_datum"]) == (3, "2026-06-02")  # R4 is too old
    s01, s02 = e["stellingen"][:2]
    assert (s01["code"], s01["n"], s01["gemiddelde"]) == ("S01", 3, 4.0)
    assert s01["stelling"].startswith("Het netwerk draagt bij")
    assert {k: n for k, n in s01["verdeling"].items() if n} == {
        "3 Neutraal": 1,
        "4 Eens": 1,
        "5 Helemaal eens": 1,
    }
    assert (s02["n"], s02["gemiddelde"], s02["verdeling"]["n.v.t."]) == (1, 2.0, 1)
    by_kind = e["per_soort_respondent"]
    assert (by_kind["Sleutelpersoon"]["respondenten"], by_kind["Sleutelpersoon"]["n"]) == (2, 3)
    assert by_kind["Sleutelpersoon"]["gemiddelde"] == 3.67  # (4 + 5 + 2) / 3
    assert by_kind["Gemeenteambtenaar"]["per_stelling"]["S01"] == 3.0
    assert by_kind["Bestuurder"]["gemiddelde"] is None
    assert e["doelen"] == 3
    assert e["behaald"] == {
        "Ja": 1,
        "Deels": 1,
        "Nee": 0,
        "Nog niet te beoordelen": 0,
        "Niet ingevuld": 1,
    }
    assert e["per_doel"]["De-escaleren van spanningen"]["Deels"] == 1
