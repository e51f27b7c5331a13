"""Tables for people: Listing.compact() and tucked columns, exactly as printed."""

from __future__ import annotations

import io

from rich.console import Console

from planctl.query.listing import Column, Listing, gist
from planctl.render.listing import RENDERERS


def _text(renderable: object, width: int = 60) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def _listing() -> Listing:
    listing = Listing(
        [
            Column("plan", "Plan"),
            Column("id", "Id", wrap=False),
            Column("text", "Text"),
            Column("countries", "Countries", tucked=True),
            Column("note", "Note"),
            Column("why", "Why"),
        ],
        title="Things",
    )
    listing.add(plan="2017", id="a1", text="Write letters.", countries=["Laos", "Chad"], note=None, why="Because")
    listing.add(plan="2017", id="a2", text="Call.", countries=[], note="", why="Because")
    return listing


def test_compact_drops_empty_and_constant_columns_and_dittos() -> None:
    compact = _listing().compact(constant=["plan"], ditto=["why"])
    assert [c.key for c in compact.columns] == ["id", "text", "countries", "why"]
    assert [r["why"] for r in compact.rows] == ["Because", None]
    assert compact.title == "Things"


def test_compact_keeps_a_constant_column_not_named_and_a_varying_one() -> None:
    listing = _listing()
    assert [c.key for c in listing.compact().columns] == ["plan", "id", "text", "countries", "why"]
    listing.rows[1]["plan"] = "2018"
    assert "plan" in [c.key for c in listing.compact(constant=["plan"]).columns]


def test_compact_of_nothing_is_the_listing() -> None:
    listing = Listing([Column("id", "Id")], empty_message="none")
    assert listing.compact(constant=["id"]) is listing


def test_tucked_column_is_a_line_in_the_cell_before_it() -> None:
    lines = _text(RENDERERS["table"](_listing().compact(constant=["plan"], ditto=["why"])))
    assert lines == [
        "Things",
        "Id   Text                    Why",
        "────────────────────────────────────",
        "a1   Write letters.          Because",
        "     Countries: Laos, Chad",
        "a2   Call.",
    ]


def test_tucked_columns_stay_apart_in_machine_formats() -> None:
    assert RENDERERS["csv"](_listing()).splitlines()[1] == "2017,a1,Write letters.,Laos; Chad,,Because"


def test_gist_is_the_first_sentence_without_the_lead_cut_at_a_word() -> None:
    assert gist("In addition, the following states will be encouraged to act. They are few.") == ("Encouraged to act.")
    long = "The following states are priorities for dialogue on ratification or accession to the Convention " * 2
    cut = gist(long)
    assert len(cut) <= 80 and cut.endswith("…") and cut.startswith("Priorities for dialogue")
    assert set(cut[:-1].lower().split()) <= set(long.lower().split()), "whole words only"
    assert gist("Short.") == "Short."
