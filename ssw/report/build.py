"""`build_report_data`: the whole report as one plain data object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ssw import status as st
from ssw.clock import today
from ssw.i18n import t
from ssw.loader import Loaded
from ssw.problems import SswError
from ssw.report import sections as registry
from ssw.report.context import ReportContext
from ssw.report.frame import (
    as_of_text,
    check_year,
    conference_day,
    default_year,
    pick_plan,
    report_as_of,
    year_note,
)
from ssw.report.plain import date_dict
from ssw.report.provenance import provenance
from ssw.root import Root
from ssw.symbols import SYMBOLS

KINDS = registry.KINDS
AUDIENCES = registry.AUDIENCES
SCHEMA = 1


def build_report_data(
    loaded: Loaded,
    root: Root,
    year: int | None = None,
    kind: str = "jaaroverzicht",
    lang: str = "nl",
    as_of: dt.date | None = None,
    plan_id: str | None = None,
    templates_dirs: Sequence[Path] = (),
    audience: str | None = None,
) -> dict[str, Any]:
    """Everything a report shows, as plain data. Numbers come from `ssw.status`.

    The frame (title, plan, dates, provenance) is built here; each section of the
    registry for `kind` adds `data[name]`, and `data["sections"]` lists them in order."""
    if kind not in KINDS:
        raise SswError("err.bad-option", exit_code=2, value=kind, option="--kind", valid=", ".join(KINDS))
    if audience is not None and audience not in registry.AUDIENCES:
        raise SswError("err.bad-option", exit_code=2, value=audience, option="--audience", valid=", ".join(registry.AUDIENCES))
    audience = audience or registry.DEFAULT_AUDIENCE[kind]
    plan = pick_plan(loaded, plan_id)
    if year is None and as_of is not None:
        year, year_reason = as_of.year, "given"
    elif year is None:
        year, year_reason = default_year(plan, kind)
    else:
        year_reason = "given"
    check_year(plan, year)
    conference = conference_day(plan, loaded.data) if kind == "tussentijds" else None
    day, day_reason = report_as_of(plan, year, as_of, conference)
    ctx = ReportContext(loaded, root, plan, year, kind, lang, day, audience)

    data: dict[str, Any] = {
        "schema": SCHEMA,
        "lang": lang,
        "kind": kind,
        "audience": audience,
        "year": year,
        "title": t(f"report.title.{kind}", lang, year=year, start=plan.start.year),
        "year_note": year_note(plan, kind, year, year_reason, lang),
        "plan": {"id": plan.id, "title": plan.file.title, "source": plan.file.source,
                 "start": date_dict(plan.start, lang), "end": date_dict(plan.end, lang), "ended": plan.end < today()},
        "as_of": {**(date_dict(day, lang) or {}), "day": (date_dict(day, lang) or {}).get("text", ""), "reason": day_reason, "text": as_of_text(day, day_reason, year, lang)},
        "window": {"start": date_dict(ctx.window[0], lang), "end": date_dict(ctx.window[1], lang)},
        "period": {"start": date_dict(ctx.period[0], lang), "end": date_dict(ctx.period[1], lang),
                   "start_year": ctx.period[0].year, "end_year": ctx.period[1].year},
        "stale_months": root.stale_months,
        "statuses": [{"id": s, "label": t(f"status.{s}", lang), "symbol": SYMBOLS[s]} for s in st.STATUSES],
        "provenance": provenance(root, loaded, templates_dirs, lang),
        "problems": [p.format(lang) for p in loaded.problems],
        "milestones": [{"id": ms.id, "title": ms.title, "date": date_dict(ms.date, lang), "kind": ms.kind, "text": ms.text}
                       for ms in plan.file.milestones],
        "sections": [],
    }
    for section in registry.for_kind(kind, audience):
        result = section.build(ctx)
        if result is not None:
            data[section.name] = result
            data["sections"].append(section.name)
    return data


def default_out_name(data: dict[str, Any], fmt: str) -> str:
    return f"{data['plan']['id']}-{data['kind']}-{data['year']}.{data['lang']}.{fmt}"
