"""planctl: plans as YAML files in git, validated, queried and rendered.

The library API lives in `planctl.api`; it is re-exported here lazily so that importing the
package (as the CLI does for `--help`) stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {"check_file", "check_text", "load_plan", "load_plans", "validate_paths", "FileResult", "Report"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from planctl import api

        return getattr(api, name)
    raise AttributeError(f"module 'planctl' has no attribute {name!r}")
