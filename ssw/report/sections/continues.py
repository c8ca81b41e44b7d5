"""Eindevaluatie: what continues. The items a successor plan carries on (`vervolg_van`,
data of `ssw.plans.continuing`) in one table with their status at the end and the id they
continue under; the other items neither realised nor dropped at the plan's end, per
theme. Each item is listed once."""

from __future__ import annotations

from typing import Any

from ssw import plans
from ssw import status as st
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import status_ref
from ssw.symbols import SYMBOLS


def build(ctx: ReportContext) -> dict[str, Any]:
    successors: dict[str, list[str]] = {}
    for old, new in plans.continuing(ctx.ds, ctx.plan.id):
        successors.setdefault(old.id, []).append(f"{new.plan}:{new.id}")
    themes, carried_rows = [], []
    total = 0
    for row in ctx.report.rows:
        open_ = [s for s in row.states if s.status not in st.FINAL]
        total += len(open_)
        # carried on: listed once, in the successor table, whatever its status at the end
        # (an update recorded late may have realised it after all)
        carried_rows += [{"id": s.item.id, "title": s.item.title, **status_ref(s.status, ctx.lang),
                          "successors": sorted(successors[s.item.id])}
                         for s in row.states if s.item.id in successors]
        left = [s for s in open_ if s.item.id not in successors]
        if left:
            themes.append({"id": row.item.id, "title": row.item.title,
                           "refs": [{"id": s.item.id, "status": s.status, "symbol": SYMBOLS[s.status]}
                                    for s in sorted(left, key=lambda s: natural_key(s.item.id))]})
    carried_rows.sort(key=lambda r: natural_key(r["id"]))
    carried = len(carried_rows)
    successor_plans = sorted({ref.partition(":")[0] for refs in successors.values() for ref in refs},
                             key=lambda p: ctx.ds.plans[p].start if p in ctx.ds.plans else ctx.plan.end)
    return {"total": total, "themes": themes, "carried": carried, "carried_rows": carried_rows,
            "successor_plans": [_plan(ctx, p, sum(1 for refs in successors.values() for r in refs
                                                 if r.partition(":")[0] == p)) for p in successor_plans]}


def _plan(ctx: ReportContext, plan_id: str, count: int) -> dict[str, Any]:
    plan = ctx.ds.plans.get(plan_id)
    if plan is None:
        return {"id": plan_id, "title": plan_id, "start": None, "end": None, "count": count}
    return {"id": plan_id, "title": plan.file.title, "start": ctx.date(plan.file.period.start),
            "end": ctx.date(plan.file.period.end), "count": count}
