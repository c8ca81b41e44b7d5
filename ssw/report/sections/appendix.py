"""Appendix: every update dated in the report year, with its source."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    return [ctx.update_dict(r) for r in ctx.updates_in(ctx.window)]
