"""The schema is the single source of truth: check it is internally consistent."""

from __future__ import annotations

import re

import pytest

from toolkit.schema import DIMENSIONS, KINDS, KINDS_BY_ID
from toolkit.schema.model import (
    CategoryOf,
    ColumnType,
    CountMatches,
    DateOrder,
    Differs,
    Discouraged,
    NoOverlap,
    NotAfterFilledDate,
    TargetsSum,
)
from toolkit.schema.vocabularies import ALL, LIKERT, likert_score


def _rule_columns(check: object) -> list[str]:
    """The column keys a cross-field rule names on its own sheet."""
    if isinstance(check, DateOrder):
        return [check.later, check.earlier]
    if isinstance(check, Differs):
        return [check.column, check.other]
    if isinstance(check, NotAfterFilledDate):
        return [check.column]
    if isinstance(check, Discouraged):
        return [check.column, check.when.column]
    if isinstance(check, NoOverlap):
        return [check.id, check.start, check.end]
    if isinstance(check, TargetsSum):
        return [check.group, check.percentage]
    if isinstance(check, CountMatches):
        return [check.count, check.key]
    if isinstance(check, CategoryOf):
        return [check.group, check.category]
    raise AssertionError(f"unknown check {check!r}")


def test_kind_ids_are_the_five_of_the_domain() -> None:
    assert list(KINDS_BY_ID) == ["register", "werving", "bijeenkomsten", "diversiteit", "evaluatie"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.id)
def test_keys_and_headers_unique_per_sheet(kind) -> None:  # type: ignore[no-untyped-def]
    for sheet in kind.sheets:
        keys = [c.key for c in sheet.columns]
        headers = [c.header.casefold() for c in sheet.columns]
        assert len(set(keys)) == len(keys), sheet.name
        assert len(set(headers)) == len(headers), sheet.name


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.id)
def test_every_rule_names_existing_columns(kind) -> None:  # type: ignore[no-untyped-def]
    for sheet in kind.sheets:
        keys = {c.key for c in sheet.columns}
        for column in sheet.columns:
            for when in (column.required_when, column.expected_when, column.only_when):
                if when is not None:
                    assert when.column in keys, (sheet.name, column.key)
                    vocabulary = sheet.column(when.column).vocabulary
                    if when.values is not None:
                        assert vocabulary is not None
                        assert set(when.values) <= set(vocabulary.values)
            if column.references is not None:
                target = KINDS_BY_ID[column.references.kind].sheet(column.references.sheet)
                target.column(column.references.column)
            assert (column.type is ColumnType.VOCABULARY) == (column.vocabulary is not None)
            assert len(column.help) <= 255, column.header  # Excel's input-message limit
        for check in sheet.checks:
            assert set(_rule_columns(check)) <= keys, (sheet.name, check)
        for key in sheet.unique:
            assert set(key) <= keys


def test_vocabulary_values_unique_and_names_unique() -> None:
    names = [v.name for v in ALL]
    assert len(set(names)) == len(names)
    for vocabulary in ALL:
        assert len(set(vocabulary.values)) == len(vocabulary.values), vocabulary.name
        # a defined name in Excel: letters, digits and underscores, not like a cell address
        assert re.fullmatch(r"[A-Z][A-Z_]+", vocabulary.name)


def test_every_used_vocabulary_is_declared() -> None:
    declared = {v.name for v in ALL}
    for kind in KINDS:
        assert {v.name for v in kind.vocabularies} <= declared


def test_diversity_dimensions_map_to_register_values() -> None:
    register = KINDS_BY_ID["register"].sheet("Sleutelpersonen")
    dimension_names = KINDS_BY_ID["diversiteit"].sheet("Streefwaarden").column("dimension")
    assert dimension_names.vocabulary is not None
    for dimension in DIMENSIONS:
        assert dimension.name in dimension_names.vocabulary.values
        vocabulary = register.column(dimension.column).vocabulary
        assert vocabulary is not None
        assert {value for _, value in dimension.categories} <= set(vocabulary.values)


def test_streefwaarden_prefill_has_every_category() -> None:
    prefill = KINDS_BY_ID["diversiteit"].sheet("Streefwaarden").prefill
    expected = [(d.name, c) for d in DIMENSIONS for c, _ in d.categories]
    assert [(row["dimension"], row["category"]) for row in prefill] == expected


def test_likert_scores() -> None:
    assert [likert_score(v) for v in LIKERT.values] == [1, 2, 3, 4, 5, None]
