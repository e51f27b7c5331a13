"""Finding plan files and reading their text safely (no FIFOs, size cap, strict UTF-8)."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import BinaryIO

from planctl.errors import InputError, LocatedError, UsageError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
PLAN_SUFFIXES = (".yaml", ".yml")


class FileContentError(LocatedError):
    """The file was read but its bytes are not YAML text (binary, bad encoding, too large)."""


def discover(paths: list[Path]) -> list[Path]:
    """Expand directories into the plan files below them (sorted, hidden folders skipped, links not followed).

    No paths at all is an InputError, as a directory without plan files is: checking nothing is not a pass.
    """
    if not paths:
        raise InputError("no plan files to read: no file or directory was given", hint="pass plan files or directories")
    found: list[Path] = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or directory") from None
        except OSError as e:
            raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
        if stat.S_ISDIR(st.st_mode):
            files = sorted(_walk(path))
            if not files:
                raise InputError(
                    f"{path}: no plan files (*.yaml, *.yml) in this directory",
                    hint="pass a plan file, or a directory that contains plan files",
                )
            found.extend(files)
        else:
            found.append(path)
    return _unique(found)


def _unique(paths: list[Path]) -> list[Path]:
    """Each file once, however it was named (plans/x.yaml, ./plans/../plans/x.yaml, a link to it)."""
    seen: set[str] = set()
    out = []
    for path in paths:
        real = os.path.realpath(path)  # never raises, even on a symlink loop
        if real not in seen:
            seen.add(real)
            out.append(path)
    return out


def _walk(root: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath, f) for f in filenames if f.endswith(PLAN_SUFFIXES) and not f.startswith("."))
    return out


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a regular file, refusing FIFOs, devices and directories without ever blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, socket or device); planctl reads regular files only")
        if st.st_size > max_bytes:
            raise FileContentError(
                "too-large",
                f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}",
                hint="raise the limit with --max-bytes if the file really is a plan",
            )
        with os.fdopen(fd, "rb", closefd=True) as f:
            fd = -1
            data = _read_up_to(f, max_bytes + 1, st.st_size)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise FileContentError("too-large", f"file is over the limit of {max_bytes:,} bytes")
    return data


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A text file that is not a plan (a schema, say), read as safely as one: every problem is an
    InputError, one saying where in the file the bytes are not text."""
    try:
        return decode(read_bytes(path, max_bytes))
    except FileContentError as e:
        raise InputError(f"{e.diagnostic(str(path)).location()}: {e.message}", hint=e.hint) from None


def _read_up_to(f: BinaryIO, limit: int, expected: int) -> bytes:
    """At most `limit` bytes. Not `f.read(limit)`: that allocates `limit` bytes up front, however
    small the file (--max-bytes 10G would take 10 GB); read what stat() promised, plus whatever
    a file that is still growing adds, in bounded steps."""
    chunks: list[bytes] = []
    total = 0
    step = min(limit, expected + 1)
    while total < limit:
        chunk = f.read(min(step, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        step = 1 << 20
    return b"".join(chunks)


def decode(data: bytes) -> str:
    """Decode YAML bytes: UTF-8 (BOM allowed) or UTF-16/32 with a BOM; binary data is refused."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise FileContentError("encoding", f"invalid {encoding.upper()} text: {e.reason}") from None
    if b"\x00" in data:
        wide = _bomless_utf16_or_32(data)
        if wide:
            raise FileContentError(
                "encoding",
                f"file looks like {wide} text without a byte-order mark",
                hint="save the file as UTF-8 (or as UTF-16 with a byte-order mark)",
            )
        line, col = _position(data, data.index(b"\x00"))
        raise FileContentError("binary", "file is binary (it contains NUL bytes), not YAML text", line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _position(data, e.start)
        raise FileContentError(
            "encoding",
            f"invalid UTF-8 byte 0x{data[e.start]:02x}",
            line,
            col,
            hint="save the file as UTF-8",
        ) from None


def _bomless_utf16_or_32(data: bytes) -> str | None:
    """YAML's own rule (spec 5.2): a stream starting with NULs around an ASCII character is UTF-16/32."""
    head = data[:4]
    if len(head) < 4:
        return None
    if head[:3] == b"\x00\x00\x00" and head[3]:
        return "UTF-32 (big-endian)"
    if head[0] and head[1:] == b"\x00\x00\x00":
        return "UTF-32 (little-endian)"
    if not head[0] and head[1] and not head[2]:
        return "UTF-16 (big-endian)"
    if head[0] and not head[1] and head[2] and not head[3]:
        return "UTF-16 (little-endian)"
    return None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def default_paths(start: Path | None = None) -> list[Path]:
    """Where plans are when none are named: $PLANCTL_PLANS, else the `plans` of the nearest planctl.toml
    (see `config`), else plans/ here or in the nearest parent."""
    env = os.environ.get("PLANCTL_PLANS")
    if env:
        entries = env.split(os.pathsep)
        if not all(entries):
            raise UsageError(
                f"PLANCTL_PLANS has an empty entry: {env!r}",
                hint=f"list plan files or directories separated by {os.pathsep!r}, with nothing empty between them"
                " (an unset variable in $A:$B leaves an empty entry)",
            )
        return [Path(p) for p in entries]
    from planctl.files import config

    settings = config.find(start)
    if settings.plans:
        return list(settings.plans)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "plans"
        if candidate.is_dir():
            return [candidate if folder != here else Path("plans")]
    raise InputError(
        "no plans/ directory here or in any parent directory",
        hint="pass plan files or directories, or set PLANCTL_PLANS",
    )
