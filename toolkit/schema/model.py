"""The building blocks of a workbook schema: columns, sheets, kinds and their rules, as data.

Template generation, validation and aggregation all read these objects; a column's header,
type, rule, vocabulary and help text are written here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from toolkit.schema.vocabularies import Vocabulary


class ColumnType(str, Enum):
    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    EMAIL = "e-mail"
    PHONE = "phone"
    VOCABULARY = "vocabulary"
    REFERENCE = "reference"


@dataclass(frozen=True)
class When:
    """A condition on another column of the same row: filled (values None), empty
    (negate with values None), or holding one of values."""

    column: str
    values: tuple[str, ...] | None = None
    negate: bool = False


@dataclass(frozen=True)
class Ref:
    """A reference to a column of a sheet, possibly in another kind's workbook."""

    kind: str
    sheet: str
    column: str


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: ColumnType
    help: str
    required: bool = False
    required_when: When | None = None  # error when empty and the condition holds
    expected_when: When | None = None  # warning when empty and the condition holds
    only_when: When | None = None  # must stay empty unless the condition holds
    vocabulary: Vocabulary | None = None
    references: Ref | None = None
    reference_severity: str = "error"  # "warning" where the guide says "should exist"
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None  # a regular expression a text value must match in full
    pattern_hint: str | None = None  # the pattern in words, for help text and messages
    wijk_list: bool = False  # dropdown of the municipality's neighbourhoods when known
    aliases: tuple[str, ...] = ()  # other header texts that mean this column
    personal: bool = False  # personal data (AVG): never in a summary
    sensitive: bool = False  # may reveal a special category of personal data
    free_text: bool = False  # free text: never in a summary
    width: int = 16


# Cross-field rules of one sheet. Each names columns by key; the validator implements them.
@dataclass(frozen=True)
class DateOrder:
    """later must not be before earlier (both dates, same row)."""

    later: str
    earlier: str


@dataclass(frozen=True)
class Differs:
    """Two columns of one row must not hold the same value."""

    column: str
    other: str


@dataclass(frozen=True)
class NotAfterFilledDate:
    """A date after the workbook's Datum ingevuld (else today): an error, or a warning
    where the date may lie ahead (a planned departure)."""

    column: str
    severity: str = "error"


@dataclass(frozen=True)
class Discouraged:
    """A warning when column holds value while the condition holds."""

    column: str
    value: str
    when: When


@dataclass(frozen=True)
class NoOverlap:
    """Periods [start, end] of rows with the same id must not overlap."""

    id: str
    start: str
    end: str


@dataclass(frozen=True)
class TargetsSum:
    """Per group, the percentages add up to at most 100 (error) and to 100 once all are
    filled (warning)."""

    group: str
    percentage: str


@dataclass(frozen=True)
class CountMatches:
    """The count column of a row should equal the number of rows of another sheet of the
    same workbook that refer to it (warning), where that sheet has any rows for it."""

    count: str
    key: str
    other_sheet: str
    other_key: str


@dataclass(frozen=True)
class CategoryOf:
    """The category of a row must be one its group declares (an error otherwise); for the
    group named in listed, one of the values of a column of another sheet of the workbook
    (the Wijk targets: a neighbourhood on sheet Wijken), where that sheet has any."""

    group: str
    category: str
    categories: tuple[tuple[str, tuple[str, ...]], ...]  # (group value, its categories)
    listed: tuple[str, str, str] | None = None  # (group value, other sheet, its column key)


Check = (
    DateOrder
    | Differs
    | NotAfterFilledDate
    | Discouraged
    | NoOverlap
    | TargetsSum
    | CountMatches
    | CategoryOf
)


@dataclass(frozen=True)
class SheetSchema:
    name: str
    columns: tuple[Column, ...]
    purpose: str
    unique: tuple[tuple[str, ...], ...] = ()
    checks: tuple[Check, ...] = ()
    prefill: tuple[dict[str, str], ...] = ()  # rows written into a blank template

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def vocabularies(self) -> tuple[Vocabulary, ...]:
        return tuple(c.vocabulary for c in self.columns if c.vocabulary is not None)


@dataclass(frozen=True)
class Kind:
    id: str
    title: str
    filename: str
    purpose: str
    sheets: tuple[SheetSchema, ...]
    instructions: tuple[str, ...] = field(default=())

    def sheet(self, name: str) -> SheetSchema:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    @property
    def vocabularies(self) -> tuple[Vocabulary, ...]:
        """Every vocabulary the kind's sheets use, once, in order of first use."""
        seen: dict[str, Vocabulary] = {}
        for sheet in self.sheets:
            for vocabulary in sheet.vocabularies:
                seen.setdefault(vocabulary.name, vocabulary)
        return tuple(seen.values())


@dataclass(frozen=True)
class GegevensField:
    """One label/value line of sheet Gegevens (label in column A, value in column B)."""

    key: str
    label: str
    type: ColumnType
    help: str
    required: bool = False
    pattern: str | None = None
    pattern_hint: str | None = None
    personal: bool = False


@dataclass(frozen=True)
class Dimension:
    """A diversity dimension of Streefwaarden: its categories, each tied to the value of a
    register column that counts for it."""

    name: str
    column: str  # register column key
    categories: tuple[tuple[str, str], ...]  # (category on Streefwaarden, register value)
