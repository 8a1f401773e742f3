"""Large single inputs: registers of 10,000, 50,000 and 100,000 rows (issue 6).

Run by hand after the README's install command:  python benchmarks/large_register.py
It generates one sample municipality, then writes each register with xlsxwriter: the
sample's Gegevens, and its register rows repeated until the size is reached, every person
with an ID of their own (so the data is as varied as a real register, and the duplicate-ID
check has work to do without reporting every row). Each register is validated by
`sleutelnet validate FILE --format json` in its own process; wall time, peak memory (RSS)
and the seconds per 10,000 rows are printed as a table and written as JSON. About linear
growth shows as a steady figure in the last column.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from national import CACHE, HERE, measure
from python_calamine import CalamineWorkbook

from toolkit.schema import GEGEVENS_SHEET, SCHEMA_VERSION, kind_by_id
from toolkit.template import KIND_PROPERTY, VERSION_PROPERTY

SIZES = (10_000, 50_000, 100_000)
REGISTER = kind_by_id("register")
SHEET = REGISTER.sheets[0]
ID_HEADER = SHEET.column("person_id").header
BUDDY_HEADER = SHEET.column("buddy_id").header


def sample_register() -> tuple[list[list[Any]], list[list[Any]]]:
    """The Gegevens rows and the register rows (header first) of one sample municipality."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "toolkit", "samples", "--gemeenten", "1", "-o", folder],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        [path] = Path(folder).glob(f"*{REGISTER.filename}*.xlsx")
        book = CalamineWorkbook.from_path(str(path))
        gegevens = book.get_sheet_by_name(GEGEVENS_SHEET).to_python()
        rows = book.get_sheet_by_name(SHEET.name).to_python()
        book.close()
    return gegevens, rows


def write_register(path: Path, size: int, gegevens: list[list[Any]], rows: list[list[Any]]) -> None:
    header, body = rows[0], [row for row in rows[1:] if any(row)]
    person, buddy = header.index(ID_HEADER), header.index(BUDDY_HEADER)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book.set_custom_property(KIND_PROPERTY, REGISTER.id)
    book.set_custom_property(VERSION_PROPERTY, SCHEMA_VERSION)
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet = book.add_worksheet(GEGEVENS_SHEET)
    for r, row in enumerate(gegevens):
        _write_row(sheet, r, row, dates)
    sheet = book.add_worksheet(SHEET.name)
    sheet.write_row(0, 0, header)
    for n in range(size):
        row = list(body[n % len(body)])
        row[person] = f"SP-{n + 1:06d}"
        if row[buddy]:  # a buddy from the same copy of the sample, so the reference holds
            row[buddy] = f"SP-{n - n % len(body) + int(str(row[buddy])[3:]):06d}"
        _write_row(sheet, n + 1, row, dates)
    book.close()


def _write_row(sheet: Any, r: int, row: list[Any], dates: Any) -> None:
    for c, value in enumerate(row):
        if isinstance(value, (date, datetime)):
            sheet.write_datetime(r, c, value, dates)
        elif value not in ("", None):
            sheet.write(r, c, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--json", type=Path, default=HERE / "large_register.json")
    args = parser.parse_args()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    folder = CACHE / "large-register"
    folder.mkdir(parents=True, exist_ok=True)
    gegevens, rows = sample_register()
    results = []
    for size in args.rows:
        path = folder / f"register-{size}.xlsx"
        write_register(path, size, gegevens, rows)
        figures = measure(
            [sys.executable, "-m", "toolkit", "validate", str(path), "--format", "json"]
        )
        per = figures["seconds"] / size * 10_000
        results.append({"rows": size, "mib_on_disk": round(path.stat().st_size / 2**20, 1),
                        **figures, "seconds_per_10k_rows": round(per, 2)})  # fmt: skip
    print(f"\n{'rows':>8}{'MiB':>7}{'seconds':>10}{'peak RSS MiB':>15}{'s / 10k rows':>15}")
    for r in results:
        print(f"{r['rows']:>8}{r['mib_on_disk']:>7.1f}{r['seconds']:>10.2f}"
              f"{r['peak_rss_mib']:>15.1f}{r['seconds_per_10k_rows']:>15.2f}")  # fmt: skip
    args.json.write_text(json.dumps({"machine": machine, "runs": results}, indent=2) + "\n")
    print(f"\nmachine: {machine}\nwritten: {args.json}")


if __name__ == "__main__":
    main()
