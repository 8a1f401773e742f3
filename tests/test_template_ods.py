"""The .ods writer: every kind written with write_ods, re-read with python-calamine, checked in
its XML parts, and opened and converted by LibreOffice headless."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from toolkit.io.ods_writer import write_ods
from toolkit.io.properties import read_properties
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
    kind_by_id,
)
from toolkit.schema.vocabularies import WIJKEN_NAME
from toolkit.template import (
    FIXED_CREATED,
    KIND_PROPERTY,
    TABLE_ROWS,
    VERSION_PROPERTY,
    input_title,
    list_name,
    lists,
    toelichting,
)

KIND_IDS = [kind.id for kind in KINDS]
WIJKEN = ("Binnenstad", "Noord-Oost", "Overvecht")
NS = {
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def q(name: str) -> str:
    """'table:name' -> '{urn:...table:1.0}name', as ElementTree spells it."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


class Content:
    """The parts of a written .ods that the tests look into."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.root = ElementTree.fromstring(archive.read("content.xml"))
            self.meta = ElementTree.fromstring(archive.read("meta.xml"))
            self.settings = ElementTree.fromstring(archive.read("settings.xml"))
        self.styles = {s.get(q("style:name")): s for s in self.root.iter(q("style:style"))}
        self.date_styles = {
            s.get(q("style:name")): s for s in self.root.iter(q("number:date-style"))
        }
        self.validations = {
            v.get(q("table:name")): v for v in self.root.iter(q("table:content-validation"))
        }
        self.ranges = {
            r.get(q("table:name")): r.get(q("table:cell-range-address"))
            for r in self.root.iter(q("table:named-range"))
        }

    def table(self, name: str) -> ElementTree.Element:
        return next(t for t in self.root.iter(q("table:table")) if t.get(q("table:name")) == name)

    def rows(self, name: str) -> list[list[ElementTree.Element]]:
        """The table's cells, row by row, with repeated rows and cells written out."""
        rows = []
        for row in self.table(name).iter(q("table:table-row")):
            cells = []
            for cell in row:
                cells += [cell] * int(cell.get(q("table:number-columns-repeated"), "1"))
            rows += [cells] * int(row.get(q("table:number-rows-repeated"), "1"))
        return rows

    def column_widths(self, name: str) -> list[float]:
        """Column widths in inches, as the column styles give them."""
        widths = []
        for column in self.table(name).iter(q("table:table-column")):
            properties = self.styles[column.get(q("table:style-name"))][0]
            width = properties.get(q("style:column-width"))
            assert width is not None and width.endswith("in")
            repeat = int(column.get(q("table:number-columns-repeated"), "1"))
            widths += [float(width[:-2])] * repeat
        return widths

    def validated_rows(self, sheet: str, col: int) -> list[str | None]:
        """The validation name of each data row's cell in a column (header excluded)."""
        return [
            row[col].get(q("table:content-validation-name")) if col < len(row) else None
            for row in self.rows(sheet)[1:]
        ]


def write(
    kind: Kind,
    folder: Path,
    *,
    gegevens: Mapping[str, Value] | None = None,
    wijken: Sequence[str] = (),
    data: Mapping[str, Sequence[Mapping[str, Value]]] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind.filename}.ods"
    write_ods(kind, target, gegevens=gegevens, wijken=wijken, data=data)
    return target


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def resolve(content: Content, lijsten: list[list[Any]], name: str) -> list[Any]:
    """The cells a named range on Lijsten covers, read back with calamine."""
    address = content.ranges[name]
    match = re.fullmatch(r"\$Lijsten\.\$([A-Z]+)\$(\d+):\.\$\1\$(\d+)", address or "")
    assert match, address
    col = ord(match.group(1)) - ord("A")
    first, last = int(match.group(2)), int(match.group(3))
    return [row[col] for row in lijsten[first - 1 : last]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind written once, with a gemeente and the municipality's neighbourhoods."""
    folder = tmp_path_factory.mktemp("ods")
    return {
        kind.id: write(kind, folder, gegevens={"gemeente": "Utrecht"}, wijken=WIJKEN)
        for kind in KINDS
    }


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_sheets_headers_and_lists_read_back_with_calamine(
    written: dict[str, Path], kind_id: str
) -> None:
    kind, path = kind_by_id(kind_id), written[kind_id]
    workbook = CalamineWorkbook.from_path(str(path))
    data_sheets = [sheet.name for sheet in kind.sheets]
    assert workbook.sheet_names == [TOELICHTING_SHEET, GEGEVENS_SHEET, *data_sheets, LIJSTEN_SHEET]
    for sheet in kind.sheets:
        assert calamine_rows(path, sheet.name)[0] == [c.header for c in sheet.columns]
    gegevens = calamine_rows(path, GEGEVENS_SHEET)
    assert [row[0] for row in gegevens] == [field.label for field in GEGEVENS]
    assert gegevens[0][1] == "Utrecht"
    assert calamine_rows(path, TOELICHTING_SHEET)[0][0] == toelichting(kind, WIJKEN)[0].cells[0]
    lijsten = calamine_rows(path, LIJSTEN_SHEET)
    for col, vocabulary in enumerate(lists(kind, WIJKEN)):
        column = [row[col] for row in lijsten]
        assert column[0] == vocabulary.name
        assert [v for v in column[1:] if v != ""] == list(vocabulary.values)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_list_columns_are_dropdowns_of_exactly_their_vocabulary(
    written: dict[str, Path], kind_id: str
) -> None:
    kind, path = kind_by_id(kind_id), written[kind_id]
    content = Content(path)
    lijsten = calamine_rows(path, LIJSTEN_SHEET)
    values = {vocabulary.name: vocabulary.values for vocabulary in lists(kind, WIJKEN)}
    checked = 0
    for sheet in kind.sheets:
        for col, column in enumerate(sheet.columns):
            source = list_name(column, WIJKEN)
            if source is None:
                continue
            names = set(content.validated_rows(sheet.name, col)[:TABLE_ROWS])
            assert len(names) == 1 and None not in names
            validation = content.validations[names.pop()]
            assert validation.get(q("table:condition")) == f"of:cell-content-is-in-list({source})"
            assert resolve(content, lijsten, source) == list(values[source])
            alert = validation.find(q("table:error-message"))
            assert alert is not None
            expected = "warning" if source == WIJKEN_NAME else "stop"
            assert alert.get(q("table:message-type")) == expected
            checked += 1
    assert checked == sum(1 for s in kind.sheets for c in s.columns if list_name(c, WIJKEN))
    assert checked > 0


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_column_has_its_help_and_a_rule_for_its_type(
    written: dict[str, Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    content = Content(written[kind_id])
    for sheet in kind.sheets:
        for col, column in enumerate(sheet.columns):
            names = content.validated_rows(sheet.name, col)
            # Exactly the pre-sized rows carry the validation, the rest of the sheet none.
            assert len(set(names[:TABLE_ROWS])) == 1 and set(names[TABLE_ROWS:]) <= {None}
            validation = content.validations[names[0]]
            help_message = validation.find(q("table:help-message"))
            assert help_message is not None
            assert help_message.get(q("table:title")) == input_title(column)
            assert "".join(help_message.itertext()) == column.help
            condition = validation.get(q("table:condition"), "")
            if column.type is ColumnType.DATE:
                assert condition.startswith("of:cell-content-is-date() and ")
            elif column.type is ColumnType.INTEGER:
                assert condition == "of:cell-content-is-whole-number() and cell-content()>=0"
            elif column.type is ColumnType.NUMBER:
                assert condition == (
                    "of:cell-content-is-decimal-number() and cell-content-is-between(0,100)"
                )
            elif list_name(column, WIJKEN) is None:
                assert condition == ""


def test_date_cells_show_day_month_year(written: dict[str, Path]) -> None:
    kind = kind_by_id("register")
    content = Content(written["register"])
    sheet = kind.sheets[0]
    col = next(i for i, c in enumerate(sheet.columns) if c.type is ColumnType.DATE)
    cell = content.rows(sheet.name)[1][col]
    style = content.styles[cell.get(q("table:style-name"))]
    date_style = content.date_styles[style.get(q("style:data-style-name"))]
    parts = [(part.tag, part.get(q("number:style")), part.text) for part in date_style]
    assert parts == [
        (q("number:day"), "long", None),
        (q("number:text"), None, "-"),
        (q("number:month"), "long", None),
        (q("number:text"), None, "-"),
        (q("number:year"), "long", None),
    ]


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_header_bold_and_column_widths_follow_the_schema(
    written: dict[str, Path], kind_id: str
) -> None:
    content = Content(written[kind_id])
    for sheet in kind_by_id(kind_id).sheets:
        for cell in content.rows(sheet.name)[0][: len(sheet.columns)]:
            style = content.styles[cell.get(q("table:style-name"))]
            weights = {p.get(q("fo:font-weight")) for p in style}
            assert "bold" in weights
        widths = content.column_widths(sheet.name)
        assert len(widths) == len(sheet.columns)
        for a, width_a in zip(sheet.columns, widths, strict=True):
            for b, width_b in zip(sheet.columns, widths, strict=True):
                assert (a.width < b.width) == (width_a < width_b)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_lijsten_hidden_toelichting_protected(written: dict[str, Path], kind_id: str) -> None:
    content = Content(written[kind_id])
    for table in content.root.iter(q("table:table")):
        name = table.get(q("table:name"))
        properties = content.styles[table.get(q("table:style-name"))][0]
        assert (properties.get(q("table:display")) == "false") == (name == LIJSTEN_SHEET)
        assert (table.get(q("table:protected")) == "true") == (name == TOELICHTING_SHEET)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_data_sheet_has_filter_buttons_over_its_rows(
    written: dict[str, Path], kind_id: str
) -> None:
    ranges = {
        r.get(q("table:name")): r
        for r in Content(written[kind_id]).root.iter(q("table:database-range"))
    }
    for sheet in kind_by_id(kind_id).sheets:
        found = ranges.pop(f"Tabel_{sheet.name}")
        last = get_column_letter(len(sheet.columns))
        address = f"{sheet.name}.A1:{sheet.name}.{last}{TABLE_ROWS + 1}"
        assert found.get(q("table:target-range-address")) == address
        assert found.get(q("table:display-filter-buttons")) == "true"
    assert not ranges


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_properties_and_frozen_header(written: dict[str, Path], kind_id: str) -> None:
    content = Content(written[kind_id])
    properties = {e.get(q("meta:name")): e.text for e in content.meta.iter(q("meta:user-defined"))}
    assert properties == {KIND_PROPERTY: kind_id, VERSION_PROPERTY: SCHEMA_VERSION}
    created = content.meta.find(f".//{q('meta:creation-date')}")
    assert created is not None and created.text == FIXED_CREATED.isoformat()
    frozen = {}
    for entry in content.settings.iter(q("config:config-item-map-entry")):
        items = {i.get(q("config:name")): i.text for i in entry.iter(q("config:config-item"))}
        if entry.get(q("config:name")):
            frozen[entry.get(q("config:name"))] = items
    for sheet in kind_by_id(kind_id).sheets:
        items = frozen[sheet.name]
        assert items["VerticalSplitMode"] == "2" and items["VerticalSplitPosition"] == "1"
        assert items["ActiveSplitRange"] == "2" and items["PositionBottom"] == "1"


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_same_call_writes_identical_bytes(tmp_path: Path, kind_id: str) -> None:
    kind = kind_by_id(kind_id)
    first = write(kind, tmp_path / "a", wijken=WIJKEN)
    second = write(kind, tmp_path / "b", wijken=WIJKEN)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        entries = archive.infolist()
        assert entries[0].filename == "mimetype"
        assert entries[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert {e.date_time for e in entries} == {FIXED_CREATED.timetuple()[:6]}


def register_rows() -> list[Mapping[str, Value]]:
    return [
        {
            "person_id": "SP-001",
            "name": "Fatima  el Amrani\nWijkmoeder",
            "phone": "0612345678",
            "start_date": date(2026, 2, 3),
            "end_date": "3-2-2026",  # a deliberate mistake: text in a date column
            "buddy_id": 12,
            "remarks": '=HYPERLINK("http://x")',
            "organisation": "a\x01b",
        },
        {"person_id": "SP-002", "name": "Jan de Vries", "start_date": date(2025, 11, 30)},
    ]


def test_data_rows_are_written_with_their_types(tmp_path: Path) -> None:
    kind = kind_by_id("register")
    path = write(
        kind,
        tmp_path,
        gegevens={"gemeente": "Zeist", "datum_ingevuld": date(2026, 3, 31)},
        data={"Sleutelpersonen": register_rows()},
    )
    sheet = kind.sheets[0]
    rows = calamine_rows(path, sheet.name)
    first = dict(zip([c.key for c in sheet.columns], rows[1], strict=True))
    assert first["start_date"] == date(2026, 2, 3)
    assert first["end_date"] == "3-2-2026"
    assert first["phone"] == "0612345678"
    assert first["buddy_id"] == 12.0
    assert first["remarks"] == '=HYPERLINK("http://x")'
    assert first["name"] == "Fatima  el Amrani\nWijkmoeder"
    assert first["organisation"] == "ab"
    assert rows[2][0] == "SP-002" and len(rows) == 3
    assert calamine_rows(path, GEGEVENS_SHEET)[-1][1] == date(2026, 3, 31)
    content = Content(path)
    assert not [c for c in content.root.iter(q("table:table-cell")) if c.get(q("table:formula"))]
    names = content.validated_rows(sheet.name, 0)
    assert len(names) == TABLE_ROWS and None not in names


def test_rows_beyond_the_table_are_validated_too(tmp_path: Path) -> None:
    kind = kind_by_id("bijeenkomsten")
    attendance = [{"meeting_id": "B-001", "person_id": f"SP-{i:03}"} for i in range(600)]
    path = write(kind, tmp_path, data={"Aanwezigheid": attendance})
    content = Content(path)
    assert len(content.validated_rows("Aanwezigheid", 1)) == 600
    assert None not in content.validated_rows("Aanwezigheid", 1)
    assert len(calamine_rows(path, "Aanwezigheid")) == 601


def test_streefwaarden_prefilled_unless_data_replaces_it(tmp_path: Path) -> None:
    kind = kind_by_id("diversiteit")
    sheet = kind.sheet("Streefwaarden")
    blank = calamine_rows(write(kind, tmp_path), sheet.name)
    assert [row[:2] for row in blank[1:]] == [
        [row["dimension"], row["category"]] for row in sheet.prefill
    ]
    given: Sequence[Mapping[str, Value]] = [
        {"dimension": "Rol", "category": "Verbinder", "target_pct": 37.5, "minimum": 2}
    ]
    filled = calamine_rows(write(kind, tmp_path, data={sheet.name: given}), sheet.name)
    assert filled[1:] == [["Rol", "Verbinder", 37.5, 2.0, ""]]


def test_without_wijken_the_wijk_column_is_free_text(tmp_path: Path) -> None:
    kind = kind_by_id("register")
    content = Content(write(kind, tmp_path))
    sheet = kind.sheets[0]
    col = next(i for i, c in enumerate(sheet.columns) if c.wijk_list)
    validation = content.validations[content.validated_rows(sheet.name, col)[0]]
    assert validation.get(q("table:condition")) is None
    assert WIJKEN_NAME not in content.ranges


# LibreOffice as a real client: one conversion per kind per format.


@pytest.fixture(scope="module")
def converted(
    written: dict[str, Path], soffice_convert: Callable[[Path, str], Path]
) -> dict[tuple[str, str], Path]:
    return {
        (kind_id, fmt): soffice_convert(path, fmt)
        for kind_id, path in written.items()
        for fmt in ("xlsx", "pdf")
    }


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_libreoffice_converts_to_xlsx_keeping_sheets_headers_and_dropdowns(
    converted: dict[tuple[str, str], Path], kind_id: str
) -> None:
    kind = kind_by_id(kind_id)
    workbook = openpyxl.load_workbook(converted[kind_id, "xlsx"])
    data_sheets = [sheet.name for sheet in kind.sheets]
    assert workbook.sheetnames == [TOELICHTING_SHEET, GEGEVENS_SHEET, *data_sheets, LIJSTEN_SHEET]
    assert workbook[LIJSTEN_SHEET].sheet_state == "hidden"
    assert workbook[TOELICHTING_SHEET].protection.sheet
    assert read_properties(converted[kind_id, "xlsx"])[KIND_PROPERTY] == kind_id
    expected = {vocabulary.name: list(vocabulary.values) for vocabulary in lists(kind, WIJKEN)}
    for sheet in kind.sheets:
        worksheet = workbook[sheet.name]
        assert [c.value for c in worksheet[1]][: len(sheet.columns)] == [
            c.header for c in sheet.columns
        ]
        last = get_column_letter(len(sheet.columns))
        assert dict(worksheet.tables.items()) == {
            f"Tabel_{sheet.name}": f"A1:{last}{TABLE_ROWS + 1}"
        }
        dropdowns = {
            str(v.sqref): v.formula1
            for v in worksheet.data_validations.dataValidation
            if v.type == "list"
        }
        for col, column in enumerate(sheet.columns):
            source = list_name(column, WIJKEN)
            if source is None:
                continue
            letter = get_column_letter(col + 1)
            formula = dropdowns[f"{letter}2:{letter}{TABLE_ROWS + 1}"]
            assert _defined_values(workbook, formula) == expected[source]


def _defined_values(workbook: openpyxl.Workbook, name: str) -> list[object]:
    """The values of the cells a defined name covers."""
    [(sheet, cells)] = list(workbook.defined_names[name].destinations)
    return [row[0].value for row in workbook[sheet][cells]]


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_libreoffice_prints_to_pdf(converted: dict[tuple[str, str], Path], kind_id: str) -> None:
    pdf = converted[kind_id, "pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
