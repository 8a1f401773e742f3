"""Fictional, realistic filled-in workbooks for demos, tests and benchmarks, and a set with
deliberate mistakes plus a manifest of where they are.

Each municipality is drawn from its own random.Random, derived from the seed and its number,
so the output is the same whatever the number of processes, and the first municipalities
are the same whether 3 or 342 are asked for.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from toolkit.errors import UsageError
from toolkit.periods import Period
from toolkit.samples import mistakes
from toolkit.samples.generate import Municipality, municipality
from toolkit.samples.names import MAX_MUNICIPALITIES
from toolkit.schema import KINDS
from toolkit.template import FORMATS, write_workbook

__all__ = ["MAX_MUNICIPALITIES", "write_samples"]


def write_samples(
    outdir: Path,
    period: Period,
    *,
    gemeenten: int = 3,
    seed: int = 1,
    fmt: str = "xlsx",
    met_fouten: bool = False,
    jobs: int | None = None,
) -> list[Path]:
    """Write the five workbooks of gemeenten fictional municipalities into outdir, named
    <municipality>-<workbook> (one flat folder, as an adviser receives them), filled in for
    period; with met_fouten also folder met-fouten (always .xlsx) with
    deliberate mistakes and fouten.json. Returns the files written, in order."""
    if not 1 <= gemeenten <= MAX_MUNICIPALITIES:
        raise UsageError(f"Kies 1 tot en met {MAX_MUNICIPALITIES} gemeenten.")
    if fmt not in FORMATS:
        raise UsageError(f"Onbekend formaat '{fmt}'; kies uit: {', '.join(FORMATS)}.")
    tasks = [(outdir, index, seed, period, fmt) for index in range(gemeenten)]
    workers = min(jobs or os.cpu_count() or 1, gemeenten)
    if workers == 1:
        written = [_write_municipality(*task) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, gemeenten // (4 * workers))
            written = list(
                pool.map(_write_municipality, *zip(*tasks, strict=True), chunksize=chunk)
            )
    paths = [path for group in written for path in group]
    if met_fouten:
        paths += write_mistakes(outdir, period, seed)
    return paths


def _write_municipality(
    outdir: Path, index: int, seed: int, period: Period, fmt: str
) -> list[Path]:
    town = municipality(index, seed, period)
    return _write_town(town, outdir, fmt, prefix=f"{town.slug}-")


def _write_town(town: Municipality, folder: Path, fmt: str, prefix: str = "") -> list[Path]:
    return [
        write_workbook(
            kind,
            folder / f"{prefix}{kind.filename}.{fmt}",
            fmt,
            gegevens=town.gegevens,
            wijken=town.wijken,
            data=town.workbooks[kind.id],
        )
        for kind in KINDS
    ]


def write_mistakes(outdir: Path, period: Period, seed: int = 1) -> list[Path]:
    """Folder met-fouten: Foutendam's five workbooks with every mistake, and fouten.json."""
    town, found = mistakes.flawed_municipality(seed, period)
    paths = _write_town(town, outdir / mistakes.FOLDER, mistakes.FILE_FORMAT)
    found += mistakes.make_structural_mistakes(outdir, town)
    return [*paths, mistakes.write_manifest(outdir, found)]
