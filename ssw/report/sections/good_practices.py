"""Tussentijds: the good practices up to the conference, with why each is one and its
critical success factors (chapter 5: "Wat maakt dat zij als goede praktijk naar voren
geschoven worden? Wat zijn de kritische succesfactoren?")."""

from __future__ import annotations

from typing import Any

from ssw.ids import natural_key
from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    found = [e for e in ctx.ds.signals if e.model.type == "goede-praktijk" and ctx.in_window(e.model.date, ctx.period)]
    found.sort(key=lambda e: (e.platform, e.model.date.first, natural_key(e.model.id)))
    out = []
    for e in found:
        s = e.model
        out.append({"id": s.id, "title": s.title, "text": s.text, "platform": e.platform,
                    "platform_name": ctx.platform_name(e.platform), "date": ctx.date(s.date),
                    "themes": [ctx.theme_ref(r) for r in s.themes],
                    "items": [ctx.ref_of(r, s.date.first) for r in s.items],
                    "waarom": s.waarom, "factors": list(s.kritische_succesfactoren)})
    return out

