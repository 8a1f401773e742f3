"""Finding things in a user's workbook: its kind, its sheets, the header row and the columns.

Users add title rows, move, insert and rename columns; everything is found by text, never by
position, and every liberty taken is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from toolkit.findings import Finding, make_finding, suggestion
from toolkit.schema import KINDS, KINDS_BY_ID, SCHEMA_VERSION, Kind
from toolkit.schema.model import Column, SheetSchema
from toolkit.template import KIND_PROPERTY, VERSION_PROPERTY
from toolkit.validate.coerce import normalise
from toolkit.validate.memo import by_identity
from toolkit.validate.reader import cell_address, column_letter

HEADER_SEARCH_ROWS = 10


def recognise_kind(
    properties: dict[str, str], sheet_names: list[str]
) -> tuple[Kind | None, str | None, list[Finding]]:
    """The kind (from the custom properties, else by the data sheet's name), the schema
    version found, and findings about both."""
    findings: list[Finding] = []
    declared = properties.get(KIND_PROPERTY)
    version = properties.get(VERSION_PROPERTY) or None
    kind = KINDS_BY_ID.get(declared.strip().lower()) if declared else None
    if kind is None:
        kind = _kind_by_sheets(sheet_names)
        if declared and kind is not None:
            findings.append(
                make_finding("kind_property", value=declared, sheet=kind.sheets[0].name)
            )
    if kind is not None and declared is not None and version != SCHEMA_VERSION:
        findings.append(
            make_finding("schema_version", value=version or "onbekend", current=SCHEMA_VERSION)
        )
    if kind is None:
        names = " of ".join(k.sheets[0].name for k in KINDS)
        findings.append(make_finding("unknown_kind", sheets=names))
    return kind, version, findings


def _kind_by_sheets(sheet_names: list[str]) -> Kind | None:
    present = {normalise(name) for name in sheet_names}
    for kind in KINDS:
        if normalise(kind.sheets[0].name) in present:
            return kind
    return None


def find_sheet(sheet_names: list[str], wanted: str) -> str | None:
    """The workbook's own name of a sheet, matched trimmed and case-insensitively."""
    key = normalise(wanted)
    for name in sheet_names:
        if normalise(name) == key:
            return name
    return None


@dataclass
class Layout:
    """Where a schema sheet's columns are on the user's sheet; shared by the sheets with the
    same header row (see find_layout), so never changed once made."""

    schema: SheetSchema
    sheet: str  # the sheet's name in the workbook
    header_row: int  # 0-based
    columns: dict[str, int]  # column key -> 0-based column index
    known: set[int]  # indexes of every column with a header, known or not
    findings: list[Finding] = field(default_factory=list)

    def cell(self, key: str, row: int) -> str:
        """The A1 address of a column's cell on a 1-based row."""
        return f"{column_letter(self.columns[key])}{row}"


@by_identity
def _header_index(schema: SheetSchema) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in schema.columns:
        index[normalise(column.header)] = column
        for alias in column.aliases:
            index.setdefault(normalise(alias), column)
    return index


def _exact(text: str, index: dict[str, Column]) -> Column | None:
    """A header matched by its text, an alias, or (for 'S01 …' headers) its alias code."""
    found = index.get(text)
    if found is None:
        head = text.split(" ", 1)[0]
        found = index.get(head)
        if found is not None and not found.aliases:
            return None
    return found


def find_layout(rows: list[list[Any]], schema: SheetSchema, sheet: str) -> Layout | None:
    """The header row and columns of a sheet, or None when no row looks like a header."""
    layout_at = _layouts(schema)
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        layout = layout_at(sheet, r, tuple(row), tuple(map(type, row)))
        if layout is not None:
            return layout
    return None


@by_identity
def _layouts(
    schema: SheetSchema,
) -> Callable[[str, int, tuple[Any, ...], tuple[type, ...]], Layout | None]:
    """_layout_at for schema, remembered for the header rows seen last: the workbooks of a
    batch share a few header rows, each normalised and looked up once rather than per sheet."""

    @lru_cache(maxsize=32)
    def layout_at(
        sheet: str, r: int, row: tuple[Any, ...], types: tuple[type, ...]
    ) -> Layout | None:
        # types is only part of the key: 1, 1.0 and True are equal, but not the same cell
        return _layout_at(schema, sheet, r, row)

    return layout_at


def _layout_at(schema: SheetSchema, sheet: str, r: int, row: tuple[Any, ...]) -> Layout | None:
    """The layout when row r is the header row (at least half the columns found by their
    exact header), else None."""
    index = _header_index(schema)
    texts = [normalise(str(value)) if value not in ("", None) else "" for value in row]
    found = (_exact(text, index) for text in texts if text)
    matched = {column.key for column in found if column is not None}
    if len(matched) < (len(schema.columns) + 1) // 2:
        return None
    return _match_columns(row, texts, r, schema, sheet, index)


def _match_columns(
    row: Sequence[Any],
    texts: list[str],
    r: int,
    schema: SheetSchema,
    sheet: str,
    index: dict[str, Column],
) -> Layout:
    layout = Layout(schema, sheet, r, {}, {c for c, t in enumerate(texts) if t})
    leftovers: list[int] = []
    first_at: dict[str, int] = {}
    for c, text in enumerate(texts):
        column = _exact(text, index) if text else None
        if column is None:
            if text:
                leftovers.append(c)
        elif column.key in first_at:
            layout.findings.append(
                _header_finding(
                    "duplicate_column",
                    layout,
                    c,
                    row[c],
                    column.header,
                    first=column_letter(first_at[column.key]),
                )
            )
        else:
            first_at[column.key] = c
    _match_typos(row, texts, leftovers, layout, first_at)
    layout.columns = first_at
    if r > 0:
        layout.findings.append(
            make_finding("title_row", sheet=sheet, cell="A1", row=1, header_row=r + 1)
        )
    layout.findings += _moved(layout)
    layout.findings += _missing(layout)
    return layout


def _match_typos(
    row: Sequence[Any],
    texts: list[str],
    leftovers: list[int],
    layout: Layout,
    found: dict[str, int],
) -> None:
    """Match headers one or two letters off a missing column's header; report the rest."""
    for c in leftovers:
        free = [col for col in layout.schema.columns if col.key not in found]
        close = [col for col in free if is_typo(texts[c], normalise(col.header))]
        if len(close) == 1:
            found[close[0].key] = c
            layout.findings.append(
                _header_finding("header_typo", layout, c, row[c], close[0].header)
            )
            continue
        hint = suggestion(str(row[c]), [col.header for col in layout.schema.columns])
        layout.findings.append(
            _header_finding("unknown_column", layout, c, row[c], None, suggestion=hint)
        )


def _header_finding(
    code: str, layout: Layout, c: int, value: Any, header: str | None, **params: Any
) -> Finding:
    return make_finding(
        code,
        sheet=layout.sheet,
        cell=cell_address(layout.header_row, c),
        row=layout.header_row + 1,
        column=header,
        value=value,
        **params,
    )


def is_typo(text: str, header: str) -> bool:
    """Whether text is one letter (two for headers of four letters or more) off header."""
    allowed = 2 if len(header) >= 4 else 1 if len(header) >= 3 else 0
    return 0 < _distance(text, header, allowed) <= allowed


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _moved(layout: Layout) -> list[Finding]:
    """Notes for the columns out of the template's order: those outside the longest run of
    columns that keep their template order (inserted or missing columns move nothing)."""
    position = {c.key: i for i, c in enumerate(layout.schema.columns)}
    placed = sorted(layout.columns.items(), key=lambda item: item[1])
    order = [position[key] for key, _ in placed]
    if order == sorted(order):
        return []  # every column in template order: the usual case
    keep = _longest_increasing(order)
    findings = []
    for i, (key, c) in enumerate(placed):
        if i not in keep:
            column = layout.schema.column(key)
            findings.append(
                make_finding(
                    "column_moved",
                    sheet=layout.sheet,
                    cell=cell_address(layout.header_row, c),
                    row=layout.header_row + 1,
                    column=column.header,
                    value=column.header,
                    expected=column_letter(position[key]),
                )
            )
    return findings


def _longest_increasing(order: list[int]) -> set[int]:
    """Indexes into order of one longest increasing subsequence (O(n^2); n is small)."""
    best = [1] * len(order)
    back = [-1] * len(order)
    for i in range(len(order)):
        for j in range(i):
            if order[j] < order[i] and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    keep: set[int] = set()
    i = max(range(len(order)), key=lambda k: best[k], default=-1)
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep


def _missing(layout: Layout) -> list[Finding]:
    return [
        make_finding(
            "missing_column",
            sheet=layout.sheet,
            cell=None,
            row=layout.header_row + 1,
            column=column.header,
        )
        for column in layout.schema.columns
        if column.required and column.key not in layout.columns
    ]
