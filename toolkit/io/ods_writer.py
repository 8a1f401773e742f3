"""Lay a workbook of one kind out as an OpenDocument spreadsheet (.ods) with odfpy.

The content comes from toolkit.template and toolkit.schema, as for .xlsx: sheets
Toelichting, Gegevens, the data sheets (header frozen, 500 rows pre-validated) and a hidden
Lijsten whose columns are named ranges. Every data column carries a content validation with
the column's help text; vocabulary columns are dropdowns drawing on the named ranges. The
messages and column widths that are layout rather than schema are shared with the .xlsx
writer, so both formats say the same thing. The zip is rewritten with fixed timestamps so the
same call writes the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from odf import config, dc, meta, number
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import (
    ContentValidation,
    ContentValidations,
    CoveredTableCell,
    DatabaseRange,
    DatabaseRanges,
    ErrorMessage,
    HelpMessage,
    NamedExpressions,
    NamedRange,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.teletype import addTextToElement
from odf.text import P

from toolkit.records import Value
from toolkit.schema import (
    GEGEVENS_SHEET,
    LIJSTEN_SHEET,
    SCHEMA_VERSION,
    TOELICHTING_SHEET,
    Column,
    ColumnType,
    Kind,
    SheetSchema,
)
from toolkit.schema.vocabularies import Vocabulary
from toolkit.template import (
    DATE_ERROR,
    EARLIEST_DATE,
    FIXED_CREATED,
    GEGEVENS_WIDTHS,
    KIND_PROPERTY,
    LATEST_DATE,
    LIST_ERROR,
    TEXT_TYPES,
    TOELICHTING_WIDTHS,
    VERSION_PROPERTY,
    WIJK_WARNING,
    Line,
    data_rows,
    gegevens_rows,
    input_title,
    list_name,
    lists,
    number_error,
    table_rows,
    toelichting,
)

# Day 0 of Calc's date serials: a date bound in a condition is written as a serial.
_SERIAL_EPOCH = date(1899, 12, 30)
# Characters XML 1.0 cannot carry; user text holding them would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class _Rule:
    """What a cell accepts (an ODF condition, written as LibreOffice writes it) and the
    alert shown when it gets something else."""

    condition: str
    message: str
    alert: str = "stop"  # stop | warning
    dropdown: bool = False


class _Styles:
    """The document's automatic styles, created once and shared."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self._doc = doc
        self._columns: dict[int, Element] = {}
        self.shown = self._table_style("ta1", display="true")
        self.hidden = self._table_style("ta2", display="false")
        self._data_styles()
        top = {"wrapoption": "wrap", "verticalalign": "top"}
        bold = {"fontweight": "bold"}
        self.date = self._cell_style("ce1", datastylename="N1")
        self.string = self._cell_style("ce2", datastylename="N2")
        self.label = self._cell_style("ce3", text=bold)
        self.text = self._cell_style("ce4", cell=top)
        self.title = self._cell_style("ce5", cell=top, text={**bold, "fontsize": "14pt"})
        self.heading = self._cell_style("ce6", cell=top, text={**bold, "fontsize": "12pt"})
        header = {**top, "backgroundcolor": "#ddebf7", "border": "0.5pt solid #000000"}
        self.header = self._cell_style("ce7", cell=header, text=bold)

    def _data_styles(self) -> None:
        """N1 shows a date as dd-mm-jjjj; N2 keeps what is typed as text (leading zeros)."""
        day_month_year = number.DateStyle(name="N1")
        for part in (
            number.Day(style="long"),
            number.Text(text="-"),
            number.Month(style="long"),
            number.Text(text="-"),
            number.Year(style="long"),
        ):
            day_month_year.addElement(part)
        self._doc.automaticstyles.addElement(day_month_year)
        text = number.TextStyle(name="N2")
        text.addElement(number.TextContent())
        self._doc.automaticstyles.addElement(text)

    def _table_style(self, name: str, *, display: str) -> Element:
        style = Style(name=name, family="table")
        style.addElement(TableProperties(display=display))
        self._doc.automaticstyles.addElement(style)
        return style

    def _cell_style(
        self,
        name: str,
        *,
        datastylename: str | None = None,
        text: dict[str, str] | None = None,
        cell: dict[str, str] | None = None,
    ) -> Element:
        attributes = {"datastylename": datastylename} if datastylename else {}
        style = Style(name=name, family="table-cell", **attributes)
        if cell:
            style.addElement(TableCellProperties(**cell))
        if text:
            style.addElement(TextProperties(**text))
        self._doc.automaticstyles.addElement(style)
        return style

    def column(self, width: int) -> Element:
        """A column style width characters wide (Calc's default font: about 7 px each)."""
        if width not in self._columns:
            style = Style(name=f"co{len(self._columns) + 1}", family="table-column")
            inches = (width * 7 + 5) / 96
            style.addElement(TableColumnProperties(columnwidth=f"{inches:.4f}in"))
            self._doc.automaticstyles.addElement(style)
            self._columns[width] = style
        return self._columns[width]

    def of_column(self, column: Column) -> Element | None:
        """The cell style of a data column: dates as dd-mm-jjjj, text kept as text."""
        if column.type is ColumnType.DATE:
            return self.date
        return self.string if column.type in TEXT_TYPES else None


def write_ods(
    kind: Kind,
    target: Path,
    *,
    gegevens: Mapping[str, Value] | None = None,
    wijken: Sequence[str] = (),
    data: Mapping[str, Sequence[Mapping[str, Value]]] | None = None,
) -> None:
    """Write the workbook of kind to exactly target, as .ods (a plain write; atomic
    placement is the caller's job).

    gegevens fills sheet Gegevens (GegevensField key -> value); wijken makes Wijk columns a
    dropdown; data fills data sheets (sheet name -> rows of column key -> value) and
    replaces a sheet's prefill.
    """
    # odfpy declares every namespace any document in this process has used (a class-level
    # dict); start from none so the bytes do not depend on what was written before.
    Element.namespaces.clear()
    doc = OpenDocumentSpreadsheet()
    styles = _Styles(doc)
    validations = ContentValidations()  # must precede the tables
    doc.spreadsheet.addElement(validations)
    vocabularies = lists(kind, wijken)
    doc.spreadsheet.addElement(_toelichting_table(toelichting(kind, wijken), styles))
    doc.spreadsheet.addElement(_gegevens_table(gegevens, styles, validations))
    for sheet in kind.sheets:
        rows = data_rows(sheet, data)
        doc.spreadsheet.addElement(_data_table(sheet, rows, wijken, styles, validations))
    doc.spreadsheet.addElement(_lijsten_table(vocabularies, styles))
    doc.spreadsheet.addElement(_named_ranges(vocabularies))
    doc.spreadsheet.addElement(_filter_ranges(kind, data))
    _add_meta(doc, kind)
    doc.settings.addElement(_view_settings(kind))
    target.write_bytes(_fixed_zip(doc))


def _toelichting_table(lines: Sequence[Line], styles: _Styles) -> Element:
    """The instructions: one-cell lines span all columns, table lines fill one cell each.
    Calc fits the row heights itself, merged cells included."""
    table = _table(TOELICHTING_SHEET, TOELICHTING_WIDTHS, styles)
    # Protected without a password: the instructions are not edited by accident.
    table.setAttribute("protected", "true")
    span = len(TOELICHTING_WIDTHS)
    for line in lines:
        style = getattr(styles, line.style)
        row = TableRow()
        if len(line.cells) == 1:
            cell = _value_cell(line.cells[0], style=style)
            cell.setAttribute("numbercolumnsspanned", str(span))
            row.addElement(cell)
            row.addElement(CoveredTableCell(numbercolumnsrepeated=span - 1))
        else:
            for text in line.cells:
                row.addElement(_value_cell(text, style=style))
        table.addElement(row)
    return table


def _gegevens_table(
    values: Mapping[str, Value] | None, styles: _Styles, validations: Element
) -> Element:
    """Labels in column A, values in column B, each value cell with its help message."""
    table = _table(GEGEVENS_SHEET, GEGEVENS_WIDTHS, styles)
    for field, value in gegevens_rows(values):
        is_date = field.type is ColumnType.DATE
        rule = _date_rule() if is_date else None
        name = _add_validation(validations, rule, field.label, field.help)
        row = TableRow()
        row.addElement(_value_cell(field.label, style=styles.label))
        style = styles.date if is_date else styles.string
        row.addElement(_value_cell(value, style=style, validation=name))
        table.addElement(row)
    return table


def _data_table(
    sheet: SheetSchema,
    rows: Sequence[Mapping[str, Value]],
    wijken: Sequence[str],
    styles: _Styles,
    validations: Element,
) -> Element:
    """A header row and table_rows(rows) validated rows: the given rows, then empty ones
    written once with a repeat count."""
    columns = sheet.columns
    table = _table(sheet.name, [c.width for c in columns], styles)
    cell_styles = [styles.of_column(c) for c in columns]
    for element, style in zip(table.getElementsByType(TableColumn), cell_styles, strict=True):
        # Cells typed below the validated rows keep the format: dd-mm-jjjj, text as text.
        if style is not None:
            element.setAttribute("defaultcellstylename", style)
    names = [
        _add_validation(
            validations,
            _column_rule(column, wijken),
            input_title(column),
            column.help,
            base=f"{_quoted(sheet.name)}.{_letter(index)}2",
        )
        for index, column in enumerate(columns)
    ]
    header = TableRow()
    for column in columns:
        header.addElement(_value_cell(column.header, style=styles.header))
    table.addElement(header)
    for values in rows:
        row = TableRow()
        for column, name, style in zip(columns, names, cell_styles, strict=True):
            row.addElement(_value_cell(values.get(column.key), style=style, validation=name))
        table.addElement(row)
    empty_rows = table_rows(rows) - len(rows)
    if empty_rows:
        row = TableRow(numberrowsrepeated=empty_rows)
        for name, style in zip(names, cell_styles, strict=True):
            row.addElement(_value_cell(None, style=style, validation=name))
        table.addElement(row)
    return table


def _column_rule(column: Column, wijken: Sequence[str]) -> _Rule | None:
    """What a data column accepts: a list value, a date, a number in range, or anything."""
    source = list_name(column, wijken)
    if source is not None:
        condition = f"of:cell-content-is-in-list({source})"
        if column.vocabulary is None:  # the municipality's own list may be incomplete
            return _Rule(condition, WIJK_WARNING, alert="warning", dropdown=True)
        return _Rule(condition, LIST_ERROR, dropdown=True)
    if column.type is ColumnType.DATE:
        return _date_rule()
    if column.type in (ColumnType.INTEGER, ColumnType.NUMBER):
        return _number_rule(column)
    return None


def _date_rule() -> _Rule:
    low, high = (_serial(day) for day in (EARLIEST_DATE, LATEST_DATE))
    condition = f"of:cell-content-is-date() and cell-content-is-between({low},{high})"
    return _Rule(condition, DATE_ERROR)


def _number_rule(column: Column) -> _Rule:
    """A whole or decimal number within the schema's minimum and maximum, where given."""
    whole = column.type is ColumnType.INTEGER
    test = "of:cell-content-is-whole-number()" if whole else "of:cell-content-is-decimal-number()"
    low, high = column.minimum, column.maximum
    if low is not None and high is not None:
        condition = f"{test} and cell-content-is-between({low:g},{high:g})"
    elif low is not None:
        condition = f"{test} and cell-content()>={low:g}"
    elif high is not None:
        condition = f"{test} and cell-content()<={high:g}"
    else:
        condition = test
    return _Rule(condition, number_error(column))


def _add_validation(
    validations: Element, rule: _Rule | None, title: str, help_text: str, base: str = ""
) -> str:
    """Add a content validation: the help message, and the rule with its alert; return
    its name."""
    name = f"val{len(validations.childNodes) + 1}"
    attributes = {"name": name, "basecelladdress": base} if base else {"name": name}
    if rule is not None:
        attributes |= {"condition": rule.condition, "allowemptycell": "true"}
        if rule.dropdown:
            attributes["displaylist"] = "unsorted"
    validation = ContentValidation(**attributes)
    validation.addElement(_message(HelpMessage(title=title, display="true"), help_text))
    if rule is not None:
        alert = ErrorMessage(messagetype=rule.alert, title=title, display="true")
        validation.addElement(_message(alert, rule.message))
    validations.addElement(validation)
    return name


def _message(element: Element, text: str) -> Element:
    element.addElement(P(text=text))
    return element


def _lijsten_table(vocabularies: Sequence[Vocabulary], styles: _Styles) -> Element:
    """One column per list: its name in row 1, its values below (each a named range)."""
    table = Table(name=LIJSTEN_SHEET, stylename=styles.hidden)
    for vocabulary in vocabularies:
        width = max(len(v) for v in (*vocabulary.values, vocabulary.name)) + 2
        table.addElement(TableColumn(stylename=styles.column(width)))
    depth = max((len(v.values) for v in vocabularies), default=0)
    names = TableRow()
    for vocabulary in vocabularies:
        names.addElement(_value_cell(vocabulary.name, style=styles.label))
    table.addElement(names)
    for index in range(depth):
        row = TableRow()
        for vocabulary in vocabularies:
            value = vocabulary.values[index] if index < len(vocabulary.values) else None
            row.addElement(_value_cell(value, style=styles.string))
        table.addElement(row)
    return table


def _named_ranges(vocabularies: Sequence[Vocabulary]) -> Element:
    expressions = NamedExpressions()
    sheet = _quoted(LIJSTEN_SHEET)
    for index, vocabulary in enumerate(vocabularies):
        letter = _letter(index)
        last = len(vocabulary.values) + 1
        expressions.addElement(
            NamedRange(
                name=vocabulary.name,
                cellrangeaddress=f"${sheet}.${letter}$2:.${letter}${last}",
                basecelladdress=f"${sheet}.${letter}$1",
            )
        )
    return expressions


def _filter_ranges(kind: Kind, data: Mapping[str, Sequence[Mapping[str, Value]]] | None) -> Element:
    """Each data sheet's header and rows as a database range with filter buttons: what an
    Excel Table gives in the .xlsx (sorting and filtering from the header)."""
    ranges = DatabaseRanges()
    for sheet in kind.sheets:
        name = _quoted(sheet.name)
        last_column = _letter(len(sheet.columns) - 1)
        last_row = table_rows(data_rows(sheet, data)) + 1
        ranges.addElement(
            DatabaseRange(
                name=f"Tabel_{sheet.name}",
                targetrangeaddress=f"{name}.A1:{name}.{last_column}{last_row}",
                displayfilterbuttons="true",
                containsheader="true",
            )
        )
    return ranges


def _table(name: str, widths: Sequence[int], styles: _Styles) -> Element:
    table = Table(name=name, stylename=styles.shown)
    for width in widths:
        table.addElement(TableColumn(stylename=styles.column(width)))
    return table


def _value_cell(
    value: Value, *, style: Element | None = None, validation: str | None = None
) -> Element:
    """One cell: a date, a number, text (never a formula), or empty."""
    attributes: dict[str, object] = {}
    if style is not None:
        attributes["stylename"] = style
    if validation is not None:
        attributes["contentvalidationname"] = validation
    if value is None or value == "":
        return TableCell(**attributes)
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
        cell.addElement(P(text=value.strftime("%d-%m-%Y")))
        return cell
    if isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=repr(value), **attributes)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string", **attributes)
    # One paragraph per line, as LibreOffice writes a cell with line breaks.
    for line in _NOT_XML.sub("", value).splitlines() or [""]:
        paragraph = P()
        addTextToElement(paragraph, line)
        cell.addElement(paragraph)
    return cell


def _add_meta(doc: OpenDocumentSpreadsheet, kind: Kind) -> None:
    doc.meta.addElement(dc.Title(text=kind.title))
    doc.meta.addElement(meta.CreationDate(text=FIXED_CREATED.isoformat()))
    doc.meta.addElement(dc.Date(text=FIXED_CREATED.isoformat()))
    for name, value in ((KIND_PROPERTY, kind.id), (VERSION_PROPERTY, SCHEMA_VERSION)):
        doc.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=value))


# LibreOffice's view settings for a sheet whose first row is frozen, cursor below it.
_FROZEN_HEADER = (
    ("CursorPositionX", "int", "0"),
    ("CursorPositionY", "int", "1"),
    ("HorizontalSplitMode", "short", "0"),
    ("VerticalSplitMode", "short", "2"),
    ("HorizontalSplitPosition", "int", "0"),
    ("VerticalSplitPosition", "int", "1"),
    ("ActiveSplitRange", "short", "2"),
    ("PositionLeft", "int", "0"),
    ("PositionRight", "int", "0"),
    ("PositionTop", "int", "0"),
    ("PositionBottom", "int", "1"),
)


def _view_settings(kind: Kind) -> Element:
    """Open on Toelichting, with the header row of every data sheet frozen."""
    tables = config.ConfigItemMapNamed(name="Tables")
    for sheet in kind.sheets:
        entry = config.ConfigItemMapEntry(name=sheet.name)
        for name, type_, value in _FROZEN_HEADER:
            entry.addElement(config.ConfigItem(name=name, type=type_, text=value))
        tables.addElement(entry)
    view = config.ConfigItemMapEntry()
    view.addElement(config.ConfigItem(name="ViewId", type="string", text="view1"))
    view.addElement(tables)
    view.addElement(config.ConfigItem(name="ActiveTable", type="string", text=TOELICHTING_SHEET))
    views = config.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = config.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings


def _fixed_zip(doc: OpenDocumentSpreadsheet) -> bytes:
    """The document's zip with every entry dated FIXED_CREATED (odfpy stamps the current
    time); odfpy already writes mimetype first and stored, as ODF requires."""
    written = io.BytesIO()
    doc.write(written)
    result = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(result, "w") as fixed:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, FIXED_CREATED.timetuple()[:6])
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            info.create_system = 3  # Unix, whatever system writes it
            fixed.writestr(info, source.read(entry))
    return result.getvalue()


def _serial(day: date) -> int:
    return (day - _SERIAL_EPOCH).days


def _letter(index: int) -> str:
    """The column letters of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _quoted(sheet: str) -> str:
    """A sheet name as ODF cell addresses need it: quoted unless letters and digits."""
    return sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"
