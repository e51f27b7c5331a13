"""Tables laid out by planctl (planctl.render.table) print exactly what rich prints, byte for byte,
colours included: the listings of the shipped plans at many widths, and random tables and cells."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planctl.api import select_plans
from planctl.query import calendar, plans, questions
from planctl.render import listing
from planctl.render.listing import table
from planctl.render.table import _Cell, laid_out
from tests.conftest import PLANS, examples

WIDTHS = [12, 20, 30, 40, 50, 60, 72, 80, 100, 120, 160, 200]


def _console(width: int, colour: bool) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
    )


def _printed(renderable: Any, width: int, colour: bool) -> str:
    console = _console(width, colour)
    console.print(renderable, soft_wrap=False)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


@functools.cache
def _listings() -> dict[str, Any]:
    selection = select_plans(PLANS)
    models = [lp.plan for lp in selection]
    return {
        "plans": plans.plans_listing(selection),
        "targets": questions.targets(models),
        "countries": questions.countries_listing(models),
        "country": questions.country_profile(models, "Thailand"),
        "objectives": questions.objectives(models),
        "indicators": questions.indicators(models),
        "activities": questions.activities(models),
        "publications": questions.publications(models),
        "calendar": calendar.listing(calendar.entries(models, calendar.Query()), models, calendar.Query()),
    }


@pytest.mark.parametrize("name", sorted(_listings()))
def test_listing_tables_print_what_rich_prints(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fitted = table(_listings()[name].compact(["plan"]))
    printed = {(width, colour): _printed(fitted, width, colour) for width in WIDTHS for colour in (False, True)}
    laid: list[Table] = []
    monkeypatch.setattr(listing, "laid_out", lambda t, c, o: laid.append(laid_out(t, c, o)) or laid[-1])
    _printed(fitted, 200, False)
    assert [t.padding for t in laid] == [(0, 0, 0, 0)]  # laid out by planctl, not left to rich
    monkeypatch.setattr(listing, "laid_out", lambda t, c, o: t)  # rich lays every table out
    for (width, colour), text in printed.items():
        assert text == _printed(fitted, width, colour), (width, colour)


ASCII = st.lists(st.sampled_from(["a", "word", "longerword", "x" * 30, " ", "  ", "-", "[b]"]), max_size=14).map(
    "".join
)
TEXTS = ASCII | st.lists(
    st.sampled_from(["a", "word", "longerword", "x" * 30, "日本語", "e\u0301", "tab\there", " ", "  ", "\n", "-", "ü"]),
    max_size=12,
).map("".join)


def _random_table(draw: Callable[..., Any]) -> Callable[[], Table]:
    """A recipe for a table (a fresh one at each call, as laid_out changes the one it is given)."""
    n = draw(st.integers(1, 4))
    columns = [
        {
            "no_wrap": draw(st.booleans()),
            "overflow": draw(st.sampled_from(["fold", "crop", "ellipsis"])),
            "justify": draw(st.sampled_from(["left", "left", "right", "center", "full"])),
            "min_width": draw(st.none() | st.integers(1, 20)),
            "max_width": draw(st.none() | st.integers(1, 40)),
        }
        for _ in range(n)
    ]
    rows = draw(st.lists(st.lists(TEXTS, min_size=n, max_size=n), max_size=6))
    styled = draw(st.booleans())
    settings_ = {
        "box": draw(st.sampled_from([box.SIMPLE_HEAD, box.ROUNDED, None])),
        "show_edge": draw(st.booleans()),
        "pad_edge": draw(st.booleans()),
        "padding": draw(st.sampled_from([(0, 1), (0, 0), (0, 2, 0, 1)])),
        "expand": draw(st.booleans()),
        "title": draw(st.none() | st.just("A title")),
    }

    def make() -> Table:
        t = Table(**settings_)
        for i, column in enumerate(columns):
            t.add_column(Text(f"col {i}", style="table.header"), **column)
        for row in rows:
            cells = [Text(cell) for cell in row]
            if styled and cells:
                cells[0].stylize("bold", 0, 2)
            t.add_row(*cells)
        return t

    return make


@settings(max_examples=examples(150), deadline=None)
@given(st.data(), st.integers(1, 90), st.booleans())
def test_random_tables_print_what_rich_prints(data: st.DataObject, width: int, colour: bool) -> None:
    make = _random_table(data.draw)
    console = _console(width, colour)
    expected = _printed(make(), width, colour)
    assert _printed(laid_out(make(), console, console.options), width, colour) == expected


@settings(max_examples=examples(300), deadline=None)
@given(
    TEXTS,
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(1, 40),
    st.sampled_from(["fold", "crop", "ellipsis"]),
    st.booleans(),
)
def test_a_cell_renders_as_rich_pads_it(
    text: str, left: int, right: int, width: int, overflow: str, no_wrap: bool
) -> None:
    console = _console(80, True)
    options = console.options.update(width=width, justify="left", overflow=overflow, no_wrap=no_wrap)
    for cell in (Text(text), Text(text, style="bold"), Text(text, justify="right")):
        padded = console.render_lines(Padding(cell, (0, right, 0, left)), options)
        assert console.render_lines(_Cell(cell, left, right), options) == padded
