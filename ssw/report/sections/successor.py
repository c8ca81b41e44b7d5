"""Final evaluation: what continues in the successor plan (items carried over with
`ssw plan new --carry-over`, each marked `vervolg_van`), with its state at this plan's end."""

from __future__ import annotations

from typing import Any

from ssw import plans
from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> dict[str, Any] | None:
    pairs = plans.continuing(ctx.ds, ctx.plan.id)
    if not pairs:
        return None
    successors = []
    for plan_id in sorted({new.plan for _, new in pairs}, key=lambda p: ctx.ds.plans[p].start):
        plan = ctx.ds.plans[plan_id]
        items = []
        for old, new in pairs:
            if new.plan != plan_id:
                continue
            state = ctx.report.states.get(old.id)
            base = ctx.item_dict(state) if state is not None else {"id": old.id, "title": old.title}
            items.append({**base, "continues_in": f"{new.plan}:{new.id}"})
        successors.append({"id": plan.id, "title": plan.file.title, "start": ctx.date(plan.file.period.start),
                           "end": ctx.date(plan.file.period.end), "items": items})
    return {"count": len(pairs), "plans": successors}
