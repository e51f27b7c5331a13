"""rich tables laid out at a fraction of rich's cost, printing exactly what rich would.

rich measures every cell of a table to size its columns (twice when they must shrink), then renders
each cell through a Padding, a Text and three passes over its segments: ~0.4 ms a row of a listing.
`laid_out` gives a table the column widths rich would compute, measured from the one or two cells
that decide each column's, and cells that lay out their own lines: a plain text (no style, no spans)
is wrapped as `Text.wrap` wraps it (by that function, or for printable ASCII, one cell a character,
by the same steps counted with len()), and the segments rich would make of it in more steps are
made directly; any other cell is left to rich. tests/test_table_layout.py compares the two, byte
for byte, colours included, so a rich that lays tables out otherwise fails it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import DEFAULT_JUSTIFY, DEFAULT_OVERFLOW, Text


def laid_out(table: Table, console: Console, options: ConsoleOptions) -> Table:
    """`table`, changed in place to print what it would have printed, sooner: its columns fixed at the
    widths rich gives them, their padding held by cells that lay themselves out (`_Cell`). A table
    with a footer, vertical padding or collapsed padding is left as it is."""
    top, _, bottom, _ = table.padding
    if not table.columns or table.show_footer or top or bottom or table.collapse_padding:
        return table
    max_width = options.max_width if table.width is None else table.width
    widths = _widths(table, console, options.update_width(max_width - table._extra_width))
    if sum(widths) > max_width - table._extra_width or min(widths) < 1:
        return table  # too narrow for its columns: rich would narrow fixed widths again, and widen 0 to 1
    last = len(table.columns) - 1
    for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        _, right, _, left = table.padding
        if not table.pad_edge:
            left = 0 if index == 0 else left
            right = 0 if index == last else right
        column.width = width  # the padding included: the cells hold it now
        column.header = _Cell(column.header, left, right)
        column._cells = [_Cell(cell, left, right) for cell in column._cells]
    table.padding = (0, 0, 0, 0)
    return table


def _widths(table: Table, console: Console, options: ConsoleOptions) -> list[int]:
    """The widths rich gives the columns in the room `options` leave (padding included),
    each column measured from the cells that decide its measure: the one with the longest word (its
    least width) and the one with the longest line (its greatest). rich takes the greatest of each
    over the cells, through steps that keep their order, so those two give what all would."""
    kept = [column._cells for column in table.columns]
    try:
        for column in table.columns:
            if all(isinstance(cell, Text) for cell in column._cells):
                column._cells = list({id(c): c for c in _deciding(column._cells)}.values())
        return table._calculate_column_widths(console, options)
    finally:
        for column, cells in zip(table.columns, kept, strict=True):
            column._cells = cells


def _deciding(cells: list[RenderableType]) -> list[RenderableType]:
    """The cell with the longest word and the cell with the longest line, measured as `Text.__rich_measure__` does."""
    if not cells:
        return []
    least, most = [], []
    for cell in cells:
        assert isinstance(cell, Text)
        plain = cell.plain
        # printable ASCII is one cell a character, as `cell_len` counts: len() says the same, sooner
        measure = len if plain.isascii() and plain.isprintable() else cell_len
        lines = plain.splitlines()
        longest_line = max(map(measure, lines)) if lines else 0
        words = plain.split()
        least.append(max(map(measure, words)) if words else longest_line)
        most.append(longest_line)
    return [cells[least.index(max(least))], cells[most.index(max(most))]]


class _Cell:
    """A table cell with its left and right padding, rendered as `Padding(cell, (0, right, 0, left))` is."""

    __slots__ = ("cell", "left", "right")

    def __init__(self, cell: RenderableType, left: int, right: int) -> None:
        self.cell, self.left, self.right = cell, left, right

    def _padded(self) -> Padding:
        return Padding(self.cell, (0, self.right, 0, self.left))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self._padded().__rich_measure__(console, options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines(console, options)
        if lines is None:
            yield from self._padded().__rich_console__(console, options)
            return
        style = console.get_style("none")  # a Padding's style
        left = Segment(" " * self.left, style) if self.left else None
        right = Segment(" " * self.right, style) if self.right else None
        new_line = Segment.line()
        for line in lines:
            if left:
                yield left
            yield Segment(line)
            if right:
                yield right
            yield new_line

    def _lines(self, console: Console, options: ConsoleOptions) -> list[str] | None:
        """The lines of a plain text, as `Text.__rich_console__` wraps them, each as wide as the cell
        inside its padding; None for anything else, which rich renders itself."""
        text = self.cell
        width = options.max_width - self.left - self.right
        if not isinstance(text, Text) or text.spans or text.style or text.end != "\n" or width < 1:
            return None
        justify = text.justify or options.justify or DEFAULT_JUSTIFY
        if justify != "left":  # each line padded to the width in its own text, as rich does when it wraps
            return None
        overflow = text.overflow or options.overflow or DEFAULT_OVERFLOW
        plain = text.plain
        if "\n" not in plain and "\t" not in plain and overflow != "ignore" and len(plain) <= width:
            # one line that fits, so `Text.wrap` would only pad it to the width: no break, nothing to strip
            used = cell_len(plain)
            if used <= width:
                return [plain + " " * (width - used)]
        no_wrap = text.no_wrap if text.no_wrap is not None else bool(options.no_wrap)
        if overflow in ("fold", "crop") and plain.isascii() and plain.isprintable():
            return _wrap_ascii(plain, width, fold=overflow == "fold", no_wrap=no_wrap)
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(
            console,
            width,
            justify=justify,
            overflow=overflow,
            tab_size=tab_size or 8,
            no_wrap=no_wrap,
        )
        lines = []
        for line in wrapped:
            if line.spans or line.style or cell_len(line.plain) != width:
                return None
            lines.append(line.plain)
        return lines


_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces around it, as rich._wrap.words finds them
_TRAILING_SPACE = re.compile(r"\s+$")


def _wrap_ascii(plain: str, width: int, *, fold: bool, no_wrap: bool) -> list[str]:
    """What `Text.wrap` makes of a line of printable ASCII with justify "left" and overflow "fold" or
    "crop": its lines, each padded or cut to `width`. rich's steps (divide_line, divide, rstrip_end,
    truncate), each a character one cell wide, as rich's `cell_len` counts printable ASCII."""
    breaks: list[int] = []
    if not no_wrap:  # rich._wrap.divide_line
        used = 0
        for found in _WORD.finditer(plain):
            start, word = found.start(), found.group()
            length = len(word.rstrip())
            if width - used >= length:
                used += len(word)
            elif length > width:
                if fold:
                    pieces = [word[i : i + width] for i in range(0, len(word), width)]
                    for piece in pieces[:-1]:
                        if start:
                            breaks.append(start)
                        start += len(piece)
                    if start:
                        breaks.append(start)
                    used = len(pieces[-1])
                else:
                    if start:
                        breaks.append(start)
                    used = len(word)
            elif used and start:
                breaks.append(start)
                used = len(word)
    lines = []
    for start, end in zip([0, *breaks], [*breaks, len(plain)], strict=True):
        line = plain[start:end]
        if not no_wrap and len(line) > width and (space := _TRAILING_SPACE.search(line)):  # Text.rstrip_end
            line = line[: -min(len(space.group()), len(line) - width)]
        lines.append(line[:width] + " " * (width - len(line)))  # Text.truncate(width, pad=True)
    return lines
