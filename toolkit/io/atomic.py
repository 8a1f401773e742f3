"""Write outputs so that a crash or a full disk never leaves half a file in place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import OutputError


@contextmanager
def atomic_path(target: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside target; on success move it into place in one step.

    Raises OutputError (in Dutch) when target exists and overwrite is False, or when the
    folder cannot be written.
    """
    if target.exists() and not overwrite:
        raise OutputError(f"{target} bestaat al; gebruik --force om het te overschrijven.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"Kan niet schrijven in map {target.parent}: {exc.strerror}.") from exc
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(f"Kan {target} niet schrijven: {exc.strerror}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
