"""Exact output of each listing renderer: what scripts, spreadsheets and documents receive."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rich.console import Console

from planctl.listing import Column, Listing
from planctl.render.listing import RENDERERS


def _listing() -> Listing:
    listing = Listing([Column("id", "Id", wrap=False), Column("title", "Title"), Column("countries", "Countries")])
    listing.add(id="1A", title="Ratify | accede", countries=["Lao PDR", "DR Congo"])
    listing.add(id="e1", title="Launch", countries=[])
    listing.rows[1]["title"] = date(2017, 12, 15)
    return listing


def test_json_is_an_array_of_objects_keyed_by_column() -> None:
    assert json.loads(RENDERERS["json"](_listing())) == [
        {"id": "1A", "title": "Ratify | accede", "countries": ["Lao PDR", "DR Congo"]},
        {"id": "e1", "title": "2017-12-15", "countries": []},
    ]


def test_csv_has_a_header_and_joins_lists() -> None:
    rows = list(csv.reader(io.StringIO(RENDERERS["csv"](_listing()))))
    assert rows == [
        ["id", "title", "countries"],
        ["1A", "Ratify | accede", "Lao PDR; DR Congo"],
        ["e1", "2017-12-15", ""],
    ]


def test_markdown_escapes_pipes() -> None:
    assert RENDERERS["markdown"](_listing()) == (
        "| Id | Title | Countries |\n"
        "|---|---|---|\n"
        "| 1A | Ratify \\| accede | Lao PDR, DR Congo |\n"
        "| e1 | 2017-12-15 |  |\n"
    )


def test_table_wraps_words_to_fit_80_columns() -> None:
    listing = Listing([Column("id", "Id", wrap=False), Column("text", "Text")])
    listing.add(id="1A.nc1", text="Provide advice and orientation to national campaigns " * 4)
    console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
    console.print(RENDERERS["table"](listing))
    lines = console.export_text().splitlines()
    assert all(len(line) <= 80 for line in lines)
    body = [line for line in lines if line.strip() and "─" not in line and "Text" not in line]
    words = " ".join(line.split("1A.nc1")[-1].strip() for line in body).split()
    assert words == ("Provide advice and orientation to national campaigns " * 4).split()


def test_table_of_nothing_says_so() -> None:
    listing = Listing([Column("id", "Id")], empty_message="no events in September")
    assert str(RENDERERS["table"](listing)) == "no events in September\n"


def test_markdown_shows_plan_text_literally() -> None:
    from markdown_it import MarkdownIt

    listing = Listing([Column("title", "Title")])
    hostile = "Ev | <script>alert(1)</script> *not bold* [a](http://x) # of states"
    listing.add(title=hostile)
    html = MarkdownIt("commonmark").enable("table").render(RENDERERS["markdown"](listing))
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not bold* [a](http://x) # of states" in html
    assert html.count("<td>") == 1  # the pipe did not split the cell
