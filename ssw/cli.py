"""The command line: parse options, call the core, render. No logic lives here.

Heavy modules (pydantic, rich, jinja2) are imported inside the commands that need
them, so `ssw --version` and the start of every command stay fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any, Optional

import typer

from ssw import __version__
from ssw.i18n import t
from ssw.problems import ProblemsFound, SswError

HELP = {
    "app": "Volg het Actieplan Sterk Sociaal Werk op vanuit YAML-bestanden in git.\n\nVoorbeeld: ssw status --region antwerpen",
}

RootOpt = Annotated[Optional[str], typer.Option("--root", help="Data-map (anders SSW_ROOT, anders zoeken vanaf de huidige map).", show_default=False)]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Taal van de uitvoer: nl of en (ook SSW_LANG).", show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", help="table, json of csv.")]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["--help", "-h"]},
    help=HELP["app"],
)


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ssw {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    root: RootOpt = None,
    lang: LangOpt = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie.")] = False,
) -> None:
    State.root = root
    State.lang = (lang or os.environ.get("SSW_LANG") or "nl").lower()


@app.command()
def validate(
    root: RootOpt = None,
    lang: LangOpt = None,
    format: Annotated[str, typer.Option("--format", help="text of json.")] = "text",
) -> None:
    """Controleer alle bestanden: YAML, schema, ids, verwijzingen, datums.

    Voorbeeld: ssw validate --format json
    """
    from ssw.loader import load

    root_, lang_ = _settings(root, lang)
    _choice(format, ("text", "json"), "--format")
    loaded = load(root_)
    from ssw import terminal

    terminal.print_validation(loaded, lang_, format)
    raise typer.Exit(1 if loaded.problems else 0)


@app.command()
def schema(
    kind: Annotated[Optional[str], typer.Argument(help="Eén bestandssoort (plan, theme, updates, ...); zonder: schrijf ze allemaal naar schemas/.")] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
    out: Annotated[Optional[str], typer.Option("--out", help="Map voor de schema's (standaard schemas/ in de repository).")] = None,
) -> None:
    """JSON Schema van elke bestandssoort, voor editors.

    Voorbeeld: ssw schema updates
    """
    from pathlib import Path

    from ssw import models, schema as schema_mod

    lang_ = _lang(lang)
    if kind is not None:
        _choice(kind, tuple(models.KINDS), "KIND", key="err.unknown-kind")
        typer.echo(schema_mod.schema_text(kind), nl=False)
        return
    if out is None:
        root_, _ = _settings(root, lang)
        folder = Path(root_.path) / "schemas"
    else:
        folder = Path(out)
    written = schema_mod.write_schemas(folder)
    typer.echo(t("out.schema-written", lang_, count=len(written), path=str(folder)))


PlanOpt = Annotated[Optional[str], typer.Option("--plan", help="Plan-id, bv. ssw-2020-2024 of sam-2021-2025.", show_default=False)]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Bekijk de stand op deze dag (JJJJ-MM-DD).", show_default=False)]
RegionOpt = Annotated[Optional[str], typer.Option("--region", help="Platform-id, bv. antwerpen of vlaanderen.", show_default=False)]


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


@app.command()
def status(
    plan: PlanOpt = None,
    theme: Annotated[Optional[list[str]], typer.Option("--theme", help="Thema-id (herhaalbaar), bv. 4.2.", show_default=False)] = None,
    region: RegionOpt = None,
    status_: Annotated[Optional[list[str]], typer.Option("--status", help="Alleen items met deze status (herhaalbaar).", show_default=False)] = None,
    krachtlijn: Annotated[Optional[str], typer.Option("--krachtlijn", help="nabijheid, politiserend, procesmatig, generalistisch of verbindend.", show_default=False)] = None,
    partner: Annotated[Optional[str], typer.Option("--partner", help="Organisatie-id (trekker of partner), bv. socius.", show_default=False)] = None,
    speerpunt: Annotated[Optional[str], typer.Option("--speerpunt", help="draagvlak, multidisciplinair, superdivers of hybridisering.", show_default=False)] = None,
    stale: Annotated[bool, typer.Option("--stale", help="Alleen stille items.")] = False,
    late: Annotated[bool, typer.Option("--late", help="Alleen items die te laat zijn.")] = False,
    as_of: AsOfOpt = None,
    format: FormatOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Waar staan we: voortgang per thema, speerpunt en platform; stille en late items.

    Voorbeeld: ssw status --region antwerpen --stale
    """
    from ssw import status as st
    from ssw import terminal

    root_, lang_ = _settings(root, lang)
    _choice(format, ("table", "json", "csv"), "--format")
    day = _parse_day(as_of, "--as-of")
    ds = _load(root_, lang_).data
    plan_id = _plan(ds, plan)
    statuses = tuple(_slug_option(s, list(st.STATUSES), "--status") or "" for s in status_ or [])
    filters = st.Filters(
        themes=tuple(theme or ()),
        region=_region(ds, region),
        statuses=statuses,
        krachtlijn=_slug_option(krachtlijn, _tag_ids(ds, plan_id, "krachtlijnen"), "--krachtlijn"),
        partner=_slug_option(partner, sorted(ds.organisations), "--partner"),
        speerpunt=_slug_option(speerpunt, _tag_ids(ds, plan_id, "speerpunten"), "--speerpunt"),
        stale=stale,
        late=late,
    )
    rep = st.compute_status(ds, plan_id, day, root_.stale_months, filters)
    if format == "json":
        _print_json(st.report_dict(rep))
    elif format == "csv":
        sys.stdout.write(terminal.status_csv(rep))
    else:
        others = sorted(p for p in ds.plans if p != rep.plan.id)
        terminal.print_status(rep, lang_, others)


def _tag_ids(ds: Any, plan_id: str | None, field: str) -> list[str]:
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    return [tag.id for tag in getattr(plan.file, field)] if plan else []


def _print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="Thema, actie, initiatief, platform of organisatie.")],
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Toon één thema, actie, initiatief, platform of organisatie met zijn geschiedenis.

    Voorbeeld: ssw show 4.8.1
    """
    from ssw import lookup, terminal
    from ssw import status as st
    from ssw.loader import update_lines

    root_, lang_ = _settings(root, lang)
    day = _parse_day(as_of, "--as-of")
    loaded = _load(root_, lang_)
    ds = loaded.data
    found = lookup.find(ds, ident)
    if found is None:
        close = lookup.suggestions(ds, ident)
        if close:
            raise SswError("err.unknown-id-suggest", id=ident, suggestions=", ".join(close))
        raise SswError("err.unknown-id", id=ident)
    if found.kind == "item":
        item = found.value
        plan = ds.plans.get(item.plan)
        day_, _ = st.default_as_of(plan, day) if plan else (day, "")
        state = st.item_states(ds, day_, root_.stale_months).get(item.key)
        update_lines(root_, ds)
        terminal.print_item(ds, item, state, lang_)
    elif found.kind == "platform":
        rep = st.compute_status(ds, None, day, root_.stale_months)
        terminal.print_platform(ds, found.value, lang_, rep)
    else:
        terminal.print_organisation(ds, found.value, lang_)


@app.command()
def regions(
    as_of: AsOfOpt = None,
    format: FormatOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """De platformen: voorzitter, laatste update, focusthema's van dit jaar.

    Voorbeeld: ssw regions --format json
    """
    from ssw import status as st
    from ssw import terminal

    root_, lang_ = _settings(root, lang)
    _choice(format, ("table", "json"), "--format")
    ds = _load(root_, lang_).data
    rep = st.compute_status(ds, None, _parse_day(as_of, "--as-of"), root_.stale_months)
    if format == "json":
        data = st.report_dict(rep)
        _print_json({"as_of": data["as_of"], "as_of_reason": data["as_of_reason"], "regions": data["regions"]})
    else:
        terminal.print_regions(rep, lang_)


def _choice(value: str, valid: tuple[str, ...], option: str, key: str = "err.bad-option") -> str:
    if value not in valid:
        raise SswError(key, exit_code=2, value=value, option=option, valid=", ".join(valid))
    return value


def _hoist_global_options(argv: list[str]) -> list[str]:
    """`ssw report --lang en` = `ssw --lang en report`: move --root/--lang forward is not
    needed (every command accepts them); this only keeps `--version` fast."""
    return argv


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        print(f"ssw {__version__}")
        return
    try:
        app(args=args, prog_name="ssw", standalone_mode=False)
    except SswError as exc:
        _report_error(exc)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # click usage errors and anything unforeseen
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        lang = State.lang if State.lang in ("nl", "en") else "nl"
        print(t("err.internal", lang, kind=type(exc).__name__, detail=str(exc)[:200]), file=sys.stderr)
        sys.exit(1)


def _report_error(exc: SswError) -> None:
    lang = State.lang if State.lang in ("nl", "en") else "nl"
    if exc.problems:
        from ssw import terminal

        terminal.print_problems(exc.problems, lang, sys.stderr)
        print(exc.message(lang), file=sys.stderr)
        return
    print(f"ssw: {exc.message(lang)}", file=sys.stderr)
