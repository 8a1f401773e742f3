"""The five workbook kinds, their sheets, columns and vocabularies: declared once, as data."""

from toolkit.schema.kinds import (
    DIMENSIONS,
    GEGEVENS,
    GEGEVENS_SHEET,
    KINDS,
    KINDS_BY_ID,
    LIJSTEN_SHEET,
    SCHEMA_VERSION,
    STATEMENTS,
    TOELICHTING_SHEET,
    kind_by_id,
)
from toolkit.schema.model import Column, ColumnType, GegevensField, Kind, SheetSchema, When

__all__ = [
    "DIMENSIONS",
    "GEGEVENS",
    "GEGEVENS_SHEET",
    "KINDS",
    "KINDS_BY_ID",
    "LIJSTEN_SHEET",
    "SCHEMA_VERSION",
    "STATEMENTS",
    "TOELICHTING_SHEET",
    "Column",
    "ColumnType",
    "GegevensField",
    "Kind",
    "SheetSchema",
    "When",
    "kind_by_id",
]
