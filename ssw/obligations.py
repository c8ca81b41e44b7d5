"""The yearly account: did every regional platform report, year by year?

The plan asks every regional chair for a yearly account. From the logs' dates:
a platform has *reported* for a year when it logged at least `min_updates` (3)
updates dated in that year, *partial* with 1 or 2, *missing* with none. Updates on
the plan's items and on the platform's own actions count alike. Years run from the
plan's first year up to the as-of year (min(today, plan end) unless given); a year
that has not ended on the as-of date is marked `complete: false`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ssw import dataset as d
from ssw.clock import today
from ssw.status import default_as_of

REPORTED, PARTIAL, MISSING = "reported", "partial", "missing"
STATES = (REPORTED, PARTIAL, MISSING)
MIN_UPDATES = 3


@dataclass(frozen=True)
class Cell:
    state: str  # reported | partial | missing
    updates: int


@dataclass(frozen=True)
class Obligations:
    plan: str
    as_of: dt.date
    min_updates: int
    years: tuple[int, ...]
    platforms: tuple[str, ...]
    cells: dict[tuple[str, int], Cell]

    def cell(self, platform: str, year: int) -> Cell:
        return self.cells[(platform, year)]

    def row(self, platform: str) -> list[tuple[int, Cell]]:
        """One platform's years, oldest first: what a compact line in `ssw status` shows."""
        return [(year, self.cells[(platform, year)]) for year in self.years]

    def complete(self, year: int) -> bool:
        return dt.date(year, 12, 31) <= self.as_of

    def not_reported(self, year: int) -> list[tuple[str, Cell]]:
        """Platforms that did not fully report in `year` (partial or missing)."""
        if year not in self.years:
            return []
        return [(p, self.cells[(p, year)]) for p in self.platforms if self.cells[(p, year)].state != REPORTED]


def state_of(count: int, min_updates: int = MIN_UPDATES) -> str:
    return REPORTED if count >= min_updates else PARTIAL if count else MISSING


def obligations(ds: d.Dataset, plan_id: str | None = None, as_of: dt.date | None = None,
                min_updates: int = MIN_UPDATES) -> Obligations:
    """Platforms × years of the plan, counted from the updates' dates (no text inside)."""
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:
        return Obligations("", as_of or today(), min_updates, (), (), {})
    day, _ = default_as_of(plan, as_of)
    last = min(day.year, plan.end.year)
    years = tuple(range(plan.start.year, last + 1))
    platforms = tuple(ds.regional_platforms())
    counts: dict[tuple[str, int], int] = {}
    for rec in ds.updates:
        if rec.item is None or rec.item[0] != plan.id or rec.date.first > day:
            continue
        counts[(rec.platform, rec.date.year)] = counts.get((rec.platform, rec.date.year), 0) + 1
    cells = {(p, y): Cell(state_of(counts.get((p, y), 0), min_updates), counts.get((p, y), 0))
             for p in platforms for y in years}
    return Obligations(plan.id, day, min_updates, years, platforms, cells)


def obligations_dict(ob: Obligations) -> dict[str, Any]:
    return {
        "plan": ob.plan,
        "as_of": ob.as_of.isoformat(),
        "rule": {"reported": f">= {ob.min_updates} updates", "partial": f"1-{ob.min_updates - 1} updates" if ob.min_updates > 1 else None,
                 "missing": "0 updates", "min_updates": ob.min_updates},
        "years": [{"year": y, "complete": ob.complete(y)} for y in ob.years],
        "platforms": [
            {"id": p, "years": {str(y): {"state": c.state, "updates": c.updates} for y, c in ob.row(p)}}
            for p in ob.platforms
        ],
    }
