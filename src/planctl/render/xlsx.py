"""A Listing as an Excel workbook (.xlsx): typed cells, a frozen header row, a filter, fitted columns.

Written with XlsxWriter (the `xlsx` extra): numbers are numbers, booleans booleans, dates dates (also
ISO dates given as text). A column of ISO dates, ranges (`2017-09-04/2017-09-06`) and months
(`2017-10`) keeps its text and gains two date columns, `… from` and `… to`, the first and last day,
so the sheet sorts and filters by date. Counts kept together (`{"goals": 3, "events": 0}`) become a
number column each. Lists are joined with '; ' as in the CSV. Texts are whole, made safe like the
CSV's (`escape.safe`), and always written as text: a plan text starting with '=' is not a formula.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from planctl.errors import UsageError
from planctl.query.listing import Listing
from planctl.render.escape import safe

MAX_WIDTH = 60  # characters: a wider text wraps in its cell
# compiled on first use (re keeps them): every listing command imports this module, few write workbooks
_ISO_DAY = r"^(\d{4})-(\d{2})-(\d{2})$"
_ISO_MONTH = r"^(\d{4})-(\d{2})$"
_SHEET_NAME = r"^[A-Za-z][A-Za-z ]{0,30}"


def _day(text: str) -> date | None:
    m = re.match(_ISO_DAY, text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _days(value: Any) -> tuple[date, date] | None:
    """The first and last day an ISO date, range or month stands for; None for anything else."""
    if isinstance(value, date):
        return value, value
    if not isinstance(value, str):
        return None
    if "/" in value:
        start, _, end = value.partition("/")
        first, last = _day(start), _day(end)
        return (first, last) if first and last else None
    if m := re.match(_ISO_MONTH, value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        import calendar

        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = _day(value)
    return (day, day) if day else None


@dataclass
class _Out:
    """One column of the sheet: its title and how to get its cell from a row."""

    title: str
    key: str
    part: str = ""  # "from"/"to" for a date column's days; a count's name for a column of counts
    kind: str = "value"  # value, text (a date column's text as written), days, count


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return safe(str(value))


def _columns(listing: Listing) -> list[_Out]:
    out: list[_Out] = []
    for c in listing.columns:
        values = [row[c.key] for row in listing.rows if row[c.key] not in (None, "")]
        if values and all(isinstance(v, dict) for v in values):
            names = list(dict.fromkeys(k for v in values for k in v))
            out += [_Out(f"{c.title}: {n}", c.key, n, "count") for n in names]
            continue
        spans = [_days(v) for v in values]
        if values and all(spans) and any(s[0] != s[1] for s in spans if s):  # dates, some of them several days
            out.append(_Out(c.title, c.key, kind="text"))
            out += [_Out(f"{c.title} from", c.key, "from", "days"), _Out(f"{c.title} to", c.key, "to", "days")]
        else:
            out.append(_Out(c.title, c.key))
    return out


def _cell(column: _Out, row: dict[str, Any]) -> Any:
    """The typed value of a cell: None, bool, int, float, date or str."""
    value = row[column.key]
    if column.kind == "count":
        return value.get(column.part) if isinstance(value, dict) else None
    if column.kind == "days":
        days = _days(value)
        return None if days is None else days[0] if column.part == "from" else days[1]
    if value is None or value == "" or value == []:
        return None
    if column.kind == "text":
        return _text(value)
    if isinstance(value, (bool, int, float, date)):
        return value
    if isinstance(value, str) and (day := _day(value)):
        return day
    return _text(value)


def _sheet_name(listing: Listing) -> str:
    """The title's first word ('Targets', 'Calendar'): a sheet name Excel accepts (31 characters, no []:*?/\\)."""
    m = re.match(_SHEET_NAME, listing.title or "")
    words = m.group().split() if m else []
    return words[0] if words else "Listing"


def render(listing: Listing) -> bytes:
    """The workbook's bytes: one sheet, the header in row 1 (frozen, with a filter), then one row per row."""
    try:
        import xlsxwriter  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError(
            "--format xlsx needs XlsxWriter, which is not installed",
            hint="pip install 'plans-as-code[xlsx]' (or write --format csv)",
        ) from None
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": safe(listing.title or ""), "comments": "Written by planctl"})
    header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    formats = {
        "date": workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "left"}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"valign": "top", "text_wrap": True}),
    }
    sheet = workbook.add_worksheet(_sheet_name(listing))
    columns = _columns(listing)
    cells = [[_cell(c, row) for c in columns] for row in listing.rows]
    for j, column in enumerate(columns):
        values = [r[j] for r in cells]
        widest = max([len(column.title), *(_width(v) for v in values)])
        wraps = widest > MAX_WIDTH
        sheet.set_column(j, j, min(widest, MAX_WIDTH) + 2, formats["wrap" if wraps else "text"])
        sheet.write_string(0, j, safe(column.title), header)
        for i, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(i, j, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(i, j, value)
            elif isinstance(value, date):
                sheet.write_datetime(i, j, value, formats["date"])
            else:
                sheet.write_string(i, j, value, formats["wrap" if wraps else "text"])
    if columns:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(cells), len(columns) - 1)
    workbook.close()
    return buffer.getvalue()


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, bool):
        return 5
    return max((len(line) for line in str(value).splitlines()), default=0)
