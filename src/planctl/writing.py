"""Writing files atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from planctl.errors import InputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Replace `path` with `text` in one step, keeping its mode; on any failure the old file stays."""
    if not overwrite and path.exists():
        raise InputError(f"{path} already exists", hint="choose another output path, or pass --force")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if not overwrite:
            os.link(tmp, path)  # fails if the path appeared meanwhile
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
