"""The annotated copy: coloured, commented cells and a first sheet Controle, in the user's own
workbook (xlsx, xlsm, ods), with the source left byte-identical."""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from defusedxml import ElementTree
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as ExcelTable
from python_calamine import CalamineWorkbook

from toolkit.errors import UnreadableFileError, UsageError
from toolkit.findings import Finding, Severity
from toolkit.schema import kind_by_id
from toolkit.schema.vocabularies import ROLLEN
from toolkit.validate.annotate import FILLS, HEADER_ROW, HEADERS, annotate_workbook

SHEET = kind_by_id("register").sheet("Sleutelpersonen")
LETTER = {c.key: get_column_letter(i) for i, c in enumerate(SHEET.columns, start=1)}
HEADER = {c.key: c.header for c in SHEET.columns}
ROWS = [
    {"person_id": "SP-001", "name": "Fatima", "wijk": "Noord", "role": "Verbinder"},
    {"person_id": "SP-002", "name": "Jan", "wijk": "=1+2", "role": "Verbinderr"},
    {"person_id": "SP-003", "name": "Ayse", "wijk": "Zuid", "role": "Luis in de pels"},
]
START = datetime(2025, 3, 1)
T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def cell(key: str, row: int) -> str:
    return f"{LETTER[key]}{row}"


def finding(severity: Severity, code: str, key: str | None, row: int | None, **kw: Any) -> Finding:
    where = {} if key is None or row is None else {"cell": cell(key, row), "row": row}
    return Finding(
        code=code,
        severity=severity,
        message=kw.pop("message", f"Melding {code} bij {key} {row}."),
        sheet=kw.pop("sheet", SHEET.name if key else None),
        column=HEADER[key] if key else None,
        **where,
        **kw,
    )


FINDINGS = [
    finding(Severity.ERROR, "not_in_list", "role", 3, value="Verbinderr"),
    finding(Severity.WARNING, "expected_when", "start_date", 2),
    finding(Severity.ERROR, "required", "name", 4, message="Naam is verplicht maar leeg."),
    finding(Severity.WARNING, "discouraged", "name", 4, message="Controleer deze naam."),
    finding(Severity.NOTE, "value_normalised", "core_group", 2, value="j"),
    finding(Severity.ERROR, "pattern", "wijk", 3, value='=HYPERLINK("http://x.nl","klik")'),
    finding(Severity.WARNING, "schema_version", None, None, message="Oude sjabloonversie."),
    finding(Severity.ERROR, "reference_missing", "person_id", 2, sheet="Aanwezigheid"),
]
MARKED = {  # cell -> the fill it must get (None: a comment without colour)
    cell("role", 3): FILLS[Severity.ERROR],
    cell("start_date", 2): FILLS[Severity.WARNING],
    cell("name", 4): FILLS[Severity.ERROR],
    cell("core_group", 2): None,
    cell("wijk", 3): FILLS[Severity.ERROR],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_source(path: Path) -> Path:
    """A filled-in register as openpyxl writes it: a dropdown from a defined name on a hidden
    sheet, a table, a number format, a user's own fill and comments, a custom property."""
    workbook = openpyxl.Workbook()
    intro = workbook.active
    assert intro is not None
    intro.title = "Toelichting"
    intro["A1"] = "Vul het blad Sleutelpersonen in."
    sheet = workbook.create_sheet(SHEET.name)
    sheet.append([c.header for c in SHEET.columns])
    for values in ROWS:
        sheet.append(
            [values.get(c.key, "Ja" if c.key == "core_group" else None) for c in SHEET.columns]
        )
    for row in range(2, 5):
        sheet[cell("start_date", row)] = START
        sheet[cell("start_date", row)].number_format = "DD-MM-YYYY"
    sheet["A2"].fill = PatternFill("solid", fgColor="FFFF00")
    sheet["A3"].comment = Comment("Gesproken op 3 maart.", "coördinator")
    sheet[cell("name", 4)].comment = Comment("Naam nog navragen.", "coördinator")
    lists = workbook.create_sheet("Lijsten")
    for index, value in enumerate(ROLLEN.values, start=1):
        lists.cell(index, 1, value)
    lists.sheet_state = "hidden"
    workbook.defined_names[ROLLEN.name] = DefinedName(
        ROLLEN.name, attr_text=f"Lijsten!$A$1:$A${len(ROLLEN.values)}"
    )
    dropdown = DataValidation(type="list", formula1=ROLLEN.name, allow_blank=True)
    dropdown.add(f"{LETTER['role']}2:{LETTER['role']}500")
    sheet.add_data_validation(dropdown)
    last = get_column_letter(len(SHEET.columns))
    sheet.add_table(ExcelTable(displayName="Register", ref=f"A1:{last}4"))
    workbook.custom_doc_props.append(StringProperty(name="sleutelnet-kind", value="register"))
    workbook.save(path)
    return path


def values(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's values as calamine reads them, trailing empties dropped."""
    workbook = CalamineWorkbook.from_path(str(path))
    result = {}
    for name in workbook.sheet_names:
        rows = [list(r) for r in workbook.get_sheet_by_name(name).to_python()]
        rows = [r[: max((i + 1 for i, v in enumerate(r) if v != ""), default=0)] for r in rows]
        while rows and not rows[-1]:
            rows.pop()
        result[name] = rows
    return result


@pytest.fixture(scope="module")
def xlsx_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    folder = tmp_path_factory.mktemp("annotate-xlsx")
    source = write_source(folder / "register.xlsx")
    before = sha256(source)
    return source, before, annotate_workbook(source, FINDINGS, folder / "uit")


# .xlsx


def test_copy_is_named_after_the_source_and_the_source_is_untouched(
    xlsx_case: tuple[Path, str, Path],
) -> None:
    source, before, copy = xlsx_case
    assert copy == source.parent / "uit" / "register-gecontroleerd.xlsx"
    assert sha256(source) == before
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # no temporary left


def fill_of(item: Any) -> tuple[str | None, str]:
    return item.fill.fill_type, item.fill.fgColor.rgb


def test_fills_exactly_on_the_flagged_cells(xlsx_case: tuple[Path, str, Path]) -> None:
    source, _, copy = xlsx_case
    original = openpyxl.load_workbook(source)[SHEET.name]
    annotated = openpyxl.load_workbook(copy)[SHEET.name]
    for row in original.iter_rows(min_row=1, max_row=6, max_col=len(SHEET.columns)):
        for before in row:
            after = annotated[before.coordinate]
            wanted = MARKED.get(before.coordinate)
            if wanted is None:
                assert fill_of(after) == fill_of(before), before.coordinate
            else:
                assert after.fill.fill_type == "solid"
                assert after.fill.fgColor.rgb.endswith(wanted), before.coordinate


def test_one_comment_per_cell_with_every_message(xlsx_case: tuple[Path, str, Path]) -> None:
    annotated = openpyxl.load_workbook(xlsx_case[2])[SHEET.name]
    commented = {
        c.coordinate: c.comment.text for row in annotated.iter_rows() for c in row if c.comment
    }
    assert set(commented) == {*MARKED, "A3"}
    assert commented["A3"] == "Gesproken op 3 maart."  # the user's own comment, untouched
    both = commented[cell("name", 4)]
    assert both.index("Fout: Naam is verplicht") < both.index("Waarschuwing: Controleer")
    assert "Eerdere opmerking: Naam nog navragen." in both
    assert commented[cell("core_group", 2)].startswith("Opmerking: Melding value_normalised")


def controle_rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]


def test_controle_is_first_and_links_to_each_cell(xlsx_case: tuple[Path, str, Path]) -> None:
    workbook = openpyxl.load_workbook(xlsx_case[2])
    assert workbook.sheetnames[0] == "Controle" and workbook.active.title == "Controle"
    controle = workbook["Controle"]
    assert [c.value for c in controle[HEADER_ROW]] == list(HEADERS)
    rows = controle_rows(controle)
    assert len(rows) == len(FINDINGS)
    assert rows[0][:2] == ("Waarschuwing", "schema_version")  # file-level first
    linked = 0
    for number, values_ in enumerate(rows, start=HEADER_ROW + 1):
        link = controle.cell(number, HEADERS.index("Cel") + 1).hyperlink
        if values_[2] == SHEET.name:
            sheet_name, address = link.location.rsplit("!", 1)
            assert sheet_name.strip("'") in workbook.sheetnames
            assert address == values_[3]
            linked += 1
        else:
            assert link is None, values_
    assert linked == 6
    assert "2 fouten" not in controle["A2"].value and "4 fouten" in controle["A2"].value


def test_controle_is_formatted(xlsx_case: tuple[Path, str, Path]) -> None:
    controle = openpyxl.load_workbook(xlsx_case[2])["Controle"]
    assert controle.freeze_panes == f"A{HEADER_ROW + 1}"
    assert controle["A3"].value is None  # nothing was left out of this copy
    assert controle.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW + len(FINDINGS)}"
    assert all(c.font.bold for c in controle[HEADER_ROW])
    assert controle.column_dimensions["G"].width > controle.column_dimensions["D"].width


def test_user_text_on_controle_is_never_a_formula(xlsx_case: tuple[Path, str, Path]) -> None:
    controle = openpyxl.load_workbook(xlsx_case[2])["Controle"]
    cells = [c for row in controle.iter_rows() for c in row if str(c.value).startswith("=")]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x.nl","klik")']
    assert cells[0].data_type == "s"


def test_the_rest_of_the_workbook_is_the_users_own(xlsx_case: tuple[Path, str, Path]) -> None:
    source, _, copy = xlsx_case
    before, after = values(source), values(copy)
    assert {k: v for k, v in after.items() if k != "Controle"} == before
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook[SHEET.name]
    [dropdown] = sheet.data_validations.dataValidation
    assert (
        dropdown.formula1 == ROLLEN.name
        and str(dropdown.sqref) == f"{LETTER['role']}2:{LETTER['role']}500"
    )
    assert sheet.tables["Register"].ref == f"A1:{get_column_letter(len(SHEET.columns))}4"
    assert workbook.defined_names[ROLLEN.name].attr_text == "Lijsten!$A$1:$A$4"
    assert workbook["Lijsten"].sheet_state == "hidden"
    assert sheet[cell("start_date", 3)].number_format == "DD-MM-YYYY"
    assert sheet["A2"].fill.fgColor.rgb.endswith("FFFF00")
    assert {p.name: p.value for p in workbook.custom_doc_props} == {"sleutelnet-kind": "register"}
    assert not workbook["Toelichting"].sheet_view.tabSelected


def test_macro_workbook_becomes_xlsx_without_macros(tmp_path: Path) -> None:
    plain = write_source(tmp_path / "plain.xlsx")
    source = tmp_path / "register.xlsm"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(source, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            new.writestr(info, data)
        new.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" * 100)
    copy = annotate_workbook(source, FINDINGS[:1], tmp_path / "uit")
    assert copy.name == "register-gecontroleerd.xlsx"
    with zipfile.ZipFile(copy) as archive:
        assert not any("vbaProject" in name for name in archive.namelist())
        assert b"macroEnabled" not in archive.read("[Content_Types].xml")
    remark = openpyxl.load_workbook(copy)["Controle"]["A3"].value
    assert "macro's" in remark and ".xlsx" in remark


def test_a_finding_in_a_merged_cell_marks_what_the_user_sees(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Gegevens"
    sheet["A1"] = "Gegevens van het netwerk"
    sheet.merge_cells("A1:C1")
    workbook.save(tmp_path / "samengevoegd.xlsx")
    findings = [
        Finding("a", Severity.WARNING, "Op B1.", "Gegevens", "B1"),
        Finding("b", Severity.ERROR, "Op A1.", "Gegevens", "A1"),
    ]
    copy = openpyxl.load_workbook(
        annotate_workbook(tmp_path / "samengevoegd.xlsx", findings, tmp_path)
    )
    marked = copy["Gegevens"]["A1"]
    assert marked.comment.text == "Fout: Op A1.\nWaarschuwing: Op B1."
    assert marked.fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    assert str(copy["Gegevens"].merged_cells) == "A1:C1"


def test_a_picture_is_mentioned_as_possibly_missing(tmp_path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    picture = tmp_path / "logo.png"
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    picture.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    source = tmp_path / "logo.xlsx"
    workbook = xlsxwriter.Workbook(source)
    sheet = workbook.add_worksheet(SHEET.name)
    sheet.write_row(0, 0, [c.header for c in SHEET.columns])
    sheet.insert_image("C5", str(picture))
    workbook.close()
    copy = annotate_workbook(source, FINDINGS[:1], tmp_path / "uit")
    assert "Afbeeldingen" in openpyxl.load_workbook(copy)["Controle"]["A3"].value


def test_an_existing_controle_sheet_is_left_alone(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.title = "Controle"
    workbook.active["A1"] = "van de gebruiker"
    workbook.save(tmp_path / "eigen.xlsx")
    copy = annotate_workbook(tmp_path / "eigen.xlsx", [], tmp_path / "uit")
    annotated = openpyxl.load_workbook(copy)
    assert annotated.sheetnames == ["Controle (2)", "Controle"]
    assert annotated["Controle"]["A1"].value == "van de gebruiker"
    assert "0 fouten, 0 waarschuwingen, 0 opmerkingen" in annotated["Controle (2)"]["A2"].value


def test_other_file_kinds_are_refused(tmp_path: Path) -> None:
    template = tmp_path / "sjabloon.xltx"
    template.write_bytes(write_source(tmp_path / "a.xlsx").read_bytes())
    with pytest.raises(UsageError, match=r"\.xlsx, \.xlsm of \.ods"):
        annotate_workbook(template, [], tmp_path / "uit")
    text = tmp_path / "lijst.xlsx"
    text.write_text("Persoon-ID;Naam\n")
    with pytest.raises(UnreadableFileError, match="tekstbestand"):
        annotate_workbook(text, [], tmp_path / "uit")
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_a_workbook_damaged_inside_is_unreadable_not_unwritable(tmp_path: Path) -> None:
    plain = write_source(tmp_path / "heel.xlsx")
    broken = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(broken, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(
                info, data[: len(data) // 2] if "worksheets/sheet2" in info.filename else data
            )
    with pytest.raises(UnreadableFileError, match="beschadigd"):
        annotate_workbook(broken, FINDINGS, tmp_path / "uit")
    assert not (tmp_path / "uit").exists()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_copy_with_its_comments(
    xlsx_case: tuple[Path, str, Path], soffice_convert: Callable[[Path, str], Path]
) -> None:
    copy = xlsx_case[2]
    assert soffice_convert(copy, "pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(soffice_convert(copy, "ods")) as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<office:annotation") == len(MARKED) + 1  # ours and the user's
    assert "Naam is verplicht maar leeg." in content


# .ods


def ods_marks(path: Path) -> tuple[list[str], dict[str, tuple[str | None, str]]]:
    """The table names and, per annotated cell of Sleutelpersonen, its background colour and
    annotation text: read from content.xml with repeats expanded, independent of the code."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    ns = {
        "table": T,
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    }
    backgrounds = {
        s.get(f"{{{ns['style']}}}name"): p.get(f"{{{ns['fo']}}}background-color")
        for s in root.iterfind(".//office:automatic-styles/style:style", ns)
        for p in s.iterfind("style:table-cell-properties", ns)
    }
    tables = root.findall(".//office:spreadsheet/table:table", ns)
    names = [t.get(f"{{{T}}}name") for t in tables]
    marks: dict[str, tuple[str | None, str]] = {}
    sheet = tables[names.index(SHEET.name)]
    row_number = 0
    for row in sheet.iter(f"{{{T}}}table-row"):
        column = 0
        for item in row:
            if item.tag.endswith("table-cell"):
                note = item.find("office:annotation", ns)
                if note is not None:
                    text = "\n".join("".join(p.itertext()) for p in note)
                    style = item.get(f"{{{T}}}style-name")
                    marks[f"{get_column_letter(column + 1)}{row_number + 1}"] = (
                        backgrounds.get(style),
                        text,
                    )
                column += int(item.get(f"{{{T}}}number-columns-repeated", 1))
        row_number += int(row.get(f"{{{T}}}number-rows-repeated", 1))
    return names, marks


def write_ods_source(path: Path) -> Path:
    """A register in odfpy's hands: repeated cells and rows, a merged cell, short rows."""
    document = OpenDocumentSpreadsheet()
    table = Table(name=SHEET.name)
    header = TableRow()
    for column in SHEET.columns[:8]:
        header_cell = TableCell(valuetype="string")
        header_cell.addElement(P(text=column.header))
        header.addElement(header_cell)
    table.addElement(header)
    for values_ in ROWS:
        row = TableRow()
        for key in ("person_id", "name"):
            data = TableCell(valuetype="string")
            data.addElement(P(text=values_[key]))
            row.addElement(data)
        row.addElement(TableCell(numbercolumnsrepeated=3))  # email, phone, wijk: empty
        repeated = TableCell(valuetype="string", numbercolumnsrepeated=2)  # org, role
        repeated.addElement(P(text="x"))
        row.addElement(repeated)
        table.addElement(row)
    merged = TableRow()
    wide = TableCell(valuetype="string", numbercolumnsspanned=2)
    wide.addElement(P(text="samengevoegd"))
    merged.addElement(wide)
    merged.addElement(CoveredTableCell())
    table.addElement(merged)
    blank = TableRow(numberrowsrepeated=3)
    blank.addElement(TableCell())
    table.addElement(blank)
    last = TableRow()
    end = TableCell(valuetype="string")
    end.addElement(P(text="einde"))
    last.addElement(end)
    table.addElement(last)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


ODS_FINDINGS = [
    finding(Severity.ERROR, "not_in_list", "role", 3, value="x"),  # inside a repeated pair
    finding(Severity.WARNING, "expected_when", "wijk", 2),  # inside an empty run of three
    finding(Severity.ERROR, "required", "name", 7, message="Naam ontbreekt."),  # repeated rows
    finding(Severity.NOTE, "value_normalised", "person_id", 4),
    finding(Severity.ERROR, "required", "start_date", 12),  # past the last row and column
    finding(Severity.WARNING, "discouraged", "name", 5),  # covered by the merged A5:B5
    finding(Severity.WARNING, "schema_version", None, None, message="Oude sjabloonversie."),
]
ODS_MARKED = {
    cell("role", 3): f"#{FILLS[Severity.ERROR]}",
    cell("wijk", 2): f"#{FILLS[Severity.WARNING]}",
    cell("name", 7): f"#{FILLS[Severity.ERROR]}",
    cell("person_id", 4): None,
    cell("start_date", 12): f"#{FILLS[Severity.ERROR]}",
    "A5": f"#{FILLS[Severity.WARNING]}",
}


def test_ods_copy_marks_exactly_the_flagged_cells(tmp_path: Path) -> None:
    source = write_ods_source(tmp_path / "register.ods")
    before = sha256(source)
    copy = annotate_workbook(source, ODS_FINDINGS, tmp_path / "uit")
    assert copy.name == "register-gecontroleerd.ods"
    assert sha256(source) == before
    names, marks = ods_marks(copy)
    assert names == ["Controle", SHEET.name]
    assert {address: colour for address, (colour, _) in marks.items()} == ODS_MARKED
    assert marks[cell("name", 7)][1] == "Fout: Naam ontbreekt."
    original, annotated = values(source), values(copy)
    assert annotated[SHEET.name] == original[SHEET.name]  # no value moved by the splits


def test_ods_controle_links_and_filter(tmp_path: Path) -> None:
    copy = annotate_workbook(write_ods_source(tmp_path / "r.ods"), ODS_FINDINGS, tmp_path)
    with zipfile.ZipFile(copy) as archive:
        content = archive.read("content.xml").decode()
        settings = archive.read("settings.xml").decode()
    for item in ODS_FINDINGS:
        assert (f'xlink:href="#{SHEET.name}.{item.cell}"' in content) is (item.cell is not None)
    last = HEADER_ROW + len(ODS_FINDINGS)
    assert f'table:target-range-address="Controle.A{HEADER_ROW}:Controle.G{last}"' in content
    assert 'config:name="ActiveTable" config:type="string">Controle<' in settings
    controle = values(copy)["Controle"]
    assert controle[HEADER_ROW - 1] == list(HEADERS)
    assert controle[HEADER_ROW][:2] == ["Waarschuwing", "schema_version"]


@pytest.mark.libreoffice
def test_libreoffice_ods_keeps_its_dropdowns_and_shows_the_comments(
    tmp_path: Path, soffice_convert: Callable[[Path, str], Path]
) -> None:
    source = soffice_convert(write_source(tmp_path / "register.xlsx"), "ods")
    before = sha256(source)
    copy = annotate_workbook(source, FINDINGS, tmp_path / "uit")
    assert sha256(source) == before
    with zipfile.ZipFile(copy) as archive:
        content = archive.read("content.xml").decode()
    assert "<table:content-validation " in content and "table:content-validation-name" in content
    names, marks = ods_marks(copy)
    assert names[0] == "Controle" and set(marks) == {*MARKED, "A3"}
    merged = marks[cell("name", 4)][1]
    assert "Fout: Naam is verplicht" in merged and "Naam nog navragen." in merged
    assert values(copy)[SHEET.name] == values(source)[SHEET.name]
    assert soffice_convert(copy, "pdf").read_bytes().startswith(b"%PDF")
    reopened = openpyxl.load_workbook(soffice_convert(copy, "xlsx"))
    assert reopened.sheetnames[0] == "Controle"
    sheet = reopened[SHEET.name]
    assert "Fout: Naam is verplicht" in sheet[cell("name", 4)].comment.text
    assert sheet[cell("role", 3)].fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    links = [
        c.hyperlink.location for row in reopened["Controle"].iter_rows() for c in row if c.hyperlink
    ]
    assert f"{SHEET.name}!{cell('role', 3)}" in links
