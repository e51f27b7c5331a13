"""What every listing command does with its Listing: pick the format, render it, write stdout or -o FILE.

A file's format follows its name (.csv, .json, .md, .txt, .xlsx) unless --format says otherwise; it is
written atomically and never replaces a file without --force. A CSV file starts with a UTF-8
byte-order mark, so Excel reads it as UTF-8 (standard output stays plain, for scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planctl.cli import output
from planctl.cli.options import LIST_SUFFIXES, file_format, output_file

if TYPE_CHECKING:
    from planctl.query.listing import Listing

BOM = "\ufeff"


def emit(
    listing: Listing,
    fmt: Any,
    out: Path | None,
    force: bool,
    constant: Sequence[str] = ("plan",),
    ditto: Sequence[str] = (),
) -> None:
    """Render `listing` as asked and write it; a table leaves out the `constant` and empty columns."""
    from planctl.render.listing import RENDERERS
    from planctl.words import count

    target = output_file(out)
    name = file_format(fmt, target, LIST_SUFFIXES, "table")
    if name == "table":
        listing = listing.compact(constant, ditto)
    write(RENDERERS[name](listing), name, target, force, f"{name}, {count(len(listing.rows), 'row')}")


def write(result: Any, name: str, target: Path | None, force: bool, what: str) -> None:
    """A rendered result to stdout, or to `target` (saying what was written: 'csv, 12 rows')."""
    if target is None:
        if isinstance(result, bytes):
            output.write_binary(result, f"--format {name}")
        else:
            output.write(result)
        return
    from planctl.files.writing import write_atomic

    content = result if isinstance(result, bytes) else output.plain_text(result)
    if name == "csv" and isinstance(content, str):
        content = BOM + content
    write_atomic(target, content, overwrite=force)
    output.note(f"wrote {target} ({what})")
