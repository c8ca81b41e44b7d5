"""Steering insight: changes (what moved between two moments in git), coverage (what
moves per speerpunt and krachtlijn), agenda (proposals for the next stuurgroep).

The commands call the core (ssw.changes, ssw.coverage, ssw.agenda, ssw.obligations,
ssw.amendments) and hand its plain data to the renderers in `terminal` (plain lines through
`terminal.Out`, so the layout is the same piped or on a colour terminal).
"""

from __future__ import annotations

from typing import Annotated

import typer

from ssw.cli import terminal
from ssw.cli.base import app
from ssw.cli.options import AsOfOpt, LangOpt, PlanOpt, RootOpt, h, open_data, parse_day, plan_option, print_json

TableJsonOpt = Annotated[str, typer.Option("--format", help=h("opt.format-table-json"))]


@app.command(help=h("cmd.changes"))
def changes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option("--since", metavar="REF|DATE", help=h("opt.since"), show_default=False)],
    until: Annotated[str | None, typer.Option("--until", metavar="REF|DATE", help=h("opt.until"), show_default=False)] = None,
    format: TableJsonOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """What changed between two moments in git: status changes, new updates, new or dropped own actions, new signals; per theme and platform, with who committed them. Help text: i18n `cmd.changes`."""
    from ssw import changes as core

    root_, lang_, _ = open_data(ctx, root, lang, format, ("table", "json"))
    result = core.changes_between(root_, since, until)
    if format == "json":
        print_json(core.changes_dict(result))
    else:
        terminal.print_changes(result, lang_)


@app.command(help=h("cmd.coverage"))
def coverage(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help=h("opt.coverage-year"), show_default=False)] = None,
    plan: PlanOpt = None,
    format: TableJsonOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """What moves in a year: active items per speerpunt and krachtlijn, per platform; gaps (nothing moving) and focus themes without movement; the plan as adopted beside the plan with amendments. Help text: i18n `cmd.coverage`."""
    import datetime as dt

    from ssw import amendments as am
    from ssw import coverage as core

    root_, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json"))
    ds = loaded.data
    cov = core.coverage(ds, plan_option(ds, plan), year)
    amended = am.amendments(ds, cov.plan, min(cov.as_of, dt.date(cov.year, 12, 31)), root_.stale_months)
    if format == "json":
        print_json({**core.coverage_dict(cov), "amendments": am.amendments_dict(amended)})
    else:
        terminal.print_coverage(cov, amended, lang_)


@app.command(help=h("cmd.agenda"))
def agenda(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    stale_after: Annotated[int, typer.Option("--stale-after", min=1, metavar="MONTHS", help=h("opt.stale-after"))] = 12,
    late_after: Annotated[int, typer.Option("--late-after", min=0, metavar="MONTHS", help=h("opt.late-after"))] = 6,
    plan: PlanOpt = None,
    format: TableJsonOpt = "table",
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Proposals for the next stuurgroep's agenda: items quiet or late for long, open follow-ups of decisions, platforms without their yearly account, speerpunten without movement, open signals. Help text: i18n `cmd.agenda`."""
    from ssw import agenda as core

    day = parse_day(as_of, "--as-of")
    _, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json"))
    ds = loaded.data
    result = core.agenda(ds, plan_option(ds, plan), day, stale_after, late_after)
    if format == "json":
        print_json(core.agenda_dict(result))
    else:
        terminal.print_agenda(result, lang_)
