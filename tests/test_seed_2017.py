"""Nothing lost: plans/2017.yaml holds everything the 2017 Operational Plan seed text says.

The expectations are parsed from the seed texts themselves (the PDF version, plus the web
summary for the "Strategies" prose), never written out here, so a bullet deleted from or
mangled in the YAML makes a test fail.  Layout artefacts of the text extraction are
normalised away: `**` bold and `*` italic markers, page breaks inside a bullet, the footnote
marker, extra whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from planctl.api import load_plan
from planctl.dates import MONTH_NAMES

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PDF_SEED = SEEDS / "2017-operational-plan-full.txt"
WEB_SEED = SEEDS / "2017-operational-plan-web-summary.txt"
PLAN_FILE = REPO / "plans" / "2017.yaml"

pytestmark = pytest.mark.skipif(
    not (PDF_SEED.is_file() and WEB_SEED.is_file()), reason=f"seed texts not found in {SEEDS}"
)

YEAR = 2017
MONTHS = list(MONTH_NAMES)
# Typos of the seed that the plan corrects (each marked by a comment in the YAML).
CORRECTED_TYPOS = {"Muniton": "Munition"}

SECTION_HEADING = re.compile(r"^[ivxIVX]+\)\s+(.*)$")
GOAL_HEADING = re.compile(r"^Goal (\d+) -- (.+)$")
OBJECTIVE_HEADING = re.compile(r"^Objective (\d+[A-Z])\) (.+)$")
ACTIVITIES_LEAD = "Activities to work towards this objective"
KEY_DATES_LEAD = "Key dates include:"


def norm(text: str) -> str:
    """Compare text modulo layout: markup, typos the plan corrects, whitespace."""
    text = text.replace("**", "").replace("¹", "")
    for wrong, right in CORRECTED_TYPOS.items():
        text = text.replace(wrong, right)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Words of a text, ignoring the colons that introduce a list."""
    return [w.rstrip(":") for w in norm(text).split() if w.rstrip(":")]


def country_list(text: str) -> list[str]:
    """'Angola, Cambodia, and the United States.' -> ['Angola', 'Cambodia', 'United States']."""
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", norm(text).strip(" ."))
    return [re.sub(r"^the ", "", n.strip()) for n in names if n.strip()]


# ------------------------------------------------------------------------------------------
# The seed, parsed


@dataclass
class SeedActivity:
    heading: str  # category heading as printed, e.g. "Media outreach"
    text: str
    subs: list[str] = field(default_factory=list)


@dataclass
class SeedObjective:
    id: str
    title: str
    goal: str
    indicators: list[str] = field(default_factory=list)
    target_lines: list[str] = field(default_factory=list)
    activities: list[SeedActivity] = field(default_factory=list)
    strategy: list[str] = field(default_factory=list)  # paragraphs, from the web summary

    @property
    def target_countries(self) -> list[str]:
        found: list[str] = []
        for line in self.target_lines:
            found += [c for bold in re.findall(r"\*\*(.+?)\*\*", line) for c in country_list(bold)]
            m = re.match(r"^Targets for \d{4}:\s*(.+)$", line)
            if m and not m.group(1).startswith("Responsive"):
                found += country_list(m.group(1))
        return found

    @property
    def target_prose(self) -> str:
        """The targets text without the heading and the country lists."""
        prose = []
        for line in self.target_lines:
            line = re.sub(r"\*\*.+?\*\*", " ", line)
            m = re.match(r"^Targets for \d{4}:\s*(.*)$", line)
            if m:
                line = m.group(1) if m.group(1).startswith("Responsive") else ""
            prose.append(line)
        return " ".join(prose)


@dataclass
class Seed:
    summary: list[str]
    footnotes: dict[str, str]
    goals: dict[str, str]
    objectives: dict[str, SeedObjective]
    sections: dict[str, list[str]]  # heading -> paragraphs
    publications: list[dict]
    calendar: list[dict]


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """Split the text at its roman-numbered headings ('ii) Goal 1 -- ...')."""
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if re.search(r"(\.{2,}|\t)\s*\d+$", line):  # an entry of the table of contents
            continue
        m = SECTION_HEADING.match(line.strip())
        if m and not line.startswith(" "):
            current = " ".join(m.group(1).split())
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    return [norm(line) for line in lines if line.strip()]


def _parse_objective(oid: str, title: str, goal: str, lines: list[str]) -> SeedObjective:
    obj = SeedObjective(oid, norm(title), goal)
    part = None
    heading = None
    last: SeedActivity | None = None
    last_is_sub = False
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("¹"):  # the footnote, printed where the page ended
            continue
        if line == "Indicators:":
            part = "indicators"
            continue
        if line.startswith("Targets for"):
            part = "targets"
        if ACTIVITIES_LEAD in line:
            before = line.split(ACTIVITIES_LEAD)[0].rstrip("*").strip()
            if before:  # 'Targets for 2017: ..., and Somalia**Activities to work ...'
                obj.target_lines.append(before)
            part = "activities"
            continue
        if part == "indicators":
            assert line.startswith("- "), f"{oid}: unexpected line among indicators: {line!r}"
            obj.indicators.append(norm(line[2:]))
        elif part == "targets":
            obj.target_lines.append(line)
        elif part == "activities":
            if re.fullmatch(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}", line):  # 'Media outreach', ...
                heading = norm(line)
                continue
            if line.startswith("- "):
                last = SeedActivity(heading, line[2:])
                last_is_sub = False
                obj.activities.append(last)
            elif line.startswith(" - "):
                assert last is not None
                last.subs.append(line[3:])
                last_is_sub = True
            else:  # a bullet broken by a page break
                assert last is not None, f"{oid}: text before the first bullet: {line!r}"
                if last_is_sub:
                    last.subs[-1] += " " + line
                else:
                    last.text += " " + line
    for act in obj.activities:
        act.text = norm(act.text)
        act.subs = [norm(s) for s in act.subs]
    return obj


def _parse_publications(lines: list[str]) -> list[dict]:
    pubs: list[dict] = []
    for line in lines:
        if not line.strip():
            continue
        m = re.match(r"^\s*-\s+([a-z])\.\s+\*\*(.+?)\*\*([^–-]*?)\s*[–-]\s*(.+)$", line)
        if m:  # 'a. **Name** (kind) – description', an item of the series before it
            pubs[-1]["items"].append({"title": norm(m.group(2) + m.group(3)), "description": norm(m.group(4))})
            continue
        assert line.startswith("- "), f"unexpected line among publications: {line!r}"
        text = norm(line[2:]).replace("*", "")
        title, _, description = text.partition(" – ")
        pubs.append({"title": title.rstrip("- "), "description": description or None, "items": []})
    return pubs


CAL_BULLET = re.compile(
    r"^(?P<title>.+?),? (?:launched )?"
    r"(?:(?P<d1>\d{1,2})(?:-(?P<d2>\d{1,2}))? )?(?P<month>" + "|".join(MONTHS) + r")"
    r"(?P<tbc> \(tbc\))?(?:, (?P<location>[^,]+))?$"
)


def _parse_calendar(lines: list[str]) -> list[dict]:
    events = []
    heading = None
    for line in lines:
        line = line.strip()
        if line in MONTHS:
            heading = line
            continue
        if not line.startswith("- "):
            assert not line, f"unexpected line in the calendar: {line!r}"
            continue
        bullet = norm(line[2:])
        m = CAL_BULLET.match(bullet)
        assert m, f"cannot read calendar bullet {bullet!r}"
        assert m["month"] == heading, f"{bullet!r} is listed under {heading}"
        month = MONTHS.index(m["month"]) + 1
        ev: dict = {"bullet": bullet, "title": m["title"], "tentative": bool(m["tbc"]), "location": m["location"]}
        if m["d2"]:
            ev["span"] = (date(YEAR, month, int(m["d1"])), date(YEAR, month, int(m["d2"])))
        elif m["d1"]:
            ev["date"] = date(YEAR, month, int(m["d1"]))
        else:
            ev["month"] = f"{YEAR}-{month:02d}"
        events.append(ev)
    return events


def _parse_strategies(text: str) -> dict[str, list[str]]:
    """The web summary's 'Strategies to work towards this objective' prose, per objective."""
    out: dict[str, list[str]] = {}
    current = None
    collecting = False
    for line in text.splitlines():
        s = line.strip()
        m = OBJECTIVE_HEADING.match(s)
        if m or SECTION_HEADING.match(s):
            current = m.group(1) if m else None
            collecting = False
        elif current and re.match(r"^Strategies (to|for) .*:$", s):
            collecting = True
            out[current] = []
        elif collecting and s:
            out[current].append(norm(s))
    return out


def parse_seed() -> Seed:
    lines = PDF_SEED.read_text(encoding="utf-8").splitlines()
    sections = _sections(lines)
    footnotes = {}
    for line in lines:
        m = re.match(r"^¹\s+(.+)$", line)
        if m:
            footnotes["1"] = norm(m.group(1))
    summary = _paragraphs(sections.pop("Executive Summary"))
    goals, objectives = {}, {}
    for heading, body in list(sections.items()):
        m = GOAL_HEADING.match(heading)
        if not m:
            continue
        del sections[heading]
        goals[m.group(1)] = norm(m.group(2))
        current = None
        chunk: list[str] = []
        for line in [*body, "Objective 0Z) end"]:  # a sentinel closes the last objective
            om = OBJECTIVE_HEADING.match(line.strip())
            if om:
                if current:
                    objectives[current[0]] = _parse_objective(current[0], current[1], m.group(1), chunk)
                current, chunk = (om.group(1), om.group(2)), []
            else:
                chunk.append(line)
    calendar = _parse_calendar(sections.pop(next(h for h in sections if h.startswith("Preliminary Calendar"))))
    monitor_heading = next(h for h in sections if "Monitor" in h)
    body = sections.pop(monitor_heading)
    cut = next(i for i, line in enumerate(body) if line.startswith("Expected publications"))
    publications = _parse_publications(body[cut + 1 :])
    sections[monitor_heading] = _paragraphs(body[:cut])
    for oid, paras in _parse_strategies(WEB_SEED.read_text(encoding="utf-8")).items():
        objectives[oid].strategy = paras
    return Seed(summary, footnotes, goals, objectives, sections, publications, calendar)


SEED = parse_seed() if PDF_SEED.is_file() and WEB_SEED.is_file() else None
OBJECTIVE_IDS = list(SEED.objectives) if SEED else []


# ------------------------------------------------------------------------------------------
# The plan


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN_FILE)


def objective(plan, oid: str):
    found = [o for o in plan.objectives() if o.id == oid]
    assert found, f"objective {oid} is missing from {PLAN_FILE.name}"
    return found[0]


def all_activities(plan):
    return [a for o in plan.objectives() for a in o.activities]


# ------------------------------------------------------------------------------------------
# Tests


def test_seed_was_parsed():
    """Guard against a parser that silently finds nothing."""
    assert SEED is not None
    assert len(SEED.objectives) >= 8 and all(o.activities and o.indicators for o in SEED.objectives.values())
    assert SEED.calendar and SEED.publications and SEED.summary and SEED.footnotes


def test_summary_and_footnote(plan):
    assert plan.summary is not None
    assert norm(plan.summary) == norm(" ".join(SEED.summary))
    footnotes = {f.id: norm(f.text) for f in plan.footnotes}
    assert footnotes == SEED.footnotes


def test_goals(plan):
    assert {g.id: norm(g.title) for g in plan.goals} == SEED.goals


def test_objectives(plan):
    got = {o.id: norm(o.title) for o in plan.objectives()}
    assert got == {oid: o.title for oid, o in SEED.objectives.items()}
    for goal in plan.goals:
        for obj in goal.objectives:
            assert SEED.objectives[obj.id].goal == goal.id, f"objective {obj.id} is under goal {goal.id}"


@pytest.mark.parametrize("oid", OBJECTIVE_IDS)
def test_indicators(plan, oid):
    got = [norm(i.text) for i in objective(plan, oid).indicators]
    expected = SEED.objectives[oid].indicators
    assert [i for i in expected if i not in got] == [], "indicators missing from the plan"
    assert got == expected


@pytest.mark.parametrize("oid", OBJECTIVE_IDS)
def test_target_countries(plan, oid):
    targets = objective(plan, oid).targets
    got = [c for g in targets.groups for c in g.countries] if targets else []
    expected = SEED.objectives[oid].target_countries
    assert [c for c in expected if c not in got] == [], "target countries missing from the plan"
    assert [c for c in got if c not in expected] == [], "target countries the seed does not name"
    assert len(got) == len(expected)


@pytest.mark.parametrize("oid", OBJECTIVE_IDS)
def test_target_prose(plan, oid):
    """Rules, group rationales, notes and responsive targeting together say what the seed says."""
    targets = objective(plan, oid).targets
    parts: list[str] = []
    if targets:
        parts += targets.rules + [g.rationale for g in targets.groups if g.rationale] + targets.notes
        parts += [targets.responsive] if targets.responsive else []
    assert words(" ".join(parts)) == words(SEED.objectives[oid].target_prose)


@pytest.mark.parametrize("oid", OBJECTIVE_IDS)
def test_strategy(plan, oid):
    obj = objective(plan, oid)
    assert obj.strategy is not None, f"{oid} has no strategy"
    got = [norm(p) for p in obj.strategy.split("\n\n")]
    assert got == SEED.objectives[oid].strategy


@pytest.mark.parametrize("oid", OBJECTIVE_IDS)
def test_activities(plan, oid):
    """Every bullet, nested ones included, is an activity under the right objective and category."""
    titles = {norm(c.title).lower(): c.id for c in plan.categories}
    expected = []
    for act in SEED.objectives[oid].activities:
        assert act.heading and act.heading.lower() in titles, f"no category for heading {act.heading!r}"
        subs = [] if act.text.endswith(KEY_DATES_LEAD) else act.subs  # see test_key_dates
        expected.append((titles[act.heading.lower()], act.text, subs))
    got = [(a.category, norm(a.text), [norm(s.text) for s in a.activities]) for a in objective(plan, oid).activities]
    got_texts = {text for _, text, _ in got} | {s for _, _, subs in got for s in subs}
    missing = [text for _, text, subs in expected for text in [text, *subs] if text not in got_texts]
    assert missing == [], "bullets missing from the plan"
    assert got == expected, "activities differ from the seed (category, text, sub-activities or order)"


def _key_date(bullet: str) -> tuple[date, str]:
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th) (" + "|".join(MONTHS) + r"),\s*(.+?)[,.]?$", bullet)
    assert m, f"cannot read key date {bullet!r}"
    return date(YEAR, MONTHS.index(m.group(2)) + 1, int(m.group(1))), m.group(3)


def test_key_dates(plan):
    """Bullets listed under 'Key dates include:' are calendar events referenced by `key_dates`."""
    events = {e.id: e for e in plan.calendar}
    checked = 0
    for oid, seed_obj in SEED.objectives.items():
        for act in seed_obj.activities:
            if not act.text.endswith(KEY_DATES_LEAD):
                continue
            [activity] = [a for a in objective(plan, oid).activities if norm(a.text) == act.text]
            assert activity.activities == [], "key dates are events, not sub-activities"
            refs = [events[k] for k in activity.key_dates if k in events]
            assert len(refs) == len(activity.key_dates) == len(act.subs)
            for bullet in act.subs:
                day, what = _key_date(bullet)
                on_day = [e for e in refs if e.date == day]
                assert on_day, f"no key date on {day} for {bullet!r}"
                want = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{3,}", what)}
                have = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]{3,}", on_day[0].title)}
                assert len(want & have) >= 0.6 * len(want), f"{on_day[0].title!r} does not look like {bullet!r}"
                checked += 1
    assert checked > 0, "the seed has no 'Key dates include:' bullet"


def test_key_dates_refer_to_events(plan):
    ids = {e.id for e in plan.calendar}
    for act in all_activities(plan):
        assert set(act.key_dates) <= ids, f"{act.id}: unknown events {set(act.key_dates) - ids}"


@pytest.mark.parametrize("event", SEED.calendar if SEED else [], ids=lambda e: e["bullet"][:50])
def test_calendar_event(plan, event):
    matches = [e for e in plan.calendar if norm(e.title) == event["title"]]
    assert len(matches) == 1, f"no single event titled {event['title']!r}"
    ev = matches[0]
    if "span" in event:
        assert (ev.start, ev.end) == event["span"]
    elif "date" in event:
        assert ev.date == event["date"]
    else:
        assert ev.month == event["month"]
    assert ev.tentative == event["tentative"]
    assert ev.location == event["location"]


def test_calendar_has_nothing_else(plan):
    assert len(plan.calendar) == len(SEED.calendar)


def test_publications(plan):
    got = [
        {
            "title": norm(p.title),
            "description": norm(p.description) if p.description else None,
            "items": [{"title": norm(i.title), "description": norm(i.description or "")} for i in p.publications],
        }
        for p in plan.publications
    ]
    missing = [p["title"] for p in SEED.publications if p["title"] not in [g["title"] for g in got]]
    assert missing == [], "publications missing from the plan"
    assert got == SEED.publications


def test_sections(plan):
    got = {norm(s.title): [norm(p) for p in s.text.split("\n\n")] for s in plan.sections}
    assert got == SEED.sections
