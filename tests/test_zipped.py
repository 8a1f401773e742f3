"""toolkit.io.zipped: an archive deflated in threads reads back as zipfile wrote it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.exceptions import FileCreateError

from toolkit.io.zipped import LEVEL, ThreadedZip, deflated_in_threads

STAMP = (1980, 1, 1, 0, 0, 0)
# Large parts (deflated in threads), small ones (at once), one stored, a name beyond ASCII.
PARTS = [
    ("xl/worksheets/sheet1.xml", zipfile.ZIP_DEFLATED, b"<row>1</row>" * 40_000),
    ("xl/styles.xml", zipfile.ZIP_DEFLATED, b"<styles/>"),
    ("xl/media/image1.png", zipfile.ZIP_STORED, os.urandom(5_000)),
    ("xl/worksheets/sheet2.xml", zipfile.ZIP_DEFLATED, os.urandom(300_000)),
    ("xl/bijlage-één.xml", zipfile.ZIP_DEFLATED, "één".encode() * 30_000),
    ("empty.xml", zipfile.ZIP_DEFLATED, b""),
]


def write(archive: ThreadedZip | zipfile.ZipFile) -> None:
    for name, method, data in PARTS:
        info = zipfile.ZipInfo(name, STAMP)
        info.compress_type = method
        archive.writestr(info, data)
    archive.close()


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_the_archive_reads_back_as_zipfile_writes_it(tmp_path: Path, threads: int) -> None:
    ours, theirs = tmp_path / "ours.zip", tmp_path / "theirs.zip"
    write(ThreadedZip(str(ours), threads))
    write(zipfile.ZipFile(theirs, "w", compresslevel=LEVEL))
    with zipfile.ZipFile(ours) as read, zipfile.ZipFile(theirs) as expected:
        assert read.testzip() is None  # every part's CRC checked
        assert [read.read(name) for name, _, _ in PARTS] == [data for _, _, data in PARTS]
        fields = (
            "filename",
            "date_time",
            "compress_type",
            "compress_size",
            "file_size",
            "CRC",
            "flag_bits",
            "external_attr",
            "create_system",
            "extract_version",
        )
        for mine, zipfiles in zip(read.infolist(), expected.infolist(), strict=True):
            assert [getattr(mine, f) for f in fields] == [getattr(zipfiles, f) for f in fields]


def test_a_workbook_closed_within_holds_the_parts_xlsxwriter_writes(tmp_path: Path) -> None:
    def book(path: Path) -> None:
        workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
        sheet = workbook.add_worksheet("Blad")
        for row in range(3_000):
            sheet.write_row(row, 0, [row, f"tekst {row % 50}", row / 7])
        chart = workbook.add_chart({"type": "column"})
        chart.add_series({"values": ["Blad", 0, 0, 99, 0]})
        sheet.insert_chart("E2", chart)
        workbook.set_properties({"created": None})
        workbook.close()

    original = xlsxwriter.workbook.ZipFile
    with deflated_in_threads(2):
        book(tmp_path / "threads.xlsx")
    assert xlsxwriter.workbook.ZipFile is original
    book(tmp_path / "plain.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "threads.xlsx") as ours,
        zipfile.ZipFile(tmp_path / "plain.xlsx") as theirs,
    ):
        assert ours.namelist() == theirs.namelist()
        changing = {"docProps/core.xml"}  # the time of writing
        for name in set(theirs.namelist()) - changing:
            assert ours.read(name) == theirs.read(name), name


def test_zipfile_is_put_back_when_closing_fails(tmp_path: Path) -> None:
    original = xlsxwriter.workbook.ZipFile
    workbook = xlsxwriter.Workbook(str(tmp_path / "missing" / "map.xlsx"), {"in_memory": True})
    workbook.add_worksheet()
    with pytest.raises(FileCreateError), deflated_in_threads(2):
        workbook.close()
    assert xlsxwriter.workbook.ZipFile is original
