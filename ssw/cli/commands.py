"""Commands that read: validate, schema, status, show, regions."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ssw.cli import (  # noqa: I001
    _open,
    h,
    AsOfOpt,
    FormatOpt,
    LangOpt,
    PlanOpt,
    RegionOpt,
    RootOpt,
    _choice,
    _lang,
    _parse_day,
    _plan,
    _print_json,
    _region,
    _settings,
    _slug_option,
    _tag_ids,
    app,
)
from ssw.i18n import t
from ssw.problems import SswError


@app.command(help=h("cmd.validate"))
def validate(
    root: RootOpt = None,
    lang: LangOpt = None,
    format: Annotated[str, typer.Option("--format", help=h("opt.format-validate"))] = "text",
) -> None:
    """Check every file: YAML, schema, ids, references, dates. Help text: i18n `cmd.validate`."""
    from ssw.forge import FORMATS
    from ssw.loader import load

    root_, lang_ = _settings(root, lang)
    _choice(format, FORMATS, "--format")
    loaded = load(root_)
    from ssw.cli import terminal

    terminal.print_validation(loaded, lang_, format)
    raise typer.Exit(1 if loaded.problems else 0)


@app.command(help=h("cmd.schema"))
def schema(
    kind: Annotated[Optional[str], typer.Argument(help=h("opt.schema-kind"))] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
    out: Annotated[Optional[str], typer.Option("--out", help=h("opt.schema-out"))] = None,
) -> None:
    """JSON Schema of every file kind, for editors. Help text: i18n `cmd.schema`."""
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


@app.command(help=h("cmd.status"))
def status(
    plan: PlanOpt = None,
    theme: Annotated[Optional[list[str]], typer.Option("--theme", help=h("opt.theme"), show_default=False)] = None,
    region: RegionOpt = None,
    status_: Annotated[Optional[list[str]], typer.Option("--status", help=h("opt.status-filter"), show_default=False)] = None,
    krachtlijn: Annotated[Optional[str], typer.Option("--krachtlijn", help=h("opt.krachtlijn"), show_default=False)] = None,
    partner: Annotated[Optional[str], typer.Option("--partner", help=h("opt.partner"), show_default=False)] = None,
    speerpunt: Annotated[Optional[str], typer.Option("--speerpunt", help=h("opt.speerpunt"), show_default=False)] = None,
    stale: Annotated[bool, typer.Option("--stale", help=h("opt.stale"))] = False,
    late: Annotated[bool, typer.Option("--late", help=h("opt.late"))] = False,
    as_of: AsOfOpt = None,
    format: FormatOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Where do we stand: progress per theme, speerpunt and platform; quiet and late items. Help text: i18n `cmd.status`."""
    from ssw import status as st
    from ssw.cli import terminal

    day = _parse_day(as_of, "--as-of")
    root_, lang_, loaded = _open(root, lang, format, ("table", "json", "csv"))
    ds = loaded.data
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
    if format == "csv":
        sys.stdout.write(terminal.status_csv(rep))
        return
    # the yearly account of the regional platforms shown (all of them, or the --region one)
    import dataclasses

    from ssw import obligations as ob_core

    ob = ob_core.obligations(ds, rep.plan.id, rep.as_of)
    shown = {r.platform for r in rep.regions}
    ob = dataclasses.replace(ob, platforms=tuple(p for p in ob.platforms if p in shown))
    if format == "json":
        _print_json({**st.report_dict(rep), "obligations": ob_core.obligations_dict(ob)})
    else:
        others = sorted(p for p in ds.plans if p != rep.plan.id)
        terminal.print_status(rep, lang_, others, ob)


@app.command(help=h("cmd.show"))
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help=h("opt.show-id"))],
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show one theme, action, initiative, platform or organisation with its history. Help text: i18n `cmd.show`."""
    from ssw import lookup
    from ssw.cli import terminal
    from ssw import status as st

    day = _parse_day(as_of, "--as-of")
    root_, lang_, loaded = _open(root, lang)
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
        terminal.print_item(ds, item, state, lang_)
    elif found.kind == "platform":
        rep = st.compute_status(ds, None, day, root_.stale_months)
        terminal.print_platform(ds, found.value, lang_, rep)
    else:
        terminal.print_organisation(ds, found.value, lang_)


@app.command(help=h("cmd.regions"))
def regions(
    as_of: AsOfOpt = None,
    format: FormatOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """The platforms: chair, last update, focus themes of the year. Help text: i18n `cmd.regions`."""
    from ssw import status as st
    from ssw.cli import terminal

    day = _parse_day(as_of, "--as-of")
    root_, lang_, loaded = _open(root, lang, format, ("table", "json"))
    rep = st.compute_status(loaded.data, None, day, root_.stale_months)
    if format == "json":
        data = st.report_dict(rep)
        _print_json({"as_of": data["as_of"], "as_of_reason": data["as_of_reason"], "regions": data["regions"]})
    else:
        terminal.print_regions(rep, lang_)
