"""Regions: per platform its view of the plan, updates, own actions, focus and signals."""

from __future__ import annotations

from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    rep = ctx.report
    year_updates = ctx.updates_in(ctx.window)
    problems_by_file: dict[str, list[str]] = {}
    for p in ctx.loaded.problems:
        problems_by_file.setdefault(p.path, []).append(p.format(ctx.lang))
    order = [r.platform for r in rep.regions]
    order += sorted(p for p in ctx.ds.incomplete if p not in order)
    views = region_views(ctx)
    updates_by_platform: dict[str, list[d.UpdateRec]] = {}
    for r in year_updates:
        updates_by_platform.setdefault(r.platform, []).append(r)
    own_by_platform = st.own_actions(ctx.states)
    out = []
    for pid in order:
        platform = ctx.ds.platforms.get(pid)
        files = sorted(ctx.ds.incomplete.get(pid, []))
        own = own_by_platform.get(pid, [])
        focus = [ctx.theme_ref(ref) for f in (platform.focus if platform else []) if f.year == ctx.year for ref in f.themes]
        totals, known = views.get(pid, (st.Counts(), []))
        states = known
        out.append({
            "id": pid,
            "name": platform.name if platform else pid,
            "level": platform.level if platform else None,
            "province": platform.province if platform else None,
            "chair": platform.chair.name if platform and platform.chair else None,
            "chair_organisation": ctx.org_name(platform.chair.organisation) if platform and platform.chair else None,
            "incomplete": bool(files),
            "incomplete_files": files,
            "incomplete_problems": [line for f in files for line in problems_by_file.get(f, [])],
            "updates": [ctx.update_dict(r) for r in updates_by_platform.get(pid, [])],
            "own_actions": [ctx.regional_action_dict(s) for s in own
                            if s.item.date and ctx.in_window(s.item.date, ctx.window)],
            "own_actions_all": [ctx.regional_action_dict(s) for s in own if s.item.date and s.item.date.first <= ctx.as_of],
            "counts": counts_dict(totals, ctx.lang),
            "with_data": len(states),
            "judgement": ctx.judgement("jaaroverzicht", "platform", pid),
            "focus": focus,
            "signals": ctx.signals_in(ctx.window, "signaal", pid),
            "good_practices": ctx.signals_in(ctx.window, "goede-praktijk", pid),
            "open_signals": len(ctx.ds.open_signals(ctx.as_of, pid)),
        })
    return out


def region_views(ctx: ReportContext) -> dict[str, tuple[st.Counts, list[st.ItemState]]]:
    """Each platform's view of the plan in one pass: a regional platform sees the regional
    items with its own status, the Flemish level the Flemish items (as `status --region`).
    Returns per platform the counts and the items it has data on."""
    regional = list(ctx.ds.regional_platforms())
    flemish = [p for p, f in ctx.ds.platforms.items() if f.level != d.REGIONAL_LEVEL]
    views: dict[str, tuple[st.Counts, list[st.ItemState]]] = {p: (st.Counts(), []) for p in regional + flemish}
    for (plan_id, _), state in ctx.states.items():
        if plan_id != ctx.plan.id or state.item.kind == "regional-action":
            continue
        for p in (regional if state.item.regional else flemish):
            status = st._status_for(state, p)
            counts, known = views[p]
            counts.add(status)
            if status != st.UNKNOWN:
                known.append(state)
    return views
