"""What a workbook holds once read and checked: cleaned values per row, with where they came
from. Validation produces these; statistics and merging consume them, so every input row can
be accounted for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.findings import Finding, Severity

Value = str | int | float | date | None


@dataclass(slots=True)
class Record:
    """One data row: column key -> cleaned value (vocabulary values in their canonical
    spelling, dates as date, counts as int); None where the cell is empty or unusable."""

    row: int  # 1-based row number on its sheet
    values: dict[str, Value]
    has_error: bool = False


@dataclass
class ParsedSheet:
    name: str  # the schema's sheet name
    records: list[Record] = field(default_factory=list)
    source: str = ""  # the sheet's name in the workbook as the user spelled it
    letters: dict[str, str] = field(default_factory=dict)  # column key -> column letter
    # column key -> the records' values of that column in row order, for the columns on the
    # sheet: checks read a whole column without walking the records
    columns: dict[str, list[Value]] = field(default_factory=dict)

    def cell(self, key: str, row: int) -> str:
        """The A1 address of a column's cell on a 1-based row."""
        return f"{self.letters[key]}{row}"


@dataclass
class ParsedWorkbook:
    path: Path
    kind: str | None  # a kind id, None when it could not be recognised
    schema_version: str | None
    gegevens: dict[str, Value] = field(default_factory=dict)  # GegevensField key -> value
    sheets: dict[str, ParsedSheet] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # The file's bytes as read and validated, so that merging hashes exactly these without
    # reading the file again; None when it could not be read.
    data: bytes | None = field(default=None, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)
