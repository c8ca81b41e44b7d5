"""Eindevaluatie: the five krachtlijnen by title, the items that served each (tags
inherit downward) and the stuurgroep's judgement."""

from __future__ import annotations

from typing import Any

from ssw import status as st
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.symbols import SYMBOLS


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    states = sorted(ctx.report.states.values(), key=lambda s: natural_key(s.item.id))
    out = []
    for k in ctx.plan.file.krachtlijnen:
        served = [s for s in states if k.id in s.item.krachtlijnen]
        counts = st.Counts()
        for s in served:
            counts.add(s.status)
        out.append({"id": k.id, "title": k.title, "counts": counts_dict(counts, ctx.lang),
                    "refs": [{"id": s.item.id, "status": s.status, "symbol": SYMBOLS[s.status]} for s in served],
                    "judgement": ctx.judgement("eindevaluatie", "krachtlijn", k.id)})
    return out
