"""Follow-ups: the stuurgroep's open follow-ups on the as-of date (`ssw.agenda`)."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext
from ssw.report.plain import date_dict


def build(ctx: ReportContext) -> dict[str, Any]:
    """Open follow-ups of the stuurgroep's decisions on the report's as-of date
    (`ssw.agenda.open_follow_ups`): decided by then and not done; overdue marked."""
    from ssw.agenda import open_follow_ups

    found = open_follow_ups(ctx.loaded.data, ctx.as_of)
    return {
        "as_of": date_dict(ctx.as_of, ctx.lang),
        "overdue": sum(1 for f in found if f.overdue),
        "items": [{"id": f.id, "date": date_dict(f.date, ctx.lang), "text": f.text, "item_refs": [ctx.ref_of(r, f.date.first) for r in f.items],
                   "follow_up": date_dict(f.due, ctx.lang), "overdue": f.overdue, "file": f.path} for f in found],
    }
