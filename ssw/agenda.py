"""Proposals for the next stuurgroep agenda, and the stuurgroep's decisions on items.

From the as-of date (min(today, plan end) unless given), the agenda proposes:
- *stil*: items whose latest update (per platform) is older than `stale_after`
  months (default 12) and not final (gerealiseerd/geschrapt); items without any
  update are not listed, only counted (`unknown`);
- *te laat*: items with a status (data) due more than `late_after` months ago
  (default 6) and neither gerealiseerd nor geschrapt; items past due without any
  data are listed apart (`past_due`), never as late;
- open follow-ups: decisions not done (see `open_follow_ups`);
- platforms whose yearly overview of the as-of year is `missing` (`ssw.obligations`:
  a recorded meeting took that year's overviews, theirs was not presented; `no-data`
  is not listed);
- speerpunten with nothing moving in the as-of year (`ssw.coverage`);
- open signals: signals (not good practices) not yet answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ssw import dataset as d
from ssw.coverage import Coverage, coverage
from ssw.dates import PartialDate, months_before, months_between
from ssw.figures import Figures, figures_dict, headline
from ssw.ids import natural_key
from ssw.obligations import Cell, Obligations, obligations, obligations_dict
from ssw.status import default_as_of, item_states

STALE_AFTER = 12
LATE_AFTER = 6


# -- decisions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    id: str
    date: PartialDate
    text: str
    items: tuple[str, ...]
    due: PartialDate | None
    overdue: bool
    path: str


def open_follow_ups(ds: d.Dataset, as_of: dt.date) -> list[FollowUp]:
    """Decisions taken on or before `as_of` and not done: with their follow-up date and
    whether it has passed (a partial date expires after its last day). Due first."""
    found = []
    for e in ds.decisions:
        m = e.model
        if (m.done is not None and m.done.first <= as_of) or m.date.first > as_of:
            continue
        overdue = m.follow_up is not None and m.follow_up.last < as_of
        found.append(FollowUp(m.id, m.date, m.text, tuple(m.items), m.follow_up, overdue, e.path))
    return sorted(found, key=lambda f: (f.due is None, f.due.last if f.due else dt.date.max, f.date.first, f.id))


def follow_up_dict(f: FollowUp) -> dict[str, Any]:
    return {"id": f.id, "date": str(f.date), "text": f.text, "items": list(f.items),
            "follow_up": str(f.due) if f.due else None, "overdue": f.overdue, "path": f.path}


# -- the agenda ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quiet:
    item: d.Item
    platform: str
    status: str
    last: PartialDate
    months: int


@dataclass(frozen=True)
class Late:
    item: d.Item
    status: str
    due: PartialDate
    months: int


@dataclass(frozen=True)
class Agenda:
    plan: d.Plan
    as_of: dt.date
    as_of_reason: str
    stale_after: int
    late_after: int
    quiet: list[Quiet]
    late: list[Late]
    follow_ups: list[FollowUp]
    obligations: Obligations
    not_reported: list[tuple[str, Cell]]
    coverage: Coverage | None
    open_signals: list[d.Entry]
    figures: Figures  # the headline figures of the plan on the as-of date (`ssw.figures`)
    past_due: list[d.Item]  # due date passed, no data: not late, listed apart

    @property
    def unknown(self) -> int:
        return self.figures.without_data

    @property
    def year(self) -> int:
        return self.as_of.year

    @property
    def empty(self) -> bool:
        return not (self.quiet or self.late or self.follow_ups or self.not_reported or self.open_signals
                    or (self.coverage and self.coverage.quiet_speerpunten()))


def agenda(ds: d.Dataset, plan_id: str | None = None, as_of: dt.date | None = None,
           stale_after: int = STALE_AFTER, late_after: int = LATE_AFTER) -> Agenda:
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:  # an empty plans folder: a message, not a crash
        from ssw.problems import SswError

        raise SswError("err.no-plan", path="plan/")
    day, reason = default_as_of(plan, as_of)
    states = sorted((s for (p, _), s in item_states(ds, day, stale_after).items()
                     if p == plan.id and not s.item.dropped_by(day) and s.item.exists_by(day)),
                    key=lambda s: natural_key(s.item.id))
    quiet = [Quiet(s.item, p, ps.status, ps.last.date, months_between(ps.last.date.first, day))
             for s in states for p, ps in s.platforms.items() if ps.stil]
    late_before = months_before(day, late_after)
    late = [Late(s.item, s.status, s.item.due, months_between(s.item.due.last, day))
            for s in states if s.te_laat and s.item.due is not None and s.item.due.last < late_before]
    figures = headline((s for s in states if s.item.kind != "regional-action"), plan.id, day)
    ob = obligations(ds, plan.id, day)
    cov = coverage(ds, plan.id, day.year, day) if plan.start.year <= day.year <= plan.end.year else None
    signals = sorted(ds.open_signals(day), key=lambda e: (e.model.date.first, e.platform, natural_key(e.model.id)))
    return Agenda(plan, day, reason, stale_after, late_after, quiet, late, open_follow_ups(ds, day), ob,
                  ob.not_reported(day.year), cov, signals, figures, [s.item for s in figures.past_due])


def agenda_dict(ag: Agenda) -> dict[str, Any]:
    cov = ag.coverage
    return {
        "plan": ag.plan.id,
        "as_of": ag.as_of.isoformat(),
        "as_of_reason": ag.as_of_reason,
        "stale_after": ag.stale_after,
        "late_after": ag.late_after,
        "quiet": [{"id": q.item.id, "title": q.item.title, "platform": q.platform, "status": q.status,
                   "last_update": str(q.last), "months": q.months} for q in ag.quiet],
        "late": [{"id": x.item.id, "title": x.item.title, "status": x.status, "due": str(x.due), "months": x.months}
                 for x in ag.late],
        "follow_ups": [follow_up_dict(f) for f in ag.follow_ups],
        "not_reported": {"year": ag.year, "complete": ag.obligations.complete(ag.year) if ag.year in ag.obligations.years else None,
                         "recorded": ag.obligations.recorded(ag.year),
                         "platforms": [{"id": p, "state": c.state} for p, c in ag.not_reported]},
        "quiet_speerpunten": [{"id": ln.id, "title": ln.title} for ln in cov.quiet_speerpunten()] if cov else [],
        "no_data_speerpunten": [{"id": ln.id, "title": ln.title} for ln in cov.no_data_speerpunten()] if cov else [],
        "open_signals": [{"id": e.model.id, "platform": e.platform, "date": str(e.model.date), "title": e.model.title,
                          "items": list(e.model.items), "themes": list(e.model.themes)} for e in ag.open_signals],
        "unknown": ag.unknown,
        "figures": figures_dict(ag.figures),
        "past_due_no_data": [{"id": i.id, "title": i.title, "due": str(i.due)} for i in ag.past_due],
        "obligations": obligations_dict(ag.obligations),
    }
