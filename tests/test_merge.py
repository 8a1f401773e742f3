"""sleutelnet merge: the summary workbook, re-read with openpyxl, against the statistics and
the inputs (real files written by the toolkit's own writers and by openpyxl)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cli import cli
from toolkit.groups import gemeente_hint, group_key
from toolkit.merge import (
    MergeResult,
    account_for,
    collect,
    merge_workbooks,
    without_duplicates,
)
from toolkit.periods import parse_quarter
from toolkit.samples import write_samples
from toolkit.schema import GEGEVENS, KINDS, KINDS_BY_ID
from toolkit.stats import compute_stats
from toolkit.stats.suppression import Hidden, suppress
from toolkit.summary import key, wrapped_lines
from toolkit.template import write_workbook
from toolkit.validate import expand_paths, load_workbooks

K3 = parse_quarter("2026-K3")
assert K3 is not None
HEADER_ROW = 4  # title, subtitle, blank line, then the header
SHEETS = [
    "Samenvatting",
    "Verloop",
    "Werving",
    "Diversiteit",
    "Bijeenkomsten",
    "Evaluatie",
    "Signalen",
    "Bronnen",
    "Toelichting",
]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    assert K3 is not None
    write_samples(folder, K3, gemeenten=3, met_fouten=True, jobs=1)
    return folder


@pytest.fixture(scope="module")
def inputs(samples: Path) -> list[Path]:
    """Three valid municipalities (flat) and Foutendam, whose files have mistakes."""
    return [samples, samples / "met-fouten"]


@pytest.fixture(scope="module")
def merged(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    output = tmp_path_factory.mktemp("merged") / "overzicht.xlsx"
    return merge_workbooks(inputs, output)


@pytest.fixture(scope="module")
def summary(merged: MergeResult) -> openpyxl.Workbook:
    return openpyxl.load_workbook(merged.output)


def _stats_json(paths: list[Path], *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli, ["stats", *map(str, paths), "--format", "json", *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def _table(ws: Worksheet, header_row: int = HEADER_ROW) -> list[dict[str, Any]]:
    """The rows under a header row, as dicts keyed by header, until the first empty row."""
    headers = [c.value for c in ws[header_row]]
    rows = []
    for values in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if values[0] is None:
            break
        rows.append({h: v for h, v in zip(headers, values, strict=False) if h is not None})
    return rows


def _all_cells(book: openpyxl.Workbook) -> list[Any]:
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value]


# The summary against the statistics -------------------------------------------------------

HEADLINES = {
    "Sleutelpersonen begin": ("verloop", "bezetting_begin"),
    "Sleutelpersonen eind": ("verloop", "bezetting_eind"),
    "Instroom": ("verloop", "instroom"),
    "Herintreders": ("verloop", "herintreders"),
    "Uitstroom": ("verloop", "uitstroom"),
    "Verloop %": ("verloop", "verloop_pct"),
    "Behouden": ("verloop", "behouden"),
    "Behoud %": ("verloop", "behoud_pct"),
    "Vroege uitval": ("verloop", "vroege_uitval"),
    "Exitgesprekken": ("verloop", "exitgesprekken"),
    "Exitgesprek %": ("verloop", "exitgesprek_pct"),
    "Kandidaten": ("werving", "kandidaten"),
    "Bijeenkomsten": ("bijeenkomsten", "aantal"),
    "Opkomst %": ("bijeenkomsten", "opkomst_pct"),
    "Stille leden": ("bijeenkomsten", "stille_leden"),
    "Respondenten evaluatie": ("evaluatie", "respondenten"),
}


def test_the_sheets_are_there_in_order(summary: openpyxl.Workbook) -> None:
    assert summary.sheetnames == SHEETS


def test_samenvatting_matches_stats_json_per_municipality_and_total(
    inputs: list[Path], summary: openpyxl.Workbook
) -> None:
    stats = _stats_json(inputs)
    rows = _table(summary["Samenvatting"])
    expected = [*stats["gemeenten"], stats["totaal"]]
    assert [r["Gemeente"] for r in rows] == [f["gemeente"] for f in expected]
    assert rows[-1]["Gemeente"] == "Totaal" and len(rows) == 5  # 3 + Foutendam + Totaal
    for row, figures in zip(rows, expected, strict=True):
        for header, (block, name) in HEADLINES.items():
            assert row[header] == figures[block][name], (row["Gemeente"], header)
        assert row["Geselecteerd"] == figures["werving"]["trechter"]["geselecteerd"]
    assert rows[-1]["Signalen"] == len(stats["totaal"]["signalen"]) > 0


def test_breakdowns_show_suppressed_counts_as_text(
    inputs: list[Path], summary: openpyxl.Workbook
) -> None:
    exact = _stats_json(inputs)
    shared = _stats_json(inputs, "--drempel", "5")
    rows = _table(summary["Verloop"])
    hidden = 0
    for row, plain, figures in zip(
        rows,
        [*exact["gemeenten"], exact["totaal"]],
        [*shared["gemeenten"], shared["totaal"]],
        strict=True,
    ):
        for reason, count in figures["verloop"]["redenen"].items():
            cell = row[f"Reden: {reason}"]
            if count is not None:
                assert cell == count
            elif 1 <= plain["verloop"]["redenen"][reason] <= 5:
                assert cell == "<5"
                hidden += 1
            else:
                assert cell == "x"  # the secondary cell
    assert hidden > 0


def test_every_figure_of_the_diversity_sheet_follows_the_shared_stats(
    inputs: list[Path], summary: openpyxl.Workbook
) -> None:
    shared = _stats_json(inputs, "--drempel", "5")
    expected = [
        (figures["gemeente"], d["dimensie"], c)
        for figures in [*shared["gemeenten"], shared["totaal"]]
        for d in figures["diversiteit"]["dimensies"]
        for c in d["categorieen"]
    ]
    rows = _table(summary["Diversiteit"])
    assert len(rows) == len(expected)
    for row, (gemeente, dimension, category) in zip(rows, expected, strict=True):
        assert (row["Gemeente"], row["Dimensie"], row["Categorie"]) == (
            gemeente,
            dimension,
            category["categorie"],
        )
        assert row["Aantal"] in (category["aantal"], "<5", "x")
        assert (row["Aantal"] in ("<5", "x")) == (category["aantal"] is None)
        assert row["Streef %"] == category["streef_pct"]


def test_charts_are_native(summary: openpyxl.Workbook) -> None:
    charts = {ws.title: len(ws._charts) for ws in summary.worksheets}
    assert charts["Verloop"] == 3  # trend, reasons, retention curve
    assert charts["Werving"] == 1
    assert charts["Evaluatie"] == 1
    assert charts["Diversiteit"] >= 3  # one per municipality with targets


def test_frozen_headers_and_percentage_format(summary: openpyxl.Workbook) -> None:
    ws = summary["Samenvatting"]
    assert ws.freeze_panes == "B5"
    headers = [c.value for c in ws[HEADER_ROW]]
    column = headers.index("Verloop %") + 1
    assert ws.cell(HEADER_ROW + 1, column).number_format == "0.0"


# Privacy ----------------------------------------------------------------------------------


def _personal_values(inputs: list[Path]) -> set[str]:
    """Every value of a personal or free-text column in the inputs, and who filled them in."""
    found: set[str] = set()
    personal_fields = {f.key for f in GEGEVENS if f.personal}
    for workbook in load_workbooks(expand_paths(inputs)):
        found |= {str(workbook.gegevens[k]) for k in personal_fields if workbook.gegevens.get(k)}
        if workbook.kind is None:
            continue
        for schema in KINDS_BY_ID[workbook.kind].sheets:
            private = [c.key for c in schema.columns if c.personal or c.free_text]
            sheet = workbook.sheets.get(schema.name)
            for record in sheet.records if sheet else []:
                found |= {str(record.values[k]) for k in private if record.values.get(k)}
    return found


def test_no_personal_value_of_any_input_is_in_the_summary(
    inputs: list[Path], summary: openpyxl.Workbook
) -> None:
    personal = _personal_values(inputs)
    assert len(personal) > 500  # names, e-mails, phones, remarks, answers, topics
    texts = [str(cell.value) for cell in _all_cells(summary)]
    for value in personal:
        if len(value) >= 8:
            leaks = [t for t in texts if value in t]
        else:
            leaks = [t for t in texts if t == value]
        assert not leaks, f"{value!r} staat in het overzicht"


def test_no_cell_holds_a_formula(merged: MergeResult, summary: openpyxl.Workbook) -> None:
    assert all(cell.data_type != "f" for cell in _all_cells(summary))
    with zipfile.ZipFile(merged.output) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(SHEETS)
        assert not any(b"<f>" in archive.read(name) for name in sheets)


# Bronnen ----------------------------------------------------------------------------------


def test_bronnen_lists_every_input_with_its_hash_and_balances(
    inputs: list[Path], merged: MergeResult, summary: openpyxl.Workbook
) -> None:
    rows = _table(summary["Bronnen"])
    files = expand_paths(inputs)
    assert {Path(r["Bestand"]) for r in rows} == set(files)
    for row in rows:
        digest = hashlib.sha256(Path(row["Bestand"]).read_bytes()).hexdigest()
        assert row["SHA-256"] == digest
        assert row["Rijen gelezen"] == row["Rijen gebruikt"] + row["Rijen weggelaten"]
    left_out = [r for r in rows if r["Rijen weggelaten"]]
    assert left_out and all("fouten" in r["Reden weggelaten"] for r in left_out)
    assert all(r["Gemeente"] == "Foutendam" for r in left_out)

    balance_row = next(c.row for c in summary["Bronnen"]["A"] if c.value == "Rol" and c.row > 5)
    per_kind = _table(summary["Bronnen"], balance_row)
    assert {r["Soort"] for r in per_kind} == {k.title for k in KINDS}
    for line in per_kind:
        assert line["Rijen gelezen"] == line["Rijen gebruikt"] + line["Rijen weggelaten"]
        assert line["Klopt"] == "Ja"
        read = [r for r in rows if r["Soort"] == line["Soort"]]
        assert line["Rijen gelezen"] == sum(r["Rijen gelezen"] for r in read)


def test_bronnen_rows_read_are_the_rows_the_validator_read(
    inputs: list[Path], merged: MergeResult
) -> None:
    workbooks = {wb.path: wb for wb in load_workbooks(expand_paths(inputs))}
    for source in merged.sources:
        records = workbooks[source.path].sheets[str(source.sheet)].records
        assert source.rows_read == len(records)
        assert source.rows_left_out == sum(r.has_error for r in records)


def test_rows_used_on_bronnen_are_the_rows_the_statistics_used(
    merged: MergeResult,
) -> None:
    kind_ids = {k.title: k.id for k in KINDS}
    for figures in merged.stats["gemeenten"]:
        for kind_id, counted in figures["rijen"].items():
            lines = [
                s
                for s in merged.sources
                if s.gemeente == figures["gemeente"] and kind_ids.get(str(s.kind)) == kind_id
            ]
            assert sum(s.rows_used for s in lines) == counted["rijen_gebruikt"]
            assert sum(s.rows_left_out for s in lines) == counted["rijen_weggelaten"]


# Hand-made networks -----------------------------------------------------------------------

REGISTER = KINDS_BY_ID["register"]


def _person(pid: str, start: date, end: date | None = None, **more: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "person_id": pid,
        "name": f"Naam van {pid}",
        "email": f"{pid.lower()}@voorbeeld.nl",
        "phone": "06-12345678",
        "wijk": "Centrum",
        "role": "Verbinder",
        "core_group": "Nee",
        "start_date": start,
        "consent_date": start,
        "remarks": f"Opmerking over {pid}",
    }
    if end is not None:
        row.update(end_date=end, leave_reason="Overig", exit_interview="Ja")
    row.update(more)
    return row


def _register(path: Path, gemeente: str, periode: str, rows: list[dict[str, Any]]) -> Path:
    gegevens = {"gemeente": gemeente, "periode": periode, "datum_ingevuld": date(2026, 10, 5)}
    return write_workbook(REGISTER, path, gegevens=gegevens, data={"Sleutelpersonen": rows})


def _merge(*args: str) -> Any:
    return CliRunner().invoke(cli, ["merge", *args], catch_exceptions=False)


def test_formula_like_municipality_names_stay_text(tmp_path: Path) -> None:
    name = '=HYPERLINK("http://x","klik")'
    source = _register(
        tmp_path / "in" / "r.xlsx", name, "2026-K3", [_person("SP-1", date(2025, 1, 1))]
    )
    output = tmp_path / "uit.xlsx"
    result = _merge(str(source.parent), "-o", str(output))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(output)
    cell = book["Samenvatting"].cell(HEADER_ROW + 1, 1)
    assert (cell.value, cell.data_type) == (name, "s")
    assert all(cell.data_type != "f" for cell in _all_cells(book))


def test_streng_refuses_when_a_file_has_errors(inputs: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "uit.xlsx"
    result = _merge(*map(str, inputs), "-o", str(output), "--streng")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "--streng" in lines[0]
    assert "met-fouten" in lines[0] and "lepeldijk" not in lines[0]
    assert not output.exists()


def test_streng_merges_when_no_file_has_errors(samples: Path, tmp_path: Path) -> None:
    valid = sorted(samples.glob("*.xlsx"))
    assert len(valid) == 15
    result = _merge(*map(str, valid), "-o", str(tmp_path / "uit.xlsx"), "--streng")
    assert result.exit_code == 0, result.output
    assert "3 gemeente(n)" in result.output


def test_periods_that_disagree_are_a_usage_error(tmp_path: Path) -> None:
    first = _register(tmp_path / "a.xlsx", "Amstel", "2026-K2", [_person("SP-1", date(2025, 1, 1))])
    second = _register(tmp_path / "b.xlsx", "Berg", "2026-K3", [_person("SP-1", date(2025, 1, 1))])
    output = tmp_path / "uit.xlsx"
    result = _merge(str(first), str(second), "-o", str(output))
    assert result.exit_code == 2
    assert "2026-K2" in result.output and "2026-K3" in result.output
    assert not output.exists()
    chosen = _merge(str(first), str(second), "-o", str(output), "--kwartaal", "2026-K3")
    assert chosen.exit_code == 0, chosen.output
    assert openpyxl.load_workbook(output)["Samenvatting"]["A2"].value.startswith("Periode 2026-K3")


def test_kwartaal_and_jaar_together_are_a_usage_error(tmp_path: Path) -> None:
    source = _register(
        tmp_path / "a.xlsx", "Amstel", "2026-K3", [_person("SP-1", date(2025, 1, 1))]
    )
    result = _merge(
        str(source), "-o", str(tmp_path / "u.xlsx"), "--kwartaal", "2026-K3", "--jaar", "2026"
    )
    assert result.exit_code == 2


def test_a_missing_path_and_an_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    assert _merge(str(tmp_path / "nergens"), "-o", str(tmp_path / "u.xlsx")).exit_code == 2
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "~$open.xlsx").write_bytes(b"lock")
    result = _merge(str(tmp_path / "leeg"), "-o", str(tmp_path / "u.xlsx"))
    assert result.exit_code == 2 and "Geen werkbladen" in result.output


def test_an_unreadable_file_is_listed_on_bronnen_and_the_rest_is_merged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _register(folder / "r.xlsx", "Amstel", "2026-K3", [_person("SP-1", date(2025, 1, 1))])
    (folder / "kapot.xlsx").write_bytes(b"dit is geen spreadsheet")
    result = merge_workbooks([folder], tmp_path / "uit.xlsx")
    broken = [s for s in result.sources if s.path.name == "kapot.xlsx"]
    assert len(broken) == 1
    assert broken[0].rows_read == 0 and broken[0].reason.startswith("Bestand onleesbaar")
    assert broken[0].sha256 == hashlib.sha256(b"dit is geen spreadsheet").hexdigest()
    assert result.stats["totaal"]["verloop"]["bezetting_eind"] == 1


def test_bronnen_gives_the_hash_of_the_bytes_that_were_validated(tmp_path: Path) -> None:
    path = _register(tmp_path / "r.xlsx", "Amstel", "2026-K3", [_person("SP-1", date(2025, 1, 1))])
    validated = path.read_bytes()
    [workbook] = load_workbooks([path])
    path.write_bytes(b"changed after reading")
    lines = account_for([workbook], "huidig")
    assert lines and {line.sha256 for line in lines} == {hashlib.sha256(validated).hexdigest()}


def test_vorige_lists_persons_gone_without_an_end_date(tmp_path: Path) -> None:
    before = [
        _person("SP-1", date(2024, 1, 1)),
        _person("SP-2", date(2024, 1, 1), date(2026, 5, 1)),  # left properly: not listed
        _person("SP-3", date(2024, 2, 1)),  # deleted from the register: listed
        _person("SP-4", date(2024, 3, 1)),  # given an end date now: not listed
    ]
    now = [
        _person("SP-1", date(2024, 1, 1)),
        _person("SP-2", date(2024, 1, 1), date(2026, 5, 1)),
        _person("SP-4", date(2024, 3, 1), date(2026, 8, 1)),
    ]
    previous = _register(tmp_path / "k2" / "r.xlsx", " amstel ", "2026-K2", before)
    current = _register(tmp_path / "k3" / "r.xlsx", "Amstel", "2026-K3", now)
    output = tmp_path / "uit.xlsx"
    result = _merge(str(current), "-o", str(output), "--vorige", str(previous))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(output)
    assert _table(book["Samenvatting"])[0]["Verdwenen zonder einddatum"] == 1
    signals = _table(book["Signalen"])
    gone = [s for s in signals if s["Signaal"] == "Verdwenen zonder einddatum"]
    assert len(gone) == 1 and "SP-3" in gone[0]["Toelichting"]
    bronnen = [str(c.value) for c in _all_cells_of(book["Bronnen"])]
    assert "SP-3" in bronnen and "SP-2" not in bronnen and "SP-4" not in bronnen
    assert any(v == "Vorig kwartaal" for v in bronnen)


def _all_cells_of(ws: Worksheet) -> list[Any]:
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_without_vorige_the_count_is_empty_and_bronnen_says_so(summary: openpyxl.Workbook) -> None:
    assert all(r["Verdwenen zonder einddatum"] is None for r in _table(summary["Samenvatting"]))
    texts = [c.value for c in _all_cells_of(summary["Bronnen"])]
    assert "Niet vergeleken: geen register van het vorige kwartaal." in texts


def test_output_is_written_atomically_and_replaced(samples: Path, tmp_path: Path) -> None:
    output = tmp_path / "uit.xlsx"
    output.write_bytes(b"oud")
    good = sorted(samples.glob("lepeldijk-*.xlsx"))
    assert len(good) == 5
    assert _merge(*map(str, good), "-o", str(output)).exit_code == 0
    assert zipfile.is_zipfile(output)
    assert [p.name for p in tmp_path.iterdir()] == ["uit.xlsx"]


# LibreOffice --------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_the_summary_opens_in_libreoffice_and_converts_to_pdf(
    merged: MergeResult, soffice_convert: Callable[[Path, str], Path]
) -> None:
    pdf = soffice_convert(merged.output, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000


def test_progress_reports_every_file_and_reads_the_same(inputs: list[Path], tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    plain = merge_workbooks(inputs, tmp_path / "a.xlsx")
    shown = merge_workbooks(
        inputs, tmp_path / "b.xlsx", progress=lambda done, total: reports.append((done, total))
    )
    total = len(expand_paths(inputs))
    assert reports == [(done, total) for done in range(1, total + 1)]
    assert shown.stats == plain.stats
    assert shown.sources == plain.sources


def test_parallel_reading_gives_the_same_summary(inputs: list[Path], tmp_path: Path) -> None:
    one = merge_workbooks(inputs, tmp_path / "a.xlsx")
    two = merge_workbooks(inputs, tmp_path / "b.xlsx", jobs=2)
    assert two.stats == one.stats and two.sources == one.sources


def test_the_total_row_is_bold(summary: openpyxl.Workbook) -> None:
    ws = summary["Samenvatting"]
    last = HEADER_ROW + len(_table(ws))
    assert ws.cell(last, 1).value == "Totaal"
    assert ws.cell(last, 1).font.b and ws.cell(last, 2).font.b
    assert not ws.cell(last - 1, 2).font.b


def test_merge_on_the_bundled_samples(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parent.parent / "samples"
    output = tmp_path / "overzicht.xlsx"
    result = _merge(str(bundled), "-o", str(output))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(output)
    names = [r["Gemeente"] for r in _table(book["Samenvatting"])]
    assert {"Bremmerveen", "Ganzenwaard", "Lepeldijk"} <= set(names)
    assert len(names) == len(set(names)) and names[-1] == "Totaal"


def test_a_second_file_of_one_kind_for_one_municipality_is_not_counted_twice(
    tmp_path: Path,
) -> None:
    people = [_person("SP-1", date(2025, 1, 1)), _person("SP-2", date(2025, 2, 1))]
    folder = tmp_path / "in"
    gegevens = {"gemeente": "Amstel", "periode": "2026-K3", "datum_ingevuld": date(2026, 10, 5)}
    data = {"Sleutelpersonen": people}
    write_workbook(REGISTER, folder / "a-kopie.ods", "ods", gegevens=gegevens, data=data)
    newer = {**gegevens, "datum_ingevuld": date(2026, 10, 6)}
    write_workbook(REGISTER, folder / "b-nieuw.xlsx", gegevens=newer, data=data)
    result = merge_workbooks([folder], tmp_path / "uit.xlsx")
    assert result.stats["totaal"]["verloop"]["bezetting_eind"] == 2
    copy, used = result.sources
    assert copy.path.name == "a-kopie.ods" and copy.duplicate_of == folder / "b-nieuw.xlsx"
    assert (copy.rows_read, copy.rows_used, copy.rows_left_out) == (2, 0, 2)
    assert copy.reason.startswith("Dubbel bestand")
    assert (used.rows_used, used.duplicate_of) == (2, None)
    assert "1 dubbel(e) bestand(en) niet gebruikt." in result.report()


# Reading per municipality (issue 6) ----------------------------------------------------------


def test_files_are_grouped_by_folder_and_name_without_the_kind() -> None:
    register, tracker = KINDS[0].filename, KINDS[1].filename
    assert group_key(Path(f"in/utrecht-{register}.xlsx")) == ("in", "utrecht")
    assert group_key(Path(f"in/Utrecht_{tracker.title()}.ods")) == ("in", "utrecht")
    assert group_key(Path(f"uit/utrecht-{register}.xlsx")) != ("in", "utrecht")
    assert group_key(Path("in/overzicht.xlsx")) == ("in", "overzicht")


def _source_facts(result: MergeResult) -> list[tuple[Any, ...]]:
    """Bronnen without the file names: what was read, used and found, per file content."""
    return sorted(
        (s.sha256, s.kind, s.gemeente, s.sheet, s.rows_read, s.rows_used, s.errors, s.warnings)
        for s in result.sources
    )


def test_names_that_do_not_tell_municipalities_apart_group_by_gegevens(
    inputs: list[Path], merged: MergeResult, tmp_path: Path
) -> None:
    """Files named and placed so that the names say nothing: they are grouped by the
    Gemeente on Gegevens, and checks across files, figures and Bronnen come out as when
    they were grouped by name."""
    for index, path in enumerate(expand_paths(inputs)):
        target = tmp_path / f"map{index % 2}" / f"bestand-{index}{path.suffix}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
    spread = merge_workbooks([tmp_path / "map0", tmp_path / "map1"], tmp_path / "uit.xlsx", jobs=2)
    assert spread.stats == merged.stats
    assert _source_facts(spread) == _source_facts(merged)
    order = expand_paths([tmp_path / "map0", tmp_path / "map1"])
    positions = [order.index(s.path) for s in spread.sources]
    assert positions == sorted(positions)


def test_a_municipality_split_over_name_groups_is_read_again_as_one(
    samples: Path, tmp_path: Path
) -> None:
    """Names that group two municipalities' files crosswise ("a-" holds Amstel's register
    and Berg's tracker): the workbooks show the split, and both are read again together."""
    names = {wb.path: str(wb.gegevens["gemeente"]) for wb in load_workbooks([samples])}
    first, second = sorted(set(names.values()))[:2]
    chosen = [p for p, name in names.items() if name in (first, second)]
    for path in chosen:
        crossed = (names[path] == first) == (KINDS[0].filename in path.name)
        target = tmp_path / "in" / f"{'a' if crossed else 'b'}-{path.name.rsplit('-', 1)[1]}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert len({group_key(p) for p in (tmp_path / "in").iterdir()}) == 2  # no peek needed
    split = merge_workbooks([tmp_path / "in"], tmp_path / "uit.xlsx")
    together = merge_workbooks(chosen, tmp_path / "samen.xlsx")
    assert [m["gemeente"] for m in split.stats["gemeenten"]] == [first, second]
    assert split.stats == together.stats
    assert _source_facts(split) == _source_facts(together)


def test_the_gemeente_hint_reads_gegevens_and_gives_nothing_for_a_broken_file(
    samples: Path, tmp_path: Path
) -> None:
    register = next(samples.glob(f"*-{KINDS[0].filename}.xlsx"))
    expected = load_workbooks([register])[0].gegevens["gemeente"]
    assert gemeente_hint(register) == " ".join(str(expected).split()).casefold()
    (tmp_path / "kapot.xlsx").write_bytes(b"geen spreadsheet")
    assert gemeente_hint(tmp_path / "kapot.xlsx") == ""


def test_suppressed_figures_are_suppress_of_the_exact_ones(
    inputs: list[Path], merged: MergeResult
) -> None:
    exact = collect(inputs)
    assert collect(inputs, threshold=5, jobs=2).stats == suppress(exact.stats, 5)
    assert merged.stats == suppress(exact.stats, 5)
    workbooks = [wb for wb in without_duplicates(load_workbooks(inputs)) if wb.kind]
    assert exact.stats == compute_stats(workbooks, exact.period)


def test_a_file_naming_no_period_gets_the_period_the_others_name(tmp_path: Path) -> None:
    people = [_person("SP-1", date(2025, 1, 1)), _person("SP-2", date(2026, 8, 1))]
    _register(tmp_path / "in" / "amstel.xlsx", "Amstel", "2026-K3", people)
    _register(tmp_path / "in" / "berg.xlsx", "Berg", "", people)
    named = merge_workbooks([tmp_path / "in"], tmp_path / "a.xlsx", jobs=2)
    chosen = merge_workbooks([tmp_path / "in"], tmp_path / "b.xlsx", period=K3, jobs=2)
    assert named.period == K3 and named.stats == chosen.stats
    berg = named.stats["gemeenten"][1]
    assert (berg["gemeente"], berg["verloop"]["instroom"]) == ("Berg", 1)


# The .ods variant ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merged_ods(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("ods") / "overzicht.ods"
    result = _merge(*map(str, inputs), "-o", str(output))  # the format follows the name
    assert result.exit_code == 0, result.output
    return output


def _calamine(path: Path) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_ods_summary_holds_the_same_cells_as_the_xlsx(
    merged: MergeResult, summary: openpyxl.Workbook, merged_ods: Path
) -> None:
    ods = _calamine(merged_ods)
    assert list(ods) == SHEETS
    for name in SHEETS:
        expected = [
            ["" if v is None else v for v in row]
            for row in summary[name].iter_rows(values_only=True)
        ]
        found = [row + [""] * (len(expected[0]) - len(row)) for row in ods[name]]
        assert found == expected, name


def test_a_format_that_does_not_fit_the_name_is_a_usage_error(
    samples: Path, tmp_path: Path
) -> None:
    result = _merge(str(samples), "-o", str(tmp_path / "u.xlsx"), "--format", "ods")
    assert result.exit_code == 2 and "--format xlsx" in result.output


def test_ods_cells_keep_markup_characters_and_spaces_as_text(tmp_path: Path) -> None:
    name = '=A1 & <B>  "C"\tD'
    source = _register(
        tmp_path / "in" / "r.xlsx", name, "2026-K3", [_person("SP-1", date(2025, 1, 1))]
    )
    output = tmp_path / "uit.ods"
    assert _merge(str(source.parent), "-o", str(output)).exit_code == 0
    rows = _calamine(output)["Samenvatting"]
    assert [row[0] for row in rows[HEADER_ROW:]] == [" ".join(name.split()), "Totaal"]


def test_the_ods_summary_freezes_the_headers(merged_ods: Path) -> None:
    from defusedxml import ElementTree

    config = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
    with zipfile.ZipFile(merged_ods) as archive:
        root = ElementTree.fromstring(archive.read("settings.xml"))
    frozen = {}
    for entry in root.iter(f"{config}config-item-map-entry"):
        items = {i.get(f"{config}name"): i.text for i in entry.findall(f"{config}config-item")}
        if "VerticalSplitPosition" in items:
            frozen[entry.get(f"{config}name")] = items
    assert frozen["Samenvatting"]["VerticalSplitPosition"] == str(HEADER_ROW)
    assert frozen["Samenvatting"]["HorizontalSplitPosition"] == "1"
    assert set(frozen) == set(SHEETS) - {"Toelichting"}


@pytest.mark.libreoffice
def test_libreoffice_reads_the_ods_summary(
    merged_ods: Path, soffice_convert: Callable[[Path, str], Path]
) -> None:
    converted = openpyxl.load_workbook(soffice_convert(merged_ods, "xlsx"))
    assert converted.sheetnames == SHEETS
    rows = _table(converted["Samenvatting"])
    assert rows[-1]["Gemeente"] == "Totaal" and isinstance(rows[-1]["Instroom"], int)


def test_wrapped_headers_get_rows_tall_enough(merged: MergeResult) -> None:
    assert wrapped_lines("Sleutelpersonen begin", 12) == 2
    assert wrapped_lines("Instroom", 12) == 1
    assert wrapped_lines("Mediane zittingsduur actief (dagen)", 14) == 3
    sheet = openpyxl.load_workbook(merged.output)["Samenvatting"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Gemeente")
    assert sheet.row_dimensions[header].height is not None
    assert sheet.row_dimensions[header].height >= 30


def test_a_key_gives_a_table_column_as_it_gives_each_row() -> None:
    """Key.column, a step at a time for all rows, against the key called on each row: rows
    and steps that are no dict (a sheet missing, a hidden value) give None."""
    rows: list[Any] = [
        {"a": {"b": 1, "c": {"d": 2}}},
        {"a": None},
        {"a": Hidden(small=True)},
        None,
        {"a": {"c": [3]}},
        {"a": [4]},
        {},
    ]
    for names in (("a",), ("a", "b"), ("a", "c", "d"), ("e",)):
        assert list(key(*names).column(rows)) == [key(*names)(row) for row in rows]
    assert list(key("a", "b").column(rows)) == [1, None, None, None, None, None, None]
    lines: list[Any] = [("x", "y"), ["z"], {0: "w"}, None]
    assert list(key(1).column(lines)) == ["y", None, None, None]
