"""Eindevaluatie: the platforms side by side over the whole period: their view of the
plan, updates, own actions, signals and good practices, and the final judgement."""

from __future__ import annotations

from typing import Any

from ssw import status as st
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.report.sections.regions import region_views


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    views = region_views(ctx)
    updates: dict[str, int] = {}
    for u in ctx.updates_in(ctx.period):
        updates[u.platform] = updates.get(u.platform, 0) + 1
    signals: dict[tuple[str, str], int] = {}
    for e in ctx.ds.signals:
        if ctx.in_window(e.model.date, ctx.period):
            signals[(e.platform, e.model.type)] = signals.get((e.platform, e.model.type), 0) + 1
    out = []
    for r in ctx.report.regions:
        counts, _ = views.get(r.platform, (st.Counts(), []))
        out.append({
            "id": r.platform,
            "name": r.name,
            "counts": counts_dict(counts, ctx.lang),
            "updates": updates.get(r.platform, 0),
            "own_actions": len(ctx.own_actions_in(ctx.period, r.platform)),
            "signals": signals.get((r.platform, "signaal"), 0),
            "good_practices": signals.get((r.platform, "goede-praktijk"), 0),
            "judgement": ctx.judgement("eindevaluatie", "platform", r.platform),
        })
    return out
