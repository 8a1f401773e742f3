"""Shared test helpers: LibreOffice headless as a real client."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _require_soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing on CI; .ci/run should install it")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


@pytest.fixture(scope="session")
def soffice_convert(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path, str], Path]:
    """Convert a file with LibreOffice headless (e.g. to "ods", "xlsx", "pdf"); return the
    converted file. Fails the test when LibreOffice cannot open or convert it. Session-scoped,
    so module- or session-scoped fixtures can convert once and share the result."""
    binary = _require_soffice()
    root = tmp_path_factory.mktemp("soffice")
    profile = (root / "lo-profile").as_uri()

    def convert(source: Path, target_format: str) -> Path:
        outdir = root / f"{source.parent.name}-{source.stem}-{target_format.split(':')[0]}"
        outdir.mkdir(exist_ok=True)
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(outdir),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        extension = target_format.split(":")[0]
        converted = outdir / f"{source.stem}.{extension}"
        assert result.returncode == 0 and converted.exists(), (
            f"LibreOffice could not convert {source.name}: {result.stdout} {result.stderr}"
        )
        return converted

    return convert
