"""Eindevaluatie: what continues. The items not realised nor dropped at the plan's end,
per theme (by id: each is listed with its title under its theme), and, where a
successor plan carries an item on (`vervolg_van`), where it continues."""

from __future__ import annotations

from typing import Any

from ssw import status as st
from ssw.loader import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import SYMBOLS


def build(ctx: ReportContext) -> dict[str, Any]:
    successors: dict[str, list[str]] = {}
    for item in ctx.ds.items.values():
        origin = getattr(item, "vervolg_van", None)
        if isinstance(origin, str) and origin.partition(":")[0] == ctx.plan.id:
            successors.setdefault(origin.partition(":")[2], []).append(item.plan)
    themes = []
    total = 0
    for row in ctx.report.rows:
        open_ = [s for s in row.states if s.status not in st.FINAL]
        if not open_:
            continue
        total += len(open_)
        themes.append({"id": row.item.id, "title": row.item.title,
                       "refs": [{"id": s.item.id, "status": s.status, "symbol": SYMBOLS[s.status],
                                 "successors": sorted(set(successors.get(s.item.id, [])))}
                                for s in sorted(open_, key=lambda s: natural_key(s.item.id))]})
    carried = sum(1 for th in themes for r in th["refs"] if r["successors"])
    return {"total": total, "themes": themes, "carried": carried,
            "successor_plans": sorted({p for ps in successors.values() for p in ps})}
