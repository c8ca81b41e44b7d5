"""Stale and late: one row per quiet platform on an item (its own status and date);
items with a status past their due date; items past due without data, listed apart."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> dict[str, Any]:
    return {"stale": [ctx.quiet_dict(q) for q in ctx.report.stale],
            "late": [ctx.item_dict(s) for s in ctx.report.late],
            "past_due": [ctx.item_dict(s) for s in ctx.report.past_due]}
