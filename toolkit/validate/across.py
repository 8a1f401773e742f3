"""Checks across workbooks: references to another kind's workbook of the same municipality
(a snowball referrer, a selected candidate, an attendee in the register). A reference is only
checked when that workbook is among the inputs; the finding sits on the referring cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from toolkit.records import ParsedWorkbook
from toolkit.schema import kind_by_id
from toolkit.validate.coerce import normalise
from toolkit.validate.keys import broken_references, references_of, target_values
from toolkit.validate.sink import Sink
from toolkit.validate.workbook import in_reading_order, mark_errors


def check_references(workbooks: Sequence[ParsedWorkbook]) -> None:
    """Add reference findings to the workbooks, grouped per municipality (Gemeente)."""
    groups: dict[str, list[ParsedWorkbook]] = defaultdict(list)
    for workbook in workbooks:
        gemeente = workbook.gegevens.get("gemeente")
        if workbook.kind is not None and isinstance(gemeente, str):
            groups[normalise(gemeente)].append(workbook)
    for group in groups.values():
        for workbook in group:
            _check_workbook(workbook, group)


def _check_workbook(workbook: ParsedWorkbook, group: list[ParsedWorkbook]) -> None:
    assert workbook.kind is not None
    kind = kind_by_id(workbook.kind)
    sink = Sink(workbook.findings)
    added = False
    for schema in kind.sheets:
        sheet = workbook.sheets.get(schema.name)
        if sheet is None:
            continue
        for ref in references_of(schema):
            if ref.kind == kind.id:
                continue
            targets = [w for w in group if w.kind == ref.kind and ref.sheet in w.sheets]
            if not targets:
                continue
            target_kind = kind_by_id(ref.kind)
            header = target_kind.sheet(ref.sheet).column(ref.column).header
            names = ", ".join(w.path.name for w in targets)
            where = f"kolom {header} van het bestand {target_kind.title} ({names})"
            values = target_values([w.sheets[ref.sheet] for w in targets], ref.column)
            for finding in broken_references(schema, sheet, ref, values, where):
                added = sink.add(finding) or added
    if added:
        workbook.findings = in_reading_order(sink.findings, kind)
        mark_errors(workbook)
