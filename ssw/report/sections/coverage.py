"""Coverage: active items per speerpunt and krachtlijn per platform (`ssw.coverage`)."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext
from ssw.report.plain import date_dict, item_title, platform_label


def build(ctx: ReportContext) -> dict[str, Any] | None:
    """Active items per speerpunt and krachtlijn per platform in the report year
    (`ssw.coverage`), with the gaps. Left out for a plan without either tag."""
    from ssw.coverage import coverage, coverage_day

    ds, lang = ctx.loaded.data, ctx.lang
    shared = ctx.states if coverage_day(ctx.year, ctx.as_of) == ctx.as_of else None
    cov = coverage(ds, ctx.plan.id, ctx.year, ctx.as_of, states=shared)
    if not cov.lines():
        return None

    def line(ln: Any) -> dict[str, Any]:
        return {"id": ln.id, "title": ln.title, "total": len(ln.total), "items": list(ln.total),
                "gaps": list(ln.gaps),
                "cells": [{"platform": p, "count": len(c.active), "items": list(c.active), "gap": c.gap,
                           "possible": c.possible} for p, c in ln.cells.items()]}

    lines = cov.lines()
    return {
        "year": cov.year,
        "as_of": date_dict(cov.as_of, lang),
        "platforms": [{"id": p, "name": platform_label(ds, p), "regional": p in ds.regional_platforms()}
                      for p in cov.platforms],
        "speerpunten": [line(ln) for ln in cov.speerpunten],
        "krachtlijnen": [line(ln) for ln in cov.krachtlijnen],
        "max": max((len(c.active) for ln in lines for c in ln.cells.values()), default=0),
        "gap_count": sum(1 for ln in lines for c in ln.cells.values() if c.gap),
        "quiet_speerpunten": [{"id": ln.id, "title": ln.title} for ln in cov.quiet_speerpunten()],
        "no_data_speerpunten": [{"id": ln.id, "title": ln.title} for ln in cov.no_data_speerpunten()],
        "focus_gaps": [{"platform": p, "platform_name": platform_label(ds, p), "theme": theme,
                        "title": item_title(ds, cov.plan, theme)} for p, theme in cov.focus_gaps],
    }
