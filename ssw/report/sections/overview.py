"""Jaaroverzicht, page one: the key figures, what changed since last year (from the
dated updates) and the stuurgroep's message for the year, if recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ssw import status as st
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import status_ref
from ssw.report.sections import summary

MAX_LISTED = 12


def build(ctx: ReportContext) -> dict[str, Any]:
    before_day = dt.date(ctx.year - 1, 12, 31)
    moved: list[dict[str, Any]] = []
    if before_day >= ctx.plan.start:
        before = st.item_states(ctx.ds, before_day, ctx.stale_months)
        touched = {r.item for r in ctx.updates_in(ctx.window) if r.item}
        for key in sorted(touched, key=lambda k: natural_key(k[1])):
            now, then = ctx.report.states.get(key[1]), before.get(key)
            if key[0] != ctx.plan.id or now is None:
                continue
            old = then.status if then else st.UNKNOWN
            if old != now.status:
                moved.append({"id": key[1], "title": now.item.title, "from": status_ref(old, ctx.lang),
                              "to": status_ref(now.status, ctx.lang)})
    done_now = [m for m in moved if m["to"]["status"] == "gerealiseerd"]
    platforms_active = sorted({r.platform for r in ctx.updates_in(ctx.window)})
    return {
        **summary.build(ctx),
        "previous_year": ctx.year - 1,
        "since": ctx.date(before_day),
        "changed": len(moved),
        "realised": len(done_now),
        "started": sum(1 for m in moved if m["from"]["status"] == st.UNKNOWN),
        "moved": moved[:MAX_LISTED],
        "more": max(0, len(moved) - MAX_LISTED),
        "platforms_active": [ctx.platform_name(p) for p in platforms_active],
        "message": ctx.judgement("jaaroverzicht", "plan"),
    }
