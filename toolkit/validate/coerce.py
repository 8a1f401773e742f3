"""Forgiving value parsing: one converter per column, built once from the schema.

A converter takes a non-empty cell value as calamine read it and returns the cleaned value,
or an Issue: a forgiven value (a note, with the value kept), a doubtful one (a warning, value
kept) or an unusable one (an error, value None). Returning the plain value on the common path
keeps the cost per cell to a type check and a dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from toolkit.findings import display, suggestion
from toolkit.records import Value
from toolkit.schema.model import Column, ColumnType
from toolkit.validate.memo import by_identity
from toolkit.validate.reader import ERROR_VALUES

_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (3653, 73051)  # 1910 .. 2099: a plausible date typed as a number
_DMY = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_INTEGER = re.compile(r"[+-]?\d+(?:[.,]0+)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[\d\s()./-]{6,20}")
# Text that should look a certain way: the pattern, and the code of a warning when not.
_CHECKED_TEXT = {
    ColumnType.EMAIL: (_EMAIL, "email_invalid"),
    ColumnType.PHONE: (_PHONE, "phone_invalid"),
}
_YES = ("ja", "j", "yes", "y", "x", "waar", "true")
_NO = ("nee", "n", "no", "onwaar", "false")


class Issue:
    """A value that needs a finding: code, the value to keep (None when unusable) and the
    message parameters."""

    __slots__ = ("code", "kept", "params")

    def __init__(self, code: str, kept: Value, **params: Any) -> None:
        self.code = code
        self.kept = kept
        self.params = params


Converter = Callable[[Any], "Value | Issue"]
# A whole column converted (each cell a Value or an Issue), and whether an Issue may be
# among them: False on the fast paths, which spares the caller a pass over the column.
Converted = tuple[list[Any], bool]
ColumnConverter = Callable[[Sequence[Any]], Converted]


def normalise(text: str) -> str:
    """Trimmed, inner spaces collapsed, case-folded: how headers and list values compare."""
    return " ".join(text.split()).casefold()


def as_text(value: Any) -> str:
    """A cell value as text: whole numbers without .0, dates as dd-mm-jjjj."""
    if isinstance(value, str):
        return value.strip()
    return display(value)


@by_identity
def converter(column: Column) -> Converter:
    """The converter for a column, by its type and rules (built once per column)."""
    if column.vocabulary is not None:
        return _vocabulary(column)
    kind = column.type
    if kind is ColumnType.DATE:
        return convert_date
    if kind is ColumnType.INTEGER:
        return _ranged(_integer, column)
    if kind is ColumnType.NUMBER:
        return _ranged(_number, column)
    if kind in _CHECKED_TEXT:
        return _checked_text(*_CHECKED_TEXT[kind])
    if column.pattern is not None:
        return _patterned(column.pattern, column.pattern_hint or column.pattern)
    return _text


@by_identity
def column_converter(column: Column) -> ColumnConverter:
    """converter(column) over a whole column at once, the common cells at C speed: a
    canonical vocabulary value or an empty cell by one dict look-up, a column of plain
    text by str.strip (an e-mail or phone column also by one pattern match a cell), a
    date cell as it is. The cells are converted as by converter(column)."""
    convert = converter(column)
    if column.vocabulary is not None:
        known: dict[Any, Value] = {value: value for value in column.vocabulary.values}
        known[""] = None
        return partial(_looked_up, known, convert)
    if convert is _text:
        return _text_column
    if column.type in _CHECKED_TEXT:
        return partial(_checked_column, _CHECKED_TEXT[column.type][0], convert)
    if convert is convert_date:
        return _date_column
    return partial(_mapped, convert)


def _looked_up(known: dict[Any, Value], convert: Converter, raw: Sequence[Any]) -> Converted:
    try:
        return list(map(known.__getitem__, raw)), False  # calamine's values are all hashable
    except KeyError:  # a value not in its canonical spelling: cell by cell
        return [known[value] if value in known else convert(value) for value in raw], True


def _text_column(raw: Sequence[Any]) -> Converted:
    try:
        stripped = list(map(str.strip, raw))
    except TypeError:  # a number or a date among the text: cell by cell
        return list(map(_text, raw)), True
    if not ERROR_VALUES.isdisjoint(stripped):
        return list(map(_text, raw)), True
    if "" in stripped:  # an empty cell (or only spaces) becomes None
        return [text or None for text in stripped], False
    return stripped, False


def _checked_column(pattern: re.Pattern[str], convert: Converter, raw: Sequence[Any]) -> Converted:
    """The usual e-mail or phone column: text, each filled cell matching pattern."""
    try:
        texts = list(map(str.strip, raw))
    except TypeError:  # a number or a date among the text: cell by cell
        return _mapped(convert, raw)
    if not all(map(pattern.fullmatch, [text for text in texts if text])):
        return _mapped(convert, raw)  # a cell to warn about: cell by cell
    return [text or None for text in texts], False


def _date_column(raw: Sequence[Any]) -> Converted:
    converted = [
        value if value.__class__ is date else None if value == "" else convert_date(value)
        for value in raw
    ]
    return converted, True


def _mapped(convert: Converter, raw: Sequence[Any]) -> Converted:
    return [None if value == "" else convert(value) for value in raw], True


def _text(value: Any) -> Value | Issue:
    text = as_text(value)
    if text[:1] == "#" and text in ERROR_VALUES:
        return Issue("error_value", None)
    return text or None


def _checked_text(pattern: re.Pattern[str], code: str) -> Converter:
    def convert(value: Any) -> Value | Issue:
        text = as_text(value)
        if text and pattern.fullmatch(text) is None:
            return Issue(code, text)
        return text or None

    return convert


def _patterned(pattern: str, hint: str) -> Converter:
    compiled = re.compile(pattern)

    def convert(value: Any) -> Value | Issue:
        text = as_text(value)
        if text and compiled.fullmatch(text) is None:
            fixed = text.upper().replace(" ", "")
            if compiled.fullmatch(fixed):
                return Issue("value_normalised", fixed, clean=fixed)
            return Issue("pattern", None, hint=hint)
        return text or None

    return convert


def _vocabulary(column: Column) -> Converter:
    assert column.vocabulary is not None
    values = column.vocabulary.values
    exact = {value: value for value in values}
    forgiven = vocabulary_synonyms(values)
    allowed = " · ".join(values)
    scores = sorted(int(value.split(" ", 1)[0]) for value in values if value[:1].isdigit())
    bounds = _bounds_text(scores[0], scores[-1]) if scores else ""

    def convert(value: Any) -> Value | Issue:
        found = exact.get(value)
        if found is not None:
            return found
        if value == "":
            return None
        key = _vocabulary_key(value)
        canonical = forgiven.get(key)
        if canonical is not None:
            return Issue("value_normalised", canonical, clean=canonical)
        if scores and _NUMBER.fullmatch(key):
            return Issue("out_of_range", None, bounds=bounds)
        hint = suggestion(as_text(value), values)
        return Issue("not_in_list", None, suggestion=hint, allowed=allowed)

    return convert


def _vocabulary_key(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        value = float(value.strip().replace(",", "."))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise(str(value))


def vocabulary_synonyms(values: tuple[str, ...]) -> dict[str, str]:
    """Forgiven spellings -> canonical value: any case and spacing, ja/j/yes/x for Ja, nee/n/no
    for Nee, a Likert score as its number or its words alone, n.v.t. without dots."""
    forgiven: dict[str, str] = {}
    for value in values:
        key = normalise(value)
        forgiven[key] = value
        forgiven.setdefault(key.replace(".", ""), value)
        head, _, rest = key.partition(" ")
        if head.isdigit() and rest:
            forgiven.setdefault(head, value)
            forgiven.setdefault(rest, value)
    if "Ja" in values:
        forgiven.update(dict.fromkeys(_YES, "Ja"))
    if "Nee" in values:
        forgiven.update(dict.fromkeys(_NO, "Nee"))
    return forgiven


def convert_date(value: Any) -> Value | Issue:
    """A date cell, a date typed as text (day-month-year or ISO) or an Excel serial number."""
    if value.__class__ is date:
        return value
    if value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            day = _EXCEL_EPOCH + timedelta(days=int(value))
            return Issue("date_serial", day, clean=day)
        return Issue("type_date", None)
    if isinstance(value, str):
        return _date_text(value.strip())
    return Issue("type_date", None)


def _date_text(text: str) -> Value | Issue:
    match = _DMY.fullmatch(text)
    if match is not None:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.fullmatch(text)
        if match is None:
            return Issue("type_date", None)
        year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        return Issue("date_invalid", None)
    return Issue("date_text", parsed, clean=parsed)


def _integer(value: Any) -> Value | Issue:
    if value == "":
        return None
    if isinstance(value, bool):
        return Issue("type_integer", None)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else Issue("type_integer", None)
    text = as_text(value)
    if _INTEGER.fullmatch(text):
        number = int(float(text.replace(",", ".")))
        return Issue("number_text", number, clean=number)
    return Issue("type_integer", None)


def _number(value: Any) -> Value | Issue:
    if value == "":
        return None
    if isinstance(value, bool):
        return Issue("type_number", None)
    if isinstance(value, (int, float)):
        return value
    text = as_text(value)
    if _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        return Issue("number_text", number, clean=number)
    return Issue("type_number", None)


def _ranged(convert: Converter, column: Column) -> Converter:
    low, high = column.minimum, column.maximum
    if low is None and high is None:
        return convert
    bounds = _bounds_text(low, high)

    def ranged(value: Any) -> Value | Issue:
        result = convert(value)
        number = result.kept if isinstance(result, Issue) else result
        if isinstance(number, (int, float)) and (
            (low is not None and number < low) or (high is not None and number > high)
        ):
            return Issue("out_of_range", None, bounds=bounds)
        return result

    return ranged


def _bounds_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"tussen {display(low)} en {display(high)}"
    if low is not None:
        return f"{display(low)} of meer"
    return f"{display(high)} of minder"
