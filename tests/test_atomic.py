from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import OutputError
from toolkit.io.atomic import atomic_path


def test_moves_into_place_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.xlsx"
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"abc")
        assert not target.exists()
    assert target.read_bytes() == b"abc"
    assert [p.name for p in target.parent.iterdir()] == ["out.xlsx"]


def test_failure_keeps_old_file_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_refuses_to_overwrite_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="--force"), atomic_path(target, overwrite=False):
        pass


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    # A path below a regular file cannot be created, even as root (CI runs as root).
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="Kan niet schrijven"), atomic_path(blocker / "x.xlsx"):
        pass
