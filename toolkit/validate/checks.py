"""The cross-field rules of a sheet (the Check classes of the schema), on cleaned records.

Each check reads the columns it names by key and is skipped where a column is absent from the
user's sheet (that is reported once, as a missing column, not per row).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from toolkit.findings import Finding, Severity, display, make_finding, suggestion
from toolkit.records import ParsedSheet, Record
from toolkit.schema.model import (
    CategoryOf,
    Check,
    CountMatches,
    DateOrder,
    Differs,
    Discouraged,
    NoOverlap,
    NotAfterFilledDate,
    SheetSchema,
    TargetsSum,
)
from toolkit.template import condition_text
from toolkit.validate.rows import holds


@dataclass(frozen=True)
class Context:
    """What checks need beyond their own sheet."""

    filled: date  # the workbook's Datum ingevuld, else today
    sheets: dict[str, ParsedSheet]  # the workbook's sheets by schema name


def run_checks(schema: SheetSchema, sheet: ParsedSheet, context: Context) -> Iterator[Finding]:
    for check in schema.checks:
        keys = _keys(check)
        if all(key in sheet.letters for key in keys):
            yield from _RUNNERS[type(check)](check, schema, sheet, context)


def _keys(check: Check) -> tuple[str, ...]:
    if isinstance(check, DateOrder):
        return (check.later, check.earlier)
    if isinstance(check, Differs):
        return (check.column, check.other)
    if isinstance(check, NotAfterFilledDate):
        return (check.column,)
    if isinstance(check, Discouraged):
        return (check.column, check.when.column)
    if isinstance(check, NoOverlap):
        return (check.id, check.start)
    if isinstance(check, TargetsSum):
        return (check.group, check.percentage)
    if isinstance(check, CategoryOf):
        return (check.group, check.category)
    return (check.count, check.key)


def _finding(
    code: str, schema: SheetSchema, sheet: ParsedSheet, key: str, record: Record, **params: Any
) -> Finding:
    return make_finding(
        code,
        sheet=sheet.source,
        cell=sheet.cell(key, record.row),
        row=record.row,
        column=schema.column(key).header,
        value=record.values[key],
        **params,
    )


def _date_order(
    check: DateOrder, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    other = schema.column(check.earlier).header
    for record in sheet.records:
        later, earlier = record.values[check.later], record.values[check.earlier]
        if isinstance(later, date) and isinstance(earlier, date) and later < earlier:
            yield _finding(
                "date_order", schema, sheet, check.later, record, other=other, other_value=earlier
            )


def _differs(
    check: Differs, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    other = schema.column(check.other).header
    for record in sheet.records:
        value = record.values[check.column]
        if value is not None and value == record.values[check.other]:
            yield _finding("differs", schema, sheet, check.column, record, other=other)


def _not_after_filled(
    check: NotAfterFilledDate, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    severity = Severity(check.severity)
    for record in sheet.records:
        value = record.values[check.column]
        if isinstance(value, date) and value > context.filled:
            yield _finding(
                "not_after_filled",
                schema,
                sheet,
                check.column,
                record,
                severity=severity,
                filled=context.filled,
            )


def _discouraged(
    check: Discouraged, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    condition = condition_text(check.when, schema)
    for record in sheet.records:
        if record.values[check.column] == check.value and holds(check.when, record.values):
            yield _finding("discouraged", schema, sheet, check.column, record, condition=condition)


def _no_overlap(
    check: NoOverlap, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    periods: dict[Any, list[Record]] = defaultdict(list)
    for record in sheet.records:
        if record.values[check.id] is not None and isinstance(record.values[check.start], date):
            periods[record.values[check.id]].append(record)
    id_column = schema.column(check.id).header
    for person, records in periods.items():
        if len(records) < 2:
            continue  # one period: nothing to overlap, the usual person
        records.sort(key=lambda rec: (rec.values[check.start], rec.row))
        for earlier, later in _overlaps(records, check):
            yield _finding(
                "overlap",
                schema,
                sheet,
                check.start,
                later,
                id_column=id_column,
                id=person,
                other_row=earlier.row,
            )


def _overlaps(records: list[Record], check: NoOverlap) -> Iterator[tuple[Record, Record]]:
    """(earlier, later) for each period, in start order, that begins before an earlier one
    ended (or one still open); the same start twice is a duplicate key, reported as such."""
    reach: Record | None = None  # the period that ends last so far
    for before, after in itertools.pairwise(records):
        reach = before if reach is None or _ends_later(before, reach, check) else reach
        start = after.values[check.start]
        if before.values[check.start] == start:
            continue
        end = reach.values.get(check.end)
        if not isinstance(end, date) or end >= start:  # type: ignore[operator]
            yield reach, after


def _ends_later(record: Record, other: Record, check: NoOverlap) -> bool:
    end, other_end = record.values.get(check.end), other.values.get(check.end)
    if not isinstance(end, date):
        return True
    return isinstance(other_end, date) and end > other_end


def _targets_sum(
    check: TargetsSum, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    groups: dict[Any, list[Record]] = defaultdict(list)
    for record in sheet.records:
        if record.values[check.group] is not None:
            groups[record.values[check.group]].append(record)
    for group, records in groups.items():
        filled = [r for r in records if isinstance(r.values[check.percentage], (int, float))]
        if not filled:
            continue
        total = round(sum(_number(r.values[check.percentage]) for r in filled), 6)
        code = None
        if total > 100:
            code = "targets_over_100"
        elif len(filled) == len(records) and total != 100:
            code = "targets_not_100"
        if code is not None:
            yield _finding(
                code, schema, sheet, check.percentage, filled[0], group=group, total=display(total)
            )


def _count_matches(
    check: CountMatches, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    other = context.sheets.get(check.other_sheet)
    if other is None:
        return
    counts = Counter(other.columns.get(check.other_key, ()))
    for record in sheet.records:
        count, key = record.values[check.count], record.values[check.key]
        if isinstance(count, int) and key is not None and counts[key] and counts[key] != count:
            yield _finding(
                "count_mismatch",
                schema,
                sheet,
                check.count,
                record,
                other_sheet=other.source or check.other_sheet,
                count=counts[key],
                key_value=key,
            )


def _category_of(
    check: CategoryOf, schema: SheetSchema, sheet: ParsedSheet, context: Context
) -> Iterator[Finding]:
    allowed = {group: categories for group, categories in check.categories}
    if check.listed is not None:
        listed_group, other_sheet, other_key = check.listed
        other = context.sheets.get(other_sheet)
        listed = [r.values.get(other_key) for r in other.records] if other is not None else []
        if listed:  # no neighbourhoods listed: nothing to hold the categories against
            allowed[listed_group] = tuple(str(value) for value in listed if value is not None)
    for record in sheet.records:
        group, category = record.values[check.group], record.values[check.category]
        choices = allowed.get(str(group)) if group is not None else None
        if choices is None or category is None or str(category).strip() in choices:
            continue
        yield _finding(
            "category_unknown",
            schema,
            sheet,
            check.category,
            record,
            group=group,
            suggestion=suggestion(str(category), choices),
            allowed=" · ".join(choices),
        )


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


_RUNNERS: dict[type, Callable[[Any, SheetSchema, ParsedSheet, Context], Iterator[Finding]]] = {
    DateOrder: _date_order,
    Differs: _differs,
    NotAfterFilledDate: _not_after_filled,
    Discouraged: _discouraged,
    NoOverlap: _no_overlap,
    TargetsSum: _targets_sum,
    CountMatches: _count_matches,
    CategoryOf: _category_of,
}
