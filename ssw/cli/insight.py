"""Steering insight: changes (what moved between two moments in git), coverage (what
moves per speerpunt and krachtlijn), agenda (proposals for the next stuurgroep).

The commands call the core (ssw.changes, ssw.coverage, ssw.agenda, ssw.obligations,
ssw.amendments) and render its plain data; the renderers live here, as plain lines
through `terminal.Out`, so the layout is the same piped or on a colour terminal.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from ssw.cli.base import app
from ssw.cli.options import AsOfOpt, LangOpt, PlanOpt, RootOpt, h, open_data, parse_day, plan_option, print_json
from ssw.cli.terminal import COLOURS, OB_COLOURS, Out, fit, table
from ssw.i18n import format_date, t
from ssw.symbols import OB_SYMBOLS, SYMBOLS

TableJsonOpt = Annotated[str, typer.Option("--format", help=h("opt.format-table-json"))]


@app.command(help=h("cmd.changes"))
def changes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option("--since", metavar="REF|DATE", help=h("opt.since"), show_default=False)],
    until: Annotated[Optional[str], typer.Option("--until", metavar="REF|DATE", help=h("opt.until"), show_default=False)] = None,
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
        print_changes(result, lang_)


@app.command(help=h("cmd.coverage"))
def coverage(
    ctx: typer.Context,
    year: Annotated[Optional[int], typer.Option("--year", help=h("opt.coverage-year"), show_default=False)] = None,
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
        print_coverage(cov, amended, lang_)


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
    root_, lang_, loaded = open_data(ctx, root, lang, format, ("table", "json"))
    ds = loaded.data
    result = core.agenda(ds, plan_option(ds, plan), day, stale_after, late_after)
    if format == "json":
        print_json(core.agenda_dict(result))
    else:
        print_agenda(result, lang_)


# -- rendering: changes -------------------------------------------------------------------


def _point(point: Any, lang: str) -> str:
    return t("ch.point", lang, value=point.value, commit=point.commit[:7], date=format_date(point.date, lang))


def _status(value: str, lang: str) -> str:
    return t("status." + value, lang)


def _describe(change: Any, lang: str) -> str:
    data = change.data
    if change.kind == "status":
        when = f" ({data['date']})" if data.get("date") else ""
        return f"{change.id}  {_status(data['from'], lang)} → {_status(data['to'], lang)}{when}"
    if change.kind == "update":
        note = f": {data['note']}" if data.get("note") else ""
        return f"{data['date']} {data['target']} {SYMBOLS[data['status']]} {_status(data['status'], lang)}{note}"
    if change.kind == "signal":
        return f"{change.id} [{t('report.type.' + data['type'], lang)}] {change.title}"
    return f"{change.id} {change.title}"


def print_changes(ch: Any, lang: str) -> None:
    from ssw.changes import changes_dict, groups

    out = Out()
    out.wrap(t("ch.title", lang, since=_point(ch.since, lang), until=_point(ch.until, lang)), style="bold")
    out.wrap(t("ch.as-of", lang, date=format_date(ch.as_of, lang)), style="dim")
    for side in ("since", "until"):
        if ch.problems[side]:
            out.wrap(t("ch.problems", lang, count=ch.problems[side], point=getattr(ch, side).value), style="yellow")
    totals = changes_dict(ch)["totals"]
    out.wrap(t("ch.summary", lang, **{k: v for k, v in totals.items() if k != "committed_by"}))
    if totals["committed_by"]:
        out.wrap(t("ch.committers", lang, names=", ".join(totals["committed_by"])))
    if ch.empty:
        out.blank()
        out.line(t("ch.none", lang))
    labels = {k: t("ch.kind." + k, lang) for k in ("status", "update", "action-added", "action-dropped", "signal")}
    label_w = max(len(v) for v in labels.values())
    names = [c.by.name for c in ch.all() if c.by]
    name_w = min(16, max((len(n) for n in names), default=0))
    for theme, platforms in groups(ch):
        out.blank()
        title = ch.theme_titles.get(theme or "", "")
        head = f"{theme}  {title}" if theme else t("ch.no-theme", lang)
        out.line((fit(head, out.width).rstrip(), "bold"))
        for platform, items in platforms:
            out.line(f"  {platform}")
            for c in items:
                room = max(10, out.width - 4 - label_w - 2 - (name_w + 2 if name_w else 0))
                style = COLOURS.get(c.data.get("to") or c.data.get("status") or "", "")
                who = fit(c.by.name if c.by else "—", name_w) if name_w else ""
                out.line(f"    {labels[c.kind]:<{label_w}}  ", (fit(_describe(c, lang), room), style),
                         (f"  {who}".rstrip(), "dim"))
    if ch.commits:
        out.blank()
        out.line((t("ch.commits", lang, count=len(ch.commits)), "bold"))
        author_w = min(20, max(len(c.author) for c in ch.commits))
        for c in ch.commits:
            head = f"  {c.date} {c.sha[:7]} {fit(c.author, author_w)} "
            out.line(head, (fit(c.subject, max(10, out.width - len(head))).rstrip(), "dim"))
    out.flush()


# -- rendering: coverage -----------------------------------------------------------------


def short_codes(platforms: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Column headers that fit 80 columns: `oost-vlaanderen` -> OV, `antwerpen` -> ANT."""
    codes: dict[str, str] = {}
    for p in platforms:
        parts = [x for x in p.split("-") if x]
        code = "".join(x[0] for x in parts).upper() if len(parts) > 1 else p[:3].upper()
        base, n = code, 1
        while code in codes.values():
            n += 1
            code = f"{base}{n}"
        codes[p] = code
    return codes


def print_coverage(cov: Any, amended: Any, lang: str) -> None:
    out = Out()
    out.wrap(t("cov.title", lang, year=cov.year, date=format_date(cov.as_of, lang)), style="bold")
    out.wrap(t("cov.rule", lang, year=cov.year), style="dim")
    codes = short_codes(cov.platforms)
    if not cov.lines():
        out.line(t("cov.no-tags", lang, plan=cov.plan))
    for dimension, lines in (("speerpunt", cov.speerpunten), ("krachtlijn", cov.krachtlijnen)):
        if not lines:
            continue
        out.blank()
        headers = [t("cov.col." + dimension, lang)] + [codes[p] for p in cov.platforms] + [t("cov.col.total", lang)]
        rows, styles = [], []
        for ln in lines:
            rows.append([ln.id] + [str(len(ln.cells[p].active)) if ln.cells[p].active else "—" for p in cov.platforms]
                        + [str(len(ln.total))])
            styles.append(["bold"] + ["" if ln.cells[p].active else "red" for p in cov.platforms]
                          + ["" if ln.total else "red"])
        table(out, headers, rows, right=set(range(1, len(headers))), styles=styles)
    out.wrap(t("cov.legend", lang) + " " + ", ".join(f"{c} = {p}" for p, c in codes.items()), style="dim")
    out.blank()
    out.line((t("cov.gaps", lang), "bold"))
    quiet = cov.quiet_speerpunten()
    if quiet:
        out.wrap(t("cov.quiet-speerpunten", lang, ids=", ".join(ln.id for ln in quiet)), indent="  ", style="red")
    for ln in cov.speerpunten:
        if ln.total and ln.gaps:
            out.wrap(f"{ln.id}: " + t("cov.nothing-in", lang, platforms=", ".join(ln.gaps)), indent="  ")
    if cov.focus_gaps:
        by_platform: dict[str, list[str]] = {}
        for p, theme in cov.focus_gaps:
            by_platform.setdefault(p, []).append(theme)
        for p, themes in by_platform.items():
            out.wrap(t("cov.focus-gap", lang, platform=p, year=cov.year, themes=", ".join(themes)), indent="  ", style="yellow")
    if not quiet and not cov.focus_gaps and not any(ln.gaps for ln in cov.speerpunten):
        out.line("  " + t("st.none", lang))
    out.blank()
    out.line((t("am.title", lang, date=format_date(amended.as_of, lang)), "bold"))
    for key, counts in (("am.adopted", amended.adopted), ("am.amended", amended.amended)):
        out.wrap(t(key, lang, done=counts.realised, total=counts.total, pct=counts.progress_pct), indent="  ")
    out.wrap(t("fig.data", lang, with_data=amended.adopted.with_data, items=amended.adopted.total,
               without=amended.adopted.without_data), indent="  ", style="dim")
    if amended.dropped_items:
        out.wrap(t("am.dropped-items", lang, ids=", ".join(amended.dropped_items)), indent="  ", style="dim")
    if amended.added_actions:
        out.wrap(t("am.added-actions", lang, ids=", ".join(amended.added_actions)), indent="  ", style="dim")
    if amended.dropped_actions:
        out.wrap(t("am.dropped-actions", lang, ids=", ".join(amended.dropped_actions)), indent="  ", style="dim")
    out.flush()


# -- rendering: agenda ------------------------------------------------------------------




def _item_line(out: Out, item: Any, status: str, tail: str) -> None:
    from ssw.cli.terminal import item_line

    item_line(out, item, status, tail)


def print_agenda(ag: Any, lang: str) -> None:
    out = Out()
    out.wrap(t("ag.title", lang, asof=t(f"asof.{ag.as_of_reason}", lang, date=format_date(ag.as_of, lang))), style="bold")
    fig = ag.figures
    out.wrap(t("fig.data", lang, with_data=fig.with_data, items=fig.items, without=fig.without_data))
    if ag.empty:
        out.line(t("ag.empty", lang))

    def section(key: str, count: int, **params: Any) -> None:
        out.blank()
        out.wrap(t(key, lang, count=count, **params), style="bold")
        if not count:
            out.line("  " + t("st.none", lang))

    section("ag.quiet", len(ag.quiet), months=ag.stale_after)
    for q in ag.quiet:
        _item_line(out, q.item, q.status, t("ag.quiet-since", lang, platform=q.platform, date=str(q.last), months=q.months))
    if ag.unknown:
        out.wrap(t("ag.unknown", lang, count=ag.unknown), indent="  ", style="dim")
    section("ag.late", len(ag.late), months=ag.late_after)
    for x in ag.late:
        _item_line(out, x.item, x.status, t("ag.late-since", lang, due=str(x.due), months=x.months))
    if ag.past_due:
        out.blank()
        out.line((t("st.past-due", lang), "bold"))
        for item in ag.past_due:
            _item_line(out, item, "onbekend", t("st.due", lang, due=str(item.due)))
    section("ag.follow-ups", len(ag.follow_ups))
    for f in ag.follow_ups:
        due = t("ag.follow-up-due", lang, date=format_date(f.due, lang)) if f.due else t("ag.follow-up-none", lang)
        flag = (" — " + t("ag.overdue", lang)) if f.overdue else ""
        items = f" [{', '.join(f.items)}]" if f.items else ""
        if len(f"  {f.id}  {due}{flag}{items}") <= out.width:
            out.line(f"  {f.id}  ", (due + flag, "red" if f.overdue else ""), (items, "dim"))
        else:  # the items below, whole: the date is never cut
            out.line(f"  {f.id}  ", (due + flag, "red" if f.overdue else ""))
            out.wrap(items.strip(), indent="      ", style="dim")
        out.wrap(f"{format_date(f.date, lang)}: {f.text}", indent="      ")
    section("ag.not-reported", len(ag.not_reported), year=ag.year)
    for p, cell in ag.not_reported:
        out.line(f"  {p:<16} ", (f"{OB_SYMBOLS[cell.state]} {t('ob.' + cell.state, lang)}", OB_COLOURS[cell.state]))
    if ag.year in ag.obligations.years and not ag.obligations.recorded(ag.year):
        out.wrap(t("report.ob.no-data", lang, year=ag.year), indent="  ", style="dim")
    if ag.year in ag.obligations.years and not ag.obligations.complete(ag.year):
        out.wrap(t("ag.year-open", lang, year=ag.year), indent="  ", style="dim")
    quiet_sp = ag.coverage.quiet_speerpunten() if ag.coverage else []
    section("ag.quiet-speerpunten", len(quiet_sp), year=ag.year)
    for ln in quiet_sp:
        out.line(f"  ★ {ln.id:<18} ", (fit(ln.title, max(10, out.width - 23)).rstrip(), "dim"))
    section("ag.signals", len(ag.open_signals))
    for e in ag.open_signals:
        head = f"  {str(e.model.date):<10} {e.platform:<16} "
        out.line(head, fit(f"{e.model.id}: {e.model.title}", max(10, out.width - len(head))).rstrip())
    print_obligations(out, ag.obligations, lang)
    out.flush()


def print_obligations(out: Out, ob: Any, lang: str) -> None:
    """The platforms × years matrix of the yearly account (also usable by `status`)."""
    if not ob.years or not ob.platforms:
        return
    out.blank()
    out.line((t("ob.title", lang), "bold"))
    headers = [t("rg.col.platform", lang)] + [str(y) + ("" if ob.complete(y) else "*") for y in ob.years]
    rows, styles = [], []
    for p in ob.platforms:
        cells = ob.row(p)
        rows.append([p] + [OB_SYMBOLS[c.state] for _, c in cells])
        styles.append([""] + [OB_COLOURS[c.state] for _, c in cells])
    table(out, headers, rows, right=set(range(1, len(headers))), styles=styles)
    out.wrap(t("ob.legend", lang), style="dim")
