"""`sleutelnet stats` on real files (the bundled sample writer, xlsxwriter): the JSON equals
compute_stats() for the same input; suppression, CSV, text, and the period options."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_stats_support import register

from toolkit.cli import cli
from toolkit.errors import UsageError
from toolkit.periods import quarter, year
from toolkit.samples import write_samples
from toolkit.stats import compute_stats, period_from_workbooks
from toolkit.stats.suppression import locate
from toolkit.validate import load_workbooks

K3 = quarter(2026, 3)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stats") / "samples"
    write_samples(folder, K3, gemeenten=2, jobs=1)
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["stats", *args])


def _json(*args: str) -> dict[str, Any]:
    result = _run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.output)
    return parsed


def test_json_equals_compute_stats_for_the_same_files(samples: Path) -> None:
    files = sorted(samples.rglob("*.xlsx"))
    expected = compute_stats(load_workbooks(files), K3)
    output = _json(str(samples))
    assert output == json.loads(json.dumps(expected))
    assert [m["gemeente"] for m in output["gemeenten"]] == ["Bremmerveen", "Ganzenwaard"]
    assert output["periode"] == {"label": "2026-K3", "start": "2026-07-01", "end": "2026-09-30"}
    # every sample kind was read and used
    for figures in output["gemeenten"]:
        assert all(count["rijen_gebruikt"] > 0 for count in figures["rijen"].values())


def test_the_period_comes_from_the_files_or_from_the_options(samples: Path) -> None:
    assert _json(str(samples), "--kwartaal", "K3 2026")["periode"]["label"] == "2026-K3"
    whole_year = _json(str(samples), "--jaar", "2026")
    assert whole_year["periode"] == {"label": "2026", "start": "2026-01-01", "end": "2026-12-31"}
    files = sorted(samples.rglob("*.xlsx"))
    assert whole_year == json.loads(json.dumps(compute_stats(load_workbooks(files), year(2026))))


def test_drempel_hides_small_counts_as_null_and_names_them(samples: Path) -> None:
    exact = _json(str(samples))
    hidden = _json(str(samples), "--drempel", "5")
    assert hidden["drempel"] == 5
    assert hidden["onderdrukt"]
    for path in hidden["onderdrukt"]:
        found, before = locate(hidden, path), locate(exact, path)
        assert found is not None and before is not None
        assert found[0][found[1]] is None
        assert before[0][before[1]] is not None
    # network-level totals stay visible
    assert hidden["totaal"]["verloop"]["uitstroom"] == exact["totaal"]["verloop"]["uitstroom"]


def test_csv_has_one_row_per_municipality_and_a_total(samples: Path) -> None:
    result = _run(str(samples), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output), delimiter=";"))
    assert [r["Gemeente"] for r in rows] == ["Bremmerveen", "Ganzenwaard", "Totaal"]
    exact = _json(str(samples))
    assert int(rows[2]["Uitstroom"]) == exact["totaal"]["verloop"]["uitstroom"]
    rate = exact["totaal"]["verloop"]["verloop_pct"]
    assert rows[2]["Verloop %"] == f"{rate:g}".replace(".", ",")


def test_text_is_dutch_and_names_every_municipality(samples: Path) -> None:
    result = _run(str(samples))
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Periode 2026-K3: 01-07-2026 t/m 30-09-2026")
    for heading in ("Bremmerveen", "Ganzenwaard", "Totaal", "Verloop", "Werving", "Signalen"):
        assert f"\n{heading}" in text
    assert "≤5" not in text
    assert "≤5" in _run(str(samples), "--drempel", "5").output


@pytest.mark.parametrize(
    "options",
    [["--kwartaal", "2026-K5"], ["--jaar", "twintig"], ["--kwartaal", "2026-K3", "--jaar", "2026"]],
)
def test_bad_period_options_are_one_dutch_line_and_exit_2(
    samples: Path, options: list[str]
) -> None:
    result = _run(str(samples), *options)
    assert result.exit_code == 2
    assert result.output.startswith("Fout: ")
    assert result.output.count("\n") == 1


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "bestaat-niet"))
    assert result.exit_code == 2
    assert "bestaat niet" in result.output


def test_period_from_workbooks_agrees_or_names_the_files_that_differ() -> None:
    rows = "Persoon-ID | Startdatum\nP1 | 2025-01-01"
    assert period_from_workbooks([register("A", rows), register("B", rows, "Q3 2026")]) == K3
    assert period_from_workbooks([register("A", rows), register("B", rows, None)]) == K3
    with pytest.raises(UsageError) as disagree:
        period_from_workbooks([register("A", rows), register("B", rows, "2026-K2")])
    message = str(disagree.value)
    assert "2026-K2: B-register.xlsx" in message
    assert "2026-K3: A-register.xlsx" in message
    with pytest.raises(UsageError, match="--kwartaal"):
        period_from_workbooks([register("A", rows, None)])


def test_no_personal_value_or_id_of_any_input_reaches_the_figures(samples: Path) -> None:
    workbooks = load_workbooks(sorted(samples.rglob("*.xlsx")))
    output = _run(str(samples), "--format", "json").output
    secrets = {str(wb.gegevens["ingevuld_door"]) for wb in workbooks}
    for wb in workbooks:
        for sheet in wb.sheets.values():
            for record in sheet.records:
                for key in ("name", "email", "phone", "remarks", "person_id", "candidate_id"):
                    value = record.values.get(key)
                    if isinstance(value, str) and len(value) > 3:
                        secrets.add(value)
    assert len(secrets) > 50
    assert [s for s in secrets if s in output] == []
