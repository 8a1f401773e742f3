"""The summary workbook (Dutch): the figures of toolkit.stats, laid out for a person to read.

Sheets Samenvatting, Verloop, Werving, Diversiteit, Bijeenkomsten, Evaluatie, Signalen,
Bronnen and Toelichting, with native charts. Values only, never formulas: every text (a
municipality's name, a file's path) is written as a text cell. Percentages are written as
the number the statistics give (48.3) with a "0.0" format and "%" in the column header, so
the cell holds what `sleutelnet stats --format json` prints. A count hidden by suppression
shows as "<5" (with the threshold used); a value hidden to protect it shows as "x".
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.chart import Chart as XlsxChart
from xlsxwriter.format import Format

from toolkit.io.atomic import atomic_path
from toolkit.io.xlsx_rows import RowSheet
from toolkit.io.zipped import deflated_in_threads
from toolkit.schema import vocabularies as v
from toolkit.stats.suppression import Hidden

if TYPE_CHECKING:
    from toolkit.merge import MergeResult

PCT_FORMAT = "0.0"
LINE_HEIGHT = 15.0  # points per line of text in the default font
MAX_DIVERSITY_CHARTS = 20  # one chart per municipality, for the first ones (sorted by name)


@dataclass(frozen=True)
class Col:
    """A column of a table: its header, how to get its value from a row, how it looks."""

    header: str
    get: Callable[[Any], Any]
    style: str = "count"  # a key of STYLES
    width: int = 12


@dataclass(frozen=True)
class Key:
    """A getter for a nested value; None when any step is missing."""

    names: tuple[str | int, ...]

    def __call__(self, row: Any) -> Any:
        for name in self.names:
            if isinstance(row, dict):
                row = row.get(name)
            elif isinstance(row, (list, tuple)) and isinstance(name, int) and name < len(row):
                row = row[name]
            else:
                return None
        return row

    def column(self, rows: Sequence[Any]) -> Sequence[Any]:
        """The value of each row, as calling it on each, but a step at a time for all rows:
        for names of dicts (the large tables) without a Python call per value."""
        if not all(isinstance(name, str) for name in self.names):
            return list(map(self, rows))
        values: Sequence[Any] = rows
        for name in self.names:
            try:
                values = list(map(dict.get, values, repeat(name)))
            except TypeError:  # a value that is not a dict: None
                values = [value.get(name) if isinstance(value, dict) else None for value in values]
        return values


def key(*names: str | int) -> Key:
    """The Key of names, as the tables spell it: key("verloop", "instroom")."""
    return Key(names)


# Cell styles: how a value looks. "pct" and "tenth" look alike (one decimal); the header of a
# "pct" column carries the % sign.
STYLES: dict[str, dict[str, Any]] = {
    "text": {},
    "wrap": {"text_wrap": True, "valign": "top"},
    "count": {"num_format": "0"},
    "pct": {"num_format": PCT_FORMAT},
    "tenth": {"num_format": "0.0"},
    "decimal": {"num_format": "0.00"},
    "index": {"num_format": "0.000"},
    "hidden": {"align": "right", "font_color": "#7F7F7F"},
    "title": {"bold": True, "font_size": 14},
    "subtitle": {"italic": True, "font_color": "#555555"},
    "heading": {"bold": True, "font_size": 12},
    "header": {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7"},
}
TOTAL_STYLE = {"bold": True, "top": 1}


@dataclass(frozen=True)
class Series:
    """Chart data on one sheet: categories in column cat and values in column val, rows
    first..last; its name is the header cell (header, val)."""

    header: int
    first: int
    last: int
    cat: int
    val: int


@dataclass(frozen=True)
class Chart:
    """A native chart, in xlsxwriter's terms: a kind ("column", "bar", "scatter"), its
    series, and optionally series drawn as a line over it."""

    kind: str
    title: str
    series: tuple[Series, ...]
    lines: tuple[Series, ...] = ()
    x_axis: dict[str, Any] = field(default_factory=dict)
    y_axis: dict[str, Any] = field(default_factory=dict)
    legend: bool = True
    scale: tuple[float, float] = (1.4, 1.2)


def wrapped_lines(text: str, width: int) -> int:
    """How many lines text takes when wrapped at word boundaries in a column of width
    characters (a word longer than the column takes a line of its own)."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


class Canvas(ABC):
    """Where the sheets are drawn: cells by row and column (0-based), on sheets by name. The
    layout (tables, titles) is shared; each file format draws the cells."""

    def __init__(self, threshold: int) -> None:
        self.small_label = f"<{threshold}"
        self.widths: dict[tuple[str, int], int] = {}

    @abstractmethod
    def sheet(self, name: str) -> str: ...

    @abstractmethod
    def write(
        self, sheet: str, row: int, col: int, value: Any, style: str, *, total: bool = False
    ) -> None:
        """One value: a number as a number, any text as text (never a formula), None as an
        empty cell, a Hidden value as its label."""

    def write_columns(
        self,
        sheet: str,
        top: int,
        left: int,
        columns: Sequence[Sequence[Any]],
        styles: Sequence[str],
        *,
        total_rows: int = 0,
    ) -> None:
        """Columns of values (all as long) from row top and column left on, each in its
        style (the last total_rows rows in bold), each value as write writes it."""
        first_total = top + (len(columns[0]) if columns else 0) - total_rows
        for col, (values, style) in enumerate(zip(columns, styles, strict=True), start=left):
            for row, value in enumerate(values, start=top):
                self.write(sheet, row, col, value, style, total=row >= first_total)

    @abstractmethod
    def set_width(self, sheet: str, col: int, width: int) -> None: ...

    @abstractmethod
    def set_lines(self, sheet: str, row: int, lines: int) -> None:
        """Make a row tall enough for lines of wrapped text."""

    @abstractmethod
    def freeze(self, sheet: str, row: int, col: int) -> None:
        """Keep the rows above row and the columns left of col in view."""

    @abstractmethod
    def note(self, sheet: str, row: int, text: str) -> None:
        """A line of prose over the first two columns."""

    @abstractmethod
    def chart(self, sheet: str, row: int, col: int, chart: Chart) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def hidden_label(self, value: Hidden) -> str:
        return self.small_label if value.small else "x"

    def width(self, sheet: str, col: int, width: int) -> None:
        """Widen a column to width; tables sharing a column keep the widest."""
        widest = max(width, self.widths.get((sheet, col), 0))
        self.widths[(sheet, col)] = widest
        self.set_width(sheet, col, widest)

    def table(
        self,
        sheet: str,
        top: int,
        cols: Sequence[Col],
        rows: Sequence[Any],
        *,
        left: int = 0,
        total_rows: int = 0,
    ) -> int:
        """A header and one line per row (the last total_rows in bold); the next free row."""
        # wide enough that no header word is broken, tall enough for the wrapped header
        widths = [max(col.width, *(len(w) + 1 for w in col.header.split())) for col in cols]
        self.write_columns(sheet, top, left, [[col.header] for col in cols], ["header"] * len(cols))
        for index, width in enumerate(widths):
            self.width(sheet, left + index, width)
        heights = (wrapped_lines(col.header, w) for col, w in zip(cols, widths, strict=True))
        self.set_lines(sheet, top, max(heights))
        columns = [  # a column at a time: a Key's goes without a call per row
            col.get.column(rows) if isinstance(col.get, Key) else list(map(col.get, rows))
            for col in cols
        ]
        styles = [col.style for col in cols]
        self.write_columns(sheet, top + 1, left, columns, styles, total_rows=total_rows)
        return top + len(rows) + 2

    def title(self, sheet: str, text: str, subtitle: str) -> int:
        self.write(sheet, 0, 0, text, "title")
        self.write(sheet, 1, 0, subtitle, "subtitle")
        return 3

    def heading(self, sheet: str, row: int, text: str, col: int = 0) -> int:
        self.write(sheet, row, col, text, "heading")
        return row + 1


# The turnover figures after the flows, as on Samenvatting and Verloop alike.
RETENTION_COLS = (
    Col("Verloop %", key("verloop", "verloop_pct"), "pct"),
    Col("Behouden", key("verloop", "behouden")),
    Col("Behoud %", key("verloop", "behoud_pct"), "pct"),
    Col("Vroege uitval", key("verloop", "vroege_uitval")),
    Col("Exitgesprekken", key("verloop", "exitgesprekken")),
    Col("Exitgesprek %", key("verloop", "exitgesprek_pct"), "pct"),
)


# Values a cell shows as they are: a number as a number, text as text, None or "" as empty.
_AS_GIVEN = frozenset({int, float, str, type(None)})


class XlsxCanvas(Canvas):
    """An .xlsx workbook written with xlsxwriter, with native charts. The cells go in a block
    of columns at a time (toolkit.io.xlsx_rows)."""

    def __init__(self, path: Path, threshold: int, threads: int = 1) -> None:
        super().__init__(threshold)
        self.threads = threads  # that deflate the workbook's parts (toolkit.io.zipped)
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "in_memory": True,  # the parts zipped from memory, not from a temporary file each
            },
        )
        add = self.book.add_format
        self.styles = {name: add(props) for name, props in STYLES.items()}
        self.total_styles = {name: add({**props, **TOTAL_STYLE}) for name, props in STYLES.items()}
        self.sheets: dict[str, RowSheet] = {}
        self.row_lines: dict[tuple[str, int], int] = {}

    def sheet(self, name: str) -> str:
        ws = self.book.add_worksheet(name, worksheet_class=RowSheet)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        self.sheets[name] = ws
        return name

    def write(
        self, sheet: str, row: int, col: int, value: Any, style: str, *, total: bool = False
    ) -> None:
        self.write_columns(sheet, row, col, [[value]], [style], total_rows=1 if total else 0)

    def write_columns(
        self,
        sheet: str,
        top: int,
        left: int,
        columns: Sequence[Sequence[Any]],
        styles: Sequence[str],
        *,
        total_rows: int = 0,
    ) -> None:
        # The lines, then the total lines, a block of columns at a time (toolkit.io.xlsx_rows):
        # a national summary has a quarter of a million cells.
        ws, body = self.sheets[sheet], (len(columns[0]) if columns else 0) - total_rows
        for start, end, formats in ((0, body, self.styles), (body, None, self.total_styles)):
            shown = [self._shown(values[start:end], formats["hidden"]) for values in columns]
            ws.write_columns(top + start, left, shown, [formats[style] for style in styles])

    def _shown(self, values: Sequence[Any], hidden: Format) -> Sequence[Any]:
        """The values as their cells show them: a hidden one as its label in the hidden
        format (a (text, format) pair), a boolean as Ja or Nee, any other value as its text."""
        if _AS_GIVEN.issuperset(map(type, values)):
            return values
        labels = {small: (self.hidden_label(Hidden(small)), hidden) for small in (True, False)}
        return [
            value
            if value.__class__ in _AS_GIVEN
            else labels[value.small]
            if isinstance(value, Hidden)
            else _shown_text(value)
            for value in values
        ]

    def set_width(self, sheet: str, col: int, width: int) -> None:
        self.sheets[sheet].set_column(col, col, width)

    def set_lines(self, sheet: str, row: int, lines: int) -> None:
        # Neither Excel nor LibreOffice grows a stored row to its wrapped text on opening;
        # tables side by side share a header row, so the tallest wins.
        tallest = max(lines, self.row_lines.get((sheet, row), 1))
        self.row_lines[(sheet, row)] = tallest
        if tallest > 1:
            self.sheets[sheet].set_row(row, LINE_HEIGHT * tallest)

    def freeze(self, sheet: str, row: int, col: int) -> None:
        self.sheets[sheet].freeze_panes(row, col)

    def note(self, sheet: str, row: int, text: str) -> None:
        # Merged cells do not grow to fit their text: two lines of 134 characters do.
        self.sheets[sheet].merge_range(row, 0, row, 1, "", self.styles["wrap"])
        self.sheets[sheet].write_string(row, 0, text, self.styles["wrap"])
        self.sheets[sheet].set_row(row, 30)

    def chart(self, sheet: str, row: int, col: int, chart: Chart) -> None:
        drawn = self._chart(sheet, chart.kind, chart.series)
        if chart.lines:
            line = self._chart(sheet, "line", chart.lines)
            drawn.combine(line)
        drawn.set_title({"name": chart.title})
        drawn.set_x_axis(chart.x_axis)
        drawn.set_y_axis(chart.y_axis)
        if not chart.legend:
            drawn.set_legend({"none": True})
        x_scale, y_scale = chart.scale
        self.sheets[sheet].insert_chart(row, col, drawn, {"x_scale": x_scale, "y_scale": y_scale})

    def _chart(self, sheet: str, kind: str, series: Sequence[Series]) -> XlsxChart:
        options: dict[str, Any] = {"type": kind}
        if kind == "scatter":
            options["subtype"] = "straight_with_markers"
        drawn = self.book.add_chart(options)
        assert drawn is not None  # xlsxwriter returns None only for an unknown type
        for one in series:
            data: dict[str, Any] = {
                "name": [sheet, one.header, one.val],
                "categories": [sheet, one.first, one.cat, one.last, one.cat],
                "values": [sheet, one.first, one.val, one.last, one.val],
            }
            if kind in ("line", "scatter"):
                data["marker"] = {"type": "circle"}
            drawn.add_series(data)
        return drawn

    def close(self) -> None:
        with deflated_in_threads(self.threads):
            self.book.close()


def write_summary(output: Path, result: MergeResult, *, fmt: str = "xlsx", jobs: int = 1) -> None:
    """Write the summary workbook of a merge to output, atomically; jobs: the threads that
    may share its packing (.xlsx)."""
    with atomic_path(output) as temporary:
        canvas = _canvas(fmt, temporary, result.threshold, jobs)
        _Sheets(canvas, result).write_all()
        canvas.close()


def _canvas(fmt: str, path: Path, threshold: int, jobs: int) -> Canvas:
    if fmt == "ods":
        from toolkit.summary_ods import OdsCanvas  # it builds on this module

        return OdsCanvas(path, threshold)
    return XlsxCanvas(path, threshold, jobs)


class _Sheets:
    """The nine sheets, each from the marked statistics of one merge."""

    def __init__(self, book: Canvas, result: MergeResult) -> None:
        self.book = book
        self.result = result
        self.stats = result.marked
        totaal = self.stats.get("totaal") or {"gemeente": "Totaal"}
        self.municipalities: list[dict[str, Any]] = list(self.stats.get("gemeenten") or [])
        self.all = [*self.municipalities, totaal]
        self.totaal = totaal
        periode = self.stats.get("periode") or {}
        self.subtitle = (
            f"Periode {periode.get('label', result.period.label)} "
            f"({periode.get('start', result.period.start.isoformat())} t/m "
            f"{periode.get('end', result.period.end.isoformat())}) · "
            f"{len(self.municipalities)} gemeente(n) · kleine aantallen (1 t/m "
            f"{result.threshold}) verborgen als {book.small_label}"
        )

    def write_all(self) -> None:
        self.samenvatting()
        self.verloop()
        self.werving()
        self.diversiteit()
        self.bijeenkomsten()
        self.evaluatie()
        self.signalen()
        self.bronnen()
        self.toelichting()

    def _start(self, name: str, title: str) -> tuple[str, int]:
        ws = self.book.sheet(name)
        return ws, self.book.title(ws, title, self.subtitle)

    def _main_table(self, ws: str, top: int, cols: Sequence[Col]) -> int:
        """The per-municipality table with the Totaal row, its header frozen."""
        self.book.freeze(ws, top + 1, 1)
        return self.book.table(ws, top, cols, self.all, total_rows=1)

    # Samenvatting ------------------------------------------------------------------------

    def samenvatting(self) -> None:
        ws, top = self._start("Samenvatting", "Kwartaaloverzicht sleutelpersonennetwerken")
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Sleutelpersonen begin", key("verloop", "bezetting_begin")),
            Col("Sleutelpersonen eind", key("verloop", "bezetting_eind")),
            Col("Instroom", key("verloop", "instroom")),
            Col("Herintreders", key("verloop", "herintreders")),
            Col("Uitstroom", key("verloop", "uitstroom")),
            *RETENTION_COLS,
            Col("Kandidaten", key("werving", "kandidaten")),
            Col("Geselecteerd", key("werving", "trechter", "geselecteerd")),
            Col("Bijeenkomsten", key("bijeenkomsten", "aantal")),
            Col("Opkomst %", key("bijeenkomsten", "opkomst_pct"), "pct"),
            Col("Stille leden", key("bijeenkomsten", "stille_leden")),
            Col("Respondenten evaluatie", key("evaluatie", "respondenten")),
            Col("Signalen", lambda m: len(m.get("signalen") or [])),
            Col("Verdwenen zonder einddatum", self._disappeared),
        ]
        self._main_table(ws, top, cols)

    def _disappeared(self, figures: dict[str, Any]) -> int | None:
        total = figures is self.totaal
        return self.result.disappeared_in(None if total else figures.get("gemeente"))

    # Verloop -----------------------------------------------------------------------------

    def verloop(self) -> None:
        ws, top = self._start("Verloop", "Verloop: instroom, uitstroom en behoud")
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Bezetting begin", key("verloop", "bezetting_begin")),
            Col("Bezetting eind", key("verloop", "bezetting_eind")),
            Col("Gemiddelde bezetting", key("verloop", "gemiddelde_bezetting"), "tenth"),
            Col("Instroom", key("verloop", "instroom")),
            Col("Herintreders", key("verloop", "herintreders")),
            Col("Uitstroom", key("verloop", "uitstroom")),
            Col("Uitstroom vrijwillig", key("verloop", "uitstroom_vrijwillig")),
            Col("Uitstroom onvrijwillig", key("verloop", "uitstroom_onvrijwillig")),
            *RETENTION_COLS,
            Col("Actief (n)", key("verloop", "zittingsduur", "actief_n")),
            Col(
                "Mediane zittingsduur actief (dagen)",
                key("verloop", "zittingsduur", "actief_mediaan_dagen"),
                "tenth",
                14,
            ),
            Col("Vertrokken (n)", key("verloop", "zittingsduur", "vertrokken_n")),
            Col(
                "Mediane zittingsduur vertrokken (dagen)",
                key("verloop", "zittingsduur", "vertrokken_mediaan_dagen"),
                "tenth",
                14,
            ),
            Col("Behoud na 6 maanden %", key("verloop", "retentie", "behoud_6_maanden_pct"), "pct"),
            Col(
                "Behoud na 12 maanden %", key("verloop", "retentie", "behoud_12_maanden_pct"), "pct"
            ),
            Col(
                "Behoud na 24 maanden %", key("verloop", "retentie", "behoud_24_maanden_pct"), "pct"
            ),
            Col("Mediane duur tot vertrek (dagen)", key("verloop", "retentie", "mediaan_dagen")),
            Col("Telling klopt", key("verloop", "identiteit", "klopt"), "text", 9),
            *(
                Col(f"Reden: {r}", key("verloop", "redenen", r), "count", 16)
                for r in v.REDENEN_VERTREK.values
            ),
        ]
        end = self._main_table(ws, top, cols)
        end = self._trend_table(ws, end)
        self._totaal_charts_verloop(ws, top, len(cols) + 1)

    def _trend_table(self, ws: str, top: int) -> int:
        row = self.book.heading(ws, top, "Verloop per kwartaal (laatste acht kwartalen)")
        lines = [
            {"gemeente": figures.get("gemeente"), **quarter}
            for figures in self.all
            for quarter in key("verloop", "trend")(figures) or []
        ]
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Kwartaal", key("label"), "text"),
            Col("Bezetting begin", key("bezetting_begin")),
            Col("Bezetting eind", key("bezetting_eind")),
            Col("Instroom", key("instroom")),
            Col("Uitstroom", key("uitstroom")),
            Col("Verloop %", key("verloop_pct"), "pct"),
        ]
        return self.book.table(ws, row, cols, lines)

    def _totaal_charts_verloop(self, ws: str, top: int, left: int) -> None:
        """Trend, reasons and retention curve of the Totaal, each beside its own data."""
        book = self.book
        trend = key("verloop", "trend")(self.totaal) or []
        row = book.heading(ws, top, "Totaal: verloop per kwartaal", left)
        cols = [
            Col("Kwartaal", key("label"), "text"),
            Col("Bezetting eind", key("bezetting_eind")),
            Col("Instroom", key("instroom")),
            Col("Uitstroom", key("uitstroom")),
        ]
        book.table(ws, row, cols, trend, left=left)
        first, last = row + 1, row + len(trend)
        flows = Chart(
            "column",
            "Sleutelpersonen, instroom en uitstroom per kwartaal",
            (Series(row, first, last, left, left + 2), Series(row, first, last, left, left + 3)),
            lines=(Series(row, first, last, left, left + 1),),
            y_axis={"name": "Aantal personen"},
        )
        book.chart(ws, row, left + 5, flows)

        row += 18
        row = book.heading(ws, row, "Totaal: redenen van vertrek", left)
        reasons = [
            {"reden": r, "aantal": key("verloop", "redenen", r)(self.totaal)}
            for r in v.REDENEN_VERTREK.values
        ]
        book.table(
            ws,
            row,
            [Col("Reden", key("reden"), "text", 34), Col("Aantal", key("aantal"))],
            reasons,
            left=left,
        )
        reasons_chart = Chart(
            "bar",
            "Redenen van vertrek (totaal)",
            (Series(row, row + 1, row + len(reasons), left, left + 1),),
            y_axis={"reverse": True},
            legend=False,
        )
        book.chart(ws, row, left + 5, reasons_chart)

        row += 18
        row = book.heading(ws, row, "Totaal: behoudcurve (Kaplan-Meier)", left)
        curve = key("verloop", "retentie", "curve")(self.totaal) or []
        book.table(
            ws,
            row,
            [Col("Maand", key("maand")), Col("Behoud %", key("behoud_pct"), "pct")],
            curve,
            left=left,
        )
        retention = Chart(
            "scatter",
            "Aandeel nog actief naar maanden deelname (totaal)",
            (Series(row, row + 1, row + len(curve), left, left + 1),),
            x_axis={"name": "Maanden sinds start"},
            y_axis={"name": "Nog actief %", "min": 0, "max": 100},
            legend=False,
        )
        book.chart(ws, row, left + 5, retention)

    # Werving -----------------------------------------------------------------------------

    def werving(self) -> None:
        ws, top = self._start("Werving", "Werving: van benaderd tot geselecteerd")
        funnel = ("werving", "trechter")
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Kandidaten", key("werving", "kandidaten")),
            Col("Nieuw benaderd", key("werving", "nieuw_benaderd")),
            Col("Benaderd", key(*funnel, "benaderd")),
            Col("In gesprek", key(*funnel, "in_gesprek")),
            Col("Geselecteerd", key(*funnel, "geselecteerd")),
            Col("Benaderd → gesprek %", key(*funnel, "benaderd_naar_gesprek_pct"), "pct"),
            Col("Gesprek → geselecteerd %", key(*funnel, "gesprek_naar_geselecteerd_pct"), "pct"),
            Col("Opbrengst %", key(*funnel, "opbrengst_pct"), "pct"),
            Col("Besluiten", key("werving", "besluiten")),
            Col("Mediaan dagen tot besluit", key("werving", "mediaan_dagen_tot_besluit"), "tenth"),
            *(
                Col(f"Status: {s}", key("werving", "statussen", s))
                for s in v.STATUS_KANDIDAAT.values
            ),
        ]
        end = self._main_table(ws, top, cols)
        row = self.book.heading(ws, end, "Per wervingsmethode")
        lines = [
            {"gemeente": m.get("gemeente"), "methode": method, **figures}
            for m in self.all
            for method, figures in (key("werving", "per_methode")(m) or {}).items()
        ]
        method_cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Wervingsmethode", key("methode"), "text", 30),
            Col("Benaderd", key("benaderd")),
            Col("In gesprek", key("in_gesprek")),
            Col("Geselecteerd", key("geselecteerd")),
            Col("Opbrengst %", key("opbrengst_pct"), "pct"),
            Col("Besluiten", key("besluiten")),
            Col("Mediaan dagen tot besluit", key("mediaan_dagen_tot_besluit"), "tenth"),
        ]
        self.book.table(ws, row, method_cols, lines)
        self._funnel_chart(ws, top, len(cols) + 1)

    def _funnel_chart(self, ws: str, top: int, left: int) -> None:
        row = self.book.heading(ws, top, "Totaal: wervingstrechter", left)
        stages = [
            ("Benaderd", "benaderd"),
            ("In gesprek", "in_gesprek"),
            ("Geselecteerd", "geselecteerd"),
        ]
        lines = [
            {"fase": label, "aantal": key("werving", "trechter", k)(self.totaal)}
            for label, k in stages
        ]
        self.book.table(
            ws,
            row,
            [Col("Fase", key("fase"), "text", 14), Col("Aantal", key("aantal"))],
            lines,
            left=left,
        )
        funnel = Chart(
            "bar",
            "Wervingstrechter (totaal)",
            (Series(row, row + 1, row + 3, left, left + 1),),
            y_axis={"reverse": True},
            legend=False,
        )
        self.book.chart(ws, row, left + 3, funnel)

    # Diversiteit -------------------------------------------------------------------------

    def diversiteit(self) -> None:
        ws, top = self._start("Diversiteit", "Diversiteit: aandelen tegen de streefwaarden")
        lines = [
            {
                "gemeente": m.get("gemeente"),
                "dimensie": d.get("dimensie"),
                "basis": d.get("basis"),
                "ontbrekend": d.get("ontbrekend"),
                "blau": d.get("blau_index"),
                **c,
            }
            for m in self.all
            for d in key("diversiteit", "dimensies")(m) or []
            for c in d.get("categorieen") or []
        ]
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Dimensie", key("dimensie"), "text", 22),
            Col("Categorie", key("categorie"), "text", 28),
            Col("Aantal", key("aantal")),
            Col("Aandeel %", key("aandeel_pct"), "pct"),
            Col("Streef %", key("streef_pct"), "pct"),
            Col("Verschil (procentpunt)", key("verschil_pp"), "pct"),
            Col("Minimum aantal", key("minimum_aantal")),
            Col("Basis (bekend)", key("basis")),
            Col("Onbekend of leeg", key("ontbrekend")),
            Col("Blau-index", key("blau"), "index"),
        ]
        self.book.freeze(ws, top + 1, 1)
        self.book.table(ws, top, cols, lines)
        self._diversity_charts(ws, top, lines, len(cols) + 1)

    def _diversity_charts(self, ws: str, top: int, lines: list[dict[str, Any]], left: int) -> None:
        """Per municipality (the first ones): share against target for each category."""
        charted = self.municipalities[:MAX_DIVERSITY_CHARTS]
        names = {figures["gemeente"] for figures in charted}
        targeted: dict[str, list[int]] = {}  # per municipality, its lines with a target
        for i, line in enumerate(lines):
            if line["gemeente"] in names and line.get("streef_pct") is not None:
                targeted.setdefault(line["gemeente"], []).append(i)
        row = top
        for figures in charted:
            rows = targeted.get(figures["gemeente"])
            if not rows:
                continue
            first, last = top + 1 + rows[0], top + 1 + rows[-1]
            targets = Chart(
                "bar",
                f"Aandeel en streefwaarde (%): {figures['gemeente']}",
                tuple(Series(top, first, last, 2, col) for col in (4, 5)),
                y_axis={"reverse": True},
                scale=(1.4, 2.0),
            )
            self.book.chart(ws, row, left, targets)
            row += 31

    # Bijeenkomsten -----------------------------------------------------------------------

    def bijeenkomsten(self) -> None:
        ws, top = self._start("Bijeenkomsten", "Bijeenkomsten en opkomst")
        meet = "bijeenkomsten"
        spread = ("nooit", "minder_dan_de_helft", "de_helft_of_meer", "altijd")
        spread_labels = ("nooit", "minder dan de helft", "de helft of meer", "altijd")
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Bijeenkomsten", key(meet, "aantal")),
            Col("Met burgemeester of wethouder", key(meet, "met_bestuurder")),
            Col("Aanwezigen (totaal)", key(meet, "aanwezig")),
            Col("Actief op de data", key(meet, "actief_op_datum")),
            Col("Opkomst %", key(meet, "opkomst_pct"), "pct"),
            Col("Personen", key(meet, "per_persoon", "personen")),
            Col(
                "Gemiddelde opkomst per persoon %",
                key(meet, "per_persoon", "gemiddelde_opkomst_pct"),
                "pct",
            ),
            *(
                Col(f"Personen: {label}", key(meet, "per_persoon", "verdeling", s))
                for s, label in zip(spread, spread_labels, strict=True)
            ),
            Col("Stille leden", key(meet, "stille_leden")),
            Col("Basis stille leden", key(meet, "stille_leden_basis")),
            *(
                Col(f"Soort: {s}", key(meet, "per_soort", s), "count", 16)
                for s in v.SOORTEN_BIJEENKOMST.values
            ),
            *(
                Col(f"Locatie: {s}", key(meet, "per_locatie", s), "count", 16)
                for s in v.LOCATIES.values
            ),
        ]
        end = self._main_table(ws, top, cols)
        row = self.book.heading(ws, end, "Per bijeenkomst")
        lines = [
            {"gemeente": m.get("gemeente"), **meeting}
            for m in self.municipalities
            for meeting in key(meet, "per_bijeenkomst")(m) or []
        ]
        meeting_cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Datum", key("datum"), "text"),
            Col("Soort bijeenkomst", key("soort"), "text", 30),
            Col("Soort locatie", key("soort_locatie"), "text", 24),
            Col("Aanwezig", key("aanwezig")),
            Col("Actief op die dag", key("actief")),
            Col("Opkomst %", key("opkomst_pct"), "pct"),
        ]
        self.book.table(ws, row, meeting_cols, lines)

    # Evaluatie ---------------------------------------------------------------------------

    def evaluatie(self) -> None:
        ws, top = self._start("Evaluatie", "Evaluatie: stellingen en doelen")
        lines = [
            {"gemeente": m.get("gemeente"), **statement}
            for m in self.all
            for statement in key("evaluatie", "stellingen")(m) or []
        ]
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Code", key("code"), "text", 7),
            Col("Stelling", key("stelling"), "text", 50),
            Col("Antwoorden (n)", key("n")),
            Col("Gemiddelde (1-5)", key("gemiddelde"), "decimal"),
            *(Col(s, key("verdeling", s), "count", 11) for s in v.LIKERT.values),
        ]
        self.book.freeze(ws, top + 1, 1)
        end = self.book.table(ws, top, cols, lines)
        self._evaluation_chart(ws, top, len(cols) + 1)
        row = self.book.heading(ws, end, "Per soort respondent")
        per_kind = [
            {"gemeente": m.get("gemeente"), "soort": kind, **figures}
            for m in self.all
            for kind, figures in (key("evaluatie", "per_soort_respondent")(m) or {}).items()
        ]
        end = self.book.table(
            ws,
            row,
            [
                Col("Gemeente", key("gemeente"), "text", 26),
                Col("Soort respondent", key("soort"), "text", 22),
                Col("Respondenten", key("respondenten")),
                Col("Antwoorden (n)", key("n")),
                Col("Gemiddelde (1-5)", key("gemiddelde"), "decimal"),
            ],
            per_kind,
        )
        row = self.book.heading(ws, end, "Doelen behaald")
        achieved = (*v.BEHAALD.values, "Niet ingevuld")
        self.book.table(
            ws,
            row,
            [
                Col("Gemeente", key("gemeente"), "text", 26),
                Col("Respondenten", key("evaluatie", "respondenten")),
                Col("Laatste evaluatie", key("evaluatie", "laatste_datum"), "text"),
                Col("Doelen", key("evaluatie", "doelen")),
                *(Col(f"Behaald: {a}", key("evaluatie", "behaald", a)) for a in achieved),
            ],
            self.all,
            total_rows=1,
        )

    def _evaluation_chart(self, ws: str, top: int, left: int) -> None:
        statements = key("evaluatie", "stellingen")(self.totaal) or []
        row = self.book.heading(ws, top, "Totaal: gemiddelde score per stelling", left)
        self.book.table(
            ws,
            row,
            [Col("Code", key("code"), "text", 7), Col("Gemiddelde", key("gemiddelde"), "decimal")],
            statements,
            left=left,
        )
        scores = Chart(
            "bar",
            "Gemiddelde score per stelling, 1-5 (totaal)",
            (Series(row, row + 1, row + max(len(statements), 1), left, left + 1),),
            x_axis={"min": 1, "max": 5},
            y_axis={"reverse": True},
            legend=False,
            scale=(1.4, 1.6),
        )
        self.book.chart(ws, row, left + 3, scores)

    # Signalen ----------------------------------------------------------------------------

    def signalen(self) -> None:
        ws, top = self._start("Signalen", "Signalen: waar het netwerk aandacht vraagt")
        lines = [
            {
                **signal,
                "titel": SIGNAL_TITLES.get(signal.get("code", ""), signal.get("code")),
                "gemeente": signal.get("gemeente") or m.get("gemeente"),
                "cijfers_tekst": _figures_text(signal.get("cijfers")),
            }
            for m in self.municipalities
            for signal in m.get("signalen") or []
        ]
        lines += [
            {
                "gemeente": gone.gemeente,
                "titel": SIGNAL_TITLES["verdwenen_zonder_einddatum"],
                "paragraaf": "3.3",
                "bericht": f"Persoon-ID {gone.person_id} stond in het vorige "
                "register zonder einddatum en ontbreekt nu. Geef een einddatum en reden in plaats "
                "van de regel te verwijderen.",
                "cijfers_tekst": f"vorig bestand: {gone.previous.name}",
            }
            for gone in self.result.disappeared
        ]
        cols = [
            Col("Gemeente", key("gemeente"), "text", 26),
            Col("Signaal", key("titel"), "text", 40),
            Col("Handreiking §", key("paragraaf"), "text", 12),
            Col("Toelichting", key("bericht"), "wrap", 70),
            Col("Cijfers", key("cijfers_tekst"), "wrap", 40),
        ]
        self.book.freeze(ws, top + 1, 1)
        if not lines:
            self.book.write(ws, top + 1, 0, "Geen signalen.", "text")
        self.book.table(ws, top, cols, lines)

    # Bronnen -----------------------------------------------------------------------------

    def bronnen(self) -> None:
        ws, top = self._start("Bronnen", "Bronnen: elk bestand en elke regel verantwoord")
        cols = [
            Col("Bestand", lambda s: str(s.path), "text", 50),
            Col("Rol", lambda s: ROLES[s.role], "text", 14),
            Col("Soort", lambda s: s.kind, "text", 24),
            Col("Gemeente", lambda s: s.gemeente, "text", 20),
            Col("Periode", lambda s: s.periode, "text", 10),
            Col("Blad", lambda s: s.sheet, "text", 16),
            Col("SHA-256", lambda s: s.sha256, "text", 20),
            Col("Rijen gelezen", lambda s: s.rows_read),
            Col("Rijen gebruikt", lambda s: s.rows_used),
            Col("Rijen weggelaten", lambda s: s.rows_left_out),
            Col("Reden weggelaten", lambda s: s.reason, "text", 40),
            Col("Oordeel controle", lambda s: s.verdict, "text", 30),
        ]
        self.book.freeze(ws, top + 1, 1)
        end = self.book.table(ws, top, cols, self.result.sources)
        row = self.book.heading(ws, end, "Per soort: gelezen = gebruikt + weggelaten")
        end = self.book.table(
            ws,
            row,
            [
                Col("Rol", key("rol"), "text", 14),
                Col("Soort", key("soort"), "text", 24),
                Col("Bestanden", key("bestanden")),
                Col("Rijen gelezen", key("gelezen")),
                Col("Rijen gebruikt", key("gebruikt")),
                Col("Rijen weggelaten", key("weggelaten")),
                Col("Klopt", key("klopt"), "text", 8),
            ],
            kind_balance(self.result),
        )
        row = self.book.heading(ws, end, "Verdwenen zonder einddatum (vergeleken met --vorige)")
        if not self.result.compared:
            self.book.write(ws, row, 0, NOT_COMPARED, "text")
            return
        self.book.table(
            ws,
            row,
            [
                Col("Gemeente", lambda d: d.gemeente, "text", 26),
                Col("Persoon-ID", lambda d: d.person_id, "text", 14),
                Col("Vorig bestand", lambda d: str(d.previous), "text", 50),
            ],
            self.result.disappeared,
        )

    # Toelichting -------------------------------------------------------------------------

    def toelichting(self) -> None:
        ws, top = self._start("Toelichting", "Toelichting: wat elk cijfer betekent")
        self.book.width(ws, 0, 34)
        self.book.width(ws, 1, 100)
        row = top
        for line in READING_NOTES:
            text = line.format(drempel=self.result.threshold, teken=self.book.small_label)
            self.book.note(ws, row, text)
            row += 1
        self.book.table(
            ws,
            row + 1,
            [Col("Begrip", key(0), "wrap", 34), Col("Definitie", key(1), "wrap", 100)],
            DEFINITIONS,
        )


def _shown_text(value: Any) -> Any:
    """A value that is neither plain nor hidden as a cell shows it."""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    return value if isinstance(value, (int, float)) else str(value)


def _figures_text(figures: Any) -> str:
    if not isinstance(figures, dict):
        return ""
    return "; ".join(
        f"{name.replace('_', ' ')}: {_plain(value)}" for name, value in figures.items()
    )


def _plain(value: Any) -> str:
    if isinstance(value, Hidden):
        return "verborgen"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return "–" if value is None else str(value)


ROLES = {"huidig": "Dit kwartaal", "vorige": "Vorig kwartaal"}
NOT_COMPARED = "Niet vergeleken: geen register van het vorige kwartaal."


def kind_balance(result: MergeResult) -> list[dict[str, Any]]:
    """Per role and kind: files and rows read, used and left out, and whether they add up."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for source in result.sources:
        kind = source.kind or "Niet herkend of onleesbaar"
        group = groups.setdefault(
            (source.role, kind),
            {
                "rol": ROLES[source.role],
                "soort": kind,
                "paths": set(),
                "gelezen": 0,
                "gebruikt": 0,
                "weggelaten": 0,
            },
        )
        group["paths"].add(source.path)
        group["gelezen"] += source.rows_read
        group["gebruikt"] += source.rows_used
        group["weggelaten"] += source.rows_left_out
    for group in groups.values():
        group["bestanden"] = len(group.pop("paths"))
        group["klopt"] = group["gelezen"] == group["gebruikt"] + group["weggelaten"]
    return list(groups.values())


SIGNAL_TITLES = {
    "geen_evaluatie": "Geen evaluatie in de afgelopen twaalf maanden",
    "exitgesprek_ontbreekt": "Vertrokken zonder exitgesprek",
    "uitstroom_boven_instroom": "Uitstroom twee kwartalen op rij hoger dan instroom",
    "geen_werving": "Mensen vertrekken, maar er wordt niet geworven",
    "rol_ontbreekt": "Een rol ontbreekt in het netwerk",
    "stille_leden": "Stille leden: twee kwartalen niet aanwezig",
    "avg_toestemming_ontbreekt": "Actieve sleutelpersonen zonder vastgelegde AVG-toestemming",
    "een_soort_locatie": "Alle bijeenkomsten op één soort locatie",
    "geen_bestuurder": "Geen burgemeester of wethouder bij een bijeenkomst in een jaar",
    "geen_kerngroep": "Netwerk groter dan 50 zonder kerngroep",
    "streefwaarde_gemist": "Streefwaarde diversiteit ruim gemist",
    "verdwenen_zonder_einddatum": "Verdwenen zonder einddatum",
}

READING_NOTES = (
    "Dit overzicht is gemaakt met sleutelnet uit de ingevulde werkbladen van de gemeenten. "
    "Het bevat geen namen, contactgegevens of vrije tekst: personen tellen alleen mee als aantal.",
    "Regels met fouten zijn weggelaten; het blad Bronnen laat per bestand zien hoeveel regels "
    "zijn gelezen, gebruikt en weggelaten, en waarom.",
    "{teken}: een klein aantal (1 tot en met {drempel}) is verborgen om personen te beschermen "
    "(AVG). x: nog een cel is verborgen, zodat het kleine aantal niet uit het totaal is terug te "
    "rekenen. Totalen en percentages van het hele netwerk blijven zichtbaar.",
    "Een lege cel betekent: niet te berekenen (bijvoorbeeld een percentage van nul personen) of "
    "geen gegevens (het werkblad ontbrak).",
    "Percentages staan als getal met één decimaal; het %-teken staat in de kolomkop. Naast elk "
    "percentage staat het aantal: in een netwerk van 15 personen verschuift één persoon een "
    "percentage met 6,7 punten.",
    "De regel Totaal is berekend over alle personen van alle gemeenten samen, niet als gemiddelde "
    "van de percentages van de gemeenten.",
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Periode",
        "Het kwartaal (bijvoorbeeld 2026-K3 = 1 juli t/m 30 september 2026) of het jaar "
        "waarover de cijfers gaan. Een einddatum is de laatste dag van deelname.",
    ),
    (
        "Bezetting begin",
        "Aantal sleutelpersonen dat al vóór de eerste dag van de periode begon "
        "en op die dag nog deelnam.",
    ),
    (
        "Bezetting eind",
        "Aantal sleutelpersonen dat op de laatste dag van de periode deelnam en "
        "daarna nog doorgaat (geen einddatum, of een einddatum na de periode).",
    ),
    ("Gemiddelde bezetting", "(Bezetting begin + Bezetting eind) / 2."),
    ("Instroom", "Aantal deelnameperioden met een startdatum in de periode."),
    (
        "Herintreders",
        "Het deel van de instroom van wie de Persoon-ID al eerder een periode had: "
        "mensen die terugkomen.",
    ),
    (
        "Uitstroom",
        "Aantal deelnameperioden met een einddatum in de periode. Vrijwillig: alle "
        "redenen behalve 'Afscheid op initiatief van de gemeente' (onvrijwillig).",
    ),
    (
        "Telling klopt",
        "Controle: Bezetting eind = Bezetting begin + Instroom − Uitstroom. 'Nee' "
        "wijst op een fout in de datums van het register.",
    ),
    ("Verloop %", "Uitstroom / Gemiddelde bezetting × 100. Leeg als de gemiddelde bezetting 0 is."),
    (
        "Behoud %",
        "Het deel van de Bezetting begin dat aan het eind van de periode nog deelneemt "
        "(Behouden / Bezetting begin × 100).",
    ),
    ("Vroege uitval", "Vertrokken in de periode na minder dan 365 dagen deelname."),
    ("Exitgesprek %", "Het deel van de uitstroom met Exitgesprek gevoerd = Ja (handreiking 3.3)."),
    (
        "Zittingsduur",
        "De mediane duur van deelname in dagen (einddatum of einde periode − "
        "startdatum + 1), van wie aan het eind actief is en van wie in de periode vertrok.",
    ),
    (
        "Behoudcurve (Kaplan-Meier)",
        "Het aandeel sleutelpersonen dat na 6, 12 en 24 maanden nog "
        "deelneemt, over alle deelnameperioden die vóór het einde van de periode begonnen; wie nog "
        "deelneemt telt mee tot het einde van de periode. Mediane duur tot vertrek: het moment "
        "waarop de helft is vertrokken (leeg zolang dat niet zo is).",
    ),
    (
        "Verloop per kwartaal",
        "Dezelfde cijfers voor elk van de laatste acht kwartalen, berekend "
        "uit de datums in het register.",
    ),
    ("Redenen van vertrek", "Aantal vertrekkers per reden (handreiking 3.3)."),
    (
        "Wervingstrechter",
        "Benaderd: alle kandidaten met een eerste contact tot het einde van de "
        "periode. In gesprek: met een kennismakingsgesprek, of status In gesprek of Geselecteerd. "
        "Geselecteerd: status Geselecteerd. Conversie: het deel dat de volgende fase haalt. "
        "Opbrengst: Geselecteerd / Benaderd × 100.",
    ),
    (
        "Mediaan dagen tot besluit",
        "De mediaan van het aantal dagen tussen eerste contact en "
        "besluit, voor kandidaten met een besluit (handreiking 2.1).",
    ),
    (
        "Aandeel % (diversiteit)",
        "Het deel van de actieve sleutelpersonen aan het eind van de periode in een "
        "categorie, van wie de categorie bekend is. 'Onbekend of leeg' telt niet mee in de "
        "basis. Rol telt alleen de eerste rol.",
    ),
    (
        "Streef % en verschil",
        "Het streefpercentage uit de diversiteitsmatrix van de gemeente; het verschil is "
        "aandeel − streefwaarde in procentpunten (negatief: onder de streefwaarde).",
    ),
    (
        "Blau-index",
        "Hoe evenwichtig een dimensie verdeeld is: 1 − de som van de kwadraten van de "
        "aandelen. 0 = iedereen in één categorie; hoger = meer gespreid (handreiking 2.2).",
    ),
    (
        "Opkomst %",
        "Aanwezige sleutelpersonen / sleutelpersonen die op de dag van de bijeenkomst "
        "deelnamen × 100, over de bijeenkomsten in de periode.",
    ),
    (
        "Opkomst per persoon",
        "Per sleutelpersoon: bijgewoonde bijeenkomsten / bijeenkomsten "
        "(met aanwezigheidslijst) terwijl hij of zij deelnam.",
    ),
    (
        "Stille leden",
        "Actief aan het eind van de periode, al lid sinds het begin van het vorige "
        "kwartaal, en in dat kwartaal en dit kwartaal bij geen enkele bijeenkomst aanwezig "
        "(handreiking 3.3).",
    ),
    (
        "Gemiddelde score",
        "Het gemiddelde van de antwoorden 1 (helemaal oneens) tot 5 (helemaal "
        "eens) op een stelling; n.v.t. telt niet mee. Vragenlijsten van de laatste twaalf maanden.",
    ),
    ("Doelen behaald", "Aantal doelen per antwoord op 'Behaald' (handreiking 3.4)."),
    (
        "Signalen",
        "Punten die aandacht vragen, elk met de paragraaf van de handreiking waar ze "
        "vandaan komen en de cijfers die het signaal gaven.",
    ),
    (
        "Verdwenen zonder einddatum",
        "Een Persoon-ID die in het register van het vorige kwartaal "
        "zonder einddatum stond en nu ontbreekt. Wie vertrekt, krijgt een einddatum en een reden; "
        "een verwijderde regel maakt de verloopcijfers onjuist. Alleen de (pseudonieme) Persoon-ID "
        "staat op Signalen en Bronnen; Samenvatting toont het aantal.",
    ),
    (
        "Bronnen",
        "Elk ingelezen bestand met soort, gemeente, periode, SHA-256 (vingerafdruk van "
        "het bestand) en per blad: regels gelezen = gebruikt + weggelaten.",
    ),
)
