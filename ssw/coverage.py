"""Coverage: what is moving in a year, per speerpunt and per krachtlijn, per platform.

An item is *active* for a platform in year Y when that platform's latest update on it,
seen from the end of Y (or today, if earlier), is dated in Y and says `lopend` or
`gerealiseerd`. A platform's scope: for a regional platform, the regional initiatives
plus its own actions (not dropped); for the Flemish level, every Flemish item. Tags
inherit downward (an initiative carries its action's and theme's speerpunten).

A *gap* is a speerpunt or krachtlijn with no active item for a platform in that year;
`possible` says how many items in the platform's scope carry the tag (0: the platform
could only move it with an own action). A *focus gap* is a focus theme a platform chose
for the year with nothing of that platform moving in it.

Missing data is never a finding: a speerpunt none of whose items has any update on the
day looked from is *without data*, not *quiet*; only a speerpunt with data and nothing
moving in the year is quiet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ssw import dataset as d
from ssw.clock import today
from ssw.ids import natural_key
from ssw.problems import SswError
from ssw.root import STALE_MONTHS
from ssw.status import ItemState, default_as_of, item_states

ACTIVE = ("lopend", "gerealiseerd")


@dataclass(frozen=True)
class Cell:
    active: tuple[str, ...]  # ids of the items moving
    possible: int  # items in the platform's scope carrying the tag

    @property
    def gap(self) -> bool:
        return not self.active


@dataclass(frozen=True)
class Line:
    dimension: str  # speerpunt | krachtlijn
    id: str
    title: str
    cells: dict[str, Cell]
    total: tuple[str, ...]  # distinct items active on any platform
    with_data: int  # items carrying the tag with at least one update on the day looked from

    @property
    def gaps(self) -> list[str]:
        return [p for p, c in self.cells.items() if c.gap]


@dataclass(frozen=True)
class Coverage:
    plan: str
    year: int
    as_of: dt.date
    platforms: tuple[str, ...]
    speerpunten: list[Line]
    krachtlijnen: list[Line]
    focus_gaps: list[tuple[str, str]]  # (platform, theme)
    active: dict[str, tuple[str, ...]]  # platform -> active item ids

    def lines(self) -> list[Line]:
        return self.speerpunten + self.krachtlijnen

    def quiet_speerpunten(self) -> list[Line]:
        """Speerpunten with data and nothing moving anywhere in the year."""
        return [line for line in self.speerpunten if not line.total and line.with_data]

    def no_data_speerpunten(self) -> list[Line]:
        """Speerpunten none of whose items has any update yet: no data, not a finding."""
        return [line for line in self.speerpunten if not line.total and not line.with_data]


def _scopes(ds: d.Dataset, states: list[ItemState], platforms: tuple[str, ...], day: dt.date) -> dict[str, list[ItemState]]:
    """Per platform the items in its scope: the plan items of its level (regional or
    Flemish) and its own actions not dropped by `day`; platforms of one level share one list of
    plan items, so large plans are not walked once per platform."""
    plan_items = {level: [s for s in states if s.item.kind != "regional-action" and s.item.regional == (level == d.REGIONAL_LEVEL)]
                  for level in {ds.platforms[p].level for p in platforms}}
    own: dict[str, list[ItemState]] = {}
    for s in states:
        if s.item.kind == "regional-action" and not s.item.dropped_by(day) and s.item.platform:
            own.setdefault(s.item.platform, []).append(s)
    return {p: plan_items[ds.platforms[p].level] + own[p] if p in own else plan_items[ds.platforms[p].level]
            for p in platforms}


def is_active(state: ItemState, platform: str, year: int) -> bool:
    ps = state.platforms.get(platform)
    return ps is not None and ps.last.date.year == year and ps.status in ACTIVE


def _theme_ids(item: d.Item) -> set[str]:
    found = {ref.partition(":")[2] or ref for ref in item.themes}
    if item.theme:
        found.add(item.theme)
    return found


def coverage_day(year: int, as_of: dt.date | None = None) -> dt.date:
    """The day coverage looks from: the end of `year`, or `as_of` / today when earlier."""
    return min(dt.date(year, 12, 31), max(as_of or today(), dt.date(year, 1, 1)))


def coverage(ds: d.Dataset, plan_id: str | None = None, year: int | None = None,
             as_of: dt.date | None = None, states: dict[tuple[str, str], ItemState] | None = None) -> Coverage:
    """Speerpunten and krachtlijnen × platforms for `year` (default: the as-of year),
    seen from the end of the year, or from `as_of` / today when earlier.
    `states`: `item_states` on `coverage_day`, when the caller has them (activity does not
    depend on the stale period, so any will do)."""
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:
        raise SswError("err.no-plan", path="plan/")
    if year is None:
        year = default_as_of(plan, as_of)[0].year
    if not plan.start.year <= year <= plan.end.year:
        raise SswError("cov.err.year", exit_code=2, year=year, plan=plan.id,
                       start=plan.start.year, end=plan.end.year)
    day = coverage_day(year, as_of)
    in_plan = [s for (p, _), s in (states if states is not None else item_states(ds, day, STALE_MONTHS)).items()
               if p == plan.id and not (s.item.date and s.item.date.first > day)]
    platforms = tuple(ds.platform_order())
    scope = _scopes(ds, in_plan, platforms, day)
    # which (item, platform) pairs moved this year: walk each item's own platforms once
    # instead of testing every item of a scope for every platform
    moved: dict[str, set[int]] = {p: set() for p in platforms}
    for s in in_plan:
        for p in s.platforms:
            if p in moved and is_active(s, p, year):
                moved[p].add(id(s))
    active: dict[str, tuple[str, ...]] = {p: tuple(s.item.id for s in scope[p] if id(s) in moved[p]) for p in platforms}
    active_ids = {p: set(ids) for p, ids in active.items()}

    def line(dimension: str, tag_id: str, title: str, field: str) -> Line:
        cells = {}
        tagged_by_scope: dict[int, list[ItemState]] = {}  # platforms sharing one scope list share the work
        for p in platforms:
            key = id(scope[p])
            if key not in tagged_by_scope:
                tagged_by_scope[key] = [s for s in scope[p] if tag_id in getattr(s.item, field)]
            tagged = tagged_by_scope[key]
            cells[p] = Cell(tuple(s.item.id for s in tagged if s.item.id in active_ids[p]), len(tagged))
        total = tuple(sorted({i for c in cells.values() for i in c.active}, key=natural_key))
        with_data = sum(1 for s in in_plan if s.last is not None and tag_id in getattr(s.item, field))
        return Line(dimension, tag_id, title, cells, total, with_data)

    speerpunten = [line("speerpunt", sp.id, sp.title, "speerpunten") for sp in plan.file.speerpunten]
    krachtlijnen = [line("krachtlijn", k.id, k.title, "krachtlijnen") for k in plan.file.krachtlijnen]
    focus_gaps = []
    for p in platforms:
        moving = [s.item for s in scope[p] if id(s) in moved[p]]
        for focus in ds.platforms[p].focus:
            if focus.year != year:
                continue
            for ref in focus.themes:
                theme = ref.partition(":")[2] or ref
                if not any(theme in _theme_ids(i) for i in moving):
                    focus_gaps.append((p, theme))
    return Coverage(plan.id, year, day, platforms, speerpunten, krachtlijnen, focus_gaps, active)


def coverage_dict(cov: Coverage) -> dict[str, Any]:
    def line(ln: Line) -> dict[str, Any]:
        return {
            "id": ln.id,
            "title": ln.title,
            "active": len(ln.total),
            "items": list(ln.total),
            "platforms": {p: {"active": len(c.active), "items": list(c.active), "possible": c.possible, "gap": c.gap}
                          for p, c in ln.cells.items()},
            "gaps": ln.gaps,
            "with_data": ln.with_data,
        }

    return {
        "plan": cov.plan,
        "year": cov.year,
        "as_of": cov.as_of.isoformat(),
        "platforms": list(cov.platforms),
        "active": {p: list(ids) for p, ids in cov.active.items()},
        "speerpunten": [line(ln) for ln in cov.speerpunten],
        "krachtlijnen": [line(ln) for ln in cov.krachtlijnen],
        "quiet_speerpunten": [ln.id for ln in cov.quiet_speerpunten()],
        "no_data_speerpunten": [ln.id for ln in cov.no_data_speerpunten()],
        "focus_gaps": [{"platform": p, "theme": t} for p, t in cov.focus_gaps],
    }
