"""Eindevaluatie: what continues. The items neither realised nor dropped at the plan's
end, per theme (by id: each is listed with its title under its theme), and where a
successor plan carries an item on (`vervolg_van`, data of `ssw.plans.continuing`), the
plan and id it continues under."""

from __future__ import annotations

from typing import Any

from ssw import plans
from ssw import status as st
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.symbols import SYMBOLS


def build(ctx: ReportContext) -> dict[str, Any]:
    successors: dict[str, list[str]] = {}
    for old, new in plans.continuing(ctx.ds, ctx.plan.id):
        successors.setdefault(old.id, []).append(f"{new.plan}:{new.id}")
    themes = []
    total = 0
    for row in ctx.report.rows:
        open_ = [s for s in row.states if s.status not in st.FINAL]
        if not open_:
            continue
        total += len(open_)
        themes.append({"id": row.item.id, "title": row.item.title,
                       "refs": [{"id": s.item.id, "status": s.status, "symbol": SYMBOLS[s.status],
                                 "successors": sorted(successors.get(s.item.id, []))}
                                for s in sorted(open_, key=lambda s: natural_key(s.item.id))]})
    carried = sum(1 for th in themes for r in th["refs"] if r["successors"])
    successor_plans = sorted({ref.partition(":")[0] for refs in successors.values() for ref in refs},
                             key=lambda p: ctx.ds.plans[p].start if p in ctx.ds.plans else ctx.plan.end)
    return {"total": total, "themes": themes, "carried": carried,
            "successor_plans": [_plan(ctx, p, sum(1 for refs in successors.values() for r in refs
                                                 if r.partition(":")[0] == p)) for p in successor_plans]}


def _plan(ctx: ReportContext, plan_id: str, count: int) -> dict[str, Any]:
    plan = ctx.ds.plans.get(plan_id)
    if plan is None:
        return {"id": plan_id, "title": plan_id, "start": None, "end": None, "count": count}
    return {"id": plan_id, "title": plan.file.title, "start": ctx.date(plan.file.period.start),
            "end": ctx.date(plan.file.period.end), "count": count}
