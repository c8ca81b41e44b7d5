"""Eindevaluatie: the plan's state at the end of each year of its period, and the year's
activity (updates, own actions of the platforms, good practices), with the stuurgroep's
yearly judgement of the plan where recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ssw import status as st
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.symbols import RATING_SYMBOLS


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    out = []
    for year in range(ctx.period[0].year, ctx.period[1].year + 1):
        end = min(dt.date(year, 12, 31), ctx.as_of)
        window = (dt.date(year, 1, 1), end)
        states = ctx.states if end == ctx.as_of else st.item_states(ctx.ds, end, ctx.stale_months)
        rep = ctx.report if end == ctx.as_of else st.compute_status(ctx.ds, ctx.plan.id, end, ctx.stale_months, states=states)
        entry = ctx.evaluations.get(ctx.plan.id, "jaaroverzicht", year, "plan")
        out.append({
            "year": year,
            "as_of": ctx.date(end),
            "counts": counts_dict(rep.totals, ctx.lang),
            "updates": len(ctx.updates_in(window)),
            "own_actions": len(ctx.own_actions_in(window)),
            "good_practices": ctx.count_signals_in(window, "goede-praktijk"),
            "rating": entry.model.rating if entry else None,
            "rating_label": ctx.label(f"report.rating.{entry.model.rating}") if entry else ctx.label("report.eval.none"),
            "rating_symbol": RATING_SYMBOLS[entry.model.rating] if entry else "",
        })
    return out
