"""Template generation speed (issue 6): all five kinds as .xlsx and as .ods.

Run by hand:  python benchmarks/templates.py
Prints the best of several in-process runs and one run of the two CLI commands (which
includes starting Python).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.schema import KINDS
from toolkit.template import FORMATS, generate_templates

REPEAT = 5


def in_process(folder: Path) -> float:
    best = float("inf")
    for attempt in range(REPEAT):
        start = time.perf_counter()
        for fmt in FORMATS:
            generate_templates(KINDS, folder / str(attempt), fmt)
        best = min(best, time.perf_counter() - start)
    return best


def command_line(folder: Path) -> float:
    start = time.perf_counter()
    for fmt in FORMATS:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "toolkit",
                "template",
                "--all",
                "--format",
                fmt,
                "-o",
                str(folder / "cli"),
                "--force",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        print(
            f"5 kinds x {len(FORMATS)} formats, in process (best of {REPEAT}): "
            f"{in_process(folder):.3f} s"
        )
        print(f"the same through the two CLI commands: {command_line(folder):.3f} s")


if __name__ == "__main__":
    main()
