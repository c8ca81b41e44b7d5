"""Speerpunten: per speerpunt its counts, the items with data and the year's updates."""

from __future__ import annotations

from typing import Any

from ssw import status as st
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.symbols import SYMBOLS


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    rep = ctx.report
    year_updates = ctx.updates_in(ctx.window)
    out = []
    for sp, counts in rep.speerpunten:
        items = sorted((s for s in rep.states.values() if sp.id in s.item.speerpunten), key=lambda s: natural_key(s.item.id))
        ids = {s.item.id for s in items}
        out.append({
            "id": sp.id,
            "title": sp.title,
            "basis": sp.basis,
            "themes": [ctx.theme_ref(ref) for ref in sp.themes],
            "counts": counts_dict(counts, ctx.lang),
            "rows": [ctx.item_dict(s) for s in items if s.status != st.UNKNOWN],
            "updates": [ctx.update_dict(r) for r in year_updates if r.item and r.item[1] in ids],
            "judgement": ctx.judgement(ctx.kind, "speerpunt", sp.id),
        })
    return out


def build_final(ctx: ReportContext) -> list[dict[str, Any]]:
    """Eindevaluatie: per speerpunt its figures over the period, the items that served it
    (by id: they are listed with their title under their theme) and the judgement."""
    rep = ctx.report
    out = []
    for sp, counts in rep.speerpunten:
        items = sorted((s for s in rep.states.values() if sp.id in s.item.speerpunten), key=lambda s: natural_key(s.item.id))
        out.append({"id": sp.id, "title": sp.title, "counts": counts_dict(counts, ctx.lang),
                    "themes": [ctx.theme_ref(ref) for ref in sp.themes],
                    "refs": [{"id": s.item.id, "status": s.status, "symbol": SYMBOLS[s.status]} for s in items],
                    "judgement": ctx.judgement("eindevaluatie", "speerpunt", sp.id)})
    return out
