"""Tussentijds: what each regional platform worked on up to the conference (chapter 5: "ook
de regionale platformen zullen ... tonen waar zij ... aan gewerkt hebben"): its own actions,
the plan's themes it reported on, its focus themes with their years, and the stuurgroep's
interim judgement."""

from __future__ import annotations

from typing import Any

from ssw.ids import natural_key
from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    updates: dict[str, list[Any]] = {}
    for u in ctx.updates_in(ctx.period):
        updates.setdefault(u.platform, []).append(u)
    out = []
    for r in ctx.report.regions:
        if r.level != "regionaal":  # the plan asks the regional platforms to show their work
            continue
        pid = r.platform
        recs = updates.get(pid, [])
        themes: dict[str, int] = {}
        for u in recs:
            item = ctx.ds.items.get(u.item) if u.item else None
            if item is not None and item.theme and item.kind != "regional-action":
                themes[item.theme] = themes.get(item.theme, 0) + 1
        own = [s for s in r.own_actions if s.item.date and ctx.in_window(s.item.date, ctx.period)]
        platform = ctx.ds.platforms.get(pid)
        focus: dict[str, list[int]] = {}  # theme -> the years it was a focus theme
        for f in platform.focus if platform else []:
            if f.year <= ctx.year:
                for ref in f.themes:
                    focus.setdefault(ref, []).append(f.year)
        out.append({
            "id": pid,
            "name": r.name,
            "updates": len(recs),
            "themes": [{**ctx.theme_ref(th), "updates": n} for th, n in sorted(themes.items(), key=lambda x: natural_key(x[0]))],
            "own": [{"id": s.item.id, "title": s.item.title, "date": ctx.date(s.item.date), "text": s.item.text,
                     "themes": [ctx.theme_ref(x) for x in s.item.themes], "dropped": s.item.dropped} for s in own],
            "focus": [{**ctx.theme_ref(x), "years": sorted(set(focus[x]))} for x in sorted(focus, key=natural_key)],
            "judgement": ctx.judgement("tussentijds", "platform", pid),
        })
    return out
