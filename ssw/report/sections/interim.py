"""Tussentijds, the opening: the conference, the stuurgroep's interim judgement and the
progress up to the conference (per theme, no item grid)."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext
from ssw.report.frame import milestone as find_milestone
from ssw.report.plain import counts_dict
from ssw.report.sections import summary


def milestone_dict(ctx: ReportContext, kind: str) -> dict[str, Any] | None:
    ms = find_milestone(ctx.plan, kind)
    if ms is None:
        return None
    return {"id": ms.id, "title": ms.title, "date": ctx.date(ms.date), "text": ms.text}


def build(ctx: ReportContext) -> dict[str, Any]:
    rep = ctx.report
    milestone = find_milestone(ctx.plan, "tussentijds")
    due = [s for s in rep.states.values() if milestone and s.item.milestone == milestone.id]
    return {
        "milestone": milestone_dict(ctx, "tussentijds"),
        "summary": summary.build(ctx),
        "judgement": ctx.judgement("tussentijds", "plan"),
        "themes": [{"id": row.item.id, "title": row.item.title, "counts": counts_dict(row.counts, ctx.lang)}
                   for row in rep.rows],
        "due_items": [{"id": s.item.id, "title": s.item.title, **ctx.item_dict(s)} for s in due],
        "good_practices": ctx.count_signals_in(ctx.period, "goede-praktijk"),
        "own_actions": len(ctx.own_actions_in(ctx.period)),
        "platforms": sum(1 for r in rep.regions if r.level == "regionaal"),  # not vlaanderen
    }

