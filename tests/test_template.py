"""Template API and the `sleutelnet template` command: kinds, files, --wijken, bad use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import OutputError, UnreadableFileError, UsageError
from toolkit.records import Value
from toolkit.schema import GEGEVENS, GEGEVENS_SHEET, KINDS, kind_by_id
from toolkit.schema.vocabularies import WIJKEN_NAME
from toolkit.template import (
    FORMATS,
    TABLE_ROWS,
    WIJKEN_SHEET,
    column_width,
    data_rows,
    generate_templates,
    kinds_named,
    read_wijken,
    table_rows,
    write_workbook,
)

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "templates"
REGISTER = kind_by_id("register")
DIVERSITEIT = kind_by_id("diversiteit")
FILENAMES = sorted(f"{k.filename}.xlsx" for k in KINDS)


def _defined_values(path: Path, name: str) -> list[str]:
    wb = openpyxl.load_workbook(path)
    ((sheet, ref),) = wb.defined_names[name].destinations
    return [row[0].value for row in wb[sheet][ref.replace("$", "")]]


def _wijken_workbook(path: Path, names: list[Value]) -> Path:
    rows = [{"wijk": name, "wijk_code": f"WK0363{i:02}"} for i, name in enumerate(names)]
    return write_workbook(DIVERSITEIT, path, data={WIJKEN_SHEET.name: rows})


# --- the library API ---------------------------------------------------------------------


def test_kinds_named_accepts_ids_and_filenames_once_each() -> None:
    kinds = kinds_named(["register", "Wervingstracker", " sleutelpersonenregister ", "evaluatie"])
    assert [k.id for k in kinds] == ["register", "werving", "evaluatie"]


def test_unknown_kind_lists_every_valid_kind() -> None:
    with pytest.raises(UsageError) as raised:
        kinds_named(["registers"])
    assert "registers" in str(raised.value)
    assert all(k.id in str(raised.value) and k.filename in str(raised.value) for k in KINDS)


def test_data_rows_default_to_the_prefill_and_tables_grow_with_data() -> None:
    streefwaarden = DIVERSITEIT.sheets[0]
    assert data_rows(streefwaarden) == streefwaarden.prefill
    assert data_rows(streefwaarden, {"Andere": []}) == streefwaarden.prefill
    assert data_rows(streefwaarden, {streefwaarden.name: []}) == []
    assert table_rows([]) == TABLE_ROWS
    assert table_rows([{}] * (TABLE_ROWS + 7)) == TABLE_ROWS + 7


def test_column_width_keeps_every_header_word_whole() -> None:
    streefwaarden = DIVERSITEIT.sheets[0]
    target = streefwaarden.column("target_pct")  # one long word in a narrow column
    assert column_width(target) == len(target.header) + 2 > target.width
    category = streefwaarden.column("category")  # short words in a wide column
    assert column_width(category) == category.width
    for kind in KINDS:
        for sheet in kind.sheets:
            for column in sheet.columns:
                longest = max(len(word) for word in column.header.split())
                assert column.width <= column_width(column) >= longest + 2


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="xlsx, ods"):
        write_workbook(REGISTER, tmp_path / "r.pdf", "pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_write_workbook_without_overwrite_keeps_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"mine")
    with pytest.raises(OutputError, match="--force"):
        write_workbook(REGISTER, target, overwrite=False)
    assert target.read_bytes() == b"mine"
    assert write_workbook(REGISTER, target) == target
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temporary left behind


def test_generate_templates_names_files_after_the_kind(tmp_path: Path) -> None:
    paths = generate_templates(KINDS, tmp_path / "nieuw", gemeente="Utrecht")
    assert sorted(p.name for p in paths) == FILENAMES
    wb = openpyxl.load_workbook(paths[0])
    gemeente_row = next(i for i, f in enumerate(GEGEVENS, start=1) if f.key == "gemeente")
    assert wb[GEGEVENS_SHEET].cell(gemeente_row, 2).value == "Utrecht"


def test_generate_templates_writes_nothing_when_one_exists_without_force(tmp_path: Path) -> None:
    existing = tmp_path / f"{KINDS[-1].filename}.xlsx"
    existing.write_bytes(b"mine")
    with pytest.raises(OutputError, match=existing.name):
        generate_templates(KINDS, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [existing.name]
    generate_templates(KINDS, tmp_path, force=True)
    assert existing.read_bytes()[:2] == b"PK"


def test_read_wijken_from_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "wijken.txt"
    path.write_text("\ufeffCentrum\n  Noord \n\nCentrum\nZuid-West\n", encoding="utf-8")
    assert read_wijken(path) == ["Centrum", "Noord", "Zuid-West"]


def test_read_wijken_from_a_filled_diversiteitsmatrix(tmp_path: Path) -> None:
    path = _wijken_workbook(tmp_path / "d.xlsx", ["Centrum", "Noord", None, 1234, "Centrum"])
    assert read_wijken(path) == ["Centrum", "Noord", "1234"]


def test_read_wijken_finds_the_header_below_a_title(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = WIJKEN_SHEET.name.upper()
    header = WIJKEN_SHEET.column("wijk").header
    for row in (
        ["Wijken van Utrecht"],
        [],
        ["Nr", f" {header.lower()} "],
        [1, "Oost"],
        [2, "West"],
    ):
        ws.append(row)
    wb.save(tmp_path / "eigen.xlsx")
    assert read_wijken(tmp_path / "eigen.xlsx") == ["Oost", "West"]


def test_read_wijken_refuses_what_holds_no_neighbourhoods(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.txt"
    empty.write_text("\n \n", encoding="utf-8")
    with pytest.raises(UsageError, match="geen wijken"):
        read_wijken(empty)
    register = write_workbook(REGISTER, tmp_path / "r.xlsx")
    with pytest.raises(UsageError, match=f"geen blad {WIJKEN_SHEET.name}"):
        read_wijken(register)
    with pytest.raises(UsageError, match="geen wijken"):
        read_wijken(write_workbook(DIVERSITEIT, tmp_path / "d.xlsx"))


def test_read_wijken_of_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError):
        read_wijken(tmp_path / "ontbreekt.txt")
    fake = tmp_path / "nep.xlsx"
    fake.write_text("geen werkblad", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        read_wijken(fake)
    binary = tmp_path / "wijken.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(UnreadableFileError):
        read_wijken(binary)


# --- the command ---------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["template", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_all_writes_five_files_one_line_each(tmp_path: Path) -> None:
    code, out, err = _run("--all", "-o", str(tmp_path))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == FILENAMES
    assert len(out.splitlines()) == len(KINDS)
    assert all(line.startswith("Geschreven: ") for line in out.splitlines())


def test_cli_kind_by_filename_and_wijken_from_a_text_file(tmp_path: Path) -> None:
    wijken = tmp_path / "wijken.txt"
    wijken.write_text("Centrum\nNoord\n", encoding="utf-8")
    out = tmp_path / "uit"
    code, stdout, _ = _run("sleutelpersonenregister", "-o", str(out), "--wijken", str(wijken))
    assert code == 0
    assert stdout == f"Geschreven: {out / 'sleutelpersonenregister.xlsx'}\n"
    path = out / "sleutelpersonenregister.xlsx"
    assert _defined_values(path, WIJKEN_NAME) == ["Centrum", "Noord"]


def test_cli_wijken_from_a_filled_diversiteitsmatrix(tmp_path: Path) -> None:
    matrix = _wijken_workbook(tmp_path / "matrix.xlsx", ["Oud-Zuid", "Bos en Lommer"])
    code, _, _ = _run("werving", "-o", str(tmp_path / "uit"), "--wijken", str(matrix))
    assert code == 0
    path = tmp_path / "uit" / "wervingstracker.xlsx"
    assert _defined_values(path, WIJKEN_NAME) == ["Oud-Zuid", "Bos en Lommer"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["onbekend"], "Kies uit: register (sleutelpersonenregister), werving"),
        ([], "Geef een of meer soorten of --all"),
        (["register", "--all"], "Geef een of meer soorten of --all"),
        (["register", "--format", "csv"], "kies uit: xlsx, ods"),
    ],
)
def test_cli_bad_use_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = _run(*args, "-o", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith("Fout: ") and message in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_cli_existing_file_needs_force(tmp_path: Path) -> None:
    assert _run("register", "-o", str(tmp_path))[0] == 0
    code, out, err = _run("register", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert "sleutelpersonenregister.xlsx" in err and "--force" in err
    assert _run("register", "-o", str(tmp_path), "--force")[0] == 0


def test_cli_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    code, out, err = _run("--all", "-o", str(blocker / "uit"))
    assert (code, out) == (1, "")
    assert err.startswith("Fout: Kan niet schrijven in map") and len(err.splitlines()) == 1


def test_cli_missing_wijken_file_is_one_line(tmp_path: Path) -> None:
    code, _, err = _run("register", "-o", str(tmp_path), "--wijken", str(tmp_path / "x.txt"))
    assert code == UnreadableFileError.exit_code
    assert err.startswith("Fout: Kan") and len(err.splitlines()) == 1


def test_cli_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["template", "--help"])
    assert result.exit_code == 0
    before_options = result.stdout.split("Options:")[0].rstrip().splitlines()
    assert before_options[-2].strip() == "Voorbeeld:"
    assert before_options[-1].strip().startswith("sleutelnet template ")


def test_python_m_toolkit_template(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "template", "diversiteit", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Geschreven: {tmp_path / 'diversiteitsmatrix.xlsx'}"
    assert (tmp_path / "diversiteitsmatrix.xlsx").read_bytes()[:2] == b"PK"


def test_cli_gemeente_fills_gegevens(tmp_path: Path) -> None:
    assert _run("register", "-o", str(tmp_path), "--gemeente", "Zaanstad")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "sleutelpersonenregister.xlsx")
    values = {f.key: wb[GEGEVENS_SHEET].cell(i, 2).value for i, f in enumerate(GEGEVENS, 1)}
    assert values["gemeente"] == "Zaanstad"
    assert values["datum_ingevuld"] is None


# --- the committed templates/ --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_committed_templates_are_up_to_date(tmp_path: Path, fmt: str) -> None:
    fresh = generate_templates(KINDS, tmp_path, fmt)
    command = f"sleutelnet template --all --format {fmt} -o templates --force"
    for path in fresh:
        committed = COMMITTED / path.name
        assert committed.exists(), f"templates/{path.name} is missing; run: {command}"
        assert committed.read_bytes() == path.read_bytes(), (
            f"templates/{path.name} is stale; run: {command}"
        )
