"""Commands that read: validate, schema, status, show, regions."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ssw.cli.base import app
from ssw.cli.options import (
    AsOfOpt,
    FormatOpt,
    LangOpt,
    PlanOpt,
    RegionOpt,
    RootOpt,
    choice,
    complete,
    h,
    language,
    open_data,
    parse_day,
    plan_option,
    print_json,
    region_option,
    settings,
    slug_option,
    tag_ids,
    theme_ids,
)
from ssw.i18n import t


@app.command(help=h("cmd.validate"))
def validate(
    ctx: typer.Context,
    root: RootOpt = None,
    lang: LangOpt = None,
    format: Annotated[str, typer.Option("--format", help=h("opt.format-validate"))] = "text",
) -> None:
    """Check every file: YAML, schema, ids, references, dates. Help text: i18n `cmd.validate`."""
    from ssw.forge import FORMATS
    from ssw.loader import load

    root_, lang_ = settings(ctx, root, lang)
    choice(format, FORMATS, "--format")
    loaded = load(root_)
    from ssw.cli import terminal

    terminal.print_validation(loaded, lang_, format)
    raise typer.Exit(1 if loaded.problems else 0)


@app.command(help=h("cmd.schema"))
def schema(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Argument(help=h("opt.schema-kind"))] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
    out: Annotated[str | None, typer.Option("--out", help=h("opt.schema-out"))] = None,
) -> None:
    """JSON Schema of every file kind, for editors. Help text: i18n `cmd.schema`."""
    from pathlib import Path

    from ssw import models
    from ssw import schema as schema_mod

    lang_ = language(ctx, lang)
    if kind is not None:
        choice(kind, tuple(models.KINDS), "KIND", key="err.unknown-kind")
        typer.echo(schema_mod.schema_text(kind), nl=False)
        return
    if out is None:
        root_, _ = settings(ctx, root, lang)
        folder = Path(root_.path) / "schemas"
    else:
        folder = Path(out)
    written = schema_mod.write_schemas(folder)
    typer.echo(t("out.schema-written", lang_, count=len(written), path=str(folder)))


@app.command(help=h("cmd.status"))
def status(
    ctx: typer.Context,
    plan: PlanOpt = None,
    theme: Annotated[list[str] | None, typer.Option("--theme", help=h("opt.theme"), show_default=False,
                                                                 autocompletion=complete("theme"))] = None,
    region: RegionOpt = None,
    status_: Annotated[list[str] | None, typer.Option("--status", help=h("opt.status-filter"),
                                                                     show_default=False, autocompletion=complete("status"))] = None,
    krachtlijn: Annotated[str | None, typer.Option("--krachtlijn", help=h("opt.krachtlijn"), show_default=False)] = None,
    partner: Annotated[str | None, typer.Option("--partner", help=h("opt.partner"), show_default=False)] = None,
    speerpunt: Annotated[str | None, typer.Option("--speerpunt", help=h("opt.speerpunt"), show_default=False)] = None,
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

    day = parse_day(as_of, "--as-of")
    root_, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json", "csv"))
    ds = loaded.data
    plan_id = plan_option(ds, plan)
    statuses = tuple(slug_option(s, list(st.STATUSES), "--status") or "" for s in status_ or [])
    filters = st.Filters(
        themes=tuple(slug_option(t_, theme_ids(ds), "--theme") or "" for t_ in theme or ()),
        region=region_option(ds, region),
        statuses=statuses,
        krachtlijn=slug_option(krachtlijn, tag_ids(ds, plan_id, "krachtlijnen"), "--krachtlijn"),
        partner=slug_option(partner, sorted(ds.organisations), "--partner"),
        speerpunt=slug_option(speerpunt, tag_ids(ds, plan_id, "speerpunten"), "--speerpunt"),
        stale=stale,
        late=late,
    )
    rep = st.compute_status(ds, plan_id, day, root_.stale_months, filters)
    if format == "csv":
        sys.stdout.write(terminal.status_csv(rep))
        return
    from ssw import obligations as ob_core

    # the yearly account of the regional platforms shown (all of them, or the --region one)
    ob = ob_core.obligations(ds, rep.plan.id, rep.as_of).only({r.platform for r in rep.regions})
    if format == "json":
        print_json({**st.report_dict(rep), "obligations": ob_core.obligations_dict(ob)})
    else:
        others = sorted(p for p in ds.plans if p != rep.plan.id)
        terminal.print_status(rep, lang_, others, ob)


@app.command(help=h("cmd.show"))
def show(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help=h("opt.show-id"), autocompletion=complete("id"))],
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show one theme, action, initiative, platform or organisation with its history. Help text: i18n `cmd.show`."""
    from ssw import lookup
    from ssw import status as st
    from ssw.cli import terminal

    day = parse_day(as_of, "--as-of")
    root_, lang_, loaded = open_data(ctx, root, lang)
    found, ds = lookup.find_as_of(loaded.data, ident, day)  # as of a day: nothing after it
    if found.kind == "item":
        state = st.state_of(ds, found.value, day, root_.stale_months)
        terminal.print_item(ds, found.value, state, lang_, day)
    elif found.kind == "platform":
        rep = st.compute_status(ds, None, day, root_.stale_months)
        terminal.print_platform(ds, found.value, lang_, rep, day)
    else:
        terminal.print_organisation(ds, found.value, lang_, day)


@app.command(help=h("cmd.regions"))
def regions(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    format: FormatOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """The platforms: chair, last update, focus themes of the year. Help text: i18n `cmd.regions`."""
    from ssw import status as st
    from ssw.cli import terminal

    day = parse_day(as_of, "--as-of")
    root_, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json"))
    rep = st.compute_status(loaded.data, None, day, root_.stale_months)
    if format == "json":
        data = st.report_dict(rep)
        print_json({"as_of": data["as_of"], "as_of_reason": data["as_of_reason"], "regions": data["regions"]})
    else:
        terminal.print_regions(rep, lang_)
