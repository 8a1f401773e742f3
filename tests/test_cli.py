"""Every command is documented: Dutch help that ends with examples, and a README section."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from toolkit.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_the_five_commands_exist() -> None:
    assert COMMANDS == ["merge", "samples", "stats", "template", "validate"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_ends_with_an_example(name: str) -> None:
    command = cli.commands[name]
    assert isinstance(command, click.Command)
    assert command.help and f"sleutelnet {name}" in command.help.rsplit("Voorbeeld", 1)[-1]


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_the_command(name: str) -> None:
    assert f"### `sleutelnet {name}`" in README


def test_readme_commands_match_ci() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "pip install -e '.[test]' && ruff check . && mypy && python -m pytest"
    assert test_command in README and test_command in ci
    assert "pip install . && sleutelnet merge samples/ -o overzicht.xlsx" in README


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["bestaatniet"])
    assert result.exit_code == 2


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "sleutelnet" in result.stdout


def test_a_fault_of_ours_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("toolkit.cli.generate_templates", broken)
    monkeypatch.delenv("SLEUTELNET_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["template", "--all", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        "Interne fout in sleutelnet (ZeroDivisionError: division by zero). Meld dit bij de "
        "beheerders; met SLEUTELNET_DEBUG=1 ziet u de details."
    ]


def test_the_console_entry_flushes_its_output_before_it_ends() -> None:
    # main() ends the process without the interpreter's teardown; the whole report and the
    # exit code (1: met-fouten has errors) must still arrive through a pipe.
    wrong = Path(__file__).parent.parent / "samples" / "met-fouten"
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "validate", str(wrong), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 1 and not report["valid"]
    assert len(report["files"]) == len(list(wrong.glob("*.xlsx"))) == 5
