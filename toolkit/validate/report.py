"""The result of validating files, as JSON-ready data and as Dutch text for a terminal.

Both renderings come from the same ValidationReport, so the CLI's JSON equals the library's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.findings import Finding, Severity
from toolkit.records import ParsedWorkbook, Value

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 3
_SEVERITY_WORDS = {
    Severity.ERROR: "fout",
    Severity.WARNING: "waarschuwing",
    Severity.NOTE: "opmerking",
}
_PLURALS = {"fout": "fouten", "waarschuwing": "waarschuwingen", "opmerking": "opmerkingen"}


@dataclass
class CheckedFile:
    """What the report tells of one validated file: its rows are counted, not kept (a
    national batch would otherwise carry every row back from the worker processes)."""

    path: Path
    kind: str | None
    schema_version: str | None
    gegevens: dict[str, Value]
    findings: list[Finding]
    rows_read: int
    rows_with_errors: int

    @classmethod
    def of(cls, workbook: ParsedWorkbook) -> CheckedFile:
        sheets = workbook.sheets.values()
        return cls(
            workbook.path,
            workbook.kind,
            workbook.schema_version,
            workbook.gegevens,
            workbook.findings,
            sum(len(sheet.records) for sheet in sheets),
            sum(len([r for r in sheet.records if r.has_error]) for sheet in sheets),
        )

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass
class ValidationReport:
    files: list[CheckedFile]

    def file_valid(self, workbook: CheckedFile, *, strict: bool = False) -> bool:
        """No errors (with strict: no warnings either)."""
        if workbook.count(Severity.ERROR):
            return False
        return not (strict and workbook.count(Severity.WARNING))

    def valid(self, *, strict: bool = False) -> bool:
        return all(self.file_valid(workbook, strict=strict) for workbook in self.files)

    def exit_code(self, *, strict: bool = False) -> int:
        """3 when a file could not be read, else 1 when a file is not valid, else 0."""
        if any(is_unreadable(workbook) for workbook in self.files):
            return EXIT_UNREADABLE
        return EXIT_OK if self.valid(strict=strict) else EXIT_ERRORS

    def to_dict(self, *, strict: bool = False) -> dict[str, Any]:
        return {
            "valid": self.valid(strict=strict),
            "files": [self._file(workbook, strict) for workbook in self.files],
        }

    def _file(self, workbook: CheckedFile, strict: bool) -> dict[str, Any]:
        return {
            "path": str(workbook.path),
            "kind": workbook.kind,
            "schema_version": workbook.schema_version,
            "gemeente": workbook.gegevens.get("gemeente"),
            "periode": workbook.gegevens.get("periode"),
            "valid": self.file_valid(workbook, strict=strict),
            "counts": {severity.value: workbook.count(severity) for severity in Severity},
            "rows": {"read": workbook.rows_read, "with_errors": workbook.rows_with_errors},
            "findings": [_finding_dict(finding) for finding in workbook.findings],
        }


def is_unreadable(workbook: CheckedFile) -> bool:
    return any(finding.code == "unreadable" for finding in workbook.findings)


def _finding_dict(finding: Finding) -> dict[str, Any]:
    keys = ("code", "severity", "sheet", "cell", "row", "column", "value", "message")
    data = finding.to_dict()
    return {key: data[key] for key in keys}


def render_text(report: ValidationReport, *, strict: bool = False) -> str:
    """Per file a verdict line, then its findings grouped by sheet, folded per column."""
    lines: list[str] = []
    for workbook in report.files:
        lines.append(_verdict(report, workbook, strict))
        lines += list(_finding_lines(workbook.findings))
    good = sum(report.file_valid(w, strict=strict) for w in report.files)
    lines.append(
        f"{len(report.files)} bestand(en) gecontroleerd: {good} in orde, "
        f"{len(report.files) - good} niet in orde."
    )
    return "\n".join(lines)


def _verdict(report: ValidationReport, workbook: CheckedFile, strict: bool) -> str:
    if is_unreadable(workbook):
        status = "ONLEESBAAR"
    elif report.file_valid(workbook, strict=strict):
        status = "IN ORDE"
    else:
        status = "NIET IN ORDE"
    about = [workbook.kind or "onbekend soort"]
    about += [
        str(workbook.gegevens[key]) for key in ("gemeente", "periode") if workbook.gegevens.get(key)
    ]
    counts = ", ".join(_count(workbook.count(s), _SEVERITY_WORDS[s]) for s in Severity)
    rows = f"{workbook.rows_read} regels gelezen"
    return f"{status}: {workbook.path} ({', '.join(about)}) – {counts}; {rows}"


def _count(number: int, word: str) -> str:
    return f"{number} {word if number == 1 else _PLURALS[word]}"


def _finding_lines(findings: list[Finding]) -> Iterator[str]:
    sheets: dict[str | None, list[Finding]] = {}
    for finding in findings:
        sheets.setdefault(finding.sheet if finding.cell else None, []).append(finding)
    for sheet, group in sheets.items():
        indent = "  "
        if sheet is not None:
            yield f"  Blad {sheet}:"
            indent = "    "
        for folded in _fold(group):
            yield indent + folded


def _fold(findings: list[Finding]) -> Iterator[str]:
    """One line per finding, or per code and column where the same code repeats."""
    groups: dict[tuple[str, str | int], list[Finding]] = {}
    for finding in findings:
        where: str | int = id(finding)  # never folded: findings about no one cell
        if finding.column is not None and finding.cell is not None:
            where = finding.column
        key = (finding.code, where)
        groups.setdefault(key, []).append(finding)
    for group in groups.values():
        first = group[0]
        word = _SEVERITY_WORDS[first.severity]
        if len(group) == 1:
            place = f"{first.cell} " if first.cell else ""
            yield f"{word}: {place}{first.message}"
        else:
            cells = f"{first.cell}:{group[-1].cell}"
            yield (
                f"{word}: {cells} ({len(group)} cellen), bijvoorbeeld {first.cell}: {first.message}"
            )
