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
    """Replace `path` with `content` (text is written as UTF-8) in one step, keeping its mode and owner;
    on any failure the old file stays.

    A symbolic link is written through: the file it points to is replaced, the link stays. Refused,
    with the file left as it was: a device, pipe or socket (replacing /dev/null with a regular file
    is never what was meant); a read-only file (no write permission bit, so root too is refused:
    the mode says someone wants the file left alone); a file with other hard links (a new file under
    this name would leave the other names with the old text, and writing in place could leave a
    half-written file behind, which the rename exists to prevent); a file of another owner that
    planctl could not give back to them.
    Missing folders on the way are created, as `-o out/plan.html` asks.
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
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(
            f"{shown}: cannot create the folder {folder}: a file is in the way", hint="choose another output path"
        ) from None
    except OSError as e:
        raise InputError(f"{shown}: cannot create the folder {folder}: {e.strerror or e}") from None
    try:
        info = path.stat() if path.exists() else None
    except OSError as e:
        raise InputError(f"{shown}: cannot write: {e.strerror or e}") from None
    if info is not None:
        _check_replaceable(shown, path, info)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{shown}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
            f.flush()
            os.fsync(f.fileno())
        if info is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            _same_owner(shown, tmp, info)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if overwrite:
            os.replace(tmp, path)
        else:
            _create_new(tmp, path)
        _sync_folder(folder)
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


def _check_replaceable(shown: Path, path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode) and (not info.st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise InputError(
            f"{shown}: the file is read-only",
            hint=f"make it writable first (chmod u+w {shown}) if it is meant to change",
        )
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise InputError(
            f"{shown}: the file has {info.st_nlink - 1} other hard link(s); writing it would split them "
            "(the other names would keep the old text)",
            hint="write to a copy and move it into place, or remove the other links first",
        )


def _same_owner(shown: Path, tmp: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group (as root: else the file becomes root's)."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except PermissionError:
        if mine.st_uid != info.st_uid:
            raise InputError(
                f"{shown}: the file belongs to another user; planctl cannot replace it and keep its owner",
                hint="run planctl as the file's owner",
            ) from None
        # the group is not one of ours: keep the owner, the group is the folder's


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the operating system can)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
