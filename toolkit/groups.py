"""Which input files belong together, and reading them group by group.

A municipality's workbooks are read together, in one process: checks across its files,
duplicates and its figures need all of them, and only small results (findings, figures)
come back from the worker processes, never the parsed rows. Files are first grouped by name
(see group_key); when the names do not tell municipalities apart, by the Gemeente on their
Gegevens sheet; and when the workbooks show that one municipality was split over groups,
those groups are read again together.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

from python_calamine import CalamineWorkbook

from toolkit.parallel import FORK, batched, share_work
from toolkit.schema import GEGEVENS, GEGEVENS_SHEET, KINDS
from toolkit.validate.coerce import normalise

P = TypeVar("P")
# Reads a group of files; calls its second argument (when not None) after each file.
Work = Callable[[list[Path], Callable[[int], None] | None], P]

_GEGEVENS = normalise(GEGEVENS_SHEET)
_GEMEENTE = normalise(next(f.label for f in GEGEVENS if f.key == "gemeente"))


def read_in_groups(
    files: Sequence[Path],
    work: Work[P],
    keys_of: Callable[[P], Iterable[Hashable]],
    *,
    jobs: int = 1,
    report: Callable[[int], None] | None = None,
) -> list[P]:
    """work's result for each group of files (see the module's doc): those of the first
    groups in order, then those of groups read again together. keys_of tells what a result
    must not share with another result (a municipality); work must be picklable when
    jobs > 1 (a module-level function or a functools.partial of one). report, when given, is
    called with the number of files done: after each file read in this process, after each
    batch of groups from a worker."""
    groups = list(_by_name(files).values())
    if len(groups) * 2 > len(files) > 1:  # the names do not tell the municipalities apart
        groups = _by_gemeente(files, jobs)
    parts = _read_all(groups, work, jobs, report)
    split = _sharing([set(keys_of(part)) for part in parts])
    if not split:
        return parts
    joined = [sorted(f for i in component for f in groups[i]) for component in split]
    again = set().union(*split)
    kept = [part for index, part in enumerate(parts) if index not in again]
    return kept + _read_all(joined, work, jobs, None)


def group_key(path: Path) -> tuple[str, str]:
    """Files that probably belong to one municipality: same folder, and the same name once
    a kind's file name is taken out ("utrecht-sleutelpersonenregister.xlsx" -> "utrecht")."""
    stem = path.stem.casefold()
    for kind in KINDS:
        stem = stem.replace(kind.filename, "")
    return str(path.parent), stem.strip(" -_.")


def gemeente_hint(path: Path) -> str:
    """The Gemeente on a file's Gegevens sheet, normalised; "" when there is none. Only a
    hint for grouping (read_in_groups checks the groups against what validation reads), so
    a file that cannot be read here simply gives ""; validation reports it."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = next((n for n in book.sheet_names if normalise(n) == _GEGEVENS), None)
        rows = book.get_sheet_by_name(sheet).to_python()[:50] if sheet is not None else []
    except Exception:  # calamine raises its own types for damaged files
        return ""
    for row in rows:
        if len(row) > 1 and isinstance(row[0], str) and normalise(row[0]).rstrip(":") == _GEMEENTE:
            return normalise(str(row[1]))
    return ""


def _by_name(files: Sequence[Path]) -> dict[tuple[str, str], list[Path]]:
    groups: dict[tuple[str, str], list[Path]] = {}
    for path in files:
        groups.setdefault(group_key(path), []).append(path)
    return groups


def _by_gemeente(files: Sequence[Path], jobs: int) -> list[list[Path]]:
    """Files grouped by the Gemeente on their Gegevens sheet, read quickly (a fraction of
    reading them whole)."""
    if jobs > 1:
        with ProcessPoolExecutor(jobs, mp_context=FORK) as pool:
            names = list(pool.map(gemeente_hint, files, chunksize=64))
    else:
        names = [gemeente_hint(path) for path in files]
    groups: dict[str, list[Path]] = {}
    for path, name in zip(files, names, strict=True):
        groups.setdefault(name, []).append(path)
    return list(groups.values())


def _read_all(
    groups: Sequence[list[Path]],
    work: Work[P],
    jobs: int,
    report: Callable[[int], None] | None,
) -> list[P]:
    """work's result for every group, in order: shared between processes (see
    toolkit.parallel), or here alone."""
    if jobs < 2 or len(groups) < 2:
        return [work(group, report) for group in groups]

    def finished(batch: list[tuple[int, P]]) -> None:
        if report is not None:
            report(sum(files for files, _ in batch))

    batches = batched(groups, jobs, largest=8)
    counted = share_work(batches, partial(_each, work=work), jobs, finished)
    return [result for _, result in counted]


def _each(groups: list[list[Path]], work: Work[P]) -> list[tuple[int, P]]:
    """work's result for each group, with the group's number of files (for progress)."""
    return [(len(group), work(group, None)) for group in groups]


def _sharing(keys: Sequence[set[Hashable]]) -> list[set[int]]:
    """The sets of results (two or more) that share a key, joined transitively."""
    owner: dict[Hashable, int] = {}
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for index, found in enumerate(keys):
        for key in found:
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    components: dict[int, set[int]] = {}
    for index in range(len(keys)):
        components.setdefault(root(index), set()).add(index)
    return [c for c in components.values() if len(c) > 1]
