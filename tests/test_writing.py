"""Atomic writes: the old file or the new one, never half of either; links are written through."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planctl.errors import InputError
from planctl.files.writing import write_atomic
from tests.conftest import PLANS, RunCli


def test_a_link_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert target.read_text() == "new\n"


def test_refuses_an_existing_file_or_link(tmp_path: Path) -> None:
    existing = tmp_path / "a.md"
    existing.write_text("keep\n")
    dangling = tmp_path / "b.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    for path in (existing, dangling):
        with pytest.raises(InputError, match="already exists"):
            write_atomic(path, "x\n", overwrite=False)
    assert existing.read_text() == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_new_files_where_hard_links_are_not_supported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "new.md"
    write_atomic(out, "text\n", overwrite=False)
    assert out.read_text() == "text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    out = tmp_path / "x.md"
    out.write_text("old\n")
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new\n")
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]


@pytest.mark.parametrize("overwrite", [True, False])
def test_a_pipe_or_device_is_never_replaced(tmp_path: Path, overwrite: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "to-pipe"
    link.symlink_to(fifo)
    for target in (fifo, link):
        with pytest.raises(InputError, match="not a regular file") as raised:
            write_atomic(target, "text", overwrite=overwrite)
        assert "standard output" in (raised.value.hint or "")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "to-pipe"]


def test_bytes_are_written_as_they_are_and_text_as_utf8(tmp_path: Path) -> None:
    binary = tmp_path / "a.xlsx"
    write_atomic(binary, b"PK\x03\x04\r\n\x00\xff", overwrite=False)
    assert binary.read_bytes() == b"PK\x03\x04\r\n\x00\xff"
    text = tmp_path / "a.csv"
    write_atomic(text, "\ufeffid,title\r\nLaos,Lao PDR\r\n", overwrite=False)
    assert text.read_bytes() == b"\xef\xbb\xbfid,title\r\nLaos,Lao PDR\r\n", "no newline translation"


# --- issue 13: what a rewrite must respect --------------------------------------------------------


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    """Tests run as root here, and root may write anything: the mode bits are what say "leave it"."""
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")
    target.chmod(0o444)
    with pytest.raises(InputError, match=r"plan\.yaml: the file is read-only") as raised:
        write_atomic(target, "new\n")
    assert "chmod u+w" in (raised.value.hint or "")
    assert target.read_text() == "old\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_file_with_other_hard_links_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")
    other = tmp_path / "copy.yaml"
    os.link(target, other)
    with pytest.raises(InputError, match="the file has 1 other hard link"):
        write_atomic(target, "new\n")
    assert target.read_text() == other.read_text() == "old\n"
    assert os.path.samefile(target, other)


def test_owner_group_and_mode_are_kept(tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("only root can give a file to another user")
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")
    os.chown(target, 1234, 5678)
    target.chmod(0o640)
    write_atomic(target, "new\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 5678, 0o640)
    assert target.read_text() == "new\n"


def test_a_file_of_another_user_is_refused_when_its_owner_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")
    real_stat = os.stat

    def owned_by_someone_else(path: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path) == str(target):
            fields = list(info)
            fields[stat.ST_UID] = info.st_uid + 1
            return os.stat_result(fields)
        return info

    def not_allowed(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "stat", owned_by_someone_else)
    monkeypatch.setattr(os, "chown", not_allowed)
    with pytest.raises(InputError, match="belongs to another user"):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_render_force_leaves_a_read_only_output_file_alone(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_text("kept\n")
    out.chmod(0o444)
    result = run_cli("render", PLANS / "2017.yaml", "-o", out, "--force")
    assert result.exit_code == 2, result
    assert f"{out}: the file is read-only" in result.stderr
    assert out.read_text() == "kept\n"
