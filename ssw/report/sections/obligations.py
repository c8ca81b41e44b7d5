"""Obligations: the yearly reporting account per regional platform (`ssw.obligations`)."""

from __future__ import annotations

from typing import Any

from ssw.i18n import t
from ssw.report.context import ReportContext
from ssw.report.plain import date_dict, platform_label
from ssw.symbols import OB_SYMBOLS


def build(ctx: ReportContext) -> dict[str, Any] | None:
    """The yearly account (`ssw.obligations`): regional platforms × plan years up to the
    report's as-of date. Left out for a plan the regional platforms do not carry."""
    from ssw.obligations import STATES, obligations

    ds, lang = ctx.loaded.data, ctx.lang
    if not any(i.regional for i in ds.items.values() if i.plan == ctx.plan.id):
        return None
    ob = obligations(ds, ctx.plan.id, ctx.as_of)
    if not ob.years or not ob.platforms:
        return None

    def cell(year: int, c: Any) -> dict[str, Any]:
        label = t(f"ob.{c.state}", lang)
        if c.meeting:
            label += " — " + t("ob.presented-at", lang, meeting=c.meeting, date=c.date)
        return {"year": year, "state": c.state, "symbol": OB_SYMBOLS[c.state], "label": label,
                "meeting": c.meeting, "complete": ob.complete(year)}

    in_year = ob.count(ctx.year) if ctx.year in ob.years else {}
    if not in_year:
        verdict = ""
    elif ob.not_reported(ctx.year):
        verdict = t("report.ob.not-reported", lang, year=ctx.year, platforms=", ".join(platform_label(ds, p) for p, _ in ob.not_reported(ctx.year)))
    elif not ob.recorded(ctx.year):
        verdict = t("report.ob.no-data", lang, year=ctx.year)
    else:
        verdict = t("report.ob.all-reported", lang, year=ctx.year)
    return {
        "as_of": date_dict(ob.as_of, lang),
        "verdict": verdict,
        "year": ctx.year,
        "years": [{"year": y, "complete": ob.complete(y)} for y in ob.years],
        "open_years": [y for y in ob.years if not ob.complete(y)],
        "states": [{"id": s, "symbol": OB_SYMBOLS[s], "label": t(f"ob.{s}", lang)} for s in STATES],
        "platforms": [{"id": p, "name": platform_label(ds, p), "cells": [cell(y, c) for y, c in ob.row(p)]}
                      for p in ob.platforms],
        "in_year": in_year,
        "not_reported": [{"id": p, "name": platform_label(ds, p), **cell(ctx.year, c)}
                         for p, c in ob.not_reported(ctx.year)],
    }
