"""The application: the group every command runs in, the global options, the entry point.

The group is the one place where "cannot go on" becomes a message and an exit code, where
everything printed passes `ssw.escape.terminal_text` (data never drives the terminal), and
where the framework's own words follow the language (`ssw.cli.framework`).

Command modules register on `app` when imported. `main` imports only the modules of the
commands named on the line (and Typer prepares only those), so `ssw status` never loads
the report, export or git machinery; `ssw.cli.app` (for tests and tools) has them all.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
import types
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ssw import __version__
from ssw.cli import framework
from ssw.cli.options import LangOpt, RootOpt, Settings, h
from ssw.i18n import LANGUAGES, t
from ssw.problems import SswError


def _no_plugin_lookup() -> None:
    """ssw uses no pydantic plugins: looking them up scans every installed package. With
    plugins disabled pydantic's loader answers "none" without looking, but importing it still
    imports `importlib.metadata` (about 12 ms of every start), so the script gives its one
    function used elsewhere, `get_plugins`, instead (a test checks that pydantic asks the
    loader for nothing else). A user who wants plugins sets PYDANTIC_DISABLE_PLUGINS= (empty).
    Only the script does this (before any validator is built); `import ssw` leaves pydantic
    alone."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("__all__", "1", "true"):
        return
    if "pydantic.plugin._loader" not in sys.modules:
        loader = types.ModuleType("pydantic.plugin._loader", "ssw: plugins disabled, none to load")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = loader


_no_plugin_lookup()


#: command name -> the module of ssw.cli that registers it
COMMANDS = {
    "validate": "commands", "schema": "commands", "status": "commands", "show": "commands", "regions": "commands",
    "changes": "insight", "coverage": "insight", "agenda": "insight",
    "record": "record", "add-action": "record",
    "report": "report", "export": "report",
    "plans": "plans", "plan": "plans",
}


def _run_lang(ctx: Any) -> str:
    """The language of an error: the command's once it has read its options; before that
    (an option refused first) the --lang on the command line, wherever it stands."""
    obj = getattr(ctx, "obj", None)
    lang = obj.lang if isinstance(obj, Settings) and obj.resolved else framework.current["lang"]
    return lang if lang in LANGUAGES else "nl"


class SswGroup(TyperGroup):
    def main(self, args: Any = None, *pargs: Any, **kwargs: Any) -> Any:
        from ssw.escape import SafeStream

        argv = list(sys.argv[1:] if args is None else args)
        framework.localise(self, framework.language(argv))  # the framework's words, too
        _share_plain_adapters()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)  # type: ignore[assignment]
        try:
            bad = _not_utf8_argument(argv)
            if bad is not None:
                _report_error(SswError("err.not-utf8-arg", exit_code=2, option=bad[0], value=bad[1]),
                              framework.language(argv))
                sys.exit(2)
            return super().main(argv, *pargs, **kwargs)
        finally:
            sys.stdout, sys.stderr = saved

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except Exception as exc:
            _usage_error(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        import gc

        # A command builds a large tree of objects and drops it at exit: the cycle
        # collector only burns time on it (about a third of `validate` at scale).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except SswError as exc:
            _report_error(exc, _run_lang(ctx))
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:  # the reader stopped early (`ssw validate | head`): nothing to say
            _stdout_to_nowhere()
            raise typer.Exit(1) from None
        except RecursionError:
            print(t("err.internal", _run_lang(ctx), kind="RecursionError", detail="nesting too deep"), file=sys.stderr)
            raise typer.Exit(1) from None
        except Exception as exc:  # never a traceback for users
            _usage_error(exc)
            print(t("err.internal", _run_lang(ctx), kind=type(exc).__name__, detail=str(exc)[:200]), file=sys.stderr)
            raise typer.Exit(1) from None
        finally:
            if collecting:
                gc.enable()


app = typer.Typer(
    cls=SswGroup,
    pretty_exceptions_enable=False,
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["--help", "-h"]},
    help=h("cmd.app"),
)


def _stdout_to_nowhere() -> None:
    """After a broken pipe, what is still buffered for stdout goes nowhere, so the
    interpreter's last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass


def _usage_error(exc: Exception) -> None:
    """The framework's usage errors, in the user's language; other exceptions pass."""
    if framework.is_usage_error(exc):
        print(framework.usage_error(exc, framework.current["lang"]), file=sys.stderr)
        raise typer.Exit(getattr(exc, "exit_code", 2)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ssw {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    root: RootOpt = None,
    lang: LangOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=h("opt.version"))] = False,
) -> None:
    ctx.obj = Settings(root, (lang or os.environ.get("SSW_LANG") or "nl").lower())


def _share_plain_adapters() -> None:
    """One pydantic TypeAdapter per plain type for all options. Typer (0.29+) builds an
    adapter for every option of the command on each run, given or not (17 for `status`),
    about a millisecond each; for `str` and `bool` without a parser the adapter does not
    depend on the option, so the first one built serves them all."""
    try:
        from typer import _adapters

        build = _adapters.build_leaf_adapter
    except (ImportError, AttributeError):  # a Typer before 0.29 builds no adapters
        return
    if getattr(build, "shared", False):
        return
    built: dict[Any, Any] = {}

    def shared(annotation: Any, parameter_info: Any) -> Any:
        if annotation not in (str, bool) or parameter_info.parser is not None:
            return build(annotation, parameter_info)
        if annotation not in built:
            built[annotation] = build(annotation, parameter_info)
        return built[annotation]

    shared.shared = True  # type: ignore[attr-defined]
    _adapters.build_leaf_adapter = shared


def register(names: list[str] | None = None) -> typer.Typer:
    """Import the modules of the named commands (all when none is named): they register on `app`."""
    wanted = [COMMANDS[n] for n in names or () if n in COMMANDS] or sorted(set(COMMANDS.values()))
    for module in wanted:
        importlib.import_module(f"ssw.cli.{module}")
    return app


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `ssw` script; `--version` alone answers before Typer loads."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        print(f"ssw {__version__}")
        return
    named = [a for a in args if a in COMMANDS]
    register(named)
    _only_named(app, named)(args=args, prog_name="ssw")


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.replace("_", "-"))


def _only_named(full: typer.Typer, named: list[str]) -> typer.Typer:
    """The app with just the commands named on the line. Typer prepares every registered
    command's options on each start (a tenth of a cold `ssw status`); one is enough.
    With no command named (`ssw`, `ssw --help`, a typo) the full app answers."""
    commands = [c for c in full.registered_commands if _command_name(c) in named]
    if not commands:
        return full
    only = copy.copy(full)
    only.registered_commands = commands
    return only


def _not_utf8_argument(argv: list[str]) -> tuple[str, str] | None:
    """(option, value as shown) of the first argument that is not valid UTF-8: the shell
    hands such bytes to Python as lone surrogates, which no file or message can hold."""
    for i, arg in enumerate(argv):
        if not isinstance(arg, str):
            continue
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            if arg.startswith("--") and "=" in arg:
                return arg.split("=", 1)[0], shown.split("=", 1)[1]
            option = argv[i - 1] if i > 0 and argv[i - 1].startswith("-") else "argument"
            return option, shown
    return None


def _report_error(exc: SswError, lang: str) -> None:
    if exc.problems or exc.options:
        from ssw.cli import terminal

        terminal.print_problems(exc.problems, lang, sys.stderr)
        terminal.print_option_problems(exc.options, lang, sys.stderr)
        print(exc.message(lang), file=sys.stderr)
        return
    print(f"ssw: {exc.message(lang)}", file=sys.stderr)
