"""Commands about plans: `ssw plans` (list) and `ssw plan new` (a successor)."""

from __future__ import annotations

from typing import Annotated

import typer

from ssw.cli.base import SswGroup, app
from ssw.cli.options import LangOpt, RootOpt, h, open_data, print_json
from ssw.i18n import t, tn

plan_app = typer.Typer(cls=SswGroup, help=h("cmd.plan"), no_args_is_help=True, rich_markup_mode=None,
                       context_settings={"help_option_names": ["--help", "-h"]})
app.add_typer(plan_app, name="plan")


@plan_app.command("new", help=h("cmd.plan-new"))
def plan_new(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help=h("opt.plan-id"))],
    title: Annotated[str, typer.Option("--title", help=h("opt.plan-title"), show_default=False)],
    start: Annotated[str, typer.Option("--start", help=h("opt.plan-start"), show_default=False)],
    end: Annotated[str, typer.Option("--end", help=h("opt.plan-end"), show_default=False)],
    source: Annotated[str | None, typer.Option("--from", help=h("opt.plan-from"), show_default=False)] = None,
    carry_over: Annotated[bool, typer.Option("--carry-over", help=h("opt.carry-over"))] = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Create a plan, optionally carrying over what was not finished. Help text: i18n `cmd.plan-new`."""
    from ssw import plans

    _, lang_, loaded = open_data(ctx, root, lang)
    created = plans.create_plan(loaded, plans.NewPlan(ident, title, start, end, source, carry_over))
    typer.echo(t("out.plan-created", lang_, id=created.id, folder=created.folder, count=len(created.files),
                 family=created.family))
    if carry_over and created.source is not None:
        typer.echo(t("out.plan-carried", lang_, count=len(created.carried), old=created.source.id,
                     left=tn("n.left-behind", len(created.left), lang_), end=str(created.source.end)))
    typer.echo(t("out.plan-next", lang_, folder=created.folder))


@app.command("plans", help=h("cmd.plans"))
def plans_(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help=h("opt.format-table-json"))] = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """The plans side by side. Help text: i18n `cmd.plans`."""
    from ssw import plans
    from ssw.cli import terminal

    _, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json"))
    from ssw.clock import today

    day = today()
    found = plans.list_plans(loaded.data, day)
    if format == "json":
        print_json({"today": day.isoformat(), "plans": [p.as_dict() for p in found]})
    else:
        terminal.print_plans(found, lang_, day)
