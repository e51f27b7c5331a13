"""`planctl render` documents: everything in the plan shows, in order, as written, in a well-formed page.

Exact outputs live in tests/cases/render/; after an intended change regenerate them with
`python -c 'import tests.test_render as t; t.regenerate()'` and review the diff.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planctl.api import load_plan
from planctl.document import Version, build
from planctl.model.plan import Model, fields_of
from planctl.model.reference import plan_models
from planctl.render import html, markdown
from tests.conftest import CASES, PLANS
from tests.render_text import Page, flat, read_html, read_markdown

VALID = CASES / "valid"
GOLDEN = CASES / "render"
FIXTURES = ["full-shape", "strategy-shape", "action-plan-shape", "hostile-text"]
ALL_PLANS = [VALID / f"{name}.yaml" for name in FIXTURES] + [PLANS / "2017.yaml"]
# Values that are references or settings, shown through what they refer to (or not text at all).
NOT_SHOWN_AS_WRITTEN = {
    "id",
    "category",
    "key_dates",
    "language",
    "kind",
    "strategy_shared_with",
    "month",
    "status",
    "placement",  # shown by where the section stands
    "implements",  # the plan (or the plan's objective) named by its title
}
LIST_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*•])\s+")


# What the CLI reads around a plan, fixed: the version of its file, and the plan it implements.
VERSION = Version("1a2b3c4", date(2024, 1, 5))
OTHERS = {"example-strategy": load_plan(VALID / "example-strategy.yaml")}


def _render(path: Path, fmt: str) -> str:
    doc = build(load_plan(path), version=VERSION, others=OTHERS)
    return markdown.render(doc) if fmt == "md" else html.render(doc)


def regenerate() -> None:
    """Rewrite the expected outputs from the current renderers."""
    GOLDEN.mkdir(exist_ok=True)
    for name in FIXTURES:
        (GOLDEN / f"{name}.md").write_text(_render(VALID / f"{name}.yaml", "md"), encoding="utf-8")
    (GOLDEN / "full-shape.html").write_text(_render(VALID / "full-shape.yaml", "html"), encoding="utf-8")


@pytest.mark.parametrize("name", FIXTURES)
def test_markdown_exact_output(name: str) -> None:
    expected = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    assert _render(VALID / f"{name}.yaml", "md") == expected


def test_html_exact_output() -> None:
    expected = (GOLDEN / "full-shape.html").read_text(encoding="utf-8")
    assert _render(VALID / "full-shape.yaml", "html") == expected


def _texts(value: Any, key: str = "") -> list[str]:
    """Every piece of plan text in a model, one line each, without the list markers prose may use."""
    if key in NOT_SHOWN_AS_WRITTEN:
        return []
    if isinstance(value, Model):
        return [t for k in fields_of(type(value)) for t in _texts(getattr(value, k), k)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, key)]
    if isinstance(value, str):
        return [flat(LIST_MARK.sub("", line)) for line in value.splitlines() if line.strip()]
    return []


def _pages(path: Path) -> dict[str, Page]:
    return {"markdown": read_markdown(_render(path, "md")), "html": read_html(_render(path, "html"))}


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.stem)
def test_every_text_of_the_plan_is_shown(path: Path) -> None:
    plan = load_plan(path)
    texts = _texts(plan)
    assert len(texts) > 5
    for fmt, page in _pages(path).items():
        shown = flat(page.text)
        missing = [t for t in texts if t not in shown]
        assert missing == [], f"{fmt} leaves out plan text"


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.stem)
def test_headings_form_one_outline(path: Path) -> None:
    page = read_html(_render(path, "html"))
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == [], "a heading skips a level"
    md_levels = [level for level, _ in read_markdown(_render(path, "md")).headings]
    assert md_levels.count(1) == 1 and md_levels[0] == 1


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.stem)
def test_html_is_self_contained_and_its_links_work(path: Path) -> None:
    page = read_html(_render(path, "html"))
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    external = [
        a for _, attrs in page.tags for k, a in attrs.items() if k in ("src", "href") and not (a or "").startswith("#")
    ]
    assert external == []
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert set(page.internal_links) <= set(page.ids), "links to anchors that do not exist"


def test_html_escapes_plan_text() -> None:
    plan = load_plan(VALID / "hostile-text.yaml")
    text = html.render(build(plan))
    page = read_html(text)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert page.headings[0] == (1, plan.title)
    assert [t for t, _ in page.tags].count("title") == 1
    md = read_markdown(markdown.render(build(plan)))
    assert md.headings[0] == (1, plan.title), "the Markdown title shows as written"
    assert not {t for t, _ in md.tags} & {"script", "img", "b", "a", "em", "code"}
    assert "# of states" in md.text and "- not a bullet" in md.text and "> not a quote" in md.text


def test_html_language_and_table_of_contents() -> None:
    text = _render(VALID / "strategy-shape.yaml", "html")
    assert '<html lang="en-GB">' in text
    page = read_html(text)
    nav = text[text.index('<nav class="toc"') : text.index("</nav>")]
    toc = read_html(nav)
    assert toc.internal_links[:4] == ["summary", "vision", "mission", "goal-1"]
    assert "objective-1a" in toc.internal_links
    assert "Contents" in page.text
    assert "@page" in text and "size: A4" in text and "@media print" in text


def test_html_language_that_is_not_a_tag_becomes_undetermined(tmp_path: Path) -> None:
    source = (VALID / "minimal.yaml").read_text(encoding="utf-8") + "language: '\"><x'\n"
    path = tmp_path / "odd.yaml"
    path.write_text(source, encoding="utf-8")
    assert '<html lang="und">' in _render(path, "html")


def _sections(markdown_text: str, level: int) -> list[str]:
    return [line[level + 1 :] for line in markdown_text.splitlines() if line.startswith("#" * level + " ")]


def test_operational_plan_order() -> None:
    text = _render(PLANS / "2017.yaml", "md")
    assert _sections(text, 2) == [
        "Executive summary",
        "Goal 1 — No more use of cluster munitions or antipersonnel landmines",
        "Goal 2 — Decrease in land contaminated by cluster munitions or landmines",
        "Goal 3 — Measurable progress in the quality of life for victims of mines and cluster munitions",
        "The Landmine and Cluster Munition Monitor",
        "Publications",
        "Calendar",
        "Notes",
    ]
    objective_1a = text[text.index("### Objective 1A") : text.index("### Objective 1B")]
    assert _sections(objective_1a, 4) == ["Indicators", "Targets", "Strategy", "Activities"]
    assert _sections(objective_1a, 5) == [
        "National Campaigning",
        "International Advocacy",
        "Media Outreach",
        "Research",
    ]


def test_key_dates_show_the_events_date_and_title() -> None:
    text = _render(PLANS / "2017.yaml", "md")
    assert "  - **23 February 2017**: 10th Anniversary of the launch of the Oslo Process\n" in text


def test_calendar_by_month_with_month_only_and_tentative_events() -> None:
    text = _render(PLANS / "2017.yaml", "md")
    calendar = text[text.index("## Calendar") : text.index("## Notes")]
    months = _sections(calendar, 3)
    assert months[0] == "January 2017" and months[-1] == "December 2017" and "July 2017" not in months
    october = calendar[calendar.index("### October 2017") : calendar.index("### November 2017")]
    assert "- First Committee meetings of the UN General Assembly, **October**, New York\n" in october
    assert "- Launch of Landmine Monitor 2017 report, **15 December** (tbc)\n" in calendar


def test_targets_show_rules_groups_notes_and_responsive_targeting() -> None:
    text = _render(VALID / "full-shape.yaml", "md")
    targets = text[text.index("#### Targets") : text.index("#### Strategy")]
    assert targets.index("Any state that does X") < targets.index("Close to joining.") < targets.index("Others")
    assert "Close to joining. **NO, Lao PDR, DR Congo, The Gambia, Sao Tome & Principe, the United States**" in targets


def test_nested_activities_and_publications() -> None:
    text = _render(VALID / "full-shape.yaml", "md")
    assert "- Write letters. *(countries: Norway)*\n  - **28 February 2024**: Launch\n  - A sub-activity.\n" in text
    assert "- **Annual report** – The report.\n  - **A factsheet**\n" in text


def test_action_plan_groups_actions_by_addressee() -> None:
    text = _render(VALID / "action-plan-shape.yaml", "md")
    goal = text[text.index("## I. Universalizing") : text.index("## II.")]
    assert "**All States Parties will:**\n\n- **Action #1:** Promote the treaty.\n- **Action #2:**" in goal
    assert "**States Parties in a position to do so will do their utmost to:**\n\n- **Action #3:**" in goal


def test_numbered_paragraphs_keep_their_numbers() -> None:
    plan = load_plan(VALID / "action-plan-shape.yaml")
    page = read_markdown(markdown.render(build(plan)))
    assert "4. States Parties are resolved to clear" in flat(page.text)
    assert "6. States Parties note the progress made." in flat(page.text)
    html_text = html.render(build(plan))
    assert '<li value="4">' in html_text and '<li value="6">' in html_text


def test_strategy_shows_priority_status_and_shared_strategy() -> None:
    text = _render(VALID / "strategy-shape.yaml", "md")
    assert "### Objective 1a — Half as many problems by 2028\n\n**Priority:** high\n" in text
    assert "### Objective 1c — Problems are forgotten (dropped)\n\n**Status:** dropped — Forgetting" in text
    assert "The strategy of objective 1a also serves this objective." in text


def test_plan_model_fields_are_all_rendered_somewhere() -> None:
    """A field added to the model must be shown by the renderer or listed here as deliberately not shown."""
    shown_by_layout = Path(__file__).parents[1].joinpath("src/planctl/document.py").read_text(encoding="utf-8")
    missing = []
    for model in plan_models():
        for name in fields_of(model):
            if f".{name}" not in shown_by_layout:
                missing.append(f"{model.__name__}.{name}")
    assert missing == []


def test_sections_stand_before_or_after_the_goals_as_placed() -> None:
    from planctl.api import load_plan
    from planctl.document import build
    from planctl.render.markdown import render

    markdown = render(build(load_plan(PLANS / "strategic-plan-2012-2015.yaml")))
    assert markdown.index("## Introduction") < markdown.index("## Goal 1")
    assert markdown.index("## Revised Strategic Goals and Objectives") < markdown.index("## Goal 1")
    strategy = render(build(load_plan(PLANS / "strategy-2017-2021.yaml")))
    assert strategy.index("## Goal 3") < strategy.index("## Global context")
