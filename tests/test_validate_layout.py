"""What users do to a workbook's shape: title rows, moved, renamed, extra and missing columns,
empty rows, their own workbooks without properties, old versions, and sheet Gegevens."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbook_tables import gegevens, write_workbook

from toolkit.findings import Severity
from toolkit.records import ParsedWorkbook
from toolkit.schema import kind_by_id
from toolkit.validate import validate_workbook
from toolkit.validate.locate import find_layout, is_typo

TODAY = date(2026, 10, 5)
GOALS = [column.header for column in kind_by_id("evaluatie").sheet("Doelen").columns]
HEADERS = [column.header for column in kind_by_id("register").sheets[0].columns]
ROW = ["SP-001", "Anna", "", "", "Centrum", "", "Verbinder", "", "Ja", date(2024, 3, 1)]
ROW += [""] * 11 + [date(2024, 2, 1), ""]


def found(parsed: ParsedWorkbook) -> set[tuple[str | None, str | None, str]]:
    return {(f.sheet, f.cell, f.code) for f in parsed.findings}


def register(tmp_path: Path, rows: list[list[object]], **options: object) -> ParsedWorkbook:
    path = write_workbook(
        tmp_path / "r.xlsx",
        {"Gegevens": gegevens(), "Sleutelpersonen": rows},
        kind="register",
        full_header=False,
        **options,  # type: ignore[arg-type]
    )
    return validate_workbook(path, today=TODAY)


def test_the_template_layout_has_no_findings(tmp_path: Path) -> None:
    parsed = register(tmp_path, [HEADERS, ROW])
    assert parsed.findings == []
    assert parsed.sheets["Sleutelpersonen"].records[0].values["wijk"] == "Centrum"


def test_title_rows_are_skipped_with_a_note(tmp_path: Path) -> None:
    parsed = register(tmp_path, [["Sleutelpersonen van Testdam"], [], HEADERS, ROW])
    assert found(parsed) == {("Sleutelpersonen", "A1", "title_row")}
    assert [r.row for r in parsed.sheets["Sleutelpersonen"].records] == [4]


def test_a_header_below_row_ten_is_not_searched(tmp_path: Path) -> None:
    parsed = register(tmp_path, [["titel"]] * 10 + [HEADERS, ROW])
    assert found(parsed) == {("Sleutelpersonen", None, "header_missing")}
    assert "Sleutelpersonen" not in parsed.sheets


def test_headers_match_trimmed_and_in_any_case(tmp_path: Path) -> None:
    headers = [f"  {h.upper()} " for h in HEADERS]
    parsed = register(tmp_path, [headers, ROW])
    assert parsed.findings == []


def test_a_typo_in_a_header_is_matched_and_its_data_checked(tmp_path: Path) -> None:
    headers = [*HEADERS]
    headers[6] = "Roll"  # Rol
    headers[4] = "Wyk"  # Wijk
    row = [*ROW]
    row[6] = "Verbindr"
    parsed = register(tmp_path, [headers, row])
    assert found(parsed) == {
        ("Sleutelpersonen", "G1", "header_typo"),
        ("Sleutelpersonen", "E1", "header_typo"),
        ("Sleutelpersonen", "G2", "not_in_list"),
    }
    typo = next(f for f in parsed.findings if f.cell == "G1")
    assert typo.severity is Severity.WARNING and typo.column == "Rol" and typo.value == "Roll"


def test_unknown_columns_are_kept_with_a_warning_and_a_suggestion(tmp_path: Path) -> None:
    headers = [*HEADERS, "Hobby", "Opmerkingen intern"]
    parsed = register(tmp_path, [headers, [*ROW, "schaken", "x"]])
    assert found(parsed) == {
        ("Sleutelpersonen", "X1", "unknown_column"),
        ("Sleutelpersonen", "Y1", "unknown_column"),
    }
    by_cell = {f.cell: f for f in parsed.findings}
    assert 'Bedoelde u "Opmerkingen"?' in by_cell["Y1"].message
    assert "Bedoelde u" not in by_cell["X1"].message


def test_missing_required_columns_are_errors_and_optional_ones_are_not(tmp_path: Path) -> None:
    keep = [i for i, h in enumerate(HEADERS) if h not in ("Rol", "Kerngroep", "Telefoon")]
    parsed = register(tmp_path, [[HEADERS[i] for i in keep], [ROW[i] for i in keep]])
    assert {(f.code, f.column) for f in parsed.findings} == {
        ("missing_column", "Rol"),
        ("missing_column", "Kerngroep"),
    }
    assert all(f.severity is Severity.ERROR for f in parsed.findings)


def test_a_moved_column_is_a_note_and_inserted_columns_move_nothing(tmp_path: Path) -> None:
    order = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, *range(11, 23), 4]  # Wijk moved to the end
    headers = ["Eigen kolom", *(HEADERS[i] for i in order)]
    row = ["iets", *(ROW[i] for i in order)]
    parsed = register(tmp_path, [headers, row])
    assert found(parsed) == {
        ("Sleutelpersonen", "A1", "unknown_column"),
        ("Sleutelpersonen", "X1", "column_moved"),
    }
    assert parsed.sheets["Sleutelpersonen"].records[0].values["wijk"] == "Centrum"


def test_a_statement_header_is_matched_by_its_code(tmp_path: Path) -> None:
    kind = kind_by_id("evaluatie")
    headers = [c.aliases[0] if c.aliases else c.header for c in kind.sheets[0].columns]
    headers[4] = "S02 Jongeren weerbaarder"  # the code with the user's own words
    row = ["R1", "Sleutelpersoon", date(2026, 9, 1), *(["3 Neutraal"] * 12)]
    path = write_workbook(
        tmp_path / "e.xlsx",
        {"Gegevens": gegevens(), "Vragenlijst": [headers, row], "Doelen": [GOALS]},
        kind="evaluatie",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert parsed.findings == []
    values = parsed.sheets["Vragenlijst"].records[0].values
    assert values["s01"] == values["s02"] == values["s12"] == "3 Neutraal"


def test_empty_rows_between_data_warn_once_per_gap_and_others_are_ignored(
    tmp_path: Path,
) -> None:
    second = ["SP-002", *ROW[1:]]
    third = ["SP-003", *ROW[1:]]
    rows = [HEADERS, [], ROW, [], [], second, [""] * 5, third, [], [], []]
    parsed = register(tmp_path, rows)
    assert found(parsed) == {
        ("Sleutelpersonen", "A4", "empty_row"),
        ("Sleutelpersonen", "A7", "empty_row"),
    }
    assert [r.row for r in parsed.sheets["Sleutelpersonen"].records] == [3, 6, 8]


def test_a_workbook_without_properties_is_recognised_by_its_sheet(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "eigen.xlsx",
        {"Blad1": [["iets"]], "Gegevens": gegevens(), " sleutelpersonen ": [HEADERS, ROW]},
        kind="register",
        version=None,
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert parsed.kind == "register" and parsed.schema_version is None
    assert parsed.findings == []
    assert parsed.sheets["Sleutelpersonen"].source == " sleutelpersonen "


def test_an_old_schema_version_is_a_warning(tmp_path: Path) -> None:
    parsed = register(tmp_path, [HEADERS, ROW], version="0")
    assert found(parsed) == {(None, None, "schema_version")}
    assert parsed.schema_version == "0"
    assert parsed.findings[0].severity is Severity.WARNING


def test_an_unknown_kind_property_falls_back_to_the_sheet_name(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "r.xlsx",
        {"Gegevens": gegevens(), "Sleutelpersonen": [HEADERS, ROW]},
        kind="ledenlijst",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert parsed.kind == "register"
    assert {f.code for f in parsed.findings} == {"kind_property"}


def test_an_unknown_workbook_is_one_error(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "x.xlsx", {"Boodschappen": [["melk", 2]]})
    parsed = validate_workbook(path, today=TODAY)
    assert parsed.kind is None
    assert {f.code for f in parsed.findings} == {"unknown_kind", "gegevens_missing"}
    assert parsed.sheets == {}


def test_missing_sheets(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "b.xlsx",
        {"Gegevens": gegevens(), "Bijeenkomsten": [["Bijeenkomst-ID"]]},
        kind="bijeenkomsten",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    by_code = {f.code: f for f in parsed.findings}
    assert set(by_code) == {"header_missing", "sheet_missing"}
    assert by_code["sheet_missing"].sheet == "Aanwezigheid"
    assert by_code["sheet_missing"].severity is Severity.WARNING


def test_gegevens_values_are_checked_and_cleaned(tmp_path: Path) -> None:
    rows = [
        ["Gegevens"],
        ["Gemeente", ""],
        ["CBS-gemeentecode", "gm 0363"],
        ["Periode", "Q3 2026"],
        ["Datum ingevuld", "5-10-2026"],
    ]
    path = write_workbook(
        tmp_path / "r.xlsx",
        {"Gegevens": rows, "Sleutelpersonen": [HEADERS, ROW]},
        kind="register",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {
        ("Gegevens", "B2", "gegevens_required"),
        ("Gegevens", "B3", "value_normalised"),
        ("Gegevens", "B4", "value_normalised"),
        ("Gegevens", "B5", "date_text"),
    }
    assert parsed.gegevens["cbs_code"] == "GM0363"
    assert parsed.gegevens["periode"] == "2026-K3"
    assert parsed.gegevens["datum_ingevuld"] == date(2026, 10, 5)
    assert parsed.gegevens["gemeente"] is None


def test_a_period_that_is_not_a_quarter_is_an_error(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "r.xlsx",
        {"Gegevens": gegevens(periode="zomer 2026"), "Sleutelpersonen": [HEADERS, ROW]},
        kind="register",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert found(parsed) == {("Gegevens", "B2", "gegevens_periode")}
    assert parsed.gegevens["periode"] is None


def test_is_typo_allows_one_letter_in_three_letter_headers_and_two_in_longer_ones() -> None:
    assert is_typo("wyk", "wijk")
    assert not is_typo("wijk", "wijk")
    assert not is_typo("w", "wijk")
    assert is_typo("geworven dr", "geworven door")
    assert not is_typo("geworvn d", "geworven door")
    assert is_typo("roll", "rol")
    assert not is_typo("ro", "rl")
    assert not is_typo("ab", "rol")


def test_a_column_given_twice_is_read_once(tmp_path: Path) -> None:
    parsed = register(tmp_path, [[*HEADERS, "naam "], [*ROW, "Anna Zus"]])
    assert found(parsed) == {("Sleutelpersonen", "X1", "duplicate_column")}
    finding = parsed.findings[0]
    assert finding.column == "Naam" and "kolom B" in finding.message
    assert parsed.sheets["Sleutelpersonen"].records[0].values["name"] == "Anna"


def test_an_empty_second_sheet_is_no_problem(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "b.xlsx",
        {
            "Gegevens": gegevens(),
            "Bijeenkomsten": [[c.header for c in kind_by_id("bijeenkomsten").sheets[0].columns]],
            "Aanwezigheid": [],
        },
        kind="bijeenkomsten",
        full_header=False,
    )
    parsed = validate_workbook(path, today=TODAY)
    assert parsed.findings == []
    assert parsed.sheets["Aanwezigheid"].records == []


def test_a_row_of_spaces_counts_as_empty(tmp_path: Path) -> None:
    second = ["SP-002", *ROW[1:]]
    parsed = register(tmp_path, [HEADERS, ROW, [" ", "", "  "], second, ["   "]])
    assert found(parsed) == {("Sleutelpersonen", "A3", "empty_row")}
    assert [r.row for r in parsed.sheets["Sleutelpersonen"].records] == [2, 4]


def test_header_rows_equal_as_values_are_still_reported_as_their_own_cells() -> None:
    """Layouts are remembered by header row; 1, 1.0 and True are equal values but different
    cells, each reported as it is."""
    schema = kind_by_id("register").sheets[0]
    extras: list[object] = [1, 1.0, True, 1]
    layouts = [find_layout([[*HEADERS, extra]], schema, schema.name) for extra in extras]
    findings = [layout.findings if layout is not None else [] for layout in layouts]
    assert [[(f.code, type(f.value)) for f in found] for found in findings] == [
        [("unknown_column", int)],
        [("unknown_column", float)],
        [("unknown_column", bool)],
        [("unknown_column", int)],
    ]
    assert 'Kolom "True"' in findings[2][0].message
