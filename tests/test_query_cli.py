"""The query commands as staff and scripts meet them, on the real plans/2017.yaml (and on several plans)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from planctl.api import load_plan
from tests.conftest import CASES, PLANS, RunCli

PLAN_2017 = PLANS / "2017.yaml"
LISTINGS = [
    ["targets"],
    ["targets", "--objective", "1A"],
    ["countries"],
    ["countries", "Thailand"],
    ["objectives"],
    ["indicators"],
    ["indicators", "--objective", "2B"],
    ["activities"],
    ["activities", "--objective", "1B", "--category", "research"],
    ["publications"],
]
FORMATS = ["table", "json", "csv", "markdown"]


@pytest.fixture(scope="module")
def plan_2017():  # type: ignore[no-untyped-def]
    return load_plan(PLAN_2017)


def rows(run_cli: RunCli, *args: str) -> list[dict]:
    result = run_cli(*args, "--plan", PLAN_2017, "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


# ------------------------------------------------------------------------------------------
# Every command, every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_in_every_format(run_cli: RunCli, args: list[str], fmt: str) -> None:
    result = run_cli(*args, "--plan", PLAN_2017, "--format", fmt)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data and all(isinstance(row, dict) for row in data)
        assert all(list(row) == list(data[0]) for row in data), "every object has the same keys"
        assert next(iter(data[0])) == "plan" and all(row["plan"] == "2017" for row in data)
        assert all(key == key.lower() and " " not in key for key in data[0])
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(out)))
        assert table[0][0] == "plan" and len(table) > 1
        assert all(len(row) == len(table[0]) for row in table)
    elif fmt == "markdown":
        lines = out.splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("| "))
        assert set(lines[header + 1]) <= set("|-")
        assert all(line.startswith("|") for line in lines[header:])
    else:
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= 80, "tables fit an 80-column terminal"
        assert "plan" not in lines[1].lower().split(), "one plan answered: no plan column"


def test_json_keys_are_the_table_columns(run_cli: RunCli) -> None:
    data = rows(run_cli, "targets", "--objective", "1A")
    assert list(data[0]) == ["plan", "objective", "country", "iso", "source", "type", "why"]
    table = run_cli("targets", "--objective", "1A", "--plan", PLAN_2017).stdout
    assert "Country   " in table and "ISO" in table and "Source" in table and "Why" in table


def test_formats_offered_are_the_listing_renderers() -> None:
    from planctl.cli.options import LIST_FORMATS
    from planctl.render.listing import RENDERERS

    assert list(RENDERERS) == LIST_FORMATS


def test_unknown_format_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("targets", "--format", "xml", "--plan", PLAN_2017)
    assert result.exit_code == 2
    assert "xml" in result.stderr


@pytest.mark.parametrize(
    "command", ["targets", "countries", "objectives", "indicators", "activities", "publications", "show"]
)
def test_help_shows_examples(run_cli: RunCli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"planctl {command}" in result.stdout


# ------------------------------------------------------------------------------------------
# targets


def test_targets_of_1a_are_its_two_groups_then_the_countries_its_activities_name(run_cli: RunCli, plan_2017) -> None:  # type: ignore[no-untyped-def]
    data = rows(run_cli, "targets", "--objective", "1A")
    groups = [r for r in data if r["type"] == "group"]
    [objective] = [o for o in plan_2017.objectives() if o.id == "1A"]
    expected = [(g.id, c) for g in objective.targets.groups for c in g.countries]
    assert [(r["source"], r["country"]) for r in groups] == expected
    assert len(groups) == 29 and {r["source"] for r in groups} == {"1A.g1", "1A.g2"}
    named = [(r["source"], r["country"]) for r in data if r["type"] == "activity"]
    assert named == [("1A.nc6", c) for c in ["Cambodia", "Malaysia", "Thailand", "Sri Lanka"]]
    assert data.index(groups[-1]) < len(data) - len(named), "groups come first"
    by_country = {r["country"]: r for r in groups}
    assert by_country["DR Congo"]["iso"] == "CD"
    assert by_country["Sao Tome & Principe"]["iso"] == "ST"
    assert by_country["The Gambia"]["iso"] == "GM"
    assert by_country["Angola"]["why"].startswith("The following states are the Cluster Munition Coalition's")


def test_machine_formats_carry_each_rationale_and_text_whole(run_cli: RunCli, plan_2017) -> None:  # type: ignore[no-untyped-def]
    [objective] = [o for o in plan_2017.objectives() if o.id == "1A"]
    rationale = {g.id: g.rationale for g in objective.targets.groups}
    data = rows(run_cli, "targets", "--objective", "1A")
    assert all(r["why"] == rationale[r["source"]] for r in data if r["type"] == "group")
    assert not any("…" in r["why"] for r in data)
    csv_rows = list(csv.DictReader(io.StringIO(run_cli("targets", "--objective", "1A", "--format", "csv").stdout)))
    assert [r["why"] for r in csv_rows] == [r["why"] for r in data]
    activities = {a.id: a.text for o in plan_2017.objectives() for a in o.activities}
    laos = rows(run_cli, "countries", "Laos")
    assert [r["text"] for r in laos if r["type"] == "activity"] == [activities["1B.nc6"]]
    assert len(activities["1B.nc6"]) > 80, "long enough that a table shortens it"


def test_only_the_table_shortens_text(run_cli: RunCli) -> None:
    out = run_cli("countries", "Laos", "--plan", PLAN_2017).stdout
    assert "…" in out


def test_targets_objective_is_case_insensitive(run_cli: RunCli) -> None:
    assert rows(run_cli, "targets", "--objective", "1a") == rows(run_cli, "targets", "--objective", "1A")


def test_targets_table_names_the_objective_once_and_counts(run_cli: RunCli) -> None:
    out = run_cli("targets", "--objective", "1a", "--plan", PLAN_2017).stdout
    assert out.startswith("Targets of objective 1A in plan 2017: 29 countries in target groups\n")
    assert " Obj. " not in out  # the title says which objective
    angola = out.splitlines()[3]
    assert angola.split()[:4] == ["Angola", "AO", "1A.g1", "group"]
    cambodia = next(line for line in out.splitlines() if line.strip().startswith("Cambodia"))
    assert cambodia.split() == ["Cambodia", "KH", "1A.g1", "group"], "a group's rationale is shown once"


def test_targets_under_a_goal(run_cli: RunCli) -> None:
    data = rows(run_cli, "targets", "--goal", "2")
    assert {r["objective"] for r in data} == {"2A", "2B"}
    assert len([r for r in data if r["objective"] == "2A"]) == 8


@pytest.mark.parametrize("name", ["Laos", "Lao PDR", "LA", "LAO", "laos"])
def test_targets_country_by_name_alias_or_iso_code(run_cli: RunCli, name: str) -> None:
    data = rows(run_cli, "targets", "--country", name)
    assert [(r["objective"], r["country"], r["source"], r["type"]) for r in data] == [
        ("1B", "Laos", "1B.nc6", "activity"),
        ("2A", "Lao PDR", "2A.g1", "group"),
        ("3A", "Lao PDR", "3A.g1", "group"),
    ]
    assert {r["iso"] for r in data} == {"LA"}


def test_targets_country_and_objective_together(run_cli: RunCli) -> None:
    data = rows(run_cli, "targets", "--objective", "1B", "--country", "US")
    assert [(r["country"], r["source"]) for r in data] == [("United States", "1B.g1"), ("US", "1B.cwa1.2")]


def test_targets_of_a_country_that_is_no_target_says_so(run_cli: RunCli) -> None:
    result = run_cli("targets", "--objective", "3C", "--country", "Laos", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    assert result.stdout == "Lao PDR (LA) is not a target of objective 3C in plan 2017, nor named by an activity\n"
    assert rows(run_cli, "targets", "--objective", "3C", "--country", "Laos") == []


def test_targets_of_responsive_objective_quote_the_responsive_targeting(run_cli: RunCli) -> None:
    result = run_cli("targets", "--objective", "2C", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("objective 2C in plan 2017: no target countries (responsive targeting — 2C: ")


# ------------------------------------------------------------------------------------------
# Errors: exit 2, what exists, did you mean


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["targets", "--objective", "9Z"],
            "no objective '9Z' in plan 2017; objectives are 1A, 1B, 2A, 2B, 2C, 3A, 3B, 3C",
            "list them with `planctl objectives`",
        ),
        (
            ["indicators", "--objective", "1"],
            "no objective '1' in plan 2017; objectives are 1A, 1B, 2A, 2B, 2C, 3A, 3B, 3C",
            "'1' is a goal: select it with --goal 1",
        ),
        (
            ["targets", "--goal", "4"],
            "no goal '4' in plan 2017; goals are 1, 2, 3",
            "list them with `planctl objectives`",
        ),
        (
            ["targets", "--goal", "1", "--objective", "2A"],
            "no objective '2A' under goal 1 in plan 2017; objectives are 1A, 1B",
            "list them with `planctl objectives`",
        ),
        (["targets", "--country", "Laoss"], "unknown country 'Laoss'", "did you mean 'Laos'?"),
        (["countries", "Thailnd"], "unknown country 'Thailnd'", "did you mean 'Thailand'?"),
        (
            ["activities", "--category", "Media Outrech"],
            "no category 'Media Outrech' in plan 2017; categories are national-campaigning, international-advocacy, "
            "media-outreach, research, commemorate-with-action",
            "did you mean 'Media Outreach'?",
        ),
        (
            ["activities", "--category", "lobbying"],
            "no category 'lobbying' in plan 2017; categories are national-campaigning, international-advocacy, "
            "media-outreach, research, commemorate-with-action",
            "give a category's id or title (a unique beginning is enough)",
        ),
        (["show", "--objective", "1Z"], "no objective '1Z' in plan 2017", None),
        (["targets", "--plan", "2071"], "no plan with id or path '2071'", "did you mean '2017'?"),
    ],
)
def test_unknown_names_exit_2_and_say_what_exists(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str, hint: str | None
) -> None:
    monkeypatch.chdir(PLANS.parent)
    result = run_cli(*args, *([] if "--plan" in args else ["--plan", "2017"]))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    if hint is not None:
        assert f"  = hint: {hint}\n" in result.stderr
    assert "Traceback" not in result.stderr


def test_did_you_mean_for_a_near_objective(run_cli: RunCli) -> None:
    result = run_cli("activities", "--objective", "1AA", "--plan", PLAN_2017)
    assert result.exit_code == 2
    assert "did you mean '1A'?" in result.stderr


def test_invalid_plan_is_reported_not_queried(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN_2017.read_text(encoding="utf-8").replace("- Angola", "- Angolia", 1), encoding="utf-8")
    result = run_cli("targets", "--plan", bad)
    assert result.exit_code == 1, result
    assert "unknown country 'Angolia'" in result.stderr


def test_invalid_plan_among_others_is_counted_among_the_files_read(run_cli: RunCli, tmp_path: Path) -> None:
    for plan in PLANS.glob("*.yaml"):
        shutil.copy(plan, tmp_path)
    bad = tmp_path / "2017.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("- Angola", "- Angolia", 1), encoding="utf-8")
    result = run_cli("targets", "--plan", tmp_path)
    assert result.exit_code == 1, result
    assert "Found 1 problem in 1 of 4 plan files." in result.stderr


# ------------------------------------------------------------------------------------------
# countries


def test_country_profile_of_thailand(run_cli: RunCli) -> None:
    data = rows(run_cli, "countries", "Thailand")
    assert [(r["objective"], r["id"], r["type"]) for r in data] == [
        ("1A", "1A", "objective"),
        ("1A", "1A.g1", "group"),
        ("1A", "1A.nc6", "activity"),
        ("1B", "1B", "objective"),
        ("1B", "1B.g1", "group"),
        ("2B", "2B", "objective"),
        ("2B", "2B.g1", "group"),
        ("3A", "3A", "objective"),
        ("3A", "3A.nc3", "activity"),
    ]
    assert data[0]["text"] == "At least 130 States Parties to the Convention on Cluster Munitions by 2020"


def test_country_profile_table(run_cli: RunCli) -> None:
    out = run_cli("countries", "th", "--plan", PLAN_2017).stdout
    assert out.splitlines()[:6] == [
        "Thailand (TH) in plan 2017: target of 3 objectives 1A, 1B, 2B; named by 2",
        "activities 1A.nc6, 3A.nc3",
        "Obj.   Id       Type        Text",
        "─" * 80,
        "1A     1A       objective   At least 130 States Parties to the Convention on",
        "                            Cluster Munitions by 2020",
    ]


def test_country_named_only_by_an_alias_is_found_by_every_spelling(run_cli: RunCli) -> None:
    by_code = rows(run_cli, "countries", "CD")
    assert by_code == rows(run_cli, "countries", "Democratic Republic of the Congo")
    assert {r["id"] for r in by_code} >= {"1A.g1", "3A.g1"}


def test_country_the_plan_does_not_name(run_cli: RunCli) -> None:
    result = run_cli("countries", "France", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    assert result.stdout == "plan 2017 does not name France (FR)\n"
    assert rows(run_cli, "countries", "France") == []


def test_all_countries_with_counts(run_cli: RunCli, plan_2017) -> None:  # type: ignore[no-untyped-def]
    from planctl.model.countries import resolve

    data = rows(run_cli, "countries")
    named = {
        resolve(c).code
        for o in plan_2017.objectives()
        for c in [*(c for g in (o.targets.groups if o.targets else []) for c in g.countries)]
        + [c for a in o.activities for c in a.countries]
        + [c for a in o.activities for s in a.activities for c in s.countries]
    }
    assert sorted(r["iso"] for r in data) == sorted(named)
    thailand = next(r for r in data if r["iso"] == "TH")
    assert thailand == {
        "plan": "2017",
        "country": "Thailand",
        "iso": "TH",
        "objectives": ["1A", "1B", "2B", "3A"],
        "target_groups": 3,
        "activities": 2,
        "actions": 0,
    }
    laos = next(r for r in data if r["iso"] == "LA")
    assert laos["country"] == "Lao PDR", "the plan's most frequent spelling"
    names = [r["country"] for r in data]
    assert names == sorted(names, key=lambda n: n.casefold().removeprefix("the ")), "by name, ignoring 'The'"


# ------------------------------------------------------------------------------------------
# objectives, indicators, activities, publications


def test_objectives(run_cli: RunCli) -> None:
    data = rows(run_cli, "objectives")
    assert [r["id"] for r in data] == ["1A", "1B", "2A", "2B", "2C", "3A", "3B", "3C"]
    first = data[0]
    assert (first["goal"], first["indicators"], first["targets"], first["activities"]) == ("1", 2, 29, 17)
    assert first["status"] == "active"
    assert [r["id"] for r in rows(run_cli, "objectives", "--goal", "3")] == ["3A", "3B", "3C"]


def test_indicators_of_an_objective(run_cli: RunCli, plan_2017) -> None:  # type: ignore[no-untyped-def]
    data = rows(run_cli, "indicators", "--objective", "2b")
    [objective] = [o for o in plan_2017.objectives() if o.id == "2B"]
    assert [(r["id"], r["text"]) for r in data] == [(i.id, i.text) for i in objective.indicators]
    assert len(rows(run_cli, "indicators")) == sum(len(o.indicators) for o in plan_2017.objectives())


def test_activities_include_sub_activities_with_their_parents_category(run_cli: RunCli) -> None:
    data = rows(run_cli, "activities", "--objective", "1B", "--category", "commemorate-with-action")
    assert [(r["id"], r["category"]) for r in data] == [
        ("1B.cwa1", "Commemorate with Action"),
        ("1B.cwa1.1", "Commemorate with Action"),
        ("1B.cwa1.2", "Commemorate with Action"),
        ("1B.cwa2", "Commemorate with Action"),
    ]
    assert data[2]["countries"] == ["US"] and data[3]["key_dates"] == ["oslo-process-10"]


@pytest.mark.parametrize("category", ["media-outreach", "Media Outreach", "MEDIA", "media"])
def test_activities_category_by_id_title_or_beginning(run_cli: RunCli, plan_2017, category: str) -> None:  # type: ignore[no-untyped-def]
    data = rows(run_cli, "activities", "--category", category)
    expected = [a.id for o in plan_2017.objectives() for a in o.activities if a.category == "media-outreach"]
    assert [r["id"] for r in data] == expected and len(expected) == 15
    assert {r["category"] for r in data} == {"Media Outreach"}


def test_activities_search_ignores_case_and_covers_countries(run_cli: RunCli) -> None:
    data = rows(run_cli, "activities", "--search", "SIDE   event")
    assert [r["id"] for r in data][:3] == ["1A.ia2", "1A.ia4", "1B.ia3"]
    assert all("side event" in r["text"].lower() for r in data)
    by_country = rows(run_cli, "activities", "--search", "yemen")
    assert [r["id"] for r in by_country] == ["1B.nc2", "1B.ia2"]


def test_activities_search_without_match(run_cli: RunCli) -> None:
    result = run_cli("activities", "--objective", "2C", "--search", "zebra", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    assert result.stdout == "no activities matching 'zebra' for objective 2C in plan 2017\n"


def test_activities_table_tucks_countries_and_key_dates_under_the_text(run_cli: RunCli) -> None:
    out = run_cli("activities", "--objective", "1A", "--plan", PLAN_2017).stdout
    lines = out.splitlines()
    assert lines[1].split() == ["Id", "Category", "Text"]
    assert "  Countries: Cambodia, Malaysia, Thailand, Sri Lanka" in out
    assert "  Key dates: oslo-process-10, mine-awareness-day," in out
    assert "universalization." in out, "words wrap whole"


def test_publications_with_series_items(run_cli: RunCli) -> None:
    data = rows(run_cli, "publications")
    assert [r["id"] for r in data][:5] == ["cmm-2017", "lm-2017", "maps", "factsheets", "factsheets.a"]
    assert next(r for r in data if r["id"] == "factsheets.a")["part_of"] == "factsheets"
    assert next(r for r in data if r["id"] == "maps")["part_of"] is None


# ------------------------------------------------------------------------------------------
# show


def test_show_one_objective(run_cli: RunCli) -> None:
    result = run_cli("show", "--objective", "1a", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "2017 Operational Plan"
    assert "1A  At least 130 States Parties to the Convention on Cluster Munitions by 2020" in lines
    headings = [line.strip() for line in lines if line.strip() in {"Indicators", "Targets", "Strategy", "Activities"}]
    assert headings == ["Indicators", "Targets", "Strategy", "Activities"]
    categories = [line.strip() for line in lines if line.startswith("    ") and not line.startswith("     ")]
    assert [c for c in categories if c in {"National Campaigning", "International Advocacy", "Media Outreach"}] == [
        "National Campaigning",
        "International Advocacy",
        "Media Outreach",
    ]
    assert "23 Feb 2017  10th Anniversary of the launch of the Oslo Process" in out
    assert "1B  " not in out
    assert max(len(line) for line in lines) <= 80


def test_show_whole_plan(run_cli: RunCli, plan_2017) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("show", "--plan", PLAN_2017)
    assert result.exit_code == 0, result
    flowing = " ".join(result.stdout.split())
    for goal in plan_2017.goals:
        assert f"Goal {goal.id} — {goal.title}" in flowing
    for objective in plan_2017.objectives():
        assert f"\n{objective.id}  " in result.stdout
    assert "Also in this plan: 24 calendar events (planctl calendar); 4 publications" in flowing


def test_show_counts_one_of_a_kind_in_the_singular(run_cli: RunCli) -> None:
    result = run_cli("show", "--plan", CASES / "valid" / "full-shape.yaml")
    assert result.exit_code == 0, result
    flowing = " ".join(result.stdout.split())
    assert "3 calendar events (planctl calendar); 1 publication (planctl publications)" in flowing


# ------------------------------------------------------------------------------------------
# Several plans


STRATEGY = """\
id: strategy-2017-2021
title: Strategy 2017-2021
organisation: ICBL-CMC
kind: strategy
period: {start: 2017-01-01, end: 2021-12-31}
goals:
  - id: I
    title: No more use
    objectives:
      - {id: 1a, title: At least 130 States Parties by 2020}
      - {id: 1b, title: Strengthened norm, priority: high}
"""

ACTION_PLAN = """\
id: cartagena-action-plan-2010-2014
title: Cartagena Action Plan 2010-2014
organisation: States Parties
kind: action-plan
period: {start: 2010-01-01, end: 2014-12-31}
goals:
  - id: III
    title: Clearing mined areas
    actions:
      - {id: a14, number: 14, addressed_to: All States Parties, commitment: will, text: Identify mined areas.}
"""


@pytest.fixture
def several(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN_2017, plans / "2017.yaml")
    (plans / "strategy-2017-2021.yaml").write_text(STRATEGY, encoding="utf-8")
    (plans / "cartagena-action-plan-2010-2014.yaml").write_text(ACTION_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return plans


def _json(run_cli: RunCli, *args: str) -> list[dict]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_several_plans_each_row_says_which_plan(run_cli: RunCli, several: Path) -> None:
    data = _json(run_cli, "objectives")
    assert [(r["plan"], r["id"]) for r in data][-3:] == [
        ("2017", "3C"),
        ("strategy-2017-2021", "1a"),
        (
            "strategy-2017-2021",
            "1b",
        ),
    ]
    table = run_cli("objectives").stdout
    assert table.splitlines()[1].startswith("Plan ") and "strategy-2017-" in table


def test_objective_only_some_plans_have_is_answered_by_those(run_cli: RunCli, several: Path) -> None:
    targets = _json(run_cli, "targets", "--objective", "2C")
    assert targets == []  # 2017's 2C has responsive targeting only: no error, no rows
    indicators = _json(run_cli, "indicators", "--objective", "2C")
    assert {r["plan"] for r in indicators} == {"2017"}
    both = _json(run_cli, "objectives", "--goal", "1")
    assert {r["plan"] for r in both} == {"2017"}


def test_case_insensitive_objective_matches_in_every_plan(run_cli: RunCli, several: Path) -> None:
    out = run_cli("show", "--objective", "1B").stdout
    assert "1B  Strengthened norm against cluster munitions and landmines" in out
    assert "1b  Strengthened norm" in out and "priority high" in out
    assert out.index("2017 Operational Plan") < out.index("Strategy 2017-2021")
    targets = run_cli("targets", "--objective", "1a")
    assert targets.stdout.startswith("Targets of objective 1A in plan 2017: 29 countries"), "plans with rows"


def test_error_only_when_no_plan_has_it(run_cli: RunCli, several: Path) -> None:
    result = run_cli("targets", "--objective", "4Z")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: no objective '4Z' in plans 2017, cartagena-action-plan-2010-2014, strategy-2017-2021; "
        "objectives are 1A, 1B, 2A, 2B, 2C, 3A, 3B, 3C (2017); 1a, 1b (strategy-2017-2021)\n"
    )
    result = run_cli("activities", "--category", "research", "--plan", "strategy-2017-2021")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no category 'research' in plan strategy-2017-2021; it has no categories")


def test_plan_without_objectives(run_cli: RunCli, several: Path) -> None:
    result = run_cli("targets", "--plan", "cartagena-action-plan-2010-2014")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "plan cartagena-action-plan-2010-2014 has no objectives, so no target countries; "
        "plan cartagena-action-plan-2010-2014 has actions, not objectives: `planctl actions` lists them\n"
    )
    shown = run_cli("show", "--plan", "cartagena-action-plan-2010-2014").stdout
    assert "All States Parties will:\n      #14  Identify mined areas." in shown


# ------------------------------------------------------------------------------------------
# Plan text is printed, never interpreted


def test_markup_in_plan_text_is_printed_not_interpreted(run_cli: RunCli, tmp_path: Path) -> None:
    text = PLAN_2017.read_text(encoding="utf-8").replace(
        "text: Provide advice and orientation to national campaigns to align",
        "text: '[bold red]Provide[/bold red] advice and orientation to national campaigns to align' # ",
        1,
    )
    path = tmp_path / "2017.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["activities", "--objective", "1A"], ["show", "--objective", "1A"]):
        result = run_cli(*args, "--plan", path)
        assert result.exit_code == 0, result
        assert "[bold red]Provide[/bold red]" in " ".join(result.stdout.split())


# ------------------------------------------------------------------------------------------
# The shipped plans together: 2017, the strategy it implements, the 2012-2015 plan, Cartagena


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    if len(list(PLANS.glob("*.yaml"))) < 2:
        pytest.fail("plans/ should hold the 2017 plan and the strategy it implements")
    monkeypatch.chdir(PLANS.parent)


def test_shipped_plans_answer_1a_from_those_that_have_it(run_cli: RunCli, shipped: None) -> None:
    everywhere = _json(run_cli, "targets", "--objective", "1A")
    assert everywhere == rows(run_cli, "targets", "--objective", "1A"), "the strategy's 1a names no countries"
    out = run_cli("show", "--objective", "1a").stdout
    assert "\n1A  At least 130 States Parties" in out and "\n1a  At least 130 States Parties" in out
    objectives = _json(run_cli, "objectives")
    plans_with_objectives = {r["plan"] for r in objectives}
    assert {"2017", "strategy-2017-2021"} <= plans_with_objectives
    assert "cartagena-action-plan-2010-2014" not in plans_with_objectives


def test_shipped_plans_dropped_objectives_say_why(run_cli: RunCli, shipped: None) -> None:
    dropped = [
        r for r in _json(run_cli, "objectives", "--plan", "strategic-plan-2012-2015") if r["status"] == "dropped"
    ]
    assert [r["id"] for r in dropped] == ["7", "11", "12", "14"]
    assert all(r["status_reason"] for r in dropped)
    table = run_cli("objectives", "--plan", "strategic-plan-2012-2015").stdout
    assert "Why dropped: " in table and "Priority: high" in table


def test_shipped_plans_unknown_objective_lists_each_plans(run_cli: RunCli, shipped: None) -> None:
    result = run_cli("indicators", "--objective", "9Z")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: no objective '9Z' in plans 2017, ")
    assert "; objectives are 1A, 1B, 2A, 2B, 2C, 3A, 3B, 3C (2017); " in first
    assert "1a, 1b, 2a, 2b, 2c, 3a, 3b, 3c (strategy-2017-2021)" in first


@pytest.mark.parametrize("args", [[*a, "--format", f] for a in LISTINGS for f in FORMATS] + [["show"]], ids=" ".join)
def test_shipped_plans_every_command(run_cli: RunCli, shipped: None, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 0, result
    assert result.stdout and result.stderr == ""
    if "--format" not in args or "table" in args:
        assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_guide_sample_output_is_what_the_commands_print(run_cli: RunCli, shipped: None) -> None:
    """The guide's console block for the query commands: every line shown ('...' elides) is printed, in order."""
    import shlex

    guide = (PLANS.parent / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Asking the plans questions") :]
    block = section[section.index("```console\n") + len("```console\n") : section.index("```\n", 20)]
    samples = [chunk for chunk in block.split("$ planctl ")[1:]]
    assert len(samples) == 3
    for sample in samples:
        command, *expected = sample.rstrip("\n").split("\n")
        result = run_cli(*shlex.split(command))
        printed = (result.stdout + result.stderr).splitlines()
        position = 0
        for line in expected:
            if line == "...":
                continue
            assert line in printed[position:], (command, line)
            position = printed.index(line, position) + 1


def test_shipped_action_plan_shows_every_action_under_whom_it_addresses(run_cli: RunCli, shipped: None) -> None:
    out = run_cli("show", "--plan", "cartagena-action-plan-2010-2014").stdout
    numbers = [int(line.split()[0][1:]) for line in out.splitlines() if line.strip().startswith("#")]
    assert numbers == list(range(1, 68))
    assert "    All States Parties will:\n      #1  Seize every opportunity" in out


def test_targets_headline_counts_each_country_once(run_cli: RunCli) -> None:
    """Thailand is a target of 1A, 1B and 2B: one country, however many groups list it."""
    result = run_cli("targets", "--plan", PLANS / "2017.yaml", "-f", "json")
    rows = json.loads(result.stdout)
    grouped = {r["iso"] for r in rows if r["type"] == "group"}
    only_named = {r["iso"] for r in rows if r["type"] == "activity"} - grouped
    table = run_cli("targets", "--plan", PLANS / "2017.yaml")
    headline = " ".join(table.stdout.split("Obj.")[0].split())
    assert headline == (
        f"Targets in plan 2017: {len(grouped)} countries in target groups, "
        f"{len(only_named)} more named only by activities"
    )


# Every command that reads plans accepts --max-bytes: the option the hint of a plan over the limit names.
PLAN_READERS = [
    *(["targets"], ["countries"], ["objectives"], ["indicators"], ["activities"], ["publications"]),
    *(["show"], ["calendar"], ["plans"]),
]


@pytest.mark.parametrize("args", PLAN_READERS, ids=lambda a: a[0])
def test_a_plan_over_the_size_limit_can_be_read_with_max_bytes(run_cli: RunCli, args: list[str]) -> None:
    size = PLAN_2017.stat().st_size
    refused = run_cli(*args, "--plan", PLAN_2017, "--max-bytes", str(size - 1))
    assert refused.exit_code != 0, refused
    assert "error[too-large]" in refused.stderr and "--max-bytes" in refused.stderr, refused
    result = run_cli(*args, "--plan", PLAN_2017, "--max-bytes", str(size))
    assert result.exit_code == 0, result


def test_new_reads_a_source_over_the_size_limit_with_max_bytes(run_cli: RunCli) -> None:
    size = PLAN_2017.stat().st_size
    refused = run_cli("new", "--from", PLAN_2017, "--max-bytes", str(size - 1))
    assert refused.exit_code != 0 and "--max-bytes" in refused.stderr, refused
    assert run_cli("new", "--from", PLAN_2017, "--max-bytes", str(size)).exit_code == 0


def test_every_command_that_reads_plans_has_max_bytes() -> None:
    import inspect

    from planctl.cli.app import app

    without = [c.name for c in app.registered_commands if "max_bytes" not in inspect.signature(c.callback).parameters]
    assert without == ["schema", "init"]  # they read no plan
