"""Plans already validated, kept by the hash of their file's bytes.

A command that answers from plans (targets, calendar, show, render, ...) looks each file up here
before parsing and validating it: an unchanged, valid file is read back as its Plan in about a
millisecond, and pydantic is never imported. Results files (progress/) are kept the same way, with
the problems of their own fields only: what they say is checked against their plan every time. Only
valid files are kept, so a file with problems is always checked in full; `planctl validate` does not
use the cache at all.

The key is the SHA-256 of the file's bytes and of a fingerprint of the code that validated it
(planctl's version, the size and time of each of its source files, the model's fields, the
installed versions of pydantic and ruamel.yaml, Python's), so an edited file, an upgrade or an
edited checkout never reads an old verdict. The cache is an optimisation: any failure to read or
write it is ignored. Set PLANCTL_NO_CACHE=1 to turn it off, PLANCTL_CACHE_DIR to move it (default
$XDG_CACHE_HOME/planctl, else ~/.cache/planctl). Where the operating system cannot say who owns
a file (no os.getuid), there is no cache.

`planctl fmt` keeps its own note beside the plans: an empty `.fmt` entry, named by the hash of a
file's bytes and of the code, for each file it found (or made) canonical, so that `fmt --check`
on an unchanged file reads no YAML at all. The folder also keeps pydantic's compiled validator for
the models (see `compiled_validator`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from planctl import __version__

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from planctl.model.plan import Plan
    from planctl.model.results import Results

MAX_ENTRIES = 256  # the oldest entries go beyond this: about 65 KB each for a plan like 2017's
MAX_CANONICAL = 4096  # fmt's notes are empty files
MAX_FILE_BYTES = 2_000_000  # bigger plans are rare, and their entries would be big too


def directory() -> Path | None:
    """Where entries are kept, or None when caching is turned off."""
    if os.environ.get("PLANCTL_NO_CACHE", "") not in ("", "0"):
        return None
    return _folder()


def _folder() -> Path | None:
    """The cache's folder, or None where the owner of a file cannot be known (no os.getuid)."""
    if not hasattr(os, "getuid"):
        return None
    explicit = os.environ.get("PLANCTL_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):  # no home folder to expand it to: not a folder named '~' here
        return None
    return Path(base) / "planctl"


@functools.cache
def _fingerprint() -> bytes:
    """What a verdict depends on besides the file: the code that reached it (~3 ms to gather)."""
    return _code() + b"\n" + _layout().encode("utf-8")


@functools.cache
def _code() -> bytes:
    """planctl's version and sources, the libraries it reads YAML and validates with, Python's."""
    parts = [sys.version, __version__]
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = source.stat()
            parts.append(f"{source.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    parts += _installed("pydantic", "pydantic_core", "ruamel", "_ruamel_yaml")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def _layout() -> str:
    """The plan models' fields, in order: an entry pickled from other fields must never be read. (The
    results models are not imported for it, so that a command without results never loads them: their
    source file's size and time, in the fingerprint, change with them.)"""
    from planctl.model import plan as model

    classes = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    return repr(sorted((c.__name__, [f.name for f in dataclasses.fields(c)]) for c in classes))


def _installed(*modules: str) -> list[str]:
    """Where each module is, and the distributions installed beside it whose names start like it
    (their .dist-info folders name their versions): read without importing them, or importing
    importlib.metadata (~15 ms)."""
    out = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        where = locations[0] if locations else (spec.origin if spec is not None else None)
        if where is None:
            out.append(f"{name}: absent")
            continue
        out.append(f"{name}: {where}")
        prefix = name.strip("_").lower()
        with contextlib.suppress(OSError):
            found = os.listdir(os.path.dirname(where))
            out += sorted(n for n in found if n.endswith(".dist-info") and n.lower().startswith(prefix))
    return out


def entry(data: bytes) -> Path | None:
    """Where the plan a file with these bytes holds is kept, or None when it is not to be cached."""
    folder = directory()
    if folder is None or len(data) > MAX_FILE_BYTES:
        return None
    digest = hashlib.sha256(_fingerprint())
    digest.update(data)
    return folder / f"{digest.hexdigest()}.pickle"


def _private(path: Path, kind: int) -> bool:
    """Ours alone: entries are pickles, which must never come from anyone else. The folder must be
    the user's and writable by no one else; an entry readable or writable by anyone else (as a file
    checked out of git would be) is not one planctl wrote."""
    try:
        info = path.lstat()
    except OSError:
        return False
    others = stat.S_IWGRP | stat.S_IWOTH if kind == stat.S_IFDIR else 0o077
    return stat.S_IFMT(info.st_mode) == kind and info.st_uid == os.getuid() and not info.st_mode & others


def load(entry: Path) -> Plan | Results | None:
    """The valid plan (or results file) kept at `entry` (see `entry()`), if there is one."""
    if not _private(entry.parent, stat.S_IFDIR) or not _private(entry, stat.S_IFREG):
        return None
    try:
        plan = pickle.loads(entry.read_bytes())
    except Exception:  # a damaged entry is a miss, whatever it raises
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: kept when old entries are cleared
    from planctl.model.plan import Plan

    if isinstance(plan, Plan):
        return plan
    from planctl.model.results import Results  # imported already, by unpickling one

    return plan if isinstance(plan, Results) else None


def store(entry: Path, plan: object) -> None:
    """Keep a valid plan (or results file) at `entry`, for the next command that reads a file with the same
    bytes (or, at its own entry, the compiled validator: see `compiled_validator`)."""
    import tempfile  # ~2 ms: only when an entry is written

    folder = entry.parent
    with contextlib.suppress(Exception):  # a cache that cannot be written changes nothing else
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder, stat.S_IFDIR):
            return
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _trim(folder)


def _trim(folder: Path) -> None:
    entries: dict[str, list[Path]] = {".pickle": [], ".fmt": []}
    for p in folder.iterdir():
        if p.suffix in entries:
            entries[p.suffix].append(p)
        elif p.suffix == ".tmp" and p.stat().st_mtime < time.time() - 3600:  # left by a killed process
            p.unlink()
    for suffix, most in ((".pickle", MAX_ENTRIES), (".fmt", MAX_CANONICAL)):
        if len(entries[suffix]) <= most:
            continue
        by_age = sorted(entries[suffix], key=lambda p: p.stat().st_mtime_ns)
        for old in by_age[: len(entries[suffix]) - most]:
            with contextlib.suppress(OSError):
                old.unlink()


# --- fmt's note of the files already in the canonical layout ---------------------------------


def canonical_entry(data: bytes) -> Path | None:
    """Where fmt notes that a file with these bytes is in the canonical layout, or None (no cache)."""
    folder = directory()
    if folder is None:
        return None
    digest = hashlib.sha256(b"fmt\n" + _code())
    digest.update(data)
    return folder / f"{digest.hexdigest()}.fmt"


def known_canonical(entry: Path) -> bool:
    """Whether fmt noted (see `canonical_entry`) that a file is canonical: one stat of the folder, one of the note."""
    return _private(entry.parent, stat.S_IFDIR) and _private(entry, stat.S_IFREG)


def remember_canonical(entry: Path) -> None:
    """Note that the file whose entry this is needs no formatting."""
    folder = entry.parent
    with contextlib.suppress(Exception):  # a note that cannot be written changes nothing else
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder, stat.S_IFDIR):
            return
        try:
            os.close(os.open(entry, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except FileExistsError:
            os.utime(entry, follow_symlinks=False)
            return
        if sum(1 for _ in folder.iterdir()) > MAX_ENTRIES + MAX_CANONICAL:
            _trim(folder)


# --- pydantic-core's compiled validator for the models ------------------------------------------

MAX_VALIDATORS = 4  # one per version of the code in use: a few checkouts or virtual environments


def compiled_validator() -> SchemaValidator:
    """The models' validator as pydantic compiles it (`planctl.model.validation.compiled`), kept in
    the cache's folder under the fingerprint of the code, as plans are.

    pydantic builds it through its Python layer in ~50 ms, importing that layer included; read back,
    it costs ~1 ms and imports only pydantic-core. It is read only from an entry planctl wrote (see
    `_private`). It holds no plan, so PLANCTL_NO_CACHE (no cache of validated plans) leaves it in
    use. It is kept when PLANCTL_KEEP_VALIDATOR=1, which the `planctl` command sets unless it is set
    already (0 turns it off); a library caller's process leaves the folder alone unless it sets it.
    """
    from pydantic_core import SchemaValidator

    from planctl.model import validation

    folder = _folder() if os.environ.get("PLANCTL_KEEP_VALIDATOR") == "1" else None
    if folder is None:
        return validation.compiled()
    entry = folder / f"{hashlib.sha256(b'validator' + _fingerprint()).hexdigest()}.validator"
    if _private(folder, stat.S_IFDIR) and _private(entry, stat.S_IFREG):
        try:
            found = pickle.loads(entry.read_bytes())
        except Exception:  # a damaged entry is a miss, whatever it raises
            found = None
        if type(found) is SchemaValidator:
            with contextlib.suppress(OSError):
                os.utime(entry)  # in use: kept when old ones are cleared
            return found
    built = validation.compiled()
    if type(built) is SchemaValidator:
        store(entry, built)
        with contextlib.suppress(OSError):
            kept = sorted(folder.glob("*.validator"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in kept[MAX_VALIDATORS:]:
                old.unlink()
    return built
