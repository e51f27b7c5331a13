"""The `planctl` command: the typer app, its commands, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, TypeVar

import typer

from planctl import __version__
from planctl.cli import completion, output
from planctl.errors import ExitCode, PlanctlError, PlanInvalid

F = TypeVar("F", bound=Callable[..., Any])


def _typer() -> typer.Typer:
    """An app with planctl's settings and root options, without commands."""
    new = typer.Typer(
        name="planctl",
        help="Keep plans as YAML in git: validate them, ask them questions, render them.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,  # planctl's own --show-completion SHELL / --install-completion SHELL (cli/completion.py)
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(_root)
    return new


def handles_errors(fn: F) -> F:
    """Turn a PlanctlError into one message on stderr and its exit code: the only place this happens."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanInvalid as e:
            from planctl.render.diagnostics import text

            output.stderr().print(text(e.diagnostics, e.files_checked), end="")
            output.error("the plans above are invalid", hint="fix them first; `planctl validate` lists every problem")
            raise typer.Exit(int(e.exit_code)) from None
        except PlanctlError as e:
            output.error(e.message, e.hint)
            raise typer.Exit(int(e.exit_code)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planctl {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    show_completion: completion.ShowCompletion = None,
    install_completion: completion.InstallCompletion = None,
) -> None:
    """Keep plans as YAML in git: validate them, ask them questions, render them.

    Exit codes: 0 ok; 1 problems found (or differences, for diff); for a question (plans, calendar, show, targets...), 1 means it was answered from the valid plans only, each invalid plan file listed on stderr; 2 usage error, unreadable input or nothing to answer from.
    """


# Each command's module under planctl.cli, in the order `--help` lists them.
COMMANDS = {
    "validate": "validate",
    "plans": "plans",
    **dict.fromkeys(
        ["targets", "countries", "objectives", "indicators", "activities", "actions", "publications"], "query"
    ),
    "progress": "progress",
    "calendar": "calendar",
    "show": "show",
    "render": "render",
    "report": "report",
    "diff": "diff",
    "fmt": "fmt",
    "new": "new",
    "schema": "schema",
    "init": "init",
}


def _register(target: typer.Typer, modules: list[str]) -> None:
    import importlib

    for name in modules:
        importlib.import_module(f"planctl.cli.{name}").register(target)


@functools.cache
def _full_app() -> typer.Typer:
    """The app with every command: for --help, the command reference, tests and library callers."""
    full = _typer()
    _register(full, list(dict.fromkeys(COMMANDS.values())))
    return full


def app_for(args: list[str]) -> typer.Typer:
    """The app that runs `planctl ARGS`: only the command named, when the first argument names one.

    typer converts the options of every command it knows on each run, and each command's module
    imports what its options need: ~10 ms that one command never uses. The whole app answers
    `--help`, root options, unknown names and shell completion, so their output is the same.
    """
    name = args[0] if args else None
    if name not in COMMANDS or completion.COMPLETE_VAR in os.environ:
        return _full_app()
    assert name is not None
    one = _typer()
    _register(one, [COMMANDS[name]])
    one.registered_commands = [c for c in one.registered_commands if c.name == name]
    return one


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, built on first use: `planctl CMD` builds only CMD (see app_for)
        return _full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _LightRichUtils:
    """Finds `typer.rich_utils` (what prints --help and usage errors) without the modules it imports
    for Markdown help and pretty tracebacks, which planctl never shows (`rich_markup_mode="rich"`,
    `pretty_exceptions_enable=False`): `rich.markdown` and `rich.traceback` take ~50 ms to import.
    rich_utils gets stand-ins for their classes, which import the real one if ever called."""

    DEFERRED: ClassVar[dict[str, str]] = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "typer.rich_utils":
            return None
        import importlib.machinery

        sys.meta_path.remove(cls)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return spec
        loader = spec.loader

        class Loader(importlib.machinery.SourceFileLoader):
            def exec_module(self, module: Any) -> None:
                standins = {m: _standin(m, attr) for m, attr in cls.DEFERRED.items() if m not in sys.modules}
                sys.modules.update(standins)
                try:
                    loader.exec_module(module)
                finally:
                    for m, standin in standins.items():
                        if sys.modules.get(m) is standin:
                            del sys.modules[m]

        spec.loader = Loader(loader.name, loader.path)
        return spec


def _standin(module: str, name: str) -> Any:
    """A module whose one class `name` is the real `module.name`, imported when first used."""
    import importlib
    import types

    def real() -> Any:
        return getattr(importlib.import_module(module), name)

    class Deferred(type):
        def __getattr__(cls, attr: str) -> Any:
            return getattr(real(), attr)

        def __call__(cls, *args: Any, **kwargs: Any) -> Any:
            return real()(*args, **kwargs)

    standin = types.ModuleType(module)
    setattr(standin, name, Deferred(name, (), {}))
    return standin


def main() -> None:
    """Entry point of the `planctl` script."""
    # Startup speed (measured by benchmarks/run.py): a command's life is too short for the cycle
    # collector to pay off (it would walk every imported module and model, again and again), and
    # pydantic's plugin discovery scans every installed package's metadata for plugins planctl never uses;
    # pydantic's compiled validator for the models is read from the cache's folder (see planctl.cache).
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    os.environ.setdefault("PLANCTL_KEEP_VALIDATOR", "1")
    if "typer.rich_utils" not in sys.modules:
        sys.meta_path.insert(0, _LightRichUtils)
    output.guard_streams()
    completion.prepare()
    try:
        try:
            app_for(sys.argv[1:])(
                prog_name="planctl"
            )  # also under `python -m planctl`: completion scripts call `planctl`
        finally:
            sys.stdout.flush()  # now, while a failure to write can still be reported
    except KeyboardInterrupt:
        sys.exit(130)
    except PlanctlError as e:  # raised outside a command: --help to a closed stdout, say
        output.error(e.message, e.hint)
        sys.exit(int(e.exit_code))
    except Exception as e:  # a bug: still no traceback for the user, but a way to report it
        output.error(
            f"internal error: {type(e).__name__}: {e}",
            hint="this is a bug in planctl; please report it with the command you ran",
        )
        sys.exit(int(ExitCode.USAGE))
