"""The annotated copy: the user's own workbook with each bad cell coloured and commented, and
a first sheet Controle that lists every finding with a link to its cell.

.xlsx and .xlsm are copied with openpyxl (values, dropdowns, tables, defined names and
formatting stay the user's own; macros are not kept, so the copy is always .xlsx); .ods is
copied with odfpy and stays .ods. The source file is only read.
"""

from __future__ import annotations

import bisect
import io
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from odf import opendocument
from odf.config import (
    ConfigItem,
    ConfigItemMapEntry,
    ConfigItemMapIndexed,
    ConfigItemMapNamed,
    ConfigItemSet,
)
from odf.element import Element, Text
from odf.office import Annotation
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import (
    DatabaseRange,
    DatabaseRanges,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import A, P
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    quote_sheetname,
)
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.errors import UnreadableFileError, UsageError
from toolkit.findings import Finding, Severity, display
from toolkit.io.atomic import atomic_path
from toolkit.io.safety import inspect_file

CONTROLE_SHEET = "Controle"
NAME_SUFFIX = "-gecontroleerd"
AUTHOR = "sleutelnet"
# Errors red, warnings orange; notes (what was forgiven) get a comment but no colour, so the
# colours point only at what needs fixing.
FILLS = {Severity.ERROR: "FF8F8F", Severity.WARNING: "FFC46B"}
WORDS = {Severity.ERROR: "Fout", Severity.WARNING: "Waarschuwing", Severity.NOTE: "Opmerking"}
SINGULARS = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.NOTE: "opmerking"}
PLURALS = {
    Severity.ERROR: "fouten",
    Severity.WARNING: "waarschuwingen",
    Severity.NOTE: "opmerkingen",
}
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
HEADERS = ("Ernst", "Code", "Blad", "Cel", "Kolom", "Waarde", "Melding")
LINK_COLUMN = HEADERS.index("Cel") + 1
WIDTHS = (14, 22, 18, 8, 26, 26, 100)  # characters
HEADER_ROW = 5  # rows 1-3 say what this sheet is; the list starts below an empty row
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
Loaded = TypeVar("Loaded")
# openpyxl warns in English about what it drops on loading; the user reads it in Dutch.
DROPPED = (
    ("data validation", "keuzelijsten die naar een ander blad verwijzen"),
    ("conditional formatting", "uitgebreide voorwaardelijke opmaak"),
    ("slicer", "slicers"),
    ("image", "afbeeldingen"),
)


def annotate_workbook(source: Path, findings: Sequence[Finding], target_dir: Path) -> Path:
    """Write `<stem>-gecontroleerd.<ext>` into target_dir: a copy of source with every cell
    that has a finding coloured (red error, orange warning) and commented, and a first sheet
    Controle listing all findings. Returns the path written."""
    # Never hand a hostile file to openpyxl or odfpy; the only finding it gives is macros.
    macros = bool(inspect_file(source))
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        target = target_dir / f"{source.stem}{NAME_SUFFIX}.xlsx"
        save = _annotated_xlsx(source, findings, macros)
    elif suffix == ".ods":
        target = target_dir / f"{source.stem}{NAME_SUFFIX}.ods"
        save = _annotated_ods(source, findings, macros)
    else:
        raise UsageError(
            f"{source.name}: een gecontroleerde kopie kan alleen van .xlsx, .xlsm of .ods."
        )
    with atomic_path(target) as temporary:
        save(temporary)
    return target


def _opened(source: Path, load: Callable[[], Loaded]) -> Loaded:
    """The parser's document, or UnreadableFileError when the file is damaged inside."""
    try:
        return load()
    except Exception as exc:  # a parser fails in many ways on a damaged file; all mean that
        raise UnreadableFileError(
            f"{source.name} kan niet worden geopend voor een gecontroleerde kopie: het bestand "
            "is beschadigd. Open het in Excel of LibreOffice, sla het opnieuw op en probeer "
            "het nog eens."
        ) from exc


# What both formats share: where a finding points, in which order, in which words.


@dataclass(frozen=True)
class Place:
    """A finding's cell on a sheet of this workbook: the sheet's real name, 1-based indices."""

    sheet: str
    row: int
    column: int

    @property
    def address(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


def _place(finding: Finding, sheet_names: Sequence[str]) -> Place | None:
    """Where in the workbook the finding sits, or None for file-level findings and for
    sheets or addresses the workbook does not have."""
    if finding.sheet is None or finding.cell is None:
        return None
    wanted = finding.sheet.strip().casefold()
    names = [name for name in sheet_names if name.strip().casefold() == wanted]
    try:
        letters, row = coordinate_from_string(finding.cell.replace("$", "").strip().upper())
        column = column_index_from_string(letters)
    except ValueError:
        return None
    if not names or not (1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN):
        return None
    return Place(names[0], row, column)


def _by_place(
    findings: Iterable[Finding], sheet_names: Sequence[str]
) -> dict[Place, list[Finding]]:
    grouped: dict[Place, list[Finding]] = {}
    for finding in findings:
        place = _place(finding, sheet_names)
        if place is not None:
            grouped.setdefault(place, []).append(finding)
    return grouped


def _worst(findings: Iterable[Finding]) -> Severity:
    return min((f.severity for f in findings), key=RANK.__getitem__)


def _comment_text(findings: Sequence[Finding]) -> str:
    ordered = sorted(findings, key=lambda f: RANK[f.severity])
    return "\n".join(f"{WORDS[f.severity]}: {f.message}" for f in ordered)


def _ordered(findings: Sequence[Finding], sheet_names: Sequence[str]) -> list[Finding]:
    """File-level findings first, then by sheet (workbook order), row and column."""
    order = {name.strip().casefold(): index for index, name in enumerate(sheet_names)}

    def key(finding: Finding) -> tuple[int, int, int, int]:
        place = _place(finding, sheet_names)
        sheet = order.get((finding.sheet or "").strip().casefold(), len(order))
        if place is None:
            return (0 if finding.sheet is None else 1, sheet, finding.row or 0, 0)
        return (1, sheet, place.row, place.column)

    return sorted(findings, key=key)


def _summary(source: Path, findings: Sequence[Finding]) -> str:
    counts = ", ".join(_count(sum(1 for f in findings if f.severity is s), s) for s in Severity)
    return (
        f"{counts}. Cellen met een fout zijn rood, met een "
        "waarschuwing oranje; de melding staat ook in de opmerking bij de cel. Klik op een "
        f"celadres in kolom Cel om naar de cel te gaan. Dit is een kopie van {source.name}: "
        "verbeter de gegevens in uw eigen bestand."
    )


def _count(number: int, severity: Severity) -> str:
    return f"{number} {SINGULARS[severity] if number == 1 else PLURALS[severity]}"


def _row_values(finding: Finding, place: Place | None) -> list[Any]:
    value = finding.value
    shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return [
        WORDS[finding.severity],
        finding.code,
        place.sheet if place else finding.sheet,
        place.address if place else finding.cell,
        finding.column,
        shown if shown is not None else (display(value) if value is not None else None),
        finding.message,
    ]


def _controle_name(sheet_names: Sequence[str]) -> str:
    """Controle, or Controle (2), … when the workbook has a sheet of that name already."""
    taken = {name.casefold() for name in sheet_names}
    candidates = [CONTROLE_SHEET] + [f"{CONTROLE_SHEET} ({n})" for n in range(2, 100)]
    return next(name for name in candidates if name.casefold() not in taken)


def _clean(text: str) -> str:
    """Text without the control characters that XML (and so both formats) cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


# .xlsx and .xlsm with openpyxl.


def _annotated_xlsx(
    source: Path, findings: Sequence[Finding], macros: bool
) -> Callable[[Path], None]:
    """The annotated workbook's save function (macros are not read, so not kept)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # From memory: on a damaged zip openpyxl raises without closing a file it opened.
        data = io.BytesIO(source.read_bytes())
        workbook = _opened(source, lambda: load_workbook(data, rich_text=True))
    remarks = _xlsx_remarks(source, macros, [str(w.message) for w in caught])
    sheets = {sheet.title: sheet for sheet in workbook.worksheets}
    names = list(sheets)
    marked: dict[Place, list[Finding]] = {}
    for place, group in _by_place(findings, names).items():
        marked.setdefault(_merged_origin(sheets[place.sheet], place), []).extend(group)
    for place, group in marked.items():
        _mark_xlsx_cell(sheets[place.sheet], place, group)
    _write_controle_xlsx(workbook, source, _ordered(findings, names), names, remarks)
    return workbook.save


def _xlsx_remarks(source: Path, macros: bool, warned: Sequence[str]) -> list[str]:
    """What the copy does not carry over, for the top of sheet Controle."""
    remarks = []
    if macros:
        remarks.append(
            "Het origineel bevat macro's; deze kopie is opgeslagen als .xlsx, zonder de macro's."
        )
    with zipfile.ZipFile(source) as archive:
        # DrawingML parts hold pictures, charts and shapes (comments live in .vml parts).
        if any(name.startswith("xl/drawings/drawing") for name in archive.namelist()):
            remarks.append("Afbeeldingen, grafieken en vormen kunnen in deze kopie ontbreken.")
    dropped = {
        dutch for message in warned for english, dutch in DROPPED if english in message.lower()
    }
    if warned:
        what = ", ".join(sorted(dropped)) if dropped else "enkele onderdelen"
        remarks.append(f"Niet overgenomen in deze kopie: {what}.")
    return remarks


def _merged_origin(sheet: Worksheet, place: Place) -> Place:
    """The top-left cell of the merged range that holds place (what the user sees), or place."""
    for merged in sheet.merged_cells.ranges:
        if place.address in merged:
            return Place(place.sheet, merged.min_row, merged.min_col)
    return place


def _mark_xlsx_cell(sheet: Worksheet, place: Place, findings: Sequence[Finding]) -> None:
    cell = sheet.cell(place.row, place.column)
    severity = _worst(findings)
    if severity in FILLS:
        cell.fill = PatternFill("solid", fgColor=FILLS[severity])
    text = _comment_text(findings)
    if cell.comment is not None:
        text += f"\n\nEerdere opmerking: {cell.comment.text}"
    lines = sum(len(line) // 55 + 1 for line in text.splitlines())
    cell.comment = Comment(_clean(text), AUTHOR, height=min(60 + 15 * lines, 600), width=360)


def _write_controle_xlsx(
    workbook: Workbook,
    source: Path,
    findings: Sequence[Finding],
    sheet_names: Sequence[str],
    remarks: Sequence[str],
) -> None:
    sheet = workbook.create_sheet(_controle_name(sheet_names), 0)
    sheet["A1"] = f"Controle van {source.name}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = _clean(_summary(source, findings))
    if remarks:
        sheet["A3"] = _clean(" ".join(remarks))
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, finding in enumerate(findings, start=HEADER_ROW + 1):
        place = _place(finding, sheet_names)
        for column, value in enumerate(_row_values(finding, place), start=1):
            cell = sheet.cell(row, column, _clean(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # user text is never a formula, even when it starts with =
            cell.alignment = Alignment(vertical="top", wrap_text=column == len(HEADERS))
        if finding.severity in FILLS:
            sheet.cell(row, 1).fill = PatternFill("solid", fgColor=FILLS[finding.severity])
        if place is not None:
            link = sheet.cell(row, LINK_COLUMN)
            location = f"{quote_sheetname(place.sheet)}!{place.address}"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
            link.font = Font(color="0563C1", underline="single")
    last_row = HEADER_ROW + max(len(findings), 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(HEADERS))}{last_row}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = other is sheet
    workbook.active = 0


# .ods with odfpy.

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ROW_GROUPS = ("table-header-rows", "table-rows", "table-row-group")
_COLUMN_GROUPS = ("table-header-columns", "table-columns", "table-column-group")
_ANONYMOUS = "__Anonymous_Sheet_DB__"
_ROWS_REPEATED, _COLUMNS_REPEATED = "number-rows-repeated", "number-columns-repeated"


def _annotated_ods(
    source: Path, findings: Sequence[Finding], macros: bool
) -> Callable[[Path], None]:
    """The annotated document's save function."""
    document = _opened(source, lambda: opendocument.load(str(source)))
    tables = {table.getAttribute("name"): table for table in _tables(document)}
    names = list(tables)
    styles = _OdsStyles(document)
    by_place = _by_place(findings, names)
    for sheet, table in tables.items():
        merges = _merged_ranges(table)
        marked: dict[tuple[int, int], list[Finding]] = {}
        for place, group in by_place.items():
            if place.sheet == sheet:
                origin = _merged_origin_ods(merges, place.row - 1, place.column - 1)
                marked.setdefault(origin, []).extend(group)
        cells = _ods_cells(table, list(marked))
        defaults = _column_styles(table)
        for (row, column), group in marked.items():
            cell, severity = cells[(row, column)], _worst(group)
            if severity in FILLS:
                original = cell.getAttribute("stylename") or _lookup(defaults, column)
                cell.setAttribute("stylename", styles.filled(original, severity))
            _add_annotation(cell, _comment_text(group))
    name = _controle_name(names)
    remarks = ["Macro's uit het origineel zijn niet overgenomen in deze kopie."] if macros else []
    ordered = _ordered(findings, names)
    controle = _controle_table(name, source, ordered, names, remarks, styles)
    document.spreadsheet.insertBefore(controle, _tables(document)[0])
    _add_autofilter(document, name, len(findings))
    _set_view(document, name)
    return lambda target: document.save(str(target))


def _tables(document: Any) -> list[Any]:
    return [c for c in document.spreadsheet.childNodes if c.qname == (_TABLE_NS, "table")]


def _number(element: Any, local: str) -> int:
    """A table:number-… attribute (1 when absent), read straight from the attribute map:
    odfpy's getAttribute is too slow to call for every cell of a large sheet."""
    return int(element.attributes.get((_TABLE_NS, local), 1))


def _merged_ranges(table: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 0-based, of each merged cell."""
    merges = []
    row_index = 0
    for row in _in_table(table, ("table-row",), _ROW_GROUPS):
        repeat = _number(row, _ROWS_REPEATED)
        column = 0
        for cell in row.childNodes:
            columns = _number(cell, _COLUMNS_REPEATED)
            across = _number(cell, "number-columns-spanned")
            down = _number(cell, "number-rows-spanned")
            if across > 1 or down > 1:
                for copy in range(min(repeat, 1000) * columns):
                    first_row = row_index + copy // columns
                    first = column + copy % columns
                    merges.append((first_row, first, first_row + down - 1, first + across - 1))
            column += columns
        row_index += repeat
    return merges


def _merged_origin_ods(
    merges: Sequence[tuple[int, int, int, int]], row: int, column: int
) -> tuple[int, int]:
    """The first cell of the merged cell that covers (row, column), or (row, column)."""
    for top, left, bottom, right in merges:
        if top <= row <= bottom and left <= column <= right:
            return top, left
    return row, column


def _set_repeat(element: Any, local: str, count: int) -> None:
    if count > 1:
        element.attributes[(_TABLE_NS, local)] = str(count)
    else:
        element.attributes.pop((_TABLE_NS, local), None)


def _clone(element: Any) -> Any:
    """A deep copy of an odfpy element (odfpy has none)."""
    copy = Element(qname=element.qname, qattributes=dict(element.attributes), check_grammar=False)
    for child in element.childNodes:
        copy.appendChild(Text(child.data) if child.nodeType == child.TEXT_NODE else _clone(child))
    return copy


def _in_table(container: Any, names: tuple[str, ...], groups: tuple[str, ...]) -> list[Any]:
    """The table's rows (or columns) in order, also those inside groups and header parts."""
    found: list[Any] = []
    for child in container.childNodes:
        if child.qname[0] != _TABLE_NS:
            continue
        if child.qname[1] in names:
            found.append(child)
        elif child.qname[1] in groups:
            found += _in_table(child, names, groups)
    return found


def _ods_cells(table: Any, wanted: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    """The table:table-cell at each 0-based (row, column), each made to stand alone: repeated
    rows and cells are split, missing ones added. One pass over the table, however many."""
    columns_by_row: dict[int, list[int]] = {}
    for row, column in wanted:
        columns_by_row.setdefault(row, []).append(column)
    rows = _in_table(table, ("table-row",), _ROW_GROUPS)
    found: dict[tuple[int, int], Any] = {}
    for index, row in _isolate(table, rows, sorted(columns_by_row), _ROWS_REPEATED, _empty_row):
        cells = _in_table(row, ("table-cell", "covered-table-cell"), ())
        columns = columns_by_row[index]
        for column, cell in _isolate(row, cells, columns, _COLUMNS_REPEATED, TableCell):
            found[(index, column)] = cell
    return found


def _isolate(
    parent: Any, elements: list[Any], wanted: Sequence[int], attribute: str, new: Callable[[], Any]
) -> list[tuple[int, Any]]:
    """(index, element) for each wanted 0-based index (counting repeats), the element standing
    alone; created past the end, right after the last one (a table holds more than rows)."""
    pending = sorted(set(wanted), reverse=True)
    result: list[tuple[int, Any]] = []
    position = 0
    for element in elements:
        count = _number(element, attribute)
        offsets = []
        while pending and pending[-1] < position + count:
            offsets.append(pending.pop() - position)
        if offsets:
            result += [(position + o, e) for o, e in _split(element, count, offsets, attribute)]
        position += count
    anchor = elements[-1] if elements else None
    for index in reversed(pending):
        added = [new() for _ in range(2 if index > position else 1)]
        _set_repeat(added[0], attribute, index - position)
        for element in added:
            if anchor is None:
                parent.addElement(element)
            else:
                anchor.parentNode.insertBefore(element, anchor.nextSibling)
            anchor = element
        result.append((index, added[-1]))
        position = index + 1
    return result


def _split(element: Any, count: int, offsets: list[int], attribute: str) -> list[tuple[int, Any]]:
    """Cut a repeated row or cell into pieces so that each offset is one element of its own."""
    if count == 1:
        return [(0, element)]
    pieces: list[tuple[Any, int]] = []
    singles: list[tuple[int, Any]] = []
    cursor = 0
    for offset in offsets:
        if offset > cursor:
            pieces.append((_clone(element), offset - cursor))
        single = _clone(element)
        pieces.append((single, 1))
        singles.append((offset, single))
        cursor = offset + 1
    if count > cursor:
        pieces.append((_clone(element), count - cursor))
    parent = element.parentNode
    for piece, repeat in pieces:
        _set_repeat(piece, attribute, repeat)
        parent.insertBefore(piece, element)
    parent.removeChild(element)
    return singles


def _empty_row() -> Any:
    row = TableRow()
    row.addElement(TableCell())
    return row


def _column_styles(table: Any) -> list[tuple[int, str | None]]:
    """(first column after, default cell style) for each column definition of the table."""
    ends: list[tuple[int, str | None]] = []
    position = 0
    for column in _in_table(table, ("table-column",), _COLUMN_GROUPS):
        position += _number(column, _COLUMNS_REPEATED)
        ends.append((position, column.getAttribute("defaultcellstylename") or None))
    return ends


def _lookup(ends: list[tuple[int, str | None]], column: int) -> str | None:
    index = bisect.bisect_right([end for end, _ in ends], column)
    return ends[index][1] if index < len(ends) else None


class _OdsStyles:
    """Automatic styles the copy adds: a filled variant of each cell style used, and the
    Controle sheet's column widths and header."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.automatic = {
            s.getAttribute("name"): s
            for s in document.automaticstyles.childNodes
            if s.qname[1] == "style"
        }
        self.made: dict[tuple[str | None, Severity], str] = {}

    def filled(self, original: str | None, severity: Severity) -> str:
        key = (original, severity)
        if key not in self.made:
            name = f"sleutelnet-{severity.value}-{len(self.made) + 1}"
            base = self.automatic.get(original) if original else None
            style = _clone(base) if base is not None else Style(name=name, family="table-cell")
            style.setAttribute("name", name)
            if base is None and original:
                style.setAttribute("parentstylename", original)
            self._set_background(style, FILLS[severity])
            self.document.automaticstyles.addElement(style)
            self.made[key] = name
        return self.made[key]

    @staticmethod
    def _set_background(style: Any, colour: str) -> None:
        for properties in style.childNodes:
            if properties.qname[1] == "table-cell-properties":
                properties.setAttribute("backgroundcolor", f"#{colour}")
                return
        style.addElement(TableCellProperties(backgroundcolor=f"#{colour}"))

    def column(self, width: int) -> str:
        name = f"sleutelnet-column-{width}"
        if name not in self.automatic:
            style = Style(name=name, family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * 0.21:.2f}cm"))
            self.document.automaticstyles.addElement(style)
            self.automatic[name] = style
        return name

    def cell(self, name: str, bold: bool, colour: str | None = None) -> str:
        if name not in self.automatic:
            style = Style(name=name, family="table-cell")
            background = f"#{colour}" if colour else "transparent"
            style.addElement(TableCellProperties(backgroundcolor=background, verticalalign="top"))
            if bold:
                style.addElement(TextProperties(fontweight="bold"))
            self.document.automaticstyles.addElement(style)
            self.automatic[name] = style
        return name


def _add_annotation(cell: Any, text: str) -> None:
    existing = [c for c in cell.childNodes if c.qname[1] == "annotation"]
    paragraphs = [P(text=_clean(line)) for line in text.splitlines()]
    if existing:
        annotation = existing[0]
        anchor = next((c for c in annotation.childNodes if c.qname[1] == "p"), None)
        for paragraph in [*paragraphs, P(text="Eerdere opmerking:")]:
            annotation.insertBefore(paragraph, anchor)
        return
    annotation = Annotation()
    for paragraph in paragraphs:
        annotation.addElement(paragraph)
    cell.insertBefore(annotation, cell.firstChild)


def _text_cell(value: Any, style: str | None = None, link: str | None = None) -> Any:
    if value is None:
        return TableCell(stylename=style) if style else TableCell()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    if style:
        cell.setAttribute("stylename", style)
    paragraph = P()
    target = A(type="simple", href=link) if link else paragraph
    target.addText(_clean(str(value)))
    if link:
        paragraph.addElement(target)
    cell.addElement(paragraph)
    return cell


def _controle_table(
    name: str,
    source: Path,
    findings: Sequence[Finding],
    sheet_names: Sequence[str],
    remarks: Sequence[str],
    styles: _OdsStyles,
) -> Any:
    table = Table(name=name)
    for width in WIDTHS:
        table.addElement(TableColumn(stylename=styles.column(width)))
    title = TableRow()
    title.addElement(
        _text_cell(f"Controle van {source.name}", styles.cell("sleutelnet-title", True))
    )
    table.addElement(title)
    for text in (_summary(source, findings), " ".join(remarks) or None):
        line = TableRow()
        line.addElement(_text_cell(text))
        table.addElement(line)
    spacer = _empty_row()
    _set_repeat(spacer, _ROWS_REPEATED, HEADER_ROW - 4)
    table.addElement(spacer)
    header = TableRow()
    for text in HEADERS:
        header.addElement(_text_cell(text, styles.cell("sleutelnet-header", True, "DDEBF7")))
    table.addElement(header)
    for finding in findings:
        place = _place(finding, sheet_names)
        row = TableRow()
        for column, value in enumerate(_row_values(finding, place), start=1):
            style = None
            if column == 1 and finding.severity in FILLS:
                style = styles.cell(
                    f"sleutelnet-{finding.severity.value}", False, FILLS[finding.severity]
                )
            link = None
            if place is not None and column == LINK_COLUMN:
                link = f"#{_ods_sheet_reference(place.sheet)}.{place.address}"
            row.addElement(_text_cell(value, style, link))
        table.addElement(row)
    return table


def _ods_sheet_reference(name: str) -> str:
    return name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"


def _add_autofilter(document: Any, sheet: str, count: int) -> None:
    last = HEADER_ROW + max(count, 1)
    end = get_column_letter(len(HEADERS))
    reference = _ods_sheet_reference(sheet)
    ranges = [c for c in document.spreadsheet.childNodes if c.qname[1] == "database-ranges"]
    container = ranges[0] if ranges else DatabaseRanges()
    if not ranges:
        document.spreadsheet.addElement(container)
    # LibreOffice keeps a sheet's autofilter as an anonymous database range; it takes the
    # sheet from the address, the number only has to be unused.
    taken = {r.getAttribute("name") for r in container.getElementsByType(DatabaseRange)}
    name = next(
        f"{_ANONYMOUS}{n}" for n in range(len(taken) + 1) if f"{_ANONYMOUS}{n}" not in taken
    )
    container.addElement(
        DatabaseRange(
            name=name,
            targetrangeaddress=f"{reference}.A{HEADER_ROW}:{reference}.{end}{last}",
            displayfilterbuttons="true",
        )
    )


def _set_view(document: Any, sheet: str) -> None:
    """Open the copy on Controle with its header frozen: LibreOffice reads the active sheet
    and the frozen rows from the view settings in settings.xml."""
    view_settings = _child(document.settings, ConfigItemSet, "ooo:view-settings")
    views = _child(view_settings, ConfigItemMapIndexed, "Views")
    entries = views.getElementsByType(ConfigItemMapEntry)
    view = entries[0] if entries else ConfigItemMapEntry()
    if not entries:
        views.addElement(view)
    for item in list(view.childNodes):
        if item.qname[1] == "config-item" and item.getAttribute("name") == "ActiveTable":
            view.removeChild(item)
    view.addElement(ConfigItem(name="ActiveTable", type="string", text=sheet))
    tables = _child(view, ConfigItemMapNamed, "Tables")
    frozen = ConfigItemMapEntry(name=sheet)
    for name, kind, value in (
        ("VerticalSplitMode", "short", 2),  # 2: frozen, not merely split
        ("VerticalSplitPosition", "int", HEADER_ROW),
        ("ActiveSplitRange", "short", 2),
        ("PositionTop", "int", 0),
        ("PositionBottom", "int", HEADER_ROW),
    ):
        frozen.addElement(ConfigItem(name=name, type=kind, text=str(value)))
    tables.addElement(frozen)


def _child(parent: Any, kind: Any, name: str) -> Any:
    """parent's direct child of this kind and config:name, added when missing."""
    probe = kind(name=name)
    for child in parent.childNodes:
        if child.qname == probe.qname and child.getAttribute("name") == name:
            return child
    parent.addElement(probe)
    return probe
