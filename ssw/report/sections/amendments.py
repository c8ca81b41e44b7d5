"""Amendments: the plan as adopted versus with its amendments (`ssw.amendments`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ssw import status as st
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict, date_dict, platform_label


def build(ctx: ReportContext) -> dict[str, Any]:
    """The plan as adopted versus with its amendments (`ssw.amendments`) on the as-of date."""
    from ssw.amendments import amendments

    ds, lang = ctx.loaded.data, ctx.lang
    am = amendments(ds, ctx.plan.id, ctx.as_of, ctx.root.stale_months, states=ctx.states)

    def side(counts: st.Counts, progress: float) -> dict[str, Any]:
        # progress = gerealiseerd / the side's items (ssw.figures): counts_dict has it already
        return counts_dict(counts, lang)

    def items(ids: Sequence[str]) -> list[dict[str, Any]]:
        found = []
        for item_id in ids:
            item = ds.items.get((am.plan, item_id))
            owner = item.platform if item else None
            found.append({"id": item_id, "title": item.title if item else "", "platform": owner,
                          "platform_name": platform_label(ds, owner) if owner else None})
        return found

    return {
        "as_of": date_dict(am.as_of, lang),
        "adopted": side(am.adopted, am.adopted_progress),
        "amended": side(am.amended, am.amended_progress),
        "dropped_items": items(am.dropped_items),
        "added_actions": items(am.added_actions),
        "dropped_actions": items(am.dropped_actions),
    }
