"""Versions of plan files in git: a `REV:path` object's bytes, the plan files changed since a revision.

git runs as a subprocess in the current directory, so `REV:path` means what it means to `git show`
there (`path` from the top of the repository, `REV:./path` from the current directory). Failures
become InputError carrying git's own reason.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from planctl.errors import InputError, UsageError
from planctl.files.reading import PLAN_SUFFIXES, FileContentError


def is_git_object(spec: str) -> bool:
    """`main:plans/2017.yaml` is a git object; a path that exists on disk never is."""
    return ":" in spec and not Path(spec).exists()


def split_spec(spec: str) -> tuple[str, str]:
    rev, _, path = spec.partition(":")
    return rev, path


# Settings that would change what git prints about paths, whatever the user's configuration says:
# paths relative to the top of the repository (diff.relative would make them relative to here, and
# leave out changes elsewhere), no colour codes, pathspecs taken literally (a folder named 'pl*').
_PLAIN = ["-c", "diff.relative=false", "-c", "color.ui=never", "-c", "color.diff=never", "--literal-pathspecs"]


def _git(args: list[str], what: str, hint: str | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(["git", *_PLAIN, *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError(
            f"{what}: git is not installed or not on PATH", hint="install git, or compare two plan files on disk"
        ) from None
    except OSError as e:
        raise InputError(f"{what}: cannot run git: {e.strerror or e}") from None
    if result.returncode != 0:
        raise InputError(f"{what}: {_reason(result.stderr)}", hint=hint)
    return result


def _reason(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in lines]
    return "; ".join(lines) or "git failed"


def _check_rev(rev: str, what: str) -> None:
    if not rev or rev.startswith("-"):
        raise UsageError(f"{what}: {rev!r} is not a git revision", hint="name a branch, tag or commit, e.g. main")


def read_object(spec: str, *, max_bytes: int) -> bytes:
    """The bytes of the blob `REV:path`; InputError (with git's reason) for a bad revision or path."""
    rev, path = split_spec(spec)
    _check_rev(rev, spec)
    if not path:
        raise UsageError(f"{spec}: no path after the ':'", hint=f"name a plan file, e.g. {rev}:plans/2017.yaml")
    hint = "check the revision (`git log --oneline`) and the path (`git ls-tree -r --name-only REV`)"
    kind = _git(["cat-file", "-t", spec], spec, hint).stdout.decode().strip()
    if kind != "blob":
        raise InputError(
            f"{spec}: is a {kind}, not a file", hint="name one plan file, or use --since REV to compare every plan"
        )
    size = int(_git(["cat-file", "-s", spec], spec).stdout.decode().strip())
    if size > max_bytes:
        raise FileContentError(
            "too-large",
            f"file is {size:,} bytes, over the limit of {max_bytes:,}",
            hint="raise the limit with --max-bytes if the file really is a plan",
        )
    return _git(["cat-file", "blob", spec], spec).stdout  # the bytes as committed: no textconv, no filters


def is_revision(spec: str) -> bool:
    """Whether git here names a commit `spec` (a branch, tag, HEAD~1...): False outside a repository, or without git."""
    if not spec or spec.startswith("-"):
        return False
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"], spec)
    except InputError:
        return False
    return True


def worktree_path(spec: str) -> Path:
    """The file on disk that the git object `REV:path` is a version of, relative to the current directory."""
    rev, path = split_spec(spec)
    _check_rev(rev, spec)
    if path.startswith(("./", "../")):
        return Path(path)
    return _here(_top(spec), path)


def _top(what: str) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], what).stdout.decode().strip())


@dataclass(frozen=True)
class ChangedFile:
    """A plan file that differs between a revision and the working tree.

    `old` is its path at the revision (from the top of the repository), `new` its path on disk
    (relative to the current directory); one of them is None for an added or deleted file.
    """

    old: str | None
    new: Path | None


def changed_plan_files(rev: str, paths: list[Path]) -> list[ChangedFile]:
    """Plan files under `paths` that changed between `rev` and the working tree (untracked new ones too).

    Renames that git detects are one file, compared with its old version.
    """
    what = f"--since {rev}"
    _check_rev(rev, what)
    top = _top(what)
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], what)
    except InputError:
        raise InputError(
            f"{what}: unknown revision {rev!r}",
            hint="name a branch, tag or commit that exists here; `git log --oneline` lists commits",
        ) from None
    specs = [str(p) for p in paths]
    diff = ["diff", "--no-ext-diff", "--name-status", "-z", "-M", rev, "--", *specs]
    listing = _git(diff, what).stdout.decode("utf-8", "replace")
    fields = listing.split("\0")
    out: list[ChangedFile] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":
            old, new, i = fields[i + 1], fields[i + 2], i + 3
            renamed = status[0] == "R" and _is_plan_name(old)
            out.append(ChangedFile(old if renamed else None, _here(top, new)))
            continue
        name, i = fields[i + 1], i + 2
        if status[0] == "A":
            out.append(ChangedFile(None, _here(top, name)))
        elif status[0] == "D":
            out.append(ChangedFile(name, None))
        else:
            out.append(ChangedFile(name, _here(top, name)))
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", *specs], what)
    out += [ChangedFile(None, _here(top, n)) for n in untracked.stdout.decode("utf-8", "replace").split("\0") if n]
    return sorted((f for f in out if _is_plan(f)), key=lambda f: str(f.new or f.old))


def _here(top: Path, name: str) -> Path:
    full = top / name
    try:
        return Path(os.path.relpath(full))
    except ValueError:  # another drive (Windows)
        return full


def _is_plan(f: ChangedFile) -> bool:
    return _is_plan_name(f.new.as_posix() if f.new is not None else str(f.old))


def _is_plan_name(name: str) -> bool:
    path = PurePosixPath(name)
    return path.suffix in PLAN_SUFFIXES and not any(p.startswith(".") and p != ".." for p in path.parts)


@dataclass(frozen=True)
class Commit:
    hash: str  # abbreviated, as `git log --oneline` shows it
    date: dt.date  # the committer's date, in the committer's time zone


def last_commit(path: Path) -> tuple[Commit | None, bool]:
    """The last commit that changed the file at `path`, and whether the file differs from it (changes
    not yet committed). (None, True) when git does not track the file, is not installed, or the file
    is not in a repository: the file is its own version then."""
    folder, name = path.resolve().parent, path.name
    log = _quiet(folder, ["log", "-1", "--format=%h %cs", "--", name])
    if not log:
        return None, True
    short, day = log.split()
    changed = _quiet(folder, ["status", "--porcelain", "--", name])
    return Commit(short, dt.date.fromisoformat(day)), changed != ""


@dataclass(frozen=True)
class Snapshot:
    """The file as one commit left it."""

    commit: str
    when: dt.datetime  # the commit's date (committer's), with its time zone
    data: bytes | None  # None when it is over the size limit


def history(path: Path, *, max_bytes: int) -> list[Snapshot]:
    """Every version of the file at `path` along the first-parent history of HEAD (the mainline:
    a merge is one change), oldest first, across renames. Empty when git does not track the file or
    cannot run. Two git processes, whatever the length of the history: one lists the commits and
    the blobs they left, one reads the blobs."""
    folder, name = path.resolve().parent, path.name
    log_args = ["log", "--first-parent", "--follow", "--no-ext-diff", "--raw", "--no-abbrev"]
    log = _quiet(
        folder,
        ["-c", "log.showSignature=false", *log_args, "--format=commit %H %cI", "--end-of-options", "HEAD", "--", name],
    )
    changes: list[tuple[str, dt.datetime, str]] = []  # newest first, as git lists them
    commit, when = "", dt.datetime.min
    for line in (log or "").splitlines():
        if line.startswith("commit "):
            _, commit, stamp = line.split()
            when = dt.datetime.fromisoformat(stamp)
        elif line.startswith(":") and commit:
            blob = line.split("\t")[0].split()[3]
            if blob.strip("0"):  # all zeros: the commit deleted the file
                changes.append((commit, when, blob))
    blobs = _blobs(folder, [blob for _, _, blob in changes], max_bytes)
    return [Snapshot(commit, when, blobs.get(blob)) for commit, when, blob in reversed(changes)]


def _blobs(folder: Path, names: list[str], max_bytes: int) -> dict[str, bytes]:
    """The blobs' bytes, by name, read by one `git cat-file --batch`; those over max_bytes left out."""
    unique = list(dict.fromkeys(names))
    if not unique:
        return {}
    out = _quiet_bytes(folder, ["cat-file", "--batch"], "".join(f"{n}\n" for n in unique).encode())
    found: dict[str, bytes] = {}
    at = 0
    while out is not None and at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii", "replace").split()
        if len(header) != 3:  # 'NAME missing'
            at = end + 1
            continue
        size = int(header[2])
        if size <= max_bytes:
            found[header[0]] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found


def _quiet(folder: Path, args: list[str]) -> str | None:
    """git's output, run in `folder`; None when git fails or cannot run (not a repository, no git)."""
    out = _quiet_bytes(folder, args)
    return None if out is None else out.decode("utf-8", "replace").strip()


def _quiet_bytes(folder: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *_PLAIN, *args], input=stdin, capture_output=True, check=False
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
