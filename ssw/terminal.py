"""Rendering for the terminal (part of the CLI layer: the only other module using rich)."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from ssw.i18n import t
from ssw.problems import Problem


def print_problems(problems: list[Problem], lang: str, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    for problem in problems:
        print(problem.format(lang), file=out)


def print_validation(loaded: Any, lang: str, fmt: str) -> None:
    problems = loaded.problems
    if fmt == "json":
        files = len({p.path for p in problems})
        payload = {"ok": not problems, "count": len(problems), "files": files,
                   "problems": [p.as_dict(lang) for p in problems]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    print_problems(problems, lang)
    if problems:
        print(t("out.problem-count", lang, count=len(problems), files=len({p.path for p in problems})))
    else:
        ds = loaded.data
        print(t("out.valid", lang, files=loaded.files, items=len(ds.items), updates=len(ds.updates)))


# -- status ----------------------------------------------------------------------------

SYMBOLS = {"gerealiseerd": "✔", "lopend": "▶", "gepland": "○", "uitgesteld": "‖", "geschrapt": "✗", "onbekend": "?"}
COLOURS = {"gerealiseerd": "green", "lopend": "cyan", "gepland": "blue", "uitgesteld": "yellow", "geschrapt": "red", "onbekend": "dim"}


def console(stream: IO[str] | None = None) -> Any:
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=False)


def bar(counts: Any, width: int, plain: bool) -> str:
    full, empty = ("#", ".") if plain else ("█", "░")
    done = round(counts.progress * width)
    return full * done + empty * (width - done)


def as_of_line(rep: Any, lang: str) -> str:
    from ssw.i18n import format_date

    return t(f"asof.{rep.as_of_reason}", lang, date=format_date(rep.as_of, lang))


def _count_parts(counts: Any, lang: str) -> str:
    return " · ".join(f"{counts.by_status[s]} {t('status.' + s, lang)}" for s in counts.by_status)


def print_status(rep: Any, lang: str, other_plans: list[str]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ssw.i18n import format_date
    from ssw.status import STATUSES

    con = console()
    plain = not con.is_terminal
    con.print(Text(f"{rep.plan.file.title} — {as_of_line(rep, lang)}", style="bold"))
    active = {k: v for k, v in rep.filters.__dict__.items() if v}
    if active:
        con.print(t("st.filtered", lang, filters=", ".join(f"{k}={_fmt(v)}" for k, v in active.items())))
    con.print(t("st.summary", lang, total=rep.totals.total, parts=_count_parts(rep.totals, lang)))
    unknown = rep.totals.by_status["onbekend"]
    if unknown and unknown * 2 >= rep.totals.total:
        con.print(Text(t("st.no-data", lang, unknown=unknown, total=rep.totals.total), style="yellow"))
    con.print()

    count_width = max(2, len(str(rep.totals.total)))
    fixed = 6 + 16 + len(STATUSES) * (count_width + 1) + 1
    title_width = max(12, min(60, con.width - fixed))
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False, padding=(0, 1, 0, 0),
                  header_style=None if plain else "bold")
    table.add_column(t("st.col.id", lang), no_wrap=True, min_width=5)
    table.add_column(t("st.col.theme", lang), overflow="ellipsis", no_wrap=True, width=title_width)
    table.add_column(t("st.col.progress", lang), no_wrap=True, min_width=15)
    for s in STATUSES:
        table.add_column(SYMBOLS[s], justify="right", no_wrap=True, min_width=count_width,
                         style=None if plain else COLOURS[s])
    for row in rep.rows:
        star = "★" if row.item.speerpunten else " "
        pct = f"{row.counts.progress * 100:3.0f}%"
        table.add_row(f"{star}{row.item.id}", _short(row.item.title, title_width), f"{bar(row.counts, 10, plain)} {pct}",
                      *[str(row.counts.by_status[s]) for s in STATUSES])
    con.print(table)
    con.print(t("st.legend", lang), style=None if plain else "dim")

    if rep.speerpunten:
        con.print()
        con.print(Text(t("st.speerpunten", lang), style="bold"))
        for sp, counts in rep.speerpunten:
            themes = ", ".join(sp.themes)
            con.print(f"★ {sp.id:<17} {themes:<6} {bar(counts, 10, plain)} {counts.progress * 100:3.0f}%  "
                      + " ".join(f"{SYMBOLS[s]}{counts.by_status[s]}" for s in STATUSES))

    if rep.regions:
        con.print()
        con.print(Text(t("st.regions", lang), style="bold"))
        con.print(regions_table(rep, lang, plain, with_chair=False))
        for r in rep.regions:
            if r.incomplete:
                con.print(Text(f"  {r.platform}: " + t("st.incomplete", lang, files=", ".join(r.incomplete)), style="red"))

    con.print()
    con.print(Text(t("st.stale", lang, months=rep.stale_months), style="bold"))
    if not rep.stale:
        con.print("  " + t("st.none", lang))
    for s in rep.stale:
        platforms = ", ".join(s.stale_platforms) or (s.last.platform if s.last else "")
        last = format_date(s.last.date, lang) if s.last else "—"
        con.print(f"  {s.item.id:<10} {SYMBOLS[s.status]} {_short(s.item.title, 48)}  "
                  + t("st.last", lang, date=last, platforms=platforms))
    con.print()
    con.print(Text(t("st.late", lang), style="bold"))
    if not rep.late:
        con.print("  " + t("st.none", lang))
    for s in rep.late:
        con.print(f"  {s.item.id:<10} {SYMBOLS[s.status]} {_short(s.item.title, 48)}  "
                  + t("st.due", lang, due=format_date(s.item.due, lang)))
    if other_plans:
        con.print()
        con.print(t("st.other-plans", lang, plans=", ".join(other_plans)), style=None if plain else "dim")


def _fmt(value: Any) -> str:
    return ",".join(value) if isinstance(value, (tuple, list)) else str(value)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def status_csv(rep: Any) -> str:
    import csv
    import io

    from ssw.status import state_dict

    out = io.StringIO()
    fields = ["id", "plan", "kind", "theme", "title", "scope", "status", "due", "stil", "te_laat", "last_update",
              "lead", "partners", "krachtlijnen", "speerpunten", "platforms"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    from ssw.loader import natural_key

    for state in sorted(rep.states.values(), key=lambda s: natural_key(s.item.id)):
        row = state_dict(state, rep.filters.region)
        row["partners"] = ";".join(row["partners"])
        row["krachtlijnen"] = ";".join(row["krachtlijnen"])
        row["speerpunten"] = ";".join(row["speerpunten"])
        row["platforms"] = ";".join(f"{p}={v['status']}" for p, v in row["platforms"].items())
        row["stil"] = str(row["stil"]).lower()
        row["te_laat"] = str(row["te_laat"]).lower()
        writer.writerow({k: ("" if row[k] is None else row[k]) for k in fields})
    return out.getvalue()


# -- show ------------------------------------------------------------------------------


def print_item(ds: Any, item: Any, state: Any, lang: str) -> None:
    from rich.text import Text

    from ssw import lookup
    from ssw.i18n import format_date

    con = console()
    plain = not con.is_terminal
    title = t("show.title", lang, kind=t("kind." + item.kind, lang).capitalize(), id=item.id)
    con.print(Text(title, style="bold"))
    con.print(Text(item.title))
    if item.text:
        con.print()
        con.print(Text(item.text.strip()))
    con.print()
    fields: list[tuple[str, str]] = [("show.plan", item.plan)]
    if item.parent:
        parent = ds.items.get((item.plan, item.parent))
        fields.append(("show.parent", f"{item.parent} {_short(parent.title, 60) if parent else ''}"))
    if item.themes:
        fields.append(("show.themes", ", ".join(item.themes)))
    if item.kind in ("initiative", "action"):
        fields.append(("show.scope", t("scope." + item.scope, lang)))
    if item.due:
        fields.append(("show.due", format_date(item.due, lang)))
    if item.lead:
        fields.append(("show.lead", _org_name(ds, item.lead)))
    if item.partners:
        fields.append(("show.partners", ", ".join(_org_name(ds, p) for p in item.partners)))
    if item.krachtlijnen:
        fields.append(("show.krachtlijnen", ", ".join(item.krachtlijnen)))
    if item.speerpunten:
        fields.append(("show.speerpunten", ", ".join(item.speerpunten)))
    if state is not None:
        flags = [t("show.stil", lang)] * state.stil + [t("show.te-laat", lang)] * state.te_laat
        fields.append(("show.status", t("status." + state.status, lang) + (f" ({', '.join(flags)})" if flags else "")))
    width = max(len(t(k, lang)) for k, _ in fields)
    for key, value in fields:
        con.print(f"{t(key, lang):<{width}}  {value}")
    if item.lead_source:
        con.print(Text(f"{t('show.lead-source', lang):<{width}}  {' '.join(item.lead_source.split())}"), overflow="fold")
    if item.children:
        con.print()
        con.print(Text(t("show.children", lang), style="bold"))
        for child_id in item.children:
            child = ds.items.get((item.plan, child_id))
            if child is None:
                continue
            con.print(f"  {child_id:<10} {child.title}", overflow="fold")
    if state is not None and item.regional and state.platforms:
        con.print()
        con.print(Text(t("show.per-platform", lang), style="bold"))
        for p, ps in state.platforms.items():
            flag = f" ({t('show.stil', lang)})" if ps.stil else ""
            con.print(f"  {p:<16} {SYMBOLS[ps.status]} {t('status.' + ps.status, lang)}  {format_date(ps.last.date, lang)}{flag}")
    if item.trackable:
        con.print()
        con.print(Text(t("show.history", lang), style="bold"))
        recs = lookup.history(ds, item)
        if not recs:
            con.print("  " + t("show.no-history", lang))
        for rec in recs:
            u = rec.update
            who = f" — {u.author}" if u.author else ""
            con.print(Text(f"  {format_date(u.date, lang)}  {rec.platform}  {SYMBOLS[u.status.value]} {t('status.' + u.status.value, lang)}{who}"))
            if u.note:
                con.print(Text("      " + " ".join(u.note.split())), overflow="fold")
            for link in u.links:
                con.print(Text("      " + link, style=None if plain else "underline"))
            con.print(Text(f"      {rec.path}:{rec.line}", style=None if plain else "dim"))
    decisions = lookup.decisions_about(ds, item)
    if decisions:
        con.print()
        con.print(Text(t("show.decisions", lang), style="bold"))
        for e in decisions:
            con.print(Text(f"  {format_date(e.model.date, lang)}  {e.model.id}: {' '.join(e.model.text.split())}"), overflow="fold")


def _org_name(ds: Any, org_id: str) -> str:
    org = ds.organisations.get(org_id)
    return f"{org.name} ({org_id})" if org else org_id


def print_platform(ds: Any, platform_id: str, lang: str, rep: Any) -> None:
    from rich.text import Text

    from ssw import lookup
    from ssw.i18n import format_date

    con = console()
    p = ds.platforms[platform_id]
    con.print(Text(f"{t('kind.platform', lang).capitalize()} {platform_id}", style="bold"))
    con.print(p.name)
    con.print(f"{t('show.chair', lang)}: {p.chair.name if p.chair else t('show.unknown-chair', lang)}")
    for focus in p.focus:
        con.print(f"{t('show.focus', lang)} {focus.year}: {', '.join(focus.themes)}")
    for body in p.bodies:
        con.print()
        con.print(Text(body.name, style="bold"))
        if body.text:
            con.print(Text(" ".join(body.text.split())), overflow="fold")
        for member in body.members:
            con.print(Text(f"  - {member.text}"), overflow="fold")
    region = next((r for r in rep.regions if r.platform == platform_id), None)
    if region and region.own_actions:
        con.print()
        con.print(Text(t("kind.regional-action", lang).capitalize(), style="bold"))
        for s in region.own_actions:
            con.print(f"  {s.item.id:<20} {SYMBOLS[s.status]} {s.item.title}")
    con.print()
    con.print(Text(t("show.history", lang), style="bold"))
    recs = lookup.platform_updates(ds, platform_id)
    if not recs:
        con.print("  " + t("show.no-history", lang))
    for rec in recs:
        u = rec.update
        con.print(Text(f"  {format_date(u.date, lang)}  {u.target:<12} {SYMBOLS[u.status.value]} {t('status.' + u.status.value, lang)}  {_short(u.note, 60)}"))


def print_organisation(ds: Any, org: Any, lang: str) -> None:
    from rich.text import Text

    from ssw import lookup

    con = console()
    con.print(Text(f"{t('kind.organisation', lang).capitalize()} {org.id}", style="bold"))
    con.print(org.name)
    if org.aliases:
        con.print(f"{t('show.aliases', lang)}: {', '.join(org.aliases)}")
    if org.contacts:
        con.print()
        con.print(Text(t("show.contacts", lang), style="bold"))
        for c in org.contacts:
            themes = f" [{', '.join(c.themes)}]" if c.themes else ""
            con.print(f"  {c.name}: {', '.join(c.topics)}{themes}")
    items = lookup.organisation_items(ds, org.id)
    con.print()
    con.print(Text(t("show.items", lang), style="bold"))
    if not items:
        con.print("  " + t("st.none", lang))
    from ssw.loader import natural_key

    for item in sorted(items, key=lambda i: (i.plan, natural_key(i.id))):
        role = t("show.lead", lang) if item.lead == org.id else t("show.partners", lang)
        con.print(Text(f"  {item.id:<24} {role:<8} {_short(item.title, 60)}"))


# -- regions ---------------------------------------------------------------------------


def regions_table(rep: Any, lang: str, plain: bool, with_chair: bool = True) -> Any:
    from rich.table import Table

    from ssw.i18n import format_date

    year = rep.as_of.year
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0), header_style=None if plain else "bold")
    table.add_column(t("rg.col.platform", lang), no_wrap=True, min_width=15)
    if with_chair:
        table.add_column(t("rg.col.chair", lang), overflow="ellipsis", no_wrap=True, max_width=22)
    table.add_column(t("rg.col.last", lang), no_wrap=True, min_width=10)
    table.add_column(t("rg.col.focus", lang, year=year), no_wrap=True, min_width=10)
    table.add_column(t("rg.col.updates", lang, year=year), justify="right", no_wrap=True)
    table.add_column(t("rg.col.signals", lang), justify="right", no_wrap=True)
    if not with_chair:
        table.add_column(t("rg.col.own", lang), justify="right", no_wrap=True)
    for r in rep.regions:
        last = str(r.last_update.date) if r.last_update else "—"
        cells = [r.platform] + ([r.chair or "—"] if with_chair else []) + [last, ", ".join(r.focus) or "—",
                 str(r.updates_in_year), str(r.open_signals)] + ([] if with_chair else [str(len(r.own_actions))])
        table.add_row(*cells)
    return table


def print_regions(rep: Any, lang: str) -> None:
    from rich.text import Text

    con = console()
    con.print(Text(as_of_line(rep, lang), style="bold"))
    con.print(regions_table(rep, lang, not con.is_terminal))
