"""National-scale benchmark: 342 municipalities, 1,710 workbooks (issue 6).

Run by hand after the README's install command:  python benchmarks/national.py
It generates the corpus once (cached in benchmarks/.cache/), then measures, on the same files,
side by side:
  a  floor     python-calamine reading every sheet of every file into Python values
  b  naive     pandas.read_excel(engine="openpyxl", sheet_name=None) of every file
  c  validate  sleutelnet validate of the corpus
  d  merge     sleutelnet merge of the corpus into a summary
Each step runs as its own process, --repeat times, the steps taking turns (the fastest run
counts: the machine may be shared; the naive step runs once, at the end); wall time, CPU
time and peak memory (the largest summed RSS of the process and its children, sampled) are
printed as a table and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
SAMPLE_INTERVAL = 0.02
PAGE = os.sysconf("SC_PAGE_SIZE")

FLOOR = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
for path in sorted(Path(sys.argv[1]).rglob("*.xlsx")):
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
"""

NAIVE = """
import sys
from pathlib import Path
import pandas as pd
for path in sorted(Path(sys.argv[1]).rglob("*.xlsx")):
    pd.read_excel(path, engine="openpyxl", sheet_name=None)
"""


def _children(pid: int) -> list[int]:
    """The processes pid started, as Linux lists them per thread."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:  # the process ended meanwhile
        pass
    return found


def _tree_rss(root: int) -> int:
    """Summed resident memory (bytes) of a process and all its descendants: a few small
    reads, so that sampling takes next to no CPU from the processes it measures."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
        stack.extend(_children(pid))
    return total


def measure(command: list[str]) -> dict[str, float]:
    """Run a command to the end; its wall time, peak summed RSS and CPU time (user + system
    of the process and the children it waited for: less sensitive to a busy machine). The
    memory is sampled from a thread while this one waits, so the end is seen at once."""
    # As after pip install, which compiles the bytecode: an environment that forbids writing
    # it (PYTHONDONTWRITEBYTECODE) would make every run compile the toolkit again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    ) as process:
        peak = [0]
        ended = threading.Event()

        def sample() -> None:
            while not ended.wait(SAMPLE_INTERVAL):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        ended.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # validate exits 1 when it finds errors
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr}")
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(peak[0] / 2**20, 1),
    }


def best_of(commands: dict[str, list[str]], repeat: int) -> dict[str, dict[str, float]]:
    """Per step, the fastest of repeat runs and the highest peak memory. The steps take turns
    (a round of each, repeat times), so that a slow spell of a shared machine does not fall
    on one step only."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command))
    return {
        name: {
            **min(measured, key=lambda run: run["seconds"]),
            "peak_rss_mib": max(run["peak_rss_mib"] for run in measured),
        }
        for name, measured in runs.items()
    }


def corpus(municipalities: int) -> Path:
    folder = CACHE / f"national-{municipalities}"
    if not (folder / ".complete").exists():
        print(f"generating {municipalities} municipalities into {folder} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "toolkit",
                "samples",
                "--gemeenten",
                str(municipalities),
                "-o",
                str(folder),
                "--seed",
                "342",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (folder / ".complete").touch()
    return folder


def run(municipalities: int, jobs: int, repeat: int) -> dict[str, object]:
    folder = corpus(municipalities)
    files = sorted(folder.rglob("*.xlsx"))
    summary = CACHE / f"overzicht-{municipalities}.xlsx"
    toolkit = [sys.executable, "-m", "toolkit"]
    commands = {
        "a_floor": [sys.executable, "-c", FLOOR, str(folder)],
        "b_naive": [sys.executable, "-c", NAIVE, str(folder)],
        "c_validate": [*toolkit, "validate", str(folder), "--format", "json", "--jobs", str(jobs)],
        "d_merge": [*toolkit, "merge", str(folder), "-o", str(summary), "--jobs", str(jobs)],
    }
    # The naive pipeline takes minutes and varies little: it runs once, after the others.
    naive = commands.pop("b_naive")
    steps = best_of(commands, repeat) | best_of({"b_naive": naive}, 1)
    steps = {name: steps[name] for name in sorted(steps)}
    floor = steps["a_floor"]["seconds"]
    return {
        "municipalities": municipalities,
        "files": len(files),
        "jobs": jobs,
        "repeat": repeat,
        "steps": steps,
        "ratios": {
            "c/a": round(steps["c_validate"]["seconds"] / floor, 2),
            "d/a": round(steps["d_merge"]["seconds"] / floor, 2),
            "b/d": round(steps["b_naive"]["seconds"] / steps["d_merge"]["seconds"], 2),
        },
    }


def print_table(result: dict[str, object]) -> None:
    steps = result["steps"]
    assert isinstance(steps, dict)
    print(
        f"\n{result['municipalities']} municipalities, {result['files']} files, "
        f"--jobs {result['jobs']}, best of {result['repeat']}"
    )
    print(f"{'step':<12}{'seconds':>10}{'CPU seconds':>14}{'peak RSS MiB':>15}")
    for name, figures in steps.items():
        print(
            f"{name:<12}{figures['seconds']:>10.2f}{figures['cpu_seconds']:>14.2f}"
            f"{figures['peak_rss_mib']:>15.1f}"
        )
    print("ratios: " + ", ".join(f"{k} = {v}" for k, v in result["ratios"].items()))  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, nargs="+", default=[100, 342])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the fastest counts")
    parser.add_argument("--json", type=Path, default=HERE / "national.json")
    args = parser.parse_args()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results = [run(n, args.jobs, args.repeat) for n in args.gemeenten]
    for result in results:
        print_table(result)
    args.json.write_text(json.dumps({"machine": machine, "runs": results}, indent=2) + "\n")
    print(f"\nmachine: {machine}\nwritten: {args.json}")


if __name__ == "__main__":
    main()
