"""Exact output of each listing renderer: what scripts, spreadsheets and documents receive."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from rich.console import Console

from planctl.query.listing import Column, Importance, Listing
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


def _printed(listing: Listing, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(RENDERERS["table"](listing))
    return console.export_text().splitlines()


def _plans_like() -> Listing:
    """Long hyphenated ids beside prose, as `planctl plans` has them."""
    listing = Listing(
        [
            Column("id", "Id", importance=Importance.KEY),
            Column("kind", "Kind", wrap=False, importance=Importance.LOW),
            Column("title", "Title", importance=Importance.KEY, main=True),
        ]
    )
    listing.add(id="cartagena-action-plan-2010-2014", kind="action-plan", title="Cartagena Action Plan " * 3)
    listing.add(id="strategy-2017-2021", kind="strategy", title="ICBL-CMC Strategy 2017-2021")
    return listing


def test_ids_stay_whole_and_the_columns_left_out_are_named() -> None:
    from planctl.api import select_plans
    from planctl.query.plans import plans_listing
    from tests.conftest import PLANS

    lines = _printed(plans_listing(select_plans(PLANS)), 100)  # six columns, as `planctl plans` has them
    assert all(len(line) <= 100 for line in lines)
    ids = [line.split(" ")[0] for line in lines[2:-1] if line[:1].strip()]
    assert ids == ["cartagena-action-plan-2010-2014", "strategic-plan-2012-2015", "2017", "strategy-2017-2021"]
    assert lines[-1] == "left out: Implements, Contents (widen the terminal or use --format csv)"


def test_the_main_column_gets_the_room_the_others_leave() -> None:
    lines = _printed(_plans_like(), 60)
    assert lines[0].split() == ["Id", "Title"]  # Kind made room for the title
    assert lines[1] == "─" * 60  # the title took all the room there is
    assert lines[2].rstrip() == "cartagena-action-plan-2010-2014   Cartagena Action Plan"
    assert lines[-1] == "left out: Kind (widen the terminal or use --format csv)"


def test_ids_fold_only_where_even_the_key_columns_cannot_fit_whole() -> None:
    lines = _printed(_plans_like(), 40)
    assert all(len(line) <= 40 for line in lines)
    first_column = "".join(line.split(" ")[0] for line in lines[2:7])
    assert first_column.startswith("cartagena-action-plan-2010-2014")  # every character shown, folded
    assert "Cartagena" in " ".join(lines)
    assert " ".join(" ".join(lines[-2:]).split()) == "left out: Kind (widen the terminal or use --format csv)"


def test_a_column_capped_narrower_than_its_ids_keeps_them_whole() -> None:
    listing = Listing([Column("plan", "Plan", max_width=14), Column("title", "Title")])
    listing.add(plan="strategic-plan-2012-2015", title="Objectives")
    lines = _printed(listing, 120)
    assert lines[2].split() == ["strategic-plan-2012-2015", "Objectives"]


def test_dates_read_as_people_write_them_in_tables_only() -> None:
    listing = Listing([Column("date", "Date", wrap=False, dates=True), Column("title", "Event")])
    for when in ("2017-09-04/2017-09-06", "2017-09-18", "2017-10", "2017-11-30/2017-12-04", "soon"):
        listing.add(date=when, title="x")
    lines = _printed(listing, 80)
    assert [line.split("   ")[0] for line in lines[2:]] == [
        "4–6 Sep 2017",
        "18 Sep 2017",
        "Oct 2017",
        "30 Nov – 4 Dec 2017",
        "soon",
    ]
    assert [row["date"] for row in json.loads(RENDERERS["json"](listing))][:3] == [
        "2017-09-04/2017-09-06",
        "2017-09-18",
        "2017-10",
    ]
    assert "2017-09-04/2017-09-06" in RENDERERS["csv"](listing)


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
