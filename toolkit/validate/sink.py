"""Collecting findings so that one cell gets one finding: its first problem, except that a
forgiveness note gives way to a real problem found later in the same cell."""

from __future__ import annotations

from toolkit.findings import Finding, Severity


class Sink:
    def __init__(self, findings: list[Finding] | None = None) -> None:
        self.findings: list[Finding] = []
        self._at: dict[tuple[str | None, str], int] = {}
        self.extend(findings or [])

    def add(self, finding: Finding) -> bool:
        """Keep finding unless its cell already holds one; True when kept."""
        if finding.cell is None:
            self.findings.append(finding)
            return True
        key = (finding.sheet, finding.cell)
        index = self._at.get(key)
        if index is None:
            self._at[key] = len(self.findings)
            self.findings.append(finding)
            return True
        if self.findings[index].severity is Severity.NOTE and finding.severity is not Severity.NOTE:
            self.findings[index] = finding
            return True
        return False

    def extend(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.add(finding)

    def flagged(self, sheet: str, cell: str) -> bool:
        """Whether the cell already holds a problem (not just a note)."""
        index = self._at.get((sheet, cell))
        return index is not None and self.findings[index].severity is not Severity.NOTE
