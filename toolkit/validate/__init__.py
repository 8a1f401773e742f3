"""Validation of users' workbooks: read what they really send, report every problem at its
cell in Dutch, and hand cleaned records to statistics and merging.

    validate_workbook(path)      one file on its own
    validate_paths(paths)        files and folders, with checks across one municipality's files
    load_workbooks(paths)        the same reading and checks, as records for merging
    read_group(files)            one municipality's files, read here, as records
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path

from toolkit.errors import UnreadableFileError, UsageError
from toolkit.parallel import batched, collection_paused, share_work
from toolkit.records import ParsedWorkbook
from toolkit.validate.across import check_references
from toolkit.validate.coerce import normalise
from toolkit.validate.report import CheckedFile, ValidationReport, render_text
from toolkit.validate.workbook import unreadable, validate_workbook

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
_LOCK_PREFIXES = ("~$", ".~lock")

Progress = Callable[[int, int], None]  # (files done, files in total)

__all__ = [
    "ValidationReport",
    "expand_paths",
    "load_workbooks",
    "read_group",
    "render_text",
    "validate_paths",
    "validate_workbook",
]


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and the spreadsheets directly inside each folder (not its subfolders,
    so a folder of corrected copies or of examples is only read when named), skipping
    Excel's ~$ and LibreOffice's .~lock files; sorted, each once. UsageError for a missing
    path, or when there is no spreadsheet at all."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.suffix.lower() in SPREADSHEET_SUFFIXES
                and not child.name.startswith(_LOCK_PREFIXES)
            )
        elif path.exists():
            found.add(path)
        else:
            raise UsageError(f"{path} bestaat niet.")
    if not found:
        names = ", ".join(str(path) for path in paths)
        raise UsageError(f"Geen werkbladen (.xlsx, .xlsm, .ods) gevonden in {names}.")
    return sorted(found)


def _validate_one(path: Path, today: date | None = None) -> ParsedWorkbook:
    """One file; a file that cannot be read, or that trips a fault of ours, becomes an entry
    with one error so that the other files of a large batch are still checked."""
    try:
        return validate_workbook(path, today=today)
    except UnreadableFileError as exc:
        return unreadable(path, str(exc))
    except Exception as exc:  # a fault of ours must not hide the other files' reports
        return unreadable(
            path,
            f"{path.name} kon niet worden gecontroleerd door een fout in sleutelnet "
            f"({type(exc).__name__}: {exc}). Meld dit aan de beheerder van sleutelnet.",
        )


def load_workbooks(
    paths: Sequence[Path],
    *,
    jobs: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> list[ParsedWorkbook]:
    """Every readable and unreadable file as a ParsedWorkbook, every row kept as a Record
    (has_error marks the rows with an error), checks across files included, in the order
    of expand_paths whatever jobs is. progress, when given, is called after each file (or
    each batch of files, with jobs > 1)."""
    files = expand_paths(paths)
    with collection_paused():
        if jobs > 1 and len(files) > 1:
            workbooks = _in_processes(files, jobs, today, progress)
            check_references(workbooks)
            return workbooks
        counted = [0]

        def done(files_done: int) -> None:
            counted[0] += files_done
            if progress is not None:
                progress(counted[0], len(files))

        return read_group(files, today=today, done=done)


def read_group(
    files: Sequence[Path], *, today: date | None = None, done: Callable[[int], None] | None = None
) -> list[ParsedWorkbook]:
    """The files as given (no folders), read here in order with checks across them; done,
    when given, is called with 1 after each file."""
    workbooks = []
    for path in files:
        workbooks.append(_validate_one(path, today))
        if done is not None:
            done(1)
    check_references(workbooks)
    return workbooks


def _in_processes(
    files: list[Path], jobs: int, today: date | None, progress: Progress | None
) -> list[ParsedWorkbook]:
    """Read files with jobs processes (see toolkit.parallel); results in the order of files."""
    done = 0

    def finished(workbooks: list[ParsedWorkbook]) -> None:
        nonlocal done
        done += len(workbooks)
        if progress is not None:
            progress(done, len(files))

    batches = batched(files, jobs, largest=32)
    return share_work(batches, partial(_validate_batch, today=today), jobs, finished)


def _validate_batch(files: list[Path], today: date | None) -> list[ParsedWorkbook]:
    return [_validate_one(path, today) for path in files]


def validate_paths(
    paths: Sequence[Path], *, jobs: int = 1, today: date | None = None
) -> ValidationReport:
    """Validate files and folders; cross-workbook checks per municipality, whose files are
    read together (see toolkit.groups). UsageError when there is no spreadsheet to
    validate."""
    from toolkit.groups import read_in_groups  # here: toolkit.groups imports this package

    files = expand_paths(paths)
    with collection_paused():
        parts = read_in_groups(
            files, partial(_check_group, today=today), _municipalities, jobs=jobs
        )
    order = {path: index for index, path in enumerate(files)}
    return ValidationReport(
        sorted((f for part in parts for f in part), key=lambda f: order[f.path])
    )


def _check_group(
    files: list[Path], done: Callable[[int], None] | None, today: date | None
) -> list[CheckedFile]:
    return [CheckedFile.of(wb) for wb in read_group(files, today=today, done=done)]


def _municipalities(checked: list[CheckedFile]) -> set[str]:
    """The municipalities whose files check_references compares."""
    names = (f.gegevens.get("gemeente") for f in checked if f.kind is not None)
    return {normalise(name) for name in names if isinstance(name, str)}
