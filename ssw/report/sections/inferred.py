"""Inferred: what the data holds as the transcriber's reading, not the source's words.

Every plan item and update with a `basis:` (a regional-scope choice, a due year read
from context, a lead named elsewhere, a link from SAM's plan to a theme, the status of
the one dated contribution), with that basis, so a reader can weigh it. Left out when
nothing is inferred."""

from __future__ import annotations

from typing import Any

from ssw.ids import natural_key
from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> dict[str, Any] | None:
    items = sorted((i for i in ctx.ds.items.values() if i.basis and i.plan == ctx.plan.id), key=lambda i: natural_key(i.id))
    updates = [r for r in ctx.updates_in(ctx.period) if r.update.basis]
    if not items and not updates:
        return None
    return {
        "items": [{"id": i.id, "kind_label": ctx.label(f"kind.{i.kind}"), "title": i.title, "basis": i.basis}
                  for i in items],
        "updates": [{**ctx.update_dict(r), "basis": r.update.basis} for r in updates],
    }
