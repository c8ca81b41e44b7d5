"""Final evaluation (eindevaluatie): per theme and speerpunt, what was realised, dropped,
still open, without data."""

from __future__ import annotations

from typing import Any

from ssw import status as st
from ssw.i18n import t
from ssw.ids import natural_key
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.report.sections.interim import milestone_dict

GROUP_OF = {"gerealiseerd": "realised", "geschrapt": "dropped", st.UNKNOWN: "no_data"}


def build(ctx: ReportContext) -> dict[str, Any]:
    rep = ctx.report

    def split(states: list[st.ItemState]) -> dict[str, Any]:
        groups: dict[str, list[dict[str, Any]]] = {"realised": [], "dropped": [], "open": [], "no_data": []}
        for s in sorted(states, key=lambda s: natural_key(s.item.id)):
            groups[GROUP_OF.get(s.status, "open")].append(ctx.item_dict(s))
        return groups

    totals = counts_dict(rep.totals, ctx.lang)
    return {
        "milestone": milestone_dict(ctx, "eindevaluatie"),
        "counts": totals,
        "no_data_text": t("report.final.no-data-text", ctx.lang, count=totals["unknown"], total=totals["total"])
        if totals["unknown"] else "",
        "updates": len(ctx.updates_in(ctx.period)),
        "themes": [{"id": row.item.id, "title": row.item.title, "counts": counts_dict(row.counts, ctx.lang), **split(row.states)}
                   for row in rep.rows],
        "speerpunten": [{"id": sp.id, "title": sp.title, "counts": counts_dict(c, ctx.lang),
                         **split([s for s in rep.states.values() if sp.id in s.item.speerpunten])}
                        for sp, c in rep.speerpunten],
    }
