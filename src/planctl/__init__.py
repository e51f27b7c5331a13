"""planctl: plans as YAML files in git, validated, queried and rendered.

The library API is `planctl.api`; its public names are listed here and imported from there on first
use, so that importing the package (as the CLI does for `--help`) stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "FileResult",
    "LoadedPlan",
    "Report",
    "check_bytes",
    "check_file",
    "check_text",
    "diff",
    "diff_since",
    "load_plan",
    "load_plans",
    "plan_document",
    "plan_json_schema",
    "select_plan",
    "select_plans",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from planctl import api

        return getattr(api, name)
    raise AttributeError(f"module 'planctl' has no attribute {name!r}")
