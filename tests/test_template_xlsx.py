"""The .xlsx templates, re-read with openpyxl and python-calamine."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from toolkit.records import Value
from toolkit.schema import (
    GEGEVENS,
    GEGEVENS_SHEET,
    KINDS,
    LIJSTEN_SHEET,
    SCHEMA_VERSION,
    TOELICHTING_SHEET,
    ColumnType,
    Kind,
    SheetSchema,
    kind_by_id,
)
from toolkit.schema.vocabularies import WIJKEN_NAME
from toolkit.template import (
    FIXED_CREATED,
    KIND_PROPERTY,
    TABLE_ROWS,
    VERSION_PROPERTY,
    column_width,
    generate_templates,
    input_title,
    write_workbook,
)

KIND_IDS = [k.id for k in KINDS]
DIVERSITEIT = kind_by_id("diversiteit")
REGISTER = kind_by_id("register")
WIJKEN = ["Centrum", "Noord-Oost", "'t Zand"]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("xlsx")
    paths = generate_templates(KINDS, outdir, "xlsx")
    return {kind.id: path for kind, path in zip(KINDS, paths, strict=True)}


def _open(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def _validations(ws: Worksheet) -> dict[str, DataValidation]:
    """Validations by the column letter of the range they cover."""
    result: dict[str, DataValidation] = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            result[get_column_letter(cell_range.min_col)] = dv
    return result


def _resolve(wb: Workbook, name: str) -> list[str]:
    """The values a workbook-level defined name points at."""
    ((sheet, ref),) = wb.defined_names[name].destinations
    return [row[0].value for row in wb[sheet][ref.replace("$", "")]]


def _column_attribute(ws: Worksheet, index: int, name: str) -> object:
    """A <col> attribute of column index; xlsxwriter groups equal neighbours in one <col>."""
    for dimension in ws.column_dimensions.values():
        if dimension.min <= index <= dimension.max:
            return getattr(dimension, name)
    raise KeyError(index)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_sheet_order_names_and_lijsten_very_hidden(
    templates: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    expected = [TOELICHTING_SHEET, GEGEVENS_SHEET, *(s.name for s in kind.sheets), LIJSTEN_SHEET]
    wb = _open(templates[kind_id])
    assert wb.sheetnames == expected
    assert [ws.sheet_state for ws in wb] == ["visible"] * (len(expected) - 1) + ["veryHidden"]
    calamine = CalamineWorkbook.from_path(str(templates[kind_id]))
    assert calamine.sheet_names == expected
    visibility = {m.name: m.visible for m in calamine.sheets_metadata}
    assert visibility[LIJSTEN_SHEET] == SheetVisibleEnum.VeryHidden
    assert visibility[TOELICHTING_SHEET] == SheetVisibleEnum.Visible


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_headers_table_and_frozen_header(templates: dict[str, Path], kind_id: str) -> None:
    kind = kind_by_id(kind_id)
    wb = _open(templates[kind_id])
    calamine = CalamineWorkbook.from_path(str(templates[kind_id]))
    for sheet in kind.sheets:
        headers = [c.header for c in sheet.columns]
        ws = wb[sheet.name]
        assert [cell.value for cell in ws[1]] == headers
        assert calamine.get_sheet_by_name(sheet.name).to_python()[0] == headers
        last = get_column_letter(len(headers))
        assert dict(ws.tables.items()) == {f"Tabel_{sheet.name}": f"A1:{last}{TABLE_ROWS + 1}"}
        assert ws.freeze_panes == "A2"
        assert ws.protection.sheet is False
        widths = [_column_attribute(ws, i, "width") for i in range(1, len(headers) + 1)]
        assert widths == pytest.approx([column_width(c) for c in sheet.columns], abs=1)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_dropdowns_resolve_to_exactly_the_vocabulary(
    templates: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    wb = _open(templates[kind_id])
    calamine_lists = CalamineWorkbook.from_path(str(templates[kind_id])).get_sheet_by_name(
        LIJSTEN_SHEET
    )
    lijsten_columns = list(zip(*calamine_lists.to_python(skip_empty_area=False), strict=True))
    by_name = {column[0]: [v for v in column[1:] if v != ""] for column in lijsten_columns}
    for sheet in kind.sheets:
        validations = _validations(wb[sheet.name])
        for index, column in enumerate(sheet.columns, start=1):
            if column.vocabulary is None:
                continue
            letter = get_column_letter(index)
            dv = validations[letter]
            assert (dv.type, dv.formula1) == ("list", column.vocabulary.name)
            assert dv.errorStyle in (None, "stop")  # None is the default: stop
            assert str(dv.sqref) == f"{letter}2:{letter}{TABLE_ROWS + 1}"
            assert _resolve(wb, column.vocabulary.name) == list(column.vocabulary.values)
            assert by_name[column.vocabulary.name] == list(column.vocabulary.values)
    assert WIJKEN_NAME not in wb.defined_names


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_column_has_input_message_and_type_validation(
    templates: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    wb = _open(templates[kind_id])
    for sheet in kind.sheets:
        ws = wb[sheet.name]
        validations = _validations(ws)
        assert len(validations) == len(sheet.columns)
        for index, column in enumerate(sheet.columns, start=1):
            letter, type_ = get_column_letter(index), column.type
            dv = validations[letter]
            assert (dv.promptTitle, dv.prompt) == (input_title(column), column.help)
            assert dv.showInputMessage
            if type_ is ColumnType.DATE:
                # operator None is Excel's default, between; serials 1 and 73050 are
                # 1-1-1900 and 31-12-2099
                assert (dv.type, dv.operator, dv.formula1, dv.formula2) == (
                    "date",
                    None,
                    "1",
                    "73050",
                )
                assert _column_attribute(ws, index, "number_format") == "dd-mm-yyyy"
            elif type_ is ColumnType.INTEGER:
                assert (dv.type, dv.operator, dv.formula1) == (
                    "whole",
                    "greaterThanOrEqual",
                    str(int(column.minimum or 0)),
                )
            elif type_ is ColumnType.NUMBER:
                assert (dv.type, dv.operator) == ("decimal", None)
                assert (float(dv.formula1), float(dv.formula2)) == (column.minimum, column.maximum)


def test_input_titles_fit_excel_limits() -> None:
    for kind in KINDS:
        for sheet in kind.sheets:
            for column in sheet.columns:
                assert len(input_title(column)) <= 32
                assert len(column.help) <= 255


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_properties_gegevens_and_protection(templates: dict[str, Path], kind_id: str) -> None:
    wb = _open(templates[kind_id])
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {KIND_PROPERTY: kind_id, VERSION_PROPERTY: SCHEMA_VERSION}
    assert wb.properties.created == FIXED_CREATED
    assert wb[TOELICHTING_SHEET].protection.sheet is True
    assert wb[TOELICHTING_SHEET].protection.password is None
    gegevens = wb[GEGEVENS_SHEET]
    assert gegevens.protection.sheet is False
    assert [gegevens.cell(i, 1).value for i in range(1, len(GEGEVENS) + 1)] == [
        f.label for f in GEGEVENS
    ]
    assert all(gegevens.cell(i, 2).value is None for i in range(1, len(GEGEVENS) + 1))
    by_cell = {str(dv.sqref): dv for dv in gegevens.data_validations.dataValidation}
    for row, field in enumerate(GEGEVENS, start=1):
        dv = by_cell[f"B{row}"]
        assert (dv.promptTitle, dv.prompt) == (field.label, field.help)
        assert dv.type == ("date" if field.type is ColumnType.DATE else None)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_toelichting_names_every_column(templates: dict[str, Path], kind_id: str) -> None:
    kind = kind_by_id(kind_id)
    ws = _open(templates[kind_id])[TOELICHTING_SHEET]
    first_column = [row[0] for row in ws.iter_rows(values_only=True)]
    assert first_column[0].startswith(kind.title)
    for sheet in kind.sheets:
        assert all(c.header in first_column for c in sheet.columns)


def test_streefwaarden_prefilled_with_every_dimension_and_category(
    templates: dict[str, Path],
) -> None:
    (sheet, *_) = DIVERSITEIT.sheets
    assert sheet.prefill
    rows = CalamineWorkbook.from_path(str(templates["diversiteit"])).get_sheet_by_name(sheet.name)
    values = rows.to_python()[1:]
    assert [(r[0], r[1]) for r in values] == [
        (p["dimension"], p["category"]) for p in sheet.prefill
    ]


def test_same_call_writes_identical_bytes_with_fixed_zip_timestamps(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    again = generate_templates(KINDS, tmp_path, "xlsx")
    for kind, path in zip(KINDS, again, strict=True):
        assert path.read_bytes() == templates[kind.id].read_bytes(), path.name
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_wijken_become_a_warning_dropdown(tmp_path: Path) -> None:
    path = write_workbook(REGISTER, tmp_path / "r.xlsx", wijken=WIJKEN)
    wb = _open(path)
    assert _resolve(wb, WIJKEN_NAME) == WIJKEN
    sheet = REGISTER.sheets[0]
    letter = get_column_letter(next(i for i, c in enumerate(sheet.columns, 1) if c.wijk_list))
    dv = _validations(wb[sheet.name])[letter]
    assert (dv.type, dv.formula1, dv.errorStyle) == ("list", WIJKEN_NAME, "warning")


def test_without_wijken_the_wijk_column_is_free_text(templates: dict[str, Path]) -> None:
    sheet = REGISTER.sheets[0]
    letter = get_column_letter(next(i for i, c in enumerate(sheet.columns, 1) if c.wijk_list))
    dv = _validations(_open(templates["register"])[sheet.name])[letter]
    assert dv.type is None  # "any": an input message only


def _register_row(index: int) -> dict[str, Value]:
    return {
        "person_id": f"SP-{index:03}",
        "name": f"Persoon {index}",
        "start_date": date(2025, 1, 6),
    }


def _cells(ws: Worksheet, sheet: SheetSchema, row: int) -> dict[str, Cell]:
    """The cells of one row by column key."""
    return {c.key: ws.cell(row, i) for i, c in enumerate(sheet.columns, start=1)}


def test_data_rows_are_written_with_their_types(tmp_path: Path) -> None:
    sheet = REGISTER.sheets[0]
    rows = [_register_row(i) for i in range(1, 601)]
    formula = '=HYPERLINK("http://x")'
    rows[0] |= {"name": formula, "phone": "0612345678", "end_date": "31-2-2026", "remarks": None}
    gegevens: dict[str, Value] = {"gemeente": "Utrecht", "datum_ingevuld": date(2026, 3, 31)}
    path = write_workbook(REGISTER, tmp_path / "r.xlsx", gegevens=gegevens, data={sheet.name: rows})
    wb = _open(path)
    ws = wb[sheet.name]
    assert dict(ws.tables.items())[f"Tabel_{sheet.name}"].endswith(f"{len(rows) + 1}")
    cell = _cells(ws, sheet, 2)
    assert (cell["name"].data_type, cell["name"].value) == ("s", formula)
    assert cell["phone"].value == "0612345678"
    assert cell["end_date"].value == "31-2-2026"
    assert cell["start_date"].value == datetime(2025, 1, 6)
    assert cell["start_date"].number_format == "dd-mm-yyyy"
    assert cell["remarks"].value is None
    assert _cells(ws, sheet, len(rows) + 1)["person_id"].value == "SP-600"
    labels = [f.key for f in GEGEVENS]
    gegevens_ws = wb[GEGEVENS_SHEET]
    assert gegevens_ws.cell(labels.index("gemeente") + 1, 2).value == "Utrecht"
    assert gegevens_ws.cell(labels.index("datum_ingevuld") + 1, 2).value == datetime(2026, 3, 31)
    read = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.name).to_python()[1]
    first = dict(zip((c.key for c in sheet.columns), read, strict=True))
    assert (first["start_date"], first["name"]) == (date(2025, 1, 6), formula)


def test_numbers_are_number_cells(tmp_path: Path) -> None:
    kind: Kind = kind_by_id("bijeenkomsten")
    sheet = kind.sheets[0]
    row: dict[str, Value] = {"meeting_id": "B-001", "key_persons_present": 7, "location": 12}
    path = write_workbook(kind, tmp_path / "b.xlsx", data={sheet.name: [row]})
    cell = _cells(_open(path)[sheet.name], sheet, 2)
    assert (cell["key_persons_present"].data_type, cell["key_persons_present"].value) == ("n", 7)
    assert (cell["location"].data_type, cell["location"].value) == ("n", 12)


def test_data_for_streefwaarden_replaces_the_prefill(tmp_path: Path) -> None:
    sheet = DIVERSITEIT.sheets[0]
    rows: list[dict[str, Value]] = [
        {"dimension": "Rol", "category": "Verbinder", "target_pct": 40.5}
    ]
    path = write_workbook(DIVERSITEIT, tmp_path / "d.xlsx", data={sheet.name: rows})
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.name).to_python()
    assert values[1:] == [["Rol", "Verbinder", 40.5, "", ""]]
