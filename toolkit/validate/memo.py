"""Remembering what is derived from a schema object (a column's converter, a sheet's header
index), looked up by the object's identity."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
R = TypeVar("R")


def by_identity(function: Callable[[K], R]) -> Callable[[K], R]:
    """function, computed once per argument object. For the schema's frozen dataclasses,
    which live as long as the program: functools.cache would hash them on every call, and
    their generated hash walks every field (a column's vocabulary included), which costs
    more than converting a short column. Each argument is kept with its result, so its id
    is never reused for another object while the result is remembered."""
    results: dict[int, tuple[K, R]] = {}

    def remembered(argument: K) -> R:
        found = results.get(id(argument))
        if found is None:
            found = results[id(argument)] = (argument, function(argument))
        return found[1]

    return remembered
