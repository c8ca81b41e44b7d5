"""Themes: per theme its actions with their items, and the year's updates under it."""

from __future__ import annotations

from typing import Any

from ssw import dataset as d
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict


def speerpunt_title(plan: d.Plan, sp_id: str) -> str:
    return next((sp.title for sp in plan.file.speerpunten if sp.id == sp_id), sp_id)


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    rep = ctx.report
    rows_of_item: dict[str, list[str]] = {}
    for row in rep.rows:
        for state in row.states:
            rows_of_item.setdefault(state.item.id, []).append(row.item.id)
    updates_of_row: dict[str, list[d.UpdateRec]] = {}
    for r in ctx.updates_in(ctx.window):
        for row_id in rows_of_item.get(r.item[1], []) if r.item else []:
            updates_of_row.setdefault(row_id, []).append(r)
    out = []
    for row in rep.rows:
        out.append({
            "id": row.item.id,
            "title": row.item.title,
            "kind": row.item.kind,
            "speerpunten": [{"id": sp, "title": speerpunt_title(ctx.plan, sp)} for sp in row.item.speerpunten],
            "counts": counts_dict(row.counts, ctx.lang),
            "actions": [
                {"id": c.item.id, "title": c.item.title, "kind": c.item.kind, "counts": counts_dict(c.counts, ctx.lang),
                 "rows": [ctx.item_dict(s) for s in c.states]}
                for c in row.children
            ],
            "updates": [ctx.update_dict(r) for r in updates_of_row.get(row.item.id, [])],
            "judgement": ctx.judgement(ctx.kind, "theme", row.item.id),
        })
    return out
