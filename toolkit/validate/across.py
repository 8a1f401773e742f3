"""Checks across workbooks: references to another kind's workbook of the same municipality
(a snowball referrer, a selected candidate, an attendee in the register). A reference is only
checked when that workbook is among the inputs; the finding sits on the referring cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from toolkit.records import ParsedWorkbook, Value
from toolkit.schema import kind_by_id
from toolkit.schema.model import Ref
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
        targets = _Targets(group)
        for workbook in group:
            _check_workbook(workbook, targets)


class _Targets:
    """The IDs each reference may point to within one municipality, gathered once."""

    def __init__(self, group: list[ParsedWorkbook]) -> None:
        self._group = group
        self._found: dict[Ref, tuple[set[Value], str] | None] = {}

    def of(self, ref: Ref) -> tuple[set[Value], str] | None:
        """The values of ref's column in the group's workbooks of ref's kind, and where they
        are in words; None when no such workbook is among the inputs."""
        if ref not in self._found:
            self._found[ref] = self._gather(ref)
        return self._found[ref]

    def _gather(self, ref: Ref) -> tuple[set[Value], str] | None:
        sources = [w for w in self._group if w.kind == ref.kind and ref.sheet in w.sheets]
        if not sources:
            return None
        kind = kind_by_id(ref.kind)
        header = kind.sheet(ref.sheet).column(ref.column).header
        names = ", ".join(w.path.name for w in sources)
        where = f"kolom {header} van het bestand {kind.title} ({names})"
        return target_values([w.sheets[ref.sheet] for w in sources], ref.column), where


def _check_workbook(workbook: ParsedWorkbook, targets: _Targets) -> None:
    assert workbook.kind is not None
    kind = kind_by_id(workbook.kind)
    sink = Sink(workbook.findings)
    added = False
    for schema in kind.sheets:
        sheet = workbook.sheets.get(schema.name)
        if sheet is None:
            continue
        for ref in references_of(schema):
            found = targets.of(ref) if ref.kind != kind.id else None
            if found is None:
                continue
            values, where = found
            for finding in broken_references(schema, sheet, ref, values, where):
                added = sink.add(finding) or added
    if added:
        workbook.findings = in_reading_order(sink.findings, kind)
        mark_errors(workbook)
