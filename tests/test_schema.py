"""schemas/plan.schema.json: generated from the model, never stale, and it accepts the shipped plans."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from planctl.cli.schema import schema_text
from planctl.files.yaml import parse_document
from tests.conftest import CASES, PLANS, REPO, RunCli

SCHEMA_FILE = REPO / "schemas" / "plan.schema.json"
SHIPPED = sorted(PLANS.glob("*.yaml"))


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/plan.schema.json is stale: run `planctl schema -o schemas/plan.schema.json --force`"
    )


def test_schema_check_option_detects_staleness(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("schema", "--check", SCHEMA_FILE).exit_code == 0
    stale = tmp_path / "plan.schema.json"
    stale.write_text("{}\n")
    result = run_cli("schema", "--check", stale)
    assert result.exit_code == 1
    assert "stale" in result.stderr


def test_schema_is_valid_json_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("plan", [*SHIPPED, CASES / "valid" / "full-shape.yaml"], ids=lambda p: p.name)
def test_jsonschema_accepts_plan(plan: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = parse_document(plan.read_text(encoding="utf-8"), positions=False).data
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_jsonschema_rejects_an_unknown_field() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = parse_document((CASES / "invalid" / "unknown-field.yaml").read_text(), positions=False).data
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_every_shipped_plan_points_editors_at_the_schema() -> None:
    assert SHIPPED
    for plan in SHIPPED:
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/plan.schema.json", plan.name


def test_schema_names_its_dialect_and_has_an_id_for_this_version(run_cli: RunCli) -> None:
    from planctl import __version__

    schema = json.loads(run_cli("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:planctl:plan:{__version__}"


def test_schema_output_into_a_folder_that_does_not_exist_creates_it(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "schemas" / "editor" / "plan.schema.json"
    result = run_cli("schema", "-o", target)
    assert result.exit_code == 0, result
    assert target.read_text(encoding="utf-8") == schema_text()


def test_schema_output_under_a_file_is_refused_with_a_message(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("not a folder\n", encoding="utf-8")
    result = run_cli("schema", "-o", tmp_path / "schemas" / "plan.schema.json")
    assert result.exit_code == 2
    assert "cannot create the folder" in result.stderr and "a file is in the way" in result.stderr
    assert (tmp_path / "schemas").read_text(encoding="utf-8") == "not a folder\n"
