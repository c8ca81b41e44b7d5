"""Interim evaluation (tussentijds): good practices, what the regions worked on, the
milestone's items."""

from __future__ import annotations

from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.i18n import t
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.frame import milestone as find_milestone
from ssw.symbols import SYMBOLS


def milestone_dict(ctx: ReportContext, kind: str) -> dict[str, Any] | None:
    ms = find_milestone(ctx.plan, kind)
    if ms is None:
        return None
    return {"id": ms.id, "title": ms.title, "date": ctx.date(ms.date), "text": ms.text}


def build(ctx: ReportContext) -> dict[str, Any]:
    rep = ctx.report
    milestone = find_milestone(ctx.plan, "tussentijds")
    by_platform: dict[str, list[d.UpdateRec]] = {}
    for u in ctx.updates_in(ctx.period):
        by_platform.setdefault(u.platform, []).append(u)
    regions = []
    for r in rep.regions:
        recs = by_platform.get(r.platform, [])
        own = [s for s in r.own_actions if s.item.date and ctx.in_window(s.item.date, ctx.period)]
        targets = sorted({u.item[1] for u in recs if u.item and ctx.ds.items[u.item].kind != "regional-action"}, key=natural_key)
        regions.append({"id": r.platform, "name": r.name, "updates": len(recs), "own_actions": len(own),
                        "targets": [ctx.theme_ref(i) | {"status": _platform_status(rep, i, r.platform, ctx.lang)} for i in targets],
                        "own": [ctx.regional_action_dict(s) for s in own],
                        "good_practices": len(ctx.signals_in(ctx.period, "goede-praktijk", r.platform))})
    due = sorted((s for s in rep.states.values() if milestone and s.item.milestone == milestone.id),
                 key=lambda s: natural_key(s.item.id))
    return {
        "milestone": milestone_dict(ctx, "tussentijds"),
        "due_items": [ctx.item_dict(s) for s in due],
        "good_practices": ctx.signals_in(ctx.period, "goede-praktijk"),
        "regions": regions,
    }


def _platform_status(rep: st.StatusReport, item_id: str, platform: str, lang: str) -> dict[str, str]:
    state = rep.states.get(item_id)
    status = st.UNKNOWN
    if state is not None:
        ps = state.platforms.get(platform)
        status = ps.status if ps else state.status
    return {"id": status, "label": t(f"status.{status}", lang), "symbol": SYMBOLS[status]}
