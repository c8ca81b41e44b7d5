"""What the commands share: their common options and the steps every command takes
(settings from the command line and `ctx.obj`, the data loaded, option values checked).

Public on purpose: every command module imports from here, nothing from a `_private` name.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ssw.i18n import LANGUAGES
from ssw.problems import ProblemsFound, SswError

if TYPE_CHECKING:
    import datetime as dt

    from ssw.dataset import Dataset
    from ssw.loader import Loaded
    from ssw.root import Root

def h(key: str) -> str:
    """A help text: its catalogue key, put into words by `framework.localise` once the
    language of the run is known (so one process can answer in either language)."""
    return key


def _root_given(ctx: Any) -> str | None:
    """--root as typed so far (on the command or before it), for completion."""
    while ctx is not None:
        if ctx.params.get("root"):
            return str(ctx.params["root"])
        ctx = ctx.parent
    return None


def complete(what: str) -> Any:
    """A Tab completer of `what` (see ssw.completion.KINDS) from the data of the root."""

    def completer(ctx: typer.Context, incomplete: str) -> list[str]:
        from ssw.completion import candidates

        return candidates(_root_given(ctx), what, incomplete)

    return completer


RootOpt = Annotated[str | None, typer.Option("--root", help=h("opt.root"), show_default=False)]
LangOpt = Annotated[str | None, typer.Option("--lang", help=h("opt.lang"), show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", help=h("opt.format-table-json-csv"))]
PlanOpt = Annotated[str | None, typer.Option("--plan", help=h("opt.plan"), show_default=False,
                                             autocompletion=complete("plan"))]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help=h("opt.as-of"), show_default=False)]
RegionOpt = Annotated[str | None, typer.Option("--region", help=h("opt.region"), show_default=False,
                                               autocompletion=complete("platform"))]


@dataclass
class Settings:
    """The global options of one run (`ssw --root … --lang … CMD`), kept in `ctx.obj`;
    a command's own `--root`/`--lang` win over them."""

    root: str | None = None
    lang: str = "nl"
    resolved: bool = False  # the command's own --lang has been read (see `language`)


def settings_of(ctx: typer.Context | None) -> Settings:
    """The run's settings; a context without them (a command called on its own) gets defaults."""
    if ctx is None:
        return Settings(lang=(os.environ.get("SSW_LANG") or "nl").lower())
    root_ctx = ctx.find_root()
    if not isinstance(root_ctx.obj, Settings):
        root_ctx.obj = Settings(lang=(os.environ.get("SSW_LANG") or "nl").lower())
    obj: Settings = root_ctx.obj
    return obj


def language(ctx: typer.Context, value: str | None) -> str:
    """The language of this command (its --lang, else the global one, else SSW_LANG, else nl)."""
    obj = settings_of(ctx)
    lang = (value or obj.lang or os.environ.get("SSW_LANG") or "nl").lower()
    if lang not in LANGUAGES:
        raise SswError("err.bad-option", exit_code=2, value=lang, option="--lang", valid=", ".join(LANGUAGES))
    obj.lang, obj.resolved = lang, True
    return lang


def settings(ctx: typer.Context, root: str | None, lang: str | None) -> tuple[Root, str]:
    """Resolve the root and language; command options win over global ones."""
    from ssw.root import find_root

    lang_ = language(ctx, lang)
    return find_root(root or settings_of(ctx).root), lang_


def load_data(root: Root, *, allow_invalid: bool = False) -> Loaded:
    """Load and validate; problems stop the command unless `allow_invalid`."""
    from ssw.loader import load

    loaded = load(root)
    if loaded.problems and not allow_invalid:
        raise ProblemsFound(loaded.problems)
    return loaded


def open_data(ctx: typer.Context, root: str | None, lang: str | None, format: str | None = None,
              formats: tuple[str, ...] = ()) -> tuple[Root, str, Loaded]:
    """The start of every reading command: root and language, the format checked (a usage
    error before any work), the data loaded and validated."""
    root_, lang_ = settings(ctx, root, lang)
    if format is not None:
        choice(format, formats, "--format")
    return root_, lang_, load_data(root_)


def parse_day(value: str | None, option: str) -> dt.date | None:
    """`--as-of`/`--until`-style dates: a full date as given, a year or month as its last day."""
    if value is None:
        return None
    from ssw.dates import option_date

    date = option_date(value)
    return date.first if value.count("-") == 2 else date.last


def region_option(ds: Dataset, value: str | None) -> str | None:
    return None if value is None else platform_id(ds, value)


def platform_id(ds: Dataset, value: str) -> str:
    """A platform as a user may name it (any case, `Oost-Vlaanderen`), or a usage error."""
    from ssw.lookup import normalise_platform

    slug = normalise_platform(value)
    if slug not in ds.platforms:
        raise SswError("err.unknown-region", exit_code=2, value=value, valid=", ".join(sorted(ds.platforms)))
    return slug


def plan_option(ds: Dataset, value: str | None) -> str | None:
    if value is None:
        return None
    if value.lower() not in ds.plans:
        raise SswError("err.unknown-plan", exit_code=2, value=value, valid=", ".join(sorted(ds.plans)))
    return value.lower()


def slug_option(value: str | None, valid: list[str], option: str) -> str | None:
    if value is None:
        return None
    slug = value.strip().lower()
    if slug not in valid:
        raise SswError("err.bad-option", exit_code=2, value=value, option=option, valid=", ".join(valid))
    return slug


def tag_ids(ds: Dataset, plan_id: str | None, field: str) -> list[str]:
    chosen = ds.plans[plan_id] if plan_id else ds.default_plan()
    return [tag.id for tag in getattr(chosen.file, field)] if chosen else []


def theme_ids(ds: Dataset) -> list[str]:
    """The themes `--theme` may name: those of every plan, in plan order."""
    from ssw.ids import natural_key

    return sorted({t for p in ds.plans.values() for t in p.themes}, key=natural_key)


def choice(value: str, valid: tuple[str, ...], option: str, key: str = "err.bad-option") -> str:
    if value not in valid:
        raise SswError(key, exit_code=2, value=value, option=option, valid=", ".join(valid))
    return value


def print_json(data: Any) -> None:
    """Indented for people on a terminal; compact when piped (the C encoder: large outputs
    take a fraction of the time). The content is the same either way."""
    import json

    from ssw.escape import json_text

    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")
