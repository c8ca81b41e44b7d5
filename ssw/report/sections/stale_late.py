"""Stale and late: items without a recent update, items past their due date."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> dict[str, Any]:
    return {"stale": [ctx.item_dict(s) for s in ctx.report.stale],
            "late": [ctx.item_dict(s) for s in ctx.report.late]}
