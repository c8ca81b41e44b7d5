"""The command line: parse options, call the core, render. No logic lives here.

Heavy modules (pydantic, rich, jinja2) are imported inside the commands that need
them, so `ssw --version` and the start of every command stay fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from ssw import __version__
from ssw.i18n import t
from ssw.problems import ProblemsFound, SswError

def h(key: str) -> str:
    """A help text: its catalogue key, put into words by `framework.localise` once the
    language of the run is known (so one process can answer in either language)."""
    return key


RootOpt = Annotated[Optional[str], typer.Option("--root", help=h("opt.root"), show_default=False)]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help=h("opt.lang"), show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", help=h("opt.format-table-json-csv"))]

class SswGroup(TyperGroup):
    """The one place where "cannot go on" becomes a message and an exit code, where
    everything printed passes `ssw.escape.terminal_text` (data never drives the terminal),
    and where the framework's own words follow the language (`ssw.cli.framework`)."""

    def main(self, args: Any = None, *pargs: Any, **kwargs: Any) -> Any:
        from ssw.cli import framework
        from ssw.escape import SafeStream

        argv = list(sys.argv[1:] if args is None else args)
        framework.localise(self, framework.language(argv))  # the framework's words, too
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)  # type: ignore[assignment]
        try:
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
            _report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except RecursionError:
            print(t("err.internal", State.lang, kind="RecursionError", detail="nesting too deep"), file=sys.stderr)
            raise typer.Exit(1) from None
        except Exception as exc:  # never a traceback for users
            _usage_error(exc)
            print(t("err.internal", State.lang, kind=type(exc).__name__, detail=str(exc)[:200]), file=sys.stderr)
            raise typer.Exit(1) from None
        finally:
            if collecting:
                gc.enable()


app = typer.Typer(
    cls=SswGroup,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["--help", "-h"]},
    help=h("cmd.app"),
)


def _usage_error(exc: Exception) -> None:
    """The framework's usage errors, in the user's language; other exceptions pass."""
    from ssw.cli import framework

    if framework.is_usage_error(exc):
        print(framework.usage_error(exc, framework.current["lang"]), file=sys.stderr)
        raise typer.Exit(getattr(exc, "exit_code", 2)) from None


class State:
    root: str | None = None
    lang: str = "nl"


def _lang(value: str | None) -> str:
    lang = (value or State.lang or os.environ.get("SSW_LANG") or "nl").lower()
    if lang not in ("nl", "en"):
        raise SswError("err.bad-option", exit_code=2, value=lang, option="--lang", valid="nl, en")
    return lang


def _settings(root: str | None, lang: str | None) -> tuple[Any, str]:
    """Resolve the root and language; command options win over global ones."""
    from ssw.root import find_root

    lang_ = _lang(lang)
    State.lang = lang_
    return find_root(root or State.root), lang_


def _load(root: Any, lang: str, *, allow_invalid: bool = False) -> Any:
    """Load and validate; problems stop the command unless `allow_invalid`."""
    from ssw.loader import load

    loaded = load(root)
    if loaded.problems and not allow_invalid:
        raise ProblemsFound(loaded.problems)
    return loaded


def _open(root: str | None, lang: str | None, format: str | None = None,
          formats: tuple[str, ...] = ()) -> tuple[Any, str, Any]:
    """The start of every reading command: root and language, the format checked (a usage
    error before any work), the data loaded and validated."""
    root_, lang_ = _settings(root, lang)
    if format is not None:
        _choice(format, formats, "--format")
    return root_, lang_, _load(root_, lang_)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ssw {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    root: RootOpt = None,
    lang: LangOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=h("opt.version"))] = False,
) -> None:
    State.root = root
    State.lang = (lang or os.environ.get("SSW_LANG") or "nl").lower()


PlanOpt = Annotated[Optional[str], typer.Option("--plan", help=h("opt.plan"), show_default=False)]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help=h("opt.as-of"), show_default=False)]
RegionOpt = Annotated[Optional[str], typer.Option("--region", help=h("opt.region"), show_default=False)]


def _parse_day(value: str | None, option: str) -> Any:
    if value is None:
        return None
    from ssw.dates import DateError, PartialDate

    try:
        return PartialDate.parse(value).first if "-" in value and value.count("-") == 2 else PartialDate.parse(value).last
    except DateError:
        raise SswError("err.bad-date", exit_code=2, value=value) from None


def _region(ds: Any, value: str | None) -> str | None:
    if value is None:
        return None
    from ssw.lookup import normalise_platform

    slug = normalise_platform(value)
    if slug not in ds.platforms:
        raise SswError("err.unknown-region", exit_code=2, value=value, valid=", ".join(sorted(ds.platforms)))
    return slug


def _plan(ds: Any, value: str | None) -> str | None:
    if value is None:
        return None
    if value.lower() not in ds.plans:
        raise SswError("err.unknown-plan", exit_code=2, value=value, valid=", ".join(sorted(ds.plans)))
    return value.lower()


def _slug_option(value: str | None, valid: list[str], option: str) -> str | None:
    if value is None:
        return None
    slug = value.strip().lower()
    if slug not in valid:
        raise SswError("err.bad-option", exit_code=2, value=value, option=option, valid=", ".join(valid))
    return slug


def _tag_ids(ds: Any, plan_id: str | None, field: str) -> list[str]:
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    return [tag.id for tag in getattr(plan.file, field)] if plan else []


def _print_json(data: Any) -> None:
    """Indented for people on a terminal; compact when piped (the C encoder: large outputs
    take a fraction of the time). The content is the same either way."""
    import json

    from ssw.escape import json_text

    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")


def _choice(value: str, valid: tuple[str, ...], option: str, key: str = "err.bad-option") -> str:
    if value not in valid:
        raise SswError(key, exit_code=2, value=value, option=option, valid=", ".join(valid))
    return value


from ssw.cli import commands  # noqa: E402,F401  (registers the commands)
from ssw.cli import insight  # noqa: E402,F401  (registers changes, coverage, agenda)
from ssw.cli import record  # noqa: E402,F401  (registers record and add-action)
from ssw.cli import report  # noqa: E402,F401  (registers report and export)
from ssw.cli import plans  # noqa: E402,F401  (registers plans and plan new)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `ssw` script; `--version` alone answers before Typer loads."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        print(f"ssw {__version__}")
        return
    _only_named(app, args)(args=args, prog_name="ssw")


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def _only_named(full: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with just the commands named in `args`. Typer prepares every registered
    command's options on each start (a tenth of a cold `ssw status`); one is enough.
    With no command named (`ssw`, `ssw --help`, a typo) the full app answers."""
    import copy

    named = [c for c in full.registered_commands if _command_name(c) in args]
    if not named:
        return full
    only = copy.copy(full)
    only.registered_commands = named
    return only


def _report_error(exc: SswError) -> None:
    lang = State.lang if State.lang in ("nl", "en") else "nl"
    if exc.problems:
        from ssw.cli import terminal

        terminal.print_problems(exc.problems, lang, sys.stderr)
        print(exc.message(lang), file=sys.stderr)
        return
    print(f"ssw: {exc.message(lang)}", file=sys.stderr)
