"""How long `sleutelnet samples` takes for the whole country (342 municipalities).

Prints the wall time of write_samples with the given number of processes, and, for a few
municipalities in one process, how the time splits between generating the data and writing
the workbooks. Not a test: run it by hand.

    python benchmarks/samples_speed.py [--gemeenten 342] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from toolkit.periods import parse_quarter
from toolkit.samples import write_samples
from toolkit.samples.generate import municipality
from toolkit.schema import KINDS
from toolkit.template import write_workbook

QUARTER = parse_quarter("2026-K3")


def whole_run(count: int, jobs: int) -> float:
    assert QUARTER is not None
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        paths = write_samples(Path(folder), QUARTER, gemeenten=count, jobs=jobs)
        elapsed = time.perf_counter() - started
    print(f"{count} municipalities, {len(paths)} workbooks, {jobs} processes: {elapsed:.1f} s")
    return elapsed


def split(count: int) -> None:
    """Generating versus writing, in one process, for the first count municipalities."""
    assert QUARTER is not None
    generating = writing = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for index in range(count):
            started = time.perf_counter()
            town = municipality(index, 1, QUARTER)
            generated = time.perf_counter()
            for kind in KINDS:
                write_workbook(
                    kind,
                    Path(folder) / town.slug / f"{kind.filename}.xlsx",
                    gegevens=town.gegevens,
                    wijken=town.wijken,
                    data=town.workbooks[kind.id],
                )
            generating += generated - started
            writing += time.perf_counter() - generated
    total = generating + writing
    print(
        f"first {count} municipalities in one process: generating {generating:.2f} s "
        f"({100 * generating / total:.0f} %), writing {writing:.2f} s "
        f"({100 * writing / total:.0f} %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    split(20)
    whole_run(options.gemeenten, options.jobs)


if __name__ == "__main__":
    main()
