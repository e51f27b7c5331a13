"""Faithful: every bullet of the 2017 Operational Plan (the PDF's text) appears in `planctl render`'s Markdown.

The bullets are read from the seed text, never written out here. Both sides are compared as a
reader sees them: the Markdown through a CommonMark renderer, the seed without its bold and
italic markers, list enumerators ('a.'), dash variants and spacing. Two kinds of bullet are
data in the plan rather than text, and are checked as such:

- key dates ('23rd February, 10th anniversary of ...') are references to calendar events, and
  render as the event's date and title under their activity;
- calendar bullets ('Title, 2-5 February, Bogota') render from the event's fields, under the
  heading of their month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from planctl.api import load_plan
from planctl.document import build
from planctl.render import markdown
from tests.conftest import PLANS, SEEDS
from tests.render_text import read_markdown
from tests.test_seed_2017 import CAL_BULLET, KEY_DATES_LEAD, SECTION_HEADING, _key_date, norm, parse_seed

PDF_SEED = SEEDS / "2017-operational-plan-full.txt"
WEB_SEED = SEEDS / "2017-operational-plan-web-summary.txt"

pytestmark = pytest.mark.skipif(
    not (PDF_SEED.is_file() and WEB_SEED.is_file()), reason=f"seed texts not found in {SEEDS}"
)

YEAR = 2017


@dataclass
class Bullet:
    kind: str  # "text", "key-date" or "calendar"
    text: str
    parent: str | None  # the bullet it is nested under


def seed_bullets() -> list[Bullet]:
    """Every '- ' and ' - ' line of the seed (and its numbered lists), with what it is nested under."""
    bullets: list[Bullet] = []
    section = ""
    parent: str | None = None
    for line in PDF_SEED.read_text(encoding="utf-8").splitlines():
        heading = SECTION_HEADING.match(line.strip())
        if heading and not line.startswith(" ") and not re.search(r"(\.{2,}|\t)\s*\d+$", line):
            section = heading.group(1)
            continue
        m = re.match(r"^( ?)(?:-|\d+\.)\s+(.*\S)\s*$", line)
        if not m:
            continue
        nested, text = bool(m.group(1)), m.group(2)
        if section.startswith("Preliminary Calendar"):
            kind = "calendar"
        elif nested and parent is not None and parent.endswith(KEY_DATES_LEAD):
            kind = "key-date"
        else:
            kind = "text"
        bullets.append(Bullet(kind, text, parent if nested else None))
        if not nested:
            parent = norm(text)
    return bullets


def plain(text: str) -> str:
    """Text compared modulo markup and layout (both sides)."""
    text = norm(text).replace("*", "")
    text = re.sub(r"^[a-z]\.\s+", "", text)  # 'a. ' enumerating a series
    text = re.sub(r"\s*[-–—]\s*", "-", text)  # 'infographics-', ' – ', ' -The', '2-5'
    return text.strip(" -:;,.")


@pytest.fixture(scope="module")
def rendered() -> str:
    return markdown.render(build(load_plan(PLANS / "2017.yaml")))


@pytest.fixture(scope="module")
def shown(rendered: str) -> str:
    return plain(read_markdown(rendered).text)


BULLETS = seed_bullets() if PDF_SEED.is_file() and WEB_SEED.is_file() else []


def test_the_seed_has_bullets_of_every_kind() -> None:
    kinds = [b.kind for b in BULLETS]
    assert kinds.count("text") > 100 and kinds.count("key-date") >= 4 and kinds.count("calendar") >= 20


@pytest.mark.parametrize("bullet", [b for b in BULLETS if b.kind == "text"], ids=lambda b: b.text[:60])
def test_text_bullet_appears(shown: str, bullet: Bullet) -> None:
    assert plain(bullet.text) in shown


def test_bullets_broken_by_a_page_break_appear_whole(shown: str) -> None:
    seed = parse_seed()
    texts = [t for o in seed.objectives.values() for a in o.activities for t in [a.text, *a.subs]]
    missing = [t for t in texts if not _is_key_date(t) and plain(t) not in shown]
    assert missing == []


def _is_key_date(text: str) -> bool:
    return bool(re.match(r"^\d{1,2}(?:st|nd|rd|th) [A-Z][a-z]+,", text))


def _sub_items(rendered: str, parent: str) -> list[str]:
    """The nested items of the Markdown list item whose text is `parent`."""
    lines = rendered.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("- ") and plain(_unmark(line[2:])) == plain(parent):
            subs = []
            for sub in lines[i + 1 :]:
                if not sub.startswith("  - "):
                    break
                subs.append(_unmark(sub[4:]))
            return subs
    raise AssertionError(f"no list item {parent!r}")


def _unmark(markdown_line: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown_line.replace("**", ""))


def _words(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{3,}", text)}


@pytest.mark.parametrize("bullet", [b for b in BULLETS if b.kind == "key-date"], ids=lambda b: b.text[:40])
def test_key_date_shows_as_its_event(rendered: str, bullet: Bullet) -> None:
    assert bullet.parent is not None
    day, what = _key_date(norm(bullet.text))
    when = f"{day.day} {day:%B} {day.year}"
    matches = [s for s in _sub_items(rendered, bullet.parent) if s.startswith(when + ": ")]
    assert matches, f"no key date on {when} under the activity"
    title = matches[0].removeprefix(when + ": ")
    assert len(_words(what) & _words(title)) >= 0.6 * len(_words(what)), f"{title!r} does not look like {what!r}"


def _calendar(rendered: str) -> dict[str, list[str]]:
    """Month heading -> the plain text of its items."""
    calendar = rendered[rendered.index("\n## Calendar\n") :].split("\n## ")[1]
    months: dict[str, list[str]] = {}
    current = None
    for line in calendar.splitlines():
        if line.startswith("### "):
            current = line[4:]
            months[current] = []
        elif line.startswith("- ") and current:
            months[current].append(plain(_unmark(line[2:])))
    return months


@pytest.mark.parametrize("bullet", [b for b in BULLETS if b.kind == "calendar"], ids=lambda b: b.text[:50])
def test_calendar_bullet_appears_under_its_month(rendered: str, bullet: Bullet) -> None:
    m = CAL_BULLET.match(norm(bullet.text))
    assert m, f"cannot read calendar bullet {bullet.text!r}"
    days = f"{m['d1']}-{m['d2']} " if m["d2"] else f"{m['d1']} " if m["d1"] else ""
    expected = f"{m['title']}, {days}{m['month']}" + (" (tbc)" if m["tbc"] else "")
    expected += f", {m['location']}" if m["location"] else ""
    month = f"{m['month']} {YEAR}"
    assert plain(expected) in _calendar(rendered).get(month, []), f"not under {month}"
