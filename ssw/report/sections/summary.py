"""Summary: the plan's counts on the as-of date and the year's activity."""

from __future__ import annotations

from typing import Any

from ssw.figures import figures_dict
from ssw.i18n import tn
from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict


def build(ctx: ReportContext) -> dict[str, Any]:
    fig = ctx.report.figures
    counts = counts_dict(fig.counts, ctx.lang)
    return {
        "counts": counts,
        "figures": figures_dict(fig),
        "data_text": tn("fig.data", fig.items, ctx.lang, with_data=fig.with_data, items=fig.items, without=fig.without_data),
        "updates_in_year": len(ctx.updates_in(ctx.window)),
        "updates_in_period": len(ctx.updates_in(ctx.period)),
        "regional_actions_in_year": len(ctx.own_actions_in(ctx.window)),
    }
