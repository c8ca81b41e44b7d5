"""The frame of a report: which plan, which year, which status date, and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ssw import dataset as d
from ssw.clock import today
from ssw.i18n import format_date, t
from ssw.loader import Loaded
from ssw.problems import SswError


def pick_plan(loaded: Loaded, plan_id: str | None) -> d.Plan:
    ds = loaded.data
    if plan_id is not None:
        if plan_id not in ds.plans:
            raise SswError("err.unknown-plan", exit_code=2, value=plan_id, valid=", ".join(sorted(ds.plans)))
        return ds.plans[plan_id]
    plan = ds.default_plan()
    if plan is None:
        raise SswError("err.no-plan", path=str(loaded.root.plan_dir))
    return plan


def milestone(plan: d.Plan, kind: str) -> Any:
    """The plan's milestone of `kind` (tussentijds, eindevaluatie), or None."""
    return next((ms for ms in plan.file.milestones if ms.kind == kind), None)


def default_year(plan: d.Plan, kind: str) -> tuple[int, str]:
    """The year a report shows without --year, and why.

    tussentijds: the year of the plan's interim milestone (the Sociaalwerkconferentie
    2022) when it lies in the past; otherwise (and for the other kinds) the year of
    min(today, plan end).
    """
    cap = min(today(), plan.end)
    found = milestone(plan, "tussentijds")
    if kind == "tussentijds" and found is not None and found.date.first <= cap:
        return found.date.year, "milestone"
    return cap.year, ("plan-end" if plan.end < today() else "today")


def report_as_of(plan: d.Plan, year: int, given: dt.date | None, conference: tuple[dt.date, str] | None = None
                 ) -> tuple[dt.date, str]:
    """The status date: end of the year, capped by today and the plan's end; for the
    interim evaluation of the conference's year, the conference day (`conference_day`)."""
    if given is not None:
        return given, "given"
    now = today()
    if conference is not None and conference[0].year == year and conference[0] <= now:
        return conference
    candidates = [(dt.date(year, 12, 31), "year-end"), (plan.end, "plan-end"), (now, "today")]
    day, reason = min(candidates, key=lambda c: c[0])
    if day == plan.end:
        reason = "plan-end"
    return day, reason


def check_year(plan: d.Plan, year: int) -> None:
    last = min(today(), plan.end).year
    if not plan.start.year <= year <= last:
        raise SswError("err.report-year", exit_code=2, year=year, plan=plan.id, start=plan.start.year, end=last)


def year_note(plan: d.Plan, kind: str, year: int, reason: str, lang: str) -> str:
    """Which year a report run without --year took (said on stderr, not in the document);
    the final evaluation covers the whole period and needs none."""
    if reason == "given" or kind == "eindevaluatie":
        return ""
    if reason == "milestone":
        found = milestone(plan, "tussentijds")
        return t("report.year.milestone", lang, year=year, milestone=found.title if found else "")
    if reason == "plan-end":
        return t("report.year.plan-end", lang, year=year, plan=plan.file.title, end=format_date(plan.end, lang))
    return t("report.year.today", lang, year=year)


def as_of_text(day: dt.date, reason: str, year: int, lang: str) -> str:
    date = format_date(day, lang)
    if reason.startswith("conference"):
        return t(f"report.asof.{reason}", lang, date=date)
    if reason == "year-end":
        return t("report.asof.year-end", lang, date=date, year=year)
    return t(f"asof.{reason}", lang, date=date)


def conference_day(plan: d.Plan, ds: d.Dataset) -> tuple[dt.date, str] | None:
    """The day of the interim evaluation (the Sociaalwerkconferentie): the milestone's date
    when the plan gives the day; when it gives only a year or month, the date of the
    stuurgroep's interim judgement of the plan if that falls inside it; else the last day
    of the milestone's date. None without an interim milestone."""
    found = milestone(plan, "tussentijds")
    if found is None:
        return None
    date = found.date
    if date.first == date.last:
        return date.first, "conference"
    from ssw.evaluations import Evaluations

    entry = Evaluations(ds).get(plan.id, "tussentijds", None, "plan")
    if entry is not None and date.first <= entry.model.date.first <= date.last:
        return entry.model.date.first, "conference-evaluation"
    return date.last, "conference-year"
