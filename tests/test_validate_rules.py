# ruff: noqa: E501  (markdown tables are as wide as their headers)
"""The rules of a sheet, from the schema objects: cell values, row rules and cross-field
checks. Assertions are on (cell, code) pairs, never on message text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter
from workbook_tables import cell, gegevens, register_workbook, write_with_openpyxl, write_workbook

from toolkit.findings import Severity
from toolkit.records import ParsedWorkbook
from toolkit.schema import STATEMENTS, kind_by_id
from toolkit.validate import validate_workbook

TODAY = date(2026, 10, 5)
REGISTER_KIND = kind_by_id("register")


def R(header: str, row: int) -> str:
    return cell("register", "Sleutelpersonen", header, row)


def W(header: str, row: int) -> str:
    return cell("werving", "Kandidaten", header, row)


def found(parsed: ParsedWorkbook, *, consent: bool = False) -> set[tuple[str | None, str]]:
    """(cell, code) of every finding; without consent, leaving out the missing AVG consent
    that every table of active persons without that column would otherwise show."""
    return {
        (f.cell, f.code)
        for f in parsed.findings
        if consent or f.column != "AVG-toestemming (datum)" or f.code != "expected_when"
    }


def problems(parsed: ParsedWorkbook) -> set[tuple[str | None, str]]:
    return {(f.cell, f.code) for f in parsed.findings if f.severity is not Severity.NOTE}


REGISTER = """
| Persoon-ID | Naam  | Wijk    | Rol       | Kerngroep | Startdatum | Einddatum  | Reden vertrek | Exitgesprek gevoerd | AVG-toestemming (datum) |
| SP-001     | Anna  | Centrum | Verbinder | Ja        | 2024-03-01 |            |               |                     | 2024-02-20              |
| SP-002     | Bram  | Noord   | Vertegenwoordiger | Nee | 2023-01-15 | 2026-06-30 | Overig     | Ja                  |                         |
"""


def test_a_correct_register_has_no_findings_and_clean_records(tmp_path: Path) -> None:
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", REGISTER), today=TODAY)
    assert found(parsed, consent=True) == set()
    assert parsed.kind == "register"
    assert parsed.gegevens["gemeente"] == "Testdam"
    assert parsed.gegevens["periode"] == "2026-K3"
    records = parsed.sheets["Sleutelpersonen"].records
    assert [r.row for r in records] == [2, 3]
    assert records[1].values["end_date"] == date(2026, 6, 30)
    assert records[1].values["leave_reason"] == "Overig"
    assert records[0].values["buddy_id"] is None  # a schema column the sheet lacks
    assert not any(r.has_error for r in records)


def test_forgiven_values_are_notes_and_cleaned(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk    | Rol        | Kerngroep | Startdatum | Migratieachtergrond | AVG-toestemming (datum) |
| SP-001     | Anna | Centrum | verbinder  | "ja "     | "3-2-2025" | x                   | 45700                   |
| SP-002     | Bram | Noord   | Verbinder  | j         | "2025-02-03" | NEE               | 2025-02-03              |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {
        (R("Rol", 2), "value_normalised"),
        (R("Kerngroep", 2), "value_normalised"),
        (R("Startdatum", 2), "date_text"),
        (R("Migratieachtergrond", 2), "value_normalised"),
        (R("AVG-toestemming (datum)", 2), "date_serial"),
        (R("Kerngroep", 3), "value_normalised"),
        (R("Startdatum", 3), "date_text"),
        (R("Migratieachtergrond", 3), "value_normalised"),
    }
    assert all(f.severity is Severity.NOTE for f in parsed.findings)
    first, second = (r.values for r in parsed.sheets["Sleutelpersonen"].records)
    assert (first["role"], first["core_group"], first["migration"]) == ("Verbinder", "Ja", "Ja")
    assert first["start_date"] == date(2025, 2, 3)
    assert first["consent_date"] == date(2025, 2, 12)
    assert (second["core_group"], second["migration"]) == ("Ja", "Nee")
    assert second["start_date"] == date(2025, 2, 3)


def test_wrong_values_are_errors_with_a_suggestion(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk    | Rol        | Kerngroep | Startdatum   | Einddatum  | Reden vertrek |
| SP-001     | Anna | Centrum | Verbindr   | Ja        | "31-02-2025" |            |               |
| SP-002     | Bram | Noord   | Verbinder  | Misschien | "gisteren"   |            |               |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {
        (R("Rol", 2), "not_in_list"),
        (R("Startdatum", 2), "date_invalid"),
        (R("Kerngroep", 3), "not_in_list"),
        (R("Startdatum", 3), "type_date"),
    }
    by_cell = {f.cell: f for f in parsed.findings}
    assert 'Bedoelde u "Verbinder"?' in by_cell[R("Rol", 2)].message
    assert "Bedoelde u" not in by_cell[R("Kerngroep", 3)].message
    role = by_cell[R("Rol", 2)]
    assert (role.value, role.column, role.row, role.sheet) == (
        "Verbindr",
        "Rol",
        2,
        "Sleutelpersonen",
    )
    records = parsed.sheets["Sleutelpersonen"].records
    assert records[0].values["role"] is None and records[0].has_error


def test_required_and_conditional_fields(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk    | Rol       | Kerngroep | Startdatum | Einddatum  | Reden vertrek | Exitgesprek gevoerd | AVG-toestemming (datum) |
| SP-001     |      | Centrum | Verbinder | Ja        | 2024-03-01 | 2026-01-31 |               |                     |                         |
| SP-002     | Bram | Noord   | Verbinder | Nee       | 2023-01-15 |            | Overig        |                     | 2023-01-10              |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {
        (R("Naam", 2), "required"),
        (R("Reden vertrek", 2), "required_when"),
        (R("Exitgesprek gevoerd", 2), "expected_when"),
        (R("Reden vertrek", 3), "only_when"),
    }
    severities = {f.cell: f.severity for f in parsed.findings}
    assert severities[R("Exitgesprek gevoerd", 2)] is Severity.WARNING
    assert severities[R("Reden vertrek", 2)] is Severity.ERROR


def test_consent_is_expected_for_active_persons_only(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk    | Rol       | Kerngroep | Startdatum | Einddatum  | Reden vertrek | Exitgesprek gevoerd | AVG-toestemming (datum) |
| SP-001     | Anna | Centrum | Verbinder | Ja        | 2024-03-01 |            |               |                     |                         |
| SP-002     | Bram | Noord   | Verbinder | Nee       | 2023-01-15 | 2026-01-31 | Overig        | Ja                  |                         |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed, consent=True) == {(R("AVG-toestemming (datum)", 2), "expected_when")}


def test_cross_field_checks_of_the_register(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk | Rol       | Tweede rol | Kerngroep | Startdatum | Einddatum  | Reden vertrek | Exitgesprek gevoerd | Buddy (Persoon-ID) |
| SP-001     | Anna | C    | Verbinder | Verbinder  | Ja        | 2024-03-01 | 2024-01-01 | Overig        | Ja                  |                    |
| SP-002     | Bram | C    | Verbinder |            | Ja        | 2026-11-01 | 2026-12-31 | Overig        | Ja                  | SP-002             |
| SP-003     | Cas  | C    | Verbinder |            | Ja        | 2020-01-01 | 2022-12-31 | Overig        | Ja                  | SP-404             |
| SP-003     | Cas  | C    | Verbinder |            | Ja        | 2022-06-01 |            |               |                     |                    |
| SP-003     | Cas  | C    | Verbinder |            | Ja        | 2020-01-01 | 2020-02-01 | Overig        | Ja                  |                    |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {
        (R("Einddatum", 2), "date_order"),
        (R("Tweede rol", 2), "differs"),
        (R("Startdatum", 3), "not_after_filled"),  # after Datum ingevuld: an error
        (R("Einddatum", 3), "not_after_filled"),  # a planned departure: a warning
        (R("Buddy (Persoon-ID)", 3), "differs"),
        (R("Buddy (Persoon-ID)", 4), "reference_missing"),
        (R("Startdatum", 5), "overlap"),
        (R("Persoon-ID", 6), "duplicate_key"),
    }
    severity = {f.cell: f.severity for f in parsed.findings}
    assert severity[R("Startdatum", 3)] is Severity.ERROR
    assert severity[R("Einddatum", 3)] is Severity.WARNING
    overlap = next(f for f in parsed.findings if f.code == "overlap")
    assert "regel 4" in overlap.message


def test_filled_date_comes_from_gegevens_else_today(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk | Rol       | Kerngroep | Startdatum |
| SP-001     | Anna | C    | Verbinder | Ja        | 2026-10-01 |
"""
    early = register_workbook(tmp_path / "a.xlsx", rows, datum=date(2026, 9, 30))
    assert found(validate_workbook(early, today=TODAY)) == {
        (R("Startdatum", 2), "not_after_filled")
    }
    path = write_workbook(
        tmp_path / "b.xlsx",
        {"Gegevens": [["Gemeente", "Testdam"]], "Sleutelpersonen": rows},
        kind="register",
    )
    assert found(validate_workbook(path, today=date(2026, 9, 30))) == {
        (R("Startdatum", 2), "not_after_filled"),
        (None, "gegevens_empty"),  # no Periode on Gegevens: a warning
    }
    assert found(validate_workbook(path, today=TODAY)) == {(None, "gegevens_empty")}


def test_werving_rules(tmp_path: Path) -> None:
    rows = """
| Kandidaat-ID | Naam | Wervingsmethode                 | Voorgedragen door (Persoon-ID) | Datum eerste contact | Datum kennismakingsgesprek | Motivatie   | Status       | Datum besluit | Persoon-ID na selectie |
| K-001        | Anna | Sneeuwbalmethode (voorgedragen) |                                | 2026-01-10           | 2026-01-05                 | Sterk       | In gesprek   |               |                        |
| K-002        | Bram | Outreachend benaderd            |                                | 2026-01-10           |                            | Onvoldoende | Geselecteerd | 2026-02-01    |                        |
| K-002        | Cas  | Outreachend benaderd            |                                | 2026-01-10           | 2026-01-20                 | Sterk       | Afgewezen    |               |                        |
"""
    path = write_workbook(
        tmp_path / "w.xlsx", {"Gegevens": gegevens(), "Kandidaten": rows}, kind="werving"
    )
    assert found(validate_workbook(path, today=TODAY)) == {
        (W("Voorgedragen door (Persoon-ID)", 2), "required_when"),
        (W("Datum kennismakingsgesprek", 2), "date_order"),
        (W("Datum kennismakingsgesprek", 3), "expected_when"),  # selected without one
        (W("Motivatie", 3), "discouraged"),  # selected with motivation Onvoldoende
        (W("Persoon-ID na selectie", 3), "required_when"),
        (W("Kandidaat-ID", 4), "duplicate_key"),
        (W("Datum besluit", 4), "required_when"),
    }


BIJEENKOMSTEN = """
| Bijeenkomst-ID | Datum      | Soort bijeenkomst        | Soort locatie | Aantal sleutelpersonen aanwezig | Aantal ambtenaren aanwezig |
| B-001          | 2026-07-01 | Periodiek netwerkoverleg | Moskee        | 2                               | -1                         |
| B-002          | 2026-08-01 | Kerngroepoverleg         | Kerk          | 3                               | 2.5                        |
| B-003          | 2026-09-01 | Kerngroepoverleg         | Online        | "4"                             | veel                       |
"""
AANWEZIGHEID = """
| Bijeenkomst-ID | Persoon-ID |
| B-001          | SP-001     |
| B-001          | SP-002     |
| B-002          | SP-001     |
| B-002          | SP-001     |
| B-009          | SP-003     |
"""


def test_bijeenkomsten_counts_ranges_and_attendance(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "b.xlsx",
        {"Gegevens": gegevens(), "Bijeenkomsten": BIJEENKOMSTEN, "Aanwezigheid": AANWEZIGHEID},
        kind="bijeenkomsten",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        ("I2", "out_of_range"),  # Aantal ambtenaren aanwezig
        ("H3", "count_mismatch"),  # 3 present, 2 attendance rows
        ("I3", "type_integer"),
        ("H4", "number_text"),  # no attendance rows for B-003: the count is not compared
        ("I4", "type_integer"),
        ("A5", "duplicate_key"),  # on Aanwezigheid
        ("A6", "reference_missing"),
    }
    meetings = parsed.sheets["Bijeenkomsten"].records
    assert meetings[2].values["key_persons_present"] == 4
    assert parsed.sheets["Aanwezigheid"].records[3].has_error


def test_diversity_targets_sum_per_dimension(tmp_path: Path) -> None:
    targets = """
| Dimensie            | Categorie                   | Streefpercentage |
| Migratieachtergrond | Met migratieachtergrond     | 60               |
| Migratieachtergrond | Zonder migratieachtergrond  | 50               |
| Opleiding           | Theoretisch opgeleid        | 40               |
| Opleiding           | Praktisch opgeleid          | 40               |
| Rol                 | Verbinder                   | 30               |
| Rol                 | Vertegenwoordiger           |                  |
| Leeftijdsgroep      | Jonger dan 27               | 120              |
| Wijk                | Centrum                     | 100              |
"""
    path = write_workbook(
        tmp_path / "d.xlsx",
        {
            "Gegevens": gegevens(),
            "Streefwaarden": targets,
            "Wijken": "| Wijk | CBS-wijkcode |\n| Centrum | wk 123456 |\n| Noord | 12 |",
        },
        kind="diversiteit",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        ("C2", "targets_over_100"),
        ("C4", "targets_not_100"),
        ("C8", "out_of_range"),
        ("B2", "value_normalised"),  # on Wijken: "wk 123456" read as WK123456
        ("B3", "pattern"),
    }
    wijken = parsed.sheets["Wijken"].records
    assert wijken[0].values["wijk_code"] == "WK123456"


def test_a_category_must_belong_to_its_dimension(tmp_path: Path) -> None:
    targets = """
| Dimensie       | Categorie         | Streefpercentage |
| Rol            | Verbinder         | 50               |
| Rol            | Jonger dan 27     | 50               |
| Leeftijdsgroep | 27 tm 44          | 100              |
| Wijk           | Centrum           | 60               |
| Wijk           | Oost              | 40               |
"""
    path = write_workbook(
        tmp_path / "d.xlsx",
        {
            "Gegevens": gegevens(),
            "Streefwaarden": targets,
            "Wijken": "| Wijk | CBS-wijkcode |\n| Centrum | |\n| Noord | |",
        },
        kind="diversiteit",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        ("B3", "category_unknown"),  # an age group under Rol
        ("B4", "category_unknown"),  # a near miss
        ("B6", "category_unknown"),  # a neighbourhood not on Wijken
    }
    messages = {f.cell: f.message for f in parsed.findings}
    assert 'Bedoelde u "27 t/m 44"?' in messages["B4"]


def test_likert_scores_are_forgiven_and_bounded(tmp_path: Path) -> None:
    s01, s02, s03, s04 = (f"{code} {text}" for code, text in STATEMENTS[:4])
    rows = [
        ["Soort respondent", s01, s02, s03, s04],
        ["Sleutelpersoon", 4, "4.0", "5 helemaal eens", "nvt"],
        ["Bestuurder", 7, "Eens", "3 Neutraal", 0],
    ]
    path = write_workbook(
        tmp_path / "e.xlsx",
        {"Gegevens": gegevens(), "Vragenlijst": rows, "Doelen": [["Doel", "Behaald"]]},
        kind="evaluatie",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        ("D2", "value_normalised"),
        ("E2", "value_normalised"),  # the text "4.0"
        ("F2", "value_normalised"),
        ("G2", "value_normalised"),
        ("D3", "out_of_range"),
        ("E3", "value_normalised"),
        ("G3", "out_of_range"),
    }
    first, second = (r.values for r in parsed.sheets["Vragenlijst"].records)
    assert (first["s01"], first["s03"], first["s04"]) == ("4 Eens", "5 Helemaal eens", "n.v.t.")
    assert (second["s01"], second["s02"]) == (None, "4 Eens")


def test_one_cell_gets_one_finding(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk | Rol       | Kerngroep | Startdatum | Einddatum  | Reden vertrek |
| SP-001     | Anna | C    | Verbinder | Ja        | 2024-03-01 | "99-99-2024" |             |
| SP-001     | Anna | C    | Verbinder | Ja        | 2024-03-01 | "2024-02-30" | Overig      |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    cells = [f.cell for f in parsed.findings]
    assert len(cells) == len(set(cells))
    # The unreadable end dates are errors of their own; the reason that then looks out of
    # place is still reported, on its own cell.
    assert found(parsed) == {
        (R("Einddatum", 2), "date_invalid"),
        (R("Einddatum", 3), "date_invalid"),
        (R("Reden vertrek", 3), "only_when"),
        (R("Persoon-ID", 3), "duplicate_key"),
    }


def test_formulas_and_error_values(tmp_path: Path) -> None:
    header = ["Persoon-ID", "Naam", "Wijk", "Rol", "Kerngroep", "Startdatum"]
    start = date(2024, 1, 1)
    path = write_with_openpyxl(
        tmp_path / "f.xlsx",
        {
            "Gegevens": gegevens(),
            "Sleutelpersonen": [
                header,
                ["SP-001", "Anna", "C", "#N/A", "Ja", start],
                ["SP-002", '=B2&"x"', "C", "Verbinder", "Ja", start],
                ["SP-003", "#REF!", "C", "Verbinder", "Ja", start],
            ],
        },
        kind="register",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        (R("Rol", 2), "error_value"),
        (R("Naam", 3), "formula_uncalculated"),
        (R("Naam", 4), "error_value"),
    }
    # recognised by its sheet name: openpyxl wrote no custom properties
    assert parsed.kind == "register" and parsed.schema_version is None


def test_a_formula_with_a_computed_value_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    gegevens_sheet = book.add_worksheet("Gegevens")
    for r, row in enumerate(gegevens(datum="05-10-2026")):
        gegevens_sheet.write_row(r, 0, row)
    sheet = book.add_worksheet("Sleutelpersonen")
    headers = [column.header for column in REGISTER_KIND.sheets[0].columns]
    sheet.write_row(0, 0, headers)
    sheet.write_row(1, 0, ["SP-001", "Anna"])
    sheet.write_string(R("Wijk", 2), "C")
    sheet.write_string(R("Rol", 2), "Verbinder")
    sheet.write_formula(R("Kerngroep", 2), '=IF(1,"Ja","Nee")', None, "Ja")
    sheet.write_formula(R("Startdatum", 2), "=DATE(2024,1,1)", None, 45292)
    book.close()
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        (R("Kerngroep", 2), "formula"),
        (R("Startdatum", 2), "date_serial"),  # no date format: the number read as a date
        ("B3", "date_text"),  # Datum ingevuld typed as text on Gegevens
    }
    values = parsed.sheets["Sleutelpersonen"].records[0].values
    assert values["core_group"] == "Ja" and values["start_date"] == date(2024, 1, 1)
    assert parsed.gegevens["datum_ingevuld"] == TODAY


def test_contact_details_that_do_not_look_right_are_warnings_and_kept(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk | Rol       | Kerngroep | Startdatum | E-mail          | Telefoon       |
| SP-001     | Anna | C    | Verbinder | Ja        | 2024-03-01 | anna@example.nl | +31 6-12345678 |
| SP-002     | Bram | C    | Verbinder | Ja        | 2024-03-01 | bram(at)mail    | bel maar       |
| SP-003     | Cas  | C    | Verbinder | Ja        | 2024-03-01 | cas@mail.nl     | 612345678      |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {(R("E-mail", 3), "email_invalid"), (R("Telefoon", 3), "phone_invalid")}
    assert all(f.severity is Severity.WARNING for f in parsed.findings if f.code != "expected_when")
    second, third = (r.values for r in parsed.sheets["Sleutelpersonen"].records[1:])
    assert second["email"] == "bram(at)mail" and third["phone"] == "612345678"


def test_percentages_must_be_numbers(tmp_path: Path) -> None:
    targets = """
| Dimensie  | Categorie            | Streefpercentage |
| Opleiding | Theoretisch opgeleid | "veel"           |
| Opleiding | Praktisch opgeleid   | "50,5"           |
"""
    path = write_workbook(
        tmp_path / "d.xlsx",
        {"Gegevens": gegevens(), "Streefwaarden": targets, "Wijken": [["Wijk", "CBS-wijkcode"]]},
        kind="diversiteit",
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {("C2", "type_number"), ("C3", "number_text")}
    assert parsed.sheets["Streefwaarden"].records[1].values["target_pct"] == 50.5


def test_an_error_value_typed_into_an_e_mail_column_is_not_kept(tmp_path: Path) -> None:
    rows = """
| Persoon-ID | Naam | Wijk | Rol       | Kerngroep | Startdatum | E-mail |
| SP-001     | Anna | C    | Verbinder | Ja        | 2024-03-01 | #N/A   |
"""
    parsed = validate_workbook(register_workbook(tmp_path / "r.xlsx", rows), today=TODAY)
    assert found(parsed) == {(R("E-mail", 2), "error_value")}
    assert parsed.sheets["Sleutelpersonen"].records[0].values["email"] is None
