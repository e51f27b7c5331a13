"""Turn loaded YAML data into a Plan, translating pydantic's errors into plain problems with hints."""

from __future__ import annotations

import copy
import dataclasses
import difflib
import functools
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic_core import SchemaValidator, ValidationError

from planctl.diagnostics import Problem, short_repr
from planctl.model.checks import check_plan
from planctl.model.plan import Model, Plan, descriptions, fields_of, is_model
from planctl.model.types import MAX_SUGGESTIONS, URL_PATTERN, unwrap

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
    from pydantic_core import core_schema

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "nothing (null)",
    dict: "a mapping",
    list: "a list",
}


@functools.cache
def _adapter() -> TypeAdapter[Plan]:
    """pydantic's validator for the models: built once, on the first plan validated (~30 ms)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan)


_GIVEN: list[SchemaValidator] = []  # what `use_compiled` was given


def compiled() -> SchemaValidator:
    """pydantic-core's compiled validator for Plan: the one `use_compiled` was given, else pydantic's.

    pydantic builds it from the models through its Python layer: ~45 ms with importing that layer,
    where one read back from a pickle (see planctl.cache) costs ~1 ms and imports only pydantic-core.
    """
    if _GIVEN:
        return _GIVEN[0]
    # with pydantic plugins on (planctl turns them off, a library caller may not), a wrapper that validates alike
    return typing.cast(SchemaValidator, _adapter().validator)


def use_compiled(validator: SchemaValidator) -> None:
    """Validate with `validator` from now on: pydantic's own, compiled by an earlier process."""
    _GIVEN[:] = [validator]


def prepare() -> None:
    """Have the validator ready now (before forking workers, say), not on first use."""
    compiled()


def parse_plan(data: Any) -> Plan:
    """Validate data (as a plan file holds it) into a Plan; raises pydantic's ValidationError.

    No semantic checks and no friendly problems: `validate_data` is the function for files.
    """
    plan: Plan = compiled().validate_python(data)
    return plan


@functools.cache
def _described_fields() -> type[GenerateJsonSchema]:
    """pydantic's JSON Schema generator, each field described by its attribute docstring (`plan.descriptions`),
    and a mapping keyed by ids closed to other keys.

    Made on first use: pydantic.json_schema imports pydantic's Python layer, which validating never needs."""
    from pydantic.json_schema import GenerateJsonSchema

    class DescribedFields(GenerateJsonSchema):
        def dataclass_schema(self, schema: core_schema.DataclassSchema) -> JsonSchemaValue:
            json_schema = super().dataclass_schema(schema)
            for name, text in descriptions(schema["cls"]).items():
                json_schema["properties"][name]["description"] = text
            return json_schema

        def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
            """pydantic puts the keys' pattern in `patternProperties`, which lets any other key through with any
            value; the model refuses such a key. So the pattern goes to `propertyNames`, the values' schema to
            `additionalProperties`."""
            json_schema = super().dict_schema(schema)
            patterns = json_schema.pop("patternProperties", None)
            if patterns:
                [(pattern, values)] = patterns.items()
                json_schema["propertyNames"] = {**json_schema.get("propertyNames", {}), "pattern": pattern}
                json_schema["additionalProperties"] = values
            return json_schema

    return DescribedFields


def json_schema() -> JsonSchemaValue:
    """The JSON Schema of a plan file, as pydantic derives it from the models, with its dialect and its `$id`:
    a name for the plan format of this version of planctl (no file needs to be fetched from it)."""
    from planctl import __version__

    schema = _adapter().json_schema(schema_generator=_described_fields())
    dialect = "https://json-schema.org/draft/2020-12/schema"
    return {"$schema": dialect, "$id": f"urn:planctl:plan:{__version__}", **schema}


def json_schema_text() -> str:
    """The JSON Schema as `planctl schema` prints it and schemas/plan.schema.json holds it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def validate_data(data: Any) -> tuple[Plan | None, list[Problem]]:
    """The plan and its problems: the schema's, and the semantic checks'.

    Unknown countries are schema problems (so they show beside a misspelt field), but they do not
    hold the semantic checks back: the plan is then validated again without them. Other schema
    problems hold back only the parts they are in (see `_checks_of_the_rest`), so one run reports
    what can be known. The plan is returned only when it has no problem of the schema.
    """
    if not isinstance(data, dict):
        found = _describe(data)
        return None, [
            Problem(
                (),
                "not-a-plan",
                f"a plan file must be a mapping of fields (id, title, kind, ...), found {found}",
                hint="see docs/plan-format.md for the layout of a plan",
            )
        ]
    try:
        plan = compiled().validate_python(data, context={"suggestions": [MAX_SUGGESTIONS]})
    except ValidationError as e:
        problems = [_problem(err) for err in e.errors(include_url=False)]
        return None, [*problems, *_checks_of_the_rest(data, [p for p in problems if p.code != "unknown-country"])]
    return plan, check_plan(plan)


_KEY_PROBLEMS = ("unknown-field", "bad-key")  # the key itself is the problem: dropping it fixes it


def _checks_of_the_rest(data: dict[str, Any], problems: list[Problem]) -> list[Problem]:
    """The semantic problems of the parts of a plan the schema accepts.

    Each list item with a schema problem (an event without a title, an activity with a misspelt
    field's value...) is set aside, and each unknown key dropped; what remains is validated and
    checked, and the problems found are placed back where they are in the file. A reference to an
    item set aside is not reported (the item is there, only broken). A schema problem outside any
    list item (a bad `period`, a plan without a title) leaves nothing to check: [] then.
    """
    drop_keys: list[tuple[Any, ...]] = []
    set_aside: dict[tuple[Any, ...], set[int]] = {}
    for problem in problems:
        path = tuple(problem.path)
        if problem.code in _KEY_PROBLEMS:
            drop_keys.append(path)
            continue
        items = [k for k, part in enumerate(path) if isinstance(part, int) and not isinstance(part, bool)]
        if not items:
            return []
        index = path[items[-1]]
        assert isinstance(index, int)
        set_aside.setdefault(path[: items[-1]], set()).add(index)
    rest = copy.deepcopy(data)
    for path in drop_keys:
        parent = _at(rest, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    aside_ids: set[str] = set()
    # the deepest lists first: their paths count the items of the lists above as the file does
    for list_path, indices in sorted(set_aside.items(), key=lambda entry: -len(entry[0])):
        items_list = _at(rest, list_path)
        if not isinstance(items_list, list):
            return []
        for i in sorted(indices, reverse=True):
            if i < len(items_list):
                aside_ids |= set(_ids_in(items_list.pop(i)))
    try:
        plan = compiled().validate_python(rest, context={"check_countries": False})
    except ValidationError:
        return []
    out = []
    for found in check_plan(plan):
        if found.code == "unknown-reference":
            if _at(rest, tuple(found.path)) in aside_ids:
                continue
            if aside_ids and found.hint and not found.hint.startswith("did you mean"):
                found = dataclasses.replace(found, hint=None)  # its list of ids lacks those set aside
        related = _in_file(found.related, set_aside) if found.related is not None else None
        out.append(dataclasses.replace(found, path=_in_file(found.path, set_aside), related=related))
    return out


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _ids_in(node: Any) -> Iterator[str]:
    """The ids of an item and of every item inside it."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids_in(value)


def _in_file(path: tuple[Any, ...], set_aside: dict[tuple[Any, ...], set[int]]) -> tuple[Any, ...]:
    """A path in the plan without the items set aside, as the path of the same value in the file."""
    out: list[Any] = []
    for part in path:
        if isinstance(part, int) and (aside := set_aside.get(tuple(out))):
            for removed in sorted(aside):
                if removed <= part:
                    part += 1
        out.append(part)
    return tuple(out)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {short_repr(value)}"
    if isinstance(value, str):
        return f"the text {short_repr(value)}"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _field_name(loc: tuple[Any, ...]) -> str:
    """'title', or "item 2 of 'countries'" for a list item (1-based, as people count)."""
    if not loc:
        return "'plan'"
    if isinstance(loc[-1], int) and len(loc) > 1:
        return f"item {loc[-1] + 1} of {short_repr(loc[-2])}"
    return short_repr(loc[-1])


def _problem(err: Any, root: type[Model] = Plan) -> Problem:
    """pydantic's error as a problem with a hint; `root` is the model of the whole file (for field names)."""
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    field = _field_name(loc)
    if kind == "int_type" and isinstance(value, str) and len(value) > 4000 and value.lstrip("+-").isdigit():
        kind = "int_parsing_size"  # the loader keeps a number too long to convert as its text
    if kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
        return Problem(loc, "missing-field", f"missing required field {field}", on_key=False)
    if kind == "unknown_country":
        ctx = err.get("ctx", {})
        hint = None if ctx.get("guess") else "use the country's English short name or its ISO 3166-1 code"
        return Problem(loc, "unknown-country", str(ctx.get("message", err["msg"])), hint=hint)
    if kind == "invalid_key":  # pydantic names the key by its text; the file has it as written
        return Problem(
            (*loc[:-1], value),
            "bad-key",
            f"key {short_repr(value)} is not a field name: YAML reads it as {_describe(value)}",
            hint="field names are words like 'title': check the spelling and the indentation",
            on_key=True,
        )
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        allowed = fields_at(loc[:-1], root)
        close = difflib.get_close_matches(str(loc[-1])[:100], allowed, n=1)
        hint = (
            f"did you mean {close[0]!r}?" if close else ("fields here are " + ", ".join(allowed) if allowed else None)
        )
        return Problem(loc, "unknown-field", f"unknown field {field}", hint=hint, on_key=True)
    if kind == "literal_error":
        choices = err.get("ctx", {}).get("expected", "")
        close = difflib.get_close_matches(
            str(value)[:100], [c.strip(" '") for c in choices.replace(" or ", ", ").split(",")], n=1
        )
        return Problem(
            loc,
            "bad-value",
            f"{field} must be one of {choices}, not {_describe(value)}",
            hint=f"did you mean {close[0]!r}?" if close else None,
        )
    if kind in (
        "string_type",
        "int_type",
        "bool_type",
        "list_type",
        "dict_type",
        "model_type",
        "dataclass_type",
        "dataclass_args_type",
        "float_type",
        "int_parsing",
        "bool_parsing",
    ):
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "float_type": "a number",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping of fields",
            "dataclass_type": "a mapping of fields",
            "dataclass_args_type": "a mapping of fields",
        }[kind]
        hint = None
        if kind == "string_type" and isinstance(value, (int, float, bool)):
            hint = f"YAML reads this as {_describe(value)}: put it in quotes exactly as you wrote it"
        elif kind == "list_type" and isinstance(value, str):
            hint = "start each item on its own line with '- '"
        return Problem(loc, "wrong-type", f"{field} must be {expected}, found {_describe(value)}", hint=hint)
    if kind == "int_parsing_size":
        return Problem(loc, "wrong-type", f"{field} must be a whole number, found one with thousands of digits")
    if kind == "string_too_short":
        return Problem(loc, "empty-text", f"{field} must not be empty")
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return Problem(loc, "too-long", f"{field} is too long ({len(value):,} characters; at most {limit})")
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        bound = f"at least {ctx['ge']}" if kind == "greater_than_equal" else f"at most {ctx['le']:,}"
        return Problem(loc, "out-of-range", f"{field} must be {bound}, found {_describe(value)}")
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == URL_PATTERN:
        return Problem(
            loc,
            "bad-url",
            f"{field} is not a URL: {_describe(value)}",
            hint="write the address as the browser shows it, starting with https:// or http://",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            loc,
            "bad-id",
            f"{field} is not a valid id: {_describe(value)}",
            hint="ids use letters, digits, '.', '_' and '-' and start with a letter or digit",
        )
    if kind == "bad_date":
        return Problem(loc, "bad-date", str(err.get("ctx", {}).get("message", err["msg"])))
    if kind == "value_error":
        return Problem(loc, "bad-value", str(err.get("ctx", {}).get("error", err["msg"])))
    return Problem(loc, "schema", f"{field}: {err['msg']}")


def fields_at(loc: tuple[Any, ...], root: type[Model] = Plan) -> list[str]:
    """Names of the fields the model allows at a location, for 'did you mean' hints."""
    annotation: Any = root
    for part in loc:
        annotation = unwrap(annotation)
        if typing.get_origin(annotation) is dict:  # a mapping keyed by ids: the part is a key
            annotation = typing.get_args(annotation)[1]
        elif isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif is_model(annotation):
            spec = fields_of(annotation).get(str(part))
            annotation = spec.annotation if spec else None
        else:
            return []
    annotation = unwrap(annotation)
    return list(fields_of(annotation)) if is_model(annotation) else []
