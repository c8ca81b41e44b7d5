"""Eindevaluatie, the opening: the whole period in figures, the stuurgroep's final
judgement of the plan (with its effect and policy translation), and the effect and policy
translation it records for themes, speerpunten, krachtlijnen, impact domains, platforms."""

from __future__ import annotations

from typing import Any

from ssw.report.context import ReportContext
from ssw.report.plain import counts_dict
from ssw.report.sections import summary
from ssw.report.sections.interim import milestone_dict


def build(ctx: ReportContext) -> dict[str, Any]:
    rep = ctx.report
    totals = counts_dict(rep.totals, ctx.lang)
    notes = []
    for e in sorted(ctx.ds.evaluations, key=lambda e: (e.path, e.index)):
        if e.model.date.first > ctx.as_of:
            continue
        x = e.model
        # the plan's own effect and policy translation stand in its judgement, above
        if x.moment == "eindevaluatie" and (x.effect or x.policy) and _subject(x)[0] != "plan":
            key = ctx.evaluations.get(ctx.plan.id, "eindevaluatie", None, *_subject(x))
            if key is e:
                notes.append({"subject": _subject_label(ctx, x), "effect": x.effect, "policy": x.policy})
    return {
        "milestone": milestone_dict(ctx, "eindevaluatie"),
        "counts": totals,
        "summary": summary.build(ctx),
        "updates": len(ctx.updates_in(ctx.period)),
        "judgement": ctx.judgement("eindevaluatie", "plan"),
        "notes": notes,
    }


def _subject(x: Any) -> tuple[str, str]:
    from ssw.evaluations import SUBJECTS

    for field in SUBJECTS:
        value = getattr(x, field)
        if value is not None:
            return field, (value.partition(":")[2] or value) if field == "theme" else value
    return "plan", ""


def _subject_label(ctx: ReportContext, x: Any) -> dict[str, str]:
    field, ref = _subject(x)
    if field == "plan":
        return {"kind": field, "id": "", "title": ctx.plan.file.title}
    if field == "theme":
        return {"kind": field, **ctx.item_ref(ref)}
    if field == "platform":
        return {"kind": field, "id": ref, "title": ctx.platform_name(ref)}
    pools: dict[str, list[Any]] = {"speerpunt": ctx.plan.file.speerpunten, "krachtlijn": ctx.plan.file.krachtlijnen,
            "impactdomein": ctx.plan.file.impactdomeinen}
    pool = pools[field]
    return {"kind": field, "id": ref, "title": next((p.title for p in pool if p.id == ref), ref)}
