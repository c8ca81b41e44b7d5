"""The yearly account: did every regional chair present the platform's yearly overview?

Chapter 5 of the plan: each regional chair presents a yearly overview at the stuurgroep
(the actions taken, the state of affairs, the themes the region zooms in on). That is a
recorded fact, never inferred from counting updates: the stuurgroep's meetings are data
(`regions/vlaanderen/meetings.yaml`), each naming which platforms presented their
overview of which year. Per regional platform and year of the plan (up to the as-of
year), seen from the as-of date (meetings after it do not count):

- `reported`: the platform presented its overview of that year at a recorded meeting;
- `missing`: meetings that took the overviews of that year are recorded, and the
  platform presented none;
- `no-data`: no meeting taking the overviews of that year is recorded. No data is not a
  finding: such a cell never counts as missing.

The three codes are machine output, the same in every language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from ssw import dataset as d
from ssw.clock import today
from ssw.status import default_as_of

REPORTED, MISSING, NO_DATA = "reported", "missing", "no-data"
STATES = (REPORTED, MISSING, NO_DATA)


@dataclass(frozen=True)
class Cell:
    state: str  # reported | missing | no-data
    meeting: str | None = None  # the meeting where the overview was presented
    date: str | None = None  # that meeting's date


@dataclass(frozen=True)
class Obligations:
    plan: str
    as_of: dt.date
    years: tuple[int, ...]
    platforms: tuple[str, ...]
    cells: dict[tuple[str, int], Cell]
    meetings: dict[int, tuple[str, ...]]  # year -> ids of the meetings that took its overviews

    def cell(self, platform: str, year: int) -> Cell:
        return self.cells[(platform, year)]

    def only(self, platforms: set[str]) -> Obligations:
        """The same account for just these platforms (e.g. those a filtered status shows)."""
        return replace(self, platforms=tuple(p for p in self.platforms if p in platforms))

    def row(self, platform: str) -> list[tuple[int, Cell]]:
        """One platform's years, oldest first: what a compact line in `ssw status` shows."""
        return [(year, self.cells[(platform, year)]) for year in self.years]

    def complete(self, year: int) -> bool:
        """The year is over on the as-of date (its overviews may still be presented later)."""
        return dt.date(year, 12, 31) <= self.as_of

    def recorded(self, year: int) -> bool:
        return bool(self.meetings.get(year))

    def not_reported(self, year: int) -> list[tuple[str, Cell]]:
        """Platforms `missing` in `year`: a meeting took that year's overviews, theirs was not
        presented. `no-data` cells are not listed: missing data is not a finding."""
        if year not in self.years:
            return []
        return [(p, self.cells[(p, year)]) for p in self.platforms if self.cells[(p, year)].state == MISSING]

    def count(self, year: int) -> dict[str, int]:
        """How many platforms are in each state in `year` (keys with `_`: template-friendly)."""
        found = {s.replace("-", "_"): 0 for s in STATES}
        for p in self.platforms:
            if year in self.years:
                found[self.cells[(p, year)].state.replace("-", "_")] += 1
        return found


def obligations(ds: d.Dataset, plan_id: str | None = None, as_of: dt.date | None = None) -> Obligations:
    """Regional platforms × years of the plan, from the recorded meetings up to `as_of`."""
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:
        return Obligations("", as_of or today(), (), (), {}, {})
    day, _ = default_as_of(plan, as_of)
    years = tuple(range(plan.start.year, min(day.year, plan.end.year) + 1))
    platforms = tuple(ds.regional_platforms())
    meetings: dict[int, list[str]] = {}
    presented: dict[tuple[str, int], tuple[str, str]] = {}
    for e in sorted(ds.meetings, key=lambda e: (e.model.date.first, e.index)):
        m = e.model
        if m.date.first > day:
            continue
        for ov in m.overviews:
            meetings.setdefault(ov.year, []).append(m.id)
            for p in ov.presented:
                presented.setdefault((p, ov.year), (m.id, str(m.date)))
    cells = {}
    for p in platforms:
        for y in years:
            if (p, y) in presented:
                cells[(p, y)] = Cell(REPORTED, *presented[(p, y)])
            else:
                cells[(p, y)] = Cell(MISSING if meetings.get(y) else NO_DATA)
    return Obligations(plan.id, day, years, platforms, cells, {y: tuple(ids) for y, ids in meetings.items()})


def obligations_dict(ob: Obligations) -> dict[str, Any]:
    return {
        "plan": ob.plan,
        "as_of": ob.as_of.isoformat(),
        "rule": {"reported": "presented the yearly overview at a recorded meeting",
                 "missing": "meetings for that year's overviews are recorded, none by this platform",
                 "no-data": "no meeting for that year's overviews is recorded",
                 "source": "regions/vlaanderen/meetings.yaml"},
        "years": [{"year": y, "complete": ob.complete(y), "meetings": list(ob.meetings.get(y, ()))} for y in ob.years],
        "platforms": [
            {"id": p, "years": {str(y): {"state": c.state, "meeting": c.meeting, "date": c.date} for y, c in ob.row(p)}}
            for p in ob.platforms
        ],
    }
