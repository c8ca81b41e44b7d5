"""Eindevaluatie: the four impact domains by title, what the plan says of each (its text
and the impacts it aims at), and
the stuurgroep's judgement. The plan ties no item to an impact domain; the section says
so rather than guess which items served each."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext


def build(ctx: ReportContext) -> list[dict[str, Any]]:
    return [{"id": i.id, "title": i.title, "text": i.text, "impacts": list(i.impacts),
             "judgement": ctx.judgement("eindevaluatie", "impactdomein", i.id)}
            for i in ctx.plan.file.impactdomeinen]
