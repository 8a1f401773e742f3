"""Many files at once: folders, checks across one municipality's workbooks, the JSON and text
reports, the command line and its exit codes, the message catalogue and the samples."""

from __future__ import annotations

import gc
import json
import string
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbook_tables import cell, gegevens, register_workbook, write_workbook

from toolkit.cli import cli
from toolkit.findings import CATALOGUE, Severity, make_finding
from toolkit.validate import expand_paths, render_text, validate_paths

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MANIFEST = SAMPLES / "met-fouten" / "fouten.json"

PERSONS = """
| Persoon-ID | Naam | Wijk | Rol       | Kerngroep | Startdatum | AVG-toestemming (datum) |
| SP-001     | Anna | C    | Verbinder | Ja        | 2024-03-01 | 2024-03-01              |
| SP-002     | Bram | C    | Verbinder | Nee       | 2024-03-01 | 2024-03-01              |
"""
# Active persons without AVG consent: a warning each.
WARNED = PERSONS.replace("| 2024-03-01              |", "|                         |")
CANDIDATES = """
| Kandidaat-ID | Naam | Wervingsmethode                 | Voorgedragen door (Persoon-ID) | Datum eerste contact | Datum kennismakingsgesprek | Status       | Datum besluit | Persoon-ID na selectie |
| K-001        | Cas  | Sneeuwbalmethode (voorgedragen) | SP-001                         | 2026-01-10           | 2026-01-20                 | Geselecteerd | 2026-02-01    | SP-003                 |
| K-002        | Dirk | Sneeuwbalmethode (voorgedragen) | SP-404                         | 2026-01-10           |                            | In gesprek   |               |                        |
"""  # noqa: E501


def werving(path: Path, gemeente: str = "Testdam") -> Path:
    return write_workbook(
        path, {"Gegevens": gegevens(gemeente), "Kandidaten": CANDIDATES}, kind="werving"
    )


def W(header: str, row: int) -> str:
    return cell("werving", "Kandidaten", header, row)


def codes(report_file: dict[str, object]) -> set[tuple[object, object, object]]:
    findings = report_file["findings"]
    assert isinstance(findings, list)
    return {(f["sheet"], f["cell"], f["code"]) for f in findings}


def test_references_are_checked_across_one_municipalitys_workbooks(tmp_path: Path) -> None:
    register_workbook(tmp_path / "register.xlsx", PERSONS)
    werving(tmp_path / "werving.xlsx")
    report = validate_paths([tmp_path])
    files = {Path(f["path"]).name: f for f in report.to_dict()["files"]}
    assert codes(files["werving.xlsx"]) == {
        ("Kandidaten", W("Voorgedragen door (Persoon-ID)", 3), "reference_missing"),
        ("Kandidaten", W("Persoon-ID na selectie", 2), "reference_missing"),
    }
    severity = {f["cell"]: f["severity"] for f in files["werving.xlsx"]["findings"]}
    assert severity[W("Voorgedragen door (Persoon-ID)", 3)] == "error"
    assert severity[W("Persoon-ID na selectie", 2)] == "warning"  # "should exist"
    assert files["werving.xlsx"]["rows"] == {"read": 2, "with_errors": 1}
    assert codes(files["register.xlsx"]) == set()


def test_references_are_not_checked_without_that_municipalitys_workbook(tmp_path: Path) -> None:
    register_workbook(tmp_path / "register.xlsx", PERSONS, gemeente="Anderdam")
    werving(tmp_path / "werving.xlsx")
    report = validate_paths([tmp_path])
    assert all(codes(f) == set() for f in report.to_dict()["files"])
    assert report.valid()


@pytest.mark.parametrize("jobs", [1, 2])
def test_references_are_checked_when_names_split_a_municipality(tmp_path: Path, jobs: int) -> None:
    """The names group Testdam's register with Anderdam's tracker and the other way round
    ("a-", "b-"); files are read per municipality, so the crossed groups are read again
    together and Testdam's tracker is still checked against Testdam's register."""
    register_workbook(tmp_path / "a-register.xlsx", PERSONS)
    werving(tmp_path / "a-werving.xlsx", gemeente="Anderdam")
    register_workbook(tmp_path / "b-register.xlsx", PERSONS, gemeente="Anderdam")
    werving(tmp_path / "b-werving.xlsx")
    files = {
        Path(f["path"]).name: f for f in validate_paths([tmp_path], jobs=jobs).to_dict()["files"]
    }
    assert list(files) == ["a-register.xlsx", "a-werving.xlsx", "b-register.xlsx", "b-werving.xlsx"]
    assert codes(files["b-werving.xlsx"]) == {
        ("Kandidaten", W("Voorgedragen door (Persoon-ID)", 3), "reference_missing"),
        ("Kandidaten", W("Persoon-ID na selectie", 2), "reference_missing"),
    }
    assert codes(files["a-werving.xlsx"]) == codes(files["b-werving.xlsx"])


def test_the_json_report_has_the_documented_shape(tmp_path: Path) -> None:
    werving(tmp_path / "werving.xlsx")
    data = validate_paths([tmp_path / "werving.xlsx"]).to_dict()
    assert set(data) == {"valid", "files"}
    (entry,) = data["files"]
    assert set(entry) >= {
        "path",
        "kind",
        "schema_version",
        "gemeente",
        "periode",
        "valid",
        "counts",
        "rows",
        "findings",
    }
    assert (entry["kind"], entry["schema_version"]) == ("werving", "1")
    assert (entry["gemeente"], entry["periode"]) == ("Testdam", "2026-K3")
    assert entry["counts"] == {"error": 0, "warning": 0, "note": 0}
    assert entry["rows"] == {"read": 2, "with_errors": 0}
    assert entry["valid"] is True and data["valid"] is True
    json.dumps(data)  # everything in it is JSON


def test_the_cli_json_equals_the_library_result(tmp_path: Path) -> None:
    register_workbook(tmp_path / "register.xlsx", PERSONS.replace("| Ja ", "| ja "))
    werving(tmp_path / "werving.xlsx")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == validate_paths([tmp_path]).to_dict()
    assert json.loads(result.output)["valid"] is False


def test_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good = register_workbook(tmp_path / "good.xlsx", PERSONS)
    warned = register_workbook(tmp_path / "warned.xlsx", WARNED)
    wrong = register_workbook(tmp_path / "wrong.xlsx", PERSONS.replace("Verbinder", "Baas"))
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 dit is geen werkmap")
    assert runner.invoke(cli, ["validate", str(good)]).exit_code == 0
    assert runner.invoke(cli, ["validate", str(warned)]).exit_code == 0
    assert runner.invoke(cli, ["validate", str(warned), "--strict"]).exit_code == 1
    assert runner.invoke(cli, ["validate", str(wrong)]).exit_code == 1
    assert runner.invoke(cli, ["validate", str(tmp_path / "weg.xlsx")]).exit_code == 2
    assert runner.invoke(cli, ["validate", str(good), "--format", "xml"]).exit_code == 2
    result = runner.invoke(cli, ["validate", str(good), str(broken), "--format", "json"])
    assert result.exit_code == 3
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert files["good.xlsx"]["valid"] is True
    assert [f["code"] for f in files["kapot.xlsx"]["findings"]] == ["unreadable"]
    assert files["kapot.xlsx"]["kind"] is None


def test_strict_json_counts_warnings_as_invalid(tmp_path: Path) -> None:
    warned = register_workbook(tmp_path / "warned.xlsx", WARNED)
    report = validate_paths([warned])
    assert report.to_dict()["valid"] is True
    assert report.to_dict(strict=True)["valid"] is False
    assert report.to_dict(strict=True)["files"][0]["counts"]["warning"] == 2


def test_text_report_verdicts_groups_by_sheet_and_folds_repeats(tmp_path: Path) -> None:
    rows = ["| Persoon-ID | Naam | Wijk | Rol | Kerngroep | Startdatum | AVG-toestemming (datum) |"]
    rows += [f"| SP-{i:03d} | N | C | Baas | Ja | 2024-03-01 | 2024-03-01 |" for i in range(1, 6)]
    rows += ["| SP-006 | N | C | Verbinder | misschien | 2024-03-01 | 2024-03-01 |"]
    path = register_workbook(tmp_path / "r.xlsx", "\n".join(rows), periode="2026-Q3")
    text = render_text(validate_paths([path]))
    lines = text.splitlines()
    role = cell("register", "Sleutelpersonen", "Rol", 2)[0]
    assert lines[0].startswith(f"NIET IN ORDE: {path} (register, Testdam, 2026-K3)")
    assert "6 fouten, 0 waarschuwingen, 1 opmerking; 6 regels gelezen" in lines[0]
    assert lines[1] == "  Blad Gegevens:"
    assert lines[2].startswith("    opmerking: B2 ")
    assert lines[3] == "  Blad Sleutelpersonen:"
    assert lines[4].startswith(f"    fout: {role}2:{role}6 (5 cellen), bijvoorbeeld {role}2: ")
    assert lines[5].startswith("    fout: ")  # Kerngroep: once, not folded
    assert lines[-1] == "1 bestand(en) gecontroleerd: 0 in orde, 1 niet in orde."


def test_folders_are_read_without_subfolders_or_lock_files(tmp_path: Path) -> None:
    (tmp_path / "oud").mkdir()
    register_workbook(tmp_path / "oud" / "register.xlsx", PERSONS)
    first = register_workbook(tmp_path / "register.xlsx", PERSONS)
    second = werving(tmp_path / "werving.xlsx")
    (tmp_path / "~$werving.xlsx").write_bytes(b"lock")
    (tmp_path / ".~lock.werving.xlsx#").write_bytes(b"lock")
    (tmp_path / "notities.txt").write_text("geen werkblad")
    assert expand_paths([tmp_path, second]) == [first, second]


def test_parallel_reading_gives_the_same_report(tmp_path: Path) -> None:
    register_workbook(tmp_path / "register.xlsx", PERSONS)
    werving(tmp_path / "werving.xlsx")
    one = validate_paths([tmp_path], today=date(2026, 10, 5)).to_dict()
    assert validate_paths([tmp_path], jobs=2, today=date(2026, 10, 5)).to_dict() == one


def test_annotate_writes_a_copy_per_readable_input(tmp_path: Path) -> None:
    for name in ("noord", "zuid"):
        (tmp_path / name).mkdir()
        register_workbook(tmp_path / name / "register.xlsx", PERSONS.replace("Ja", "x"))
    (tmp_path / "zuid" / "kapot.xlsx").write_bytes(b"")
    out = tmp_path / "uit"
    folders = [str(tmp_path / "noord"), str(tmp_path / "zuid")]
    result = CliRunner().invoke(cli, ["validate", *folders, "--annotate", str(out)])
    assert result.exit_code == 3
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx"))
    assert written == ["noord/register-gecontroleerd.xlsx", "zuid/register-gecontroleerd.xlsx"]


def test_every_code_has_a_severity_and_a_dutch_message() -> None:
    for code, entry in CATALOGUE.items():
        assert isinstance(entry.severity, Severity), code
        assert entry.template.strip().endswith((".", "?", "}")), code


@pytest.mark.skipif(not MANIFEST.exists(), reason="samples/met-fouten is not there yet")
def test_every_code_of_the_mistakes_manifest_is_in_the_catalogue() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert manifest
    assert {entry["code"] for entry in manifest} <= set(CATALOGUE)


@pytest.mark.skipif(not MANIFEST.exists(), reason="samples/met-fouten is not there yet")
def test_every_manifest_mistake_is_found_at_its_cell() -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    report = validate_paths([MANIFEST.parent]).to_dict()
    found = {
        (Path(entry["path"]).name, finding["sheet"], finding["cell"], finding["code"])
        for entry in report["files"]
        for finding in entry["findings"]
    }
    missing = [
        entry
        for entry in manifest
        if (Path(entry["file"]).name, entry["sheet"], entry["cell"], entry["code"]) not in found
    ]
    assert missing == []


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples/ is not there yet")
def test_the_valid_samples_have_no_errors() -> None:
    report = validate_paths([SAMPLES, SAMPLES / "ods"])
    assert len(report.files) >= 10
    assert report.exit_code() == 0
    assert all(f["counts"]["error"] == 0 for f in report.to_dict()["files"])


def test_every_message_template_renders() -> None:
    for code, entry in CATALOGUE.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(entry.template) if name}
        message = make_finding(code, **dict.fromkeys(fields - {"column", "value", "sheet"}, "x"))
        assert "{" not in message.message and message.severity is entry.severity, code


def test_a_sheet_damaged_inside_the_zip_makes_the_file_unreadable(tmp_path: Path) -> None:
    whole = register_workbook(tmp_path / "heel.xlsx", PERSONS)
    broken = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(whole) as old, zipfile.ZipFile(broken, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            cut = "worksheets/sheet2" in info.filename
            new.writestr(info, data[: len(data) // 2] if cut else data)
    report = validate_paths([broken])
    gc.collect()  # an unclosed file would now warn, and warnings are errors
    (entry,) = report.to_dict()["files"]
    assert [f["code"] for f in entry["findings"]] == ["unreadable"]
    assert report.exit_code() == 3
