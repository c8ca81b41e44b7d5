"""Where do we stand: current status derived from the update log, and its roll-ups.

Rules (also in the README):
- An item that takes updates has, per platform, the status of that platform's latest
  update on or before the as-of date (same date: the later line wins).
- A Flemish item has one status: vlaanderen's. A regional item has a status per
  regional platform, and an overall one: none reported -> onbekend; all the same ->
  that status; some gerealiseerd and some not finished -> lopend; otherwise the first
  of lopend, gepland, uitgesteld, gerealiseerd, geschrapt present.
- No update is not a status: such items are `onbekend` and counted apart; they are
  never *stil* nor *te laat* (missing data is not a finding).
- Action, theme, speerpunt and plan count the statuses of the items below them;
  progress = gerealiseerd / items (one denominator: every item counted, an item
  without data or dropped counts as not realised); `with_data` says how many of
  those items have any update. The headline figures: `ssw.figures`.
- stil, per platform: that platform's latest update on the item is older than
  `stale_months` and not final. Each quiet platform is its own row (`Quiet`).
- te laat: the item has a status (data), the due date (a partial date expires after
  its last day) lies before the as-of date and it is neither gerealiseerd nor
  geschrapt. Past due without data: `past_due` (listed apart, not a finding).
- The as-of date is min(today, plan end) unless given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ssw import dataset as d
from ssw.clock import today
from ssw.dates import months_before
from ssw.figures import FINAL, STATUSES, UNKNOWN, Counts, Figures, Quiet, figures_dict, headline, status_seen_from
from ssw.ids import natural_key
from ssw.root import STALE_MONTHS

if TYPE_CHECKING:
    from ssw import models as m

__all__ = ["FINAL", "STATUSES", "UNKNOWN", "Counts", "Figures", "Quiet"]
_PRECEDENCE = ("lopend", "gepland", "uitgesteld", "gerealiseerd", "geschrapt")


@dataclass
class Filters:
    themes: tuple[str, ...] = ()
    region: str | None = None
    statuses: tuple[str, ...] = ()
    krachtlijn: str | None = None
    partner: str | None = None
    speerpunt: str | None = None
    stale: bool = False
    late: bool = False

    def options(self) -> list[str]:
        """The filters as the user typed them, in the order of `ssw status --help`:
        `["--theme 4.3", "--status onbekend", "--stale"]` (empty when nothing filters)."""
        typed = [f"--theme {x}" for x in self.themes]
        typed += [f"--region {self.region}"] if self.region else []
        typed += [f"--status {x}" for x in self.statuses]
        for name in ("krachtlijn", "partner", "speerpunt"):
            value = getattr(self, name)
            typed += [f"--{name} {value}"] if value else []
        return typed + ["--stale"] * self.stale + ["--late"] * self.late


@dataclass
class PlatformState:
    platform: str
    status: str
    last: d.UpdateRec
    stil: bool = False


@dataclass
class ItemState:
    item: d.Item
    status: str
    platforms: dict[str, PlatformState] = field(default_factory=dict)
    last: d.UpdateRec | None = None
    stil: bool = False
    te_laat: bool = False
    past_due: bool = False  # due date passed, no data: not te laat, listed apart

    @property
    def stale_platforms(self) -> list[str]:
        return [p for p, s in self.platforms.items() if s.stil]


@dataclass
class Row:
    """A theme (or SAM goal) or action with the counts of the items below it."""

    item: d.Item
    counts: Counts
    states: list[ItemState]
    children: list[Row] = field(default_factory=list)


@dataclass
class RegionRow:
    platform: str
    name: str
    level: str
    chair: str | None
    last_update: d.UpdateRec | None
    focus: list[str]
    open_signals: int
    own_actions: list[ItemState]
    updates_in_year: int
    incomplete: list[str]


@dataclass
class StatusReport:
    plan: d.Plan
    as_of: dt.date
    as_of_reason: str  # "today" | "plan-end" | "given"
    stale_months: int
    filters: Filters
    rows: list[Row]
    speerpunten: list[tuple[m.Speerpunt, Counts]]
    totals: Counts
    regions: list[RegionRow]
    stale: list[Quiet]  # one row per quiet platform, with its own status and date
    late: list[ItemState]  # with a status, past due, not final
    states: dict[str, ItemState]
    figures: Figures  # the headline figures over the selected items (`ssw.figures`)
    carried: Counts = field(default_factory=Counts)  # items carried over from an earlier plan (vervolg_van)
    carried_from: tuple[str, ...] = ()  # the plans they come from

    @property
    def past_due(self) -> list[ItemState]:
        """Past due without any data: not late, listed apart."""
        return list(self.figures.past_due)


def default_as_of(plan: d.Plan, given: dt.date | None = None) -> tuple[dt.date, str]:
    if given is not None:
        return given, "given"
    now = today()
    return (plan.end, "plan-end") if plan.end < now else (now, "today")


def state_of(ds: d.Dataset, item: d.Item, as_of: dt.date | None, stale_months: int) -> ItemState | None:
    """One item's state on `as_of` (by default its plan's day: today, or the plan's end)."""
    plan = ds.plans.get(item.plan)
    day = default_as_of(plan, as_of)[0] if plan else as_of
    return item_states(ds, day, stale_months).get(item.key) if day else None


def combine(statuses: list[str]) -> str:
    """The overall status of a regional item from its platforms' statuses."""
    if not statuses:
        return UNKNOWN
    present = set(statuses)
    if len(present) == 1:
        return statuses[0]
    if "gerealiseerd" in present and present - set(FINAL):
        return "lopend"
    return next(s for s in _PRECEDENCE if s in present)


def is_combined(state: ItemState) -> bool:
    """A regional item whose platforms report different statuses: its overall status is
    derived by `combine` (e.g. three ✔ and one ○ make lopend), not reported as such."""
    return state.item.regional and len({s.status for s in state.platforms.values()}) > 1


def item_states(ds: d.Dataset, as_of: dt.date, stale_months: int) -> dict[tuple[str, str], ItemState]:
    """The state of every trackable item, as of a date. One pass over the log."""
    stale_before = months_before(as_of, stale_months)
    latest: dict[tuple[str, str], dict[str, d.UpdateRec]] = {}
    for rec in ds.updates:
        if rec.item is None or rec.date.first > as_of:
            continue
        per = latest.setdefault(rec.item, {})
        old = per.get(rec.platform)
        if old is None or (rec.date.first, rec.path, rec.index) >= (old.date.first, old.path, old.index):
            per[rec.platform] = rec
    states = {}
    for key, item in ds.items.items():
        if not item.trackable or not item.exists_by(as_of):
            continue  # an own action added after `as_of` did not exist yet
        per = latest.get(key, {})
        platforms = {
            p: PlatformState(p, rec.status, rec, rec.date.first < stale_before and rec.status not in FINAL)
            for p, rec in sorted(per.items())
        }
        status = combine([s.status for s in platforms.values()]) if item.regional else (
            next(iter(platforms.values())).status if platforms else UNKNOWN
        )
        if item.regional and len(platforms) == 0:
            status = UNKNOWN
        last = max((s.last for s in platforms.values()), key=lambda r: (r.date.first, r.path, r.index), default=None)
        stil = any(s.stil for s in platforms.values()) if item.regional else bool(platforms) and next(iter(platforms.values())).stil
        past = item.due is not None and item.due.last < as_of and status not in FINAL
        states[key] = ItemState(item, status, platforms, last, stil, past and status != UNKNOWN, past and status == UNKNOWN)
    return states


def trackables_under(ds: d.Dataset, item: d.Item) -> list[d.Item]:
    if item.trackable:
        return [item]
    found: list[d.Item] = []
    for child in item.children:
        sub = ds.items.get((item.plan, child))
        if sub is not None:
            found += trackables_under(ds, sub)
    return found


def _matches(ds: d.Dataset, state: ItemState, f: Filters) -> bool:
    item = state.item
    if f.themes and not any(_in_theme(ds, item, t) for t in f.themes):
        return False
    if f.region and not _in_region(ds, state, f.region):
        return False
    status = _status_for(state, f.region)
    if f.statuses and status not in f.statuses:
        return False
    if f.krachtlijn and f.krachtlijn not in item.krachtlijnen:
        return False
    if f.speerpunt and f.speerpunt not in item.speerpunten:
        return False
    if f.partner and f.partner != item.lead and f.partner not in item.partners:
        return False
    if f.stale and not (state.platforms[f.region].stil if f.region and f.region in state.platforms else (state.stil and not f.region)):
        return False
    if f.late and not state.te_laat:
        return False
    return True


def _in_theme(ds: d.Dataset, item: d.Item, theme: str) -> bool:
    if item.theme == theme or theme in item.themes:
        return True
    current = item
    while current.parent:
        if current.parent == theme:
            return True
        parent = ds.items.get((current.plan, current.parent))
        if parent is None:
            return False
        current = parent
    return item.id == theme


def _in_region(ds: d.Dataset, state: ItemState, region: str) -> bool:
    item = state.item
    level = ds.platforms[region].level if region in ds.platforms else None
    if item.kind == "regional-action":
        return item.platform == region
    if level == d.REGIONAL_LEVEL:
        return item.regional
    return not item.regional


_status_for = status_seen_from


def compute_status(
    ds: d.Dataset,
    plan_id: str | None = None,
    as_of: dt.date | None = None,
    stale_months: int = STALE_MONTHS,
    filters: Filters | None = None,
    states: dict[tuple[str, str], ItemState] | None = None,
) -> StatusReport:
    """`states`: item_states(ds, as_of, stale_months) when the caller already has them
    (a report computes them once for its many views)."""
    f = filters or Filters()
    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:  # an empty plans folder: a message, not a crash
        from ssw.problems import SswError

        raise SswError("err.no-plan", path="plan/")
    day, reason = default_as_of(plan, as_of)
    all_states = states if states is not None else item_states(ds, day, stale_months)
    in_plan = {k[1]: s for k, s in all_states.items() if k[0] == plan.id}
    selected = {i: s for i, s in in_plan.items() if _matches(ds, s, f) and s.item.kind != "regional-action"}

    rows: list[Row] = []
    groups = [ds.items[(plan.id, t)] for t in plan.themes] or [
        i for (p, _), i in ds.items.items() if p == plan.id and i.kind == "goal"
    ]
    ordered = sorted(selected.values(), key=lambda s: natural_key(s.item.id))
    figures = headline(ordered, plan.id, day, f.region)
    totals = figures.counts
    for group in groups:
        row = _row(ds, group, selected, f.region)
        if row.counts.total or not (f.themes or f.statuses or f.stale or f.late or f.partner or f.krachtlijn or f.speerpunt):
            rows.append(row)
    speerpunten = []
    for sp in plan.file.speerpunten:
        counts = Counts()
        for state in selected.values():
            if sp.id in state.item.speerpunten:
                counts.add(_status_for(state, f.region))
        speerpunten.append((sp, counts))
    regions = _regions(ds, all_states, day, f.region)
    carried, sources = Counts(), set()
    for state in selected.values():
        if state.item.vervolg_van:
            carried.add(_status_for(state, f.region))
            sources.add(state.item.vervolg_van.partition(":")[0])
    return StatusReport(plan, day, reason, stale_months, f, rows, speerpunten, totals, regions,
                        list(figures.quiet), list(figures.late), selected, figures, carried, tuple(sorted(sources)))


def _row(ds: d.Dataset, group: d.Item, selected: dict[str, ItemState], region: str | None) -> Row:
    children = []
    counts = Counts()
    states = []
    child_items = [ds.items[(group.plan, c)] for c in group.children if (group.plan, c) in ds.items]
    for child in child_items:
        tracked = [selected[i.id] for i in trackables_under(ds, child) if i.id in selected]
        c_counts = Counts()
        for s in tracked:
            c_counts.add(_status_for(s, region))
            counts.add(_status_for(s, region))
        states += tracked
        if tracked:
            children.append(Row(child, c_counts, tracked))
    return Row(group, counts, states, children)


def own_actions(states: dict[tuple[str, str], ItemState]) -> dict[str, list[ItemState]]:
    """Each platform's own (bottom-up) actions, in id order."""
    by_platform: dict[str, list[ItemState]] = {}
    for s in states.values():
        if s.item.kind == "regional-action" and s.item.platform:
            by_platform.setdefault(s.item.platform, []).append(s)
    return {p: sorted(own, key=lambda s: natural_key(s.item.id)) for p, own in by_platform.items()}


def _regions(ds: d.Dataset, all_states: dict[tuple[str, str], ItemState], as_of: dt.date, only: str | None) -> list[RegionRow]:
    last: dict[str, d.UpdateRec] = {}
    in_year: dict[str, int] = {}
    for rec in ds.updates:
        if (only and rec.platform != only) or rec.date.first > as_of:
            continue
        if rec.platform not in last or rec.date.first >= last[rec.platform].date.first:
            last[rec.platform] = rec
        if rec.date.year == as_of.year:
            in_year[rec.platform] = in_year.get(rec.platform, 0) + 1
    own_by_platform = own_actions(all_states)
    rows = []
    for pid in ds.platform_order():
        if only and pid != only:
            continue
        platform = ds.platforms[pid]
        focus = [t for f in platform.focus if f.year == as_of.year for t in f.themes]
        open_signals = len(ds.open_signals(as_of, pid))
        own = own_by_platform.get(pid, [])
        rows.append(RegionRow(pid, platform.name, platform.level, platform.chair.name if platform.chair else None,
                              last.get(pid), focus, open_signals, own, in_year.get(pid, 0), ds.incomplete.get(pid, [])))
    return rows


# -- plain data for JSON/CSV and templates ------------------------------------------------


def state_dict(state: ItemState, region: str | None = None) -> dict[str, Any]:
    item = state.item
    return {
        "id": item.id,
        "plan": item.plan,
        "kind": item.kind,
        "title": item.title,
        "theme": item.theme,
        "scope": item.scope,
        "status": _status_for(state, region),
        "combined": region is None and is_combined(state),  # derived from platforms that disagree
        "due": str(item.due) if item.due else None,
        "stil": state.stil,
        "te_laat": state.te_laat,
        "past_due_no_data": state.past_due,
        "last_update": str(state.last.date) if state.last else None,
        "platforms": {p: {"status": s.status, "date": str(s.last.date), "stil": s.stil} for p, s in state.platforms.items()},
        "krachtlijnen": list(item.krachtlijnen),
        "speerpunten": list(item.speerpunten),
        "lead": item.lead,
        "partners": list(item.partners),
        "inferred": bool(item.basis),  # the data is the transcriber's reading: `basis` says why
        "basis": item.basis or None,
        # the latest update is itself a reading of the sources (the SWIPE contribution)
        "status_basis": (state.last.update.basis or None) if state.last else None,
    }


def quiet_dict(q: Quiet) -> dict[str, Any]:
    """One quiet platform on one item: its own status and the date of its own latest update."""
    return {"id": q.state.item.id, "platform": q.platform, "status": q.status, "last_update": str(q.last.date),
            "status_basis": q.last.update.basis or None}


def report_dict(rep: StatusReport) -> dict[str, Any]:
    """The documented, stable JSON of `ssw status --format json`."""
    f = rep.filters
    return {
        "plan": rep.plan.id,
        "as_of": rep.as_of.isoformat(),
        "as_of_reason": rep.as_of_reason,
        "stale_months": rep.stale_months,
        "filters": {k: (list(v) if isinstance(v, tuple) else v) for k, v in f.__dict__.items()},
        "totals": rep.totals.as_dict(),
        "themes": [
            {
                "id": row.item.id,
                "title": row.item.title,
                "speerpunten": list(row.item.speerpunten),
                "counts": row.counts.as_dict(),
                "actions": [{"id": c.item.id, "title": c.item.title, "counts": c.counts.as_dict()} for c in row.children],
            }
            for row in rep.rows
        ],
        "speerpunten": [{"id": sp.id, "title": sp.title, "themes": list(sp.themes), "counts": c.as_dict()} for sp, c in rep.speerpunten],
        "regions": [
            {
                "id": r.platform,
                "name": r.name,
                "level": r.level,
                "chair": r.chair,
                "last_update": str(r.last_update.date) if r.last_update else None,
                "focus": r.focus,
                "open_signals": r.open_signals,
                "updates_in_year": r.updates_in_year,
                "own_actions": [state_dict(s) for s in r.own_actions],
                "incomplete": r.incomplete,
            }
            for r in rep.regions
        ],
        "figures": figures_dict(rep.figures),
        "stale": [quiet_dict(q) for q in rep.stale],
        "late": [s.item.id for s in rep.late],
        "past_due_no_data": [s.item.id for s in rep.past_due],
        "items": [state_dict(s, f.region) for s in sorted(rep.states.values(), key=lambda s: natural_key(s.item.id))],
        "carried": {**rep.carried.as_dict(), "from": list(rep.carried_from)},
    }
