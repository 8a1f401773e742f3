"""Findings: problems in a user's data, collected (never raised) and reported per cell.

The message catalogue (stable codes with Dutch message templates) lives here too, so every
module reports in the same words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str  # Dutch: what is wrong and how to fix it
    sheet: str | None = None
    cell: str | None = None  # A1 address, e.g. "F7"
    row: int | None = None  # 1-based sheet row
    column: str | None = None  # the column header as the schema names it
    value: Any = None  # the value found, as read

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
