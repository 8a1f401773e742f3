"""The cheaper ways the statistics compute some figures give exactly what the plain ways
give: whole-number ratios instead of Fractions, split() instead of a regular expression,
type checks before isinstance in suppression."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from toolkit.stats.diversity import _gap
from toolkit.stats.meetings import _per_person
from toolkit.stats.networks import municipality_key, spaced
from toolkit.stats.numbers import rounded
from toolkit.stats.suppression import suppress


@given(st.text())
def test_spaced_is_the_regular_expression(name: str) -> None:
    assert spaced(name) == re.sub(r"\s+", " ", name).strip()
    assert municipality_key(name) == re.sub(r"\s+", " ", name).strip().casefold()


_rates = st.dictionaries(
    st.integers(1, 30).flatmap(lambda held: st.tuples(st.integers(0, held), st.just(held))),
    st.integers(1, 50),
)


@given(_rates)
def test_the_mean_attendance_is_the_mean_of_the_fractions(rates: dict) -> None:
    persons = sum(rates.values())
    total = sum((Fraction(came, held) * n for (came, held), n in rates.items()), Fraction(0))
    expected = rounded(total * 100 / persons) if persons else None
    assert _per_person(Counter(rates))["gemiddelde_opkomst_pct"] == expected


@given(
    st.integers(0, 400).flatmap(lambda base: st.tuples(st.integers(0, base), st.just(base))),
    st.floats(0, 100, allow_nan=False),
)
def test_the_gap_uses_the_target_as_typed(counted: tuple[int, int], target: float) -> None:
    count, base = counted
    expected = rounded(Fraction(count * 100, base) - Fraction(repr(target))) if base else None
    assert _gap(count, base, target) == expected


class _Count(int):
    """A count of a type suppression does not know by name."""


def _stats(redenen: dict[str, Any]) -> dict[str, Any]:
    return {"gemeenten": [{"verloop": {"redenen": redenen, "uitstroom": 9}}]}


def test_counts_of_other_int_types_are_counts_and_bools_are_not() -> None:
    hidden = suppress(_stats({"A": _Count(2), "B": _Count(3), "C": 9}), 5)
    assert hidden["gemeenten"][0]["verloop"]["redenen"] == {"A": None, "B": None, "C": 9}
    kept = suppress(_stats({"A": True, "B": 3, "C": 9}), 5)  # not a breakdown of counts
    assert kept["gemeenten"][0]["verloop"]["redenen"] == {"A": True, "B": 3, "C": 9}
    assert kept["onderdrukt"] == []
