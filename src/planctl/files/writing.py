"""Writing files atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from planctl.errors import InputError


def write_atomic(path: Path, content: str | bytes, *, overwrite: bool = True) -> None:
    """Replace `path` with `content` (text is written as UTF-8) in one step, keeping its mode; on any
    failure the old file stays.

    A symbolic link is written through: the file it points to is replaced, the link stays. A device,
    pipe or socket is refused: replacing /dev/null with a regular file is never what was meant.
    """
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(kind := path.stat().st_mode) and not stat.S_ISDIR(kind):
            raise InputError(
                f"{path} is not a regular file (a device, pipe or socket); planctl writes files whole",
                hint="leave out -o to write to standard output, and redirect that where it should go",
            )
    if not overwrite and (path.exists() or path.is_symlink()):
        raise InputError(f"{path} already exists", hint="choose another output path, or pass --force")
    shown = path
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{shown}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _create_new(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if e.errno == errno.EEXIST:
            raise InputError(f"{shown} already exists", hint="choose another output path, or pass --force") from None
        raise InputError(f"{shown}: cannot write: {e.strerror or e}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _create_new(tmp: str, path: Path) -> None:
    """Move `tmp` to `path`, failing with EEXIST if `path` appeared meanwhile."""
    try:
        os.link(tmp, path)
    except OSError as e:
        if e.errno == errno.EEXIST:
            raise
        # no hard links here (exFAT, some network file systems): claim the name, then replace it
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(tmp, path)
    else:
        os.unlink(tmp)
