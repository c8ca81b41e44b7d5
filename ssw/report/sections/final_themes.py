"""Eindevaluatie: per theme its actions and initiatives with their outcome, and the
stuurgroep's judgement. Every item of the plan is listed here once, with its title;
later sections of the final evaluation refer to it by id."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    out = []
    for row in ctx.report.rows:
        actions = []
        for c in row.children:
            # the outcome is the status at the end, in the words of every other table
            rows = [ctx.item_dict(s) for s in c.states]
            own = len(rows) == 1 and rows[0]["id"] == c.item.id
            actions.append({"id": c.item.id, "title": c.item.title, "counts": counts_dict(c.counts, ctx.lang),
                            "rows": rows, "single": own})
        out.append({"id": row.item.id, "title": row.item.title, "counts": counts_dict(row.counts, ctx.lang),
                    "actions": actions, "judgement": ctx.judgement("eindevaluatie", "theme", row.item.id)})
    return out
