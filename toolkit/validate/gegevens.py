"""Sheet Gegevens: labels in column A, values in column B (Gemeente, Periode, …)."""

from __future__ import annotations

import re
from typing import Any

from toolkit.findings import make_finding
from toolkit.periods import parse_quarter
from toolkit.records import Value
from toolkit.schema import GEGEVENS, GEGEVENS_SHEET, ColumnType, GegevensField
from toolkit.validate.coerce import Issue, as_text, convert_date, normalise
from toolkit.validate.locate import find_sheet
from toolkit.validate.reader import RawWorkbook
from toolkit.validate.sink import Sink

_LABEL_ROWS = 50  # Gegevens is short; a label further down is not one
_LABELS = {normalise(field.label): field for field in GEGEVENS}


def read_gegevens(book: RawWorkbook, sink: Sink) -> dict[str, Value]:
    """The Gegevens values by field key, cleaned; findings for what is missing or wrong."""
    name = find_sheet(book.sheet_names, GEGEVENS_SHEET)
    if name is None:
        sink.add(make_finding("gegevens_missing", sheet=GEGEVENS_SHEET))
        return {}
    rows = book.rows(name)[:_LABEL_ROWS]
    found: dict[str, tuple[int | None, Any]] = {}
    for index, row in enumerate(rows):
        if row and isinstance(row[0], str):
            field = _LABELS.get(normalise(row[0]).rstrip(":"))
            if field is not None and field.key not in found:
                found[field.key] = (index, row[1] if len(row) > 1 else "")
    values: dict[str, Value] = {}
    for field in GEGEVENS:
        r, raw = found.get(field.key, (None, ""))
        values[field.key] = _field_value(field, r, raw, name, sink)
    return values


def _field_value(field: GegevensField, r: int | None, raw: Any, sheet: str, sink: Sink) -> Value:
    cell = f"B{r + 1}" if r is not None else None
    row = r + 1 if r is not None else None
    if raw in ("", None) or (isinstance(raw, str) and not raw.strip()):
        if field.required:
            sink.add(
                make_finding(
                    "gegevens_required", sheet=sheet, cell=cell, row=row, column=field.label
                )
            )
        elif field.key == "periode":
            sink.add(
                make_finding(
                    "gegevens_empty",
                    sheet=sheet,
                    cell=cell,
                    row=row,
                    column=field.label,
                    example="2026-K3",
                )
            )
        return None
    result = _clean(field, raw)
    if isinstance(result, Issue):
        sink.add(
            make_finding(
                result.code,
                sheet=sheet,
                cell=cell,
                row=row,
                column=field.label,
                value=raw,
                **result.params,
            )
        )
        return result.kept
    return result


def _clean(field: GegevensField, raw: Any) -> Value | Issue:
    if field.type is ColumnType.DATE:
        return convert_date(raw)
    text = as_text(raw)
    if field.key == "periode":
        period = parse_quarter(text)
        if period is None:
            return Issue("gegevens_periode", None)
        return (
            period.label
            if period.label == text
            else Issue("value_normalised", period.label, clean=period.label)
        )
    if field.pattern is not None and re.fullmatch(field.pattern, text) is None:
        fixed = text.upper().replace(" ", "")
        if re.fullmatch(field.pattern, fixed):
            return Issue("value_normalised", fixed, clean=fixed)
        return Issue("pattern", None, hint=field.pattern_hint or field.pattern)
    return text
