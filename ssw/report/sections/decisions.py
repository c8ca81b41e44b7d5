"""Decisions: the stuurgroep's decisions dated in the report year."""

from __future__ import annotations

from typing import Any

from ssw.ids import natural_key
from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    found = sorted((e for e in ctx.ds.decisions if ctx.in_window(e.model.date, ctx.window)),
                   key=lambda e: (e.model.date.first, natural_key(e.model.id)))
    return [{"id": e.model.id, "date": ctx.date(e.model.date), "text": e.model.text, "item_refs": [ctx.ref_of(r, e.model.date.first) for r in e.model.items],
             "follow_up": ctx.date(e.model.follow_up), "done": e.model.done is not None and e.model.done.first <= ctx.as_of, "file": e.path} for e in found]
