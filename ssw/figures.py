"""The headline figures: one home for every number a steering group reads.

`headline` counts the items of a plan by status on one date and names what each
figure is read against. `ssw status` (table, JSON, CSV), every report, `ssw export`,
`ssw coverage` and `ssw agenda` take their figures from here, so the same figure is
the same number everywhere.

Rules (also in the README, *How status is derived*):
- The denominator is **the items counted** (`items`): a plan's trackable items (its
  initiatives and actions without initiatives; the platforms' own actions are counted
  apart, as amendments). Every percentage is a share of it, and is shown with how many
  of those items have data (`with_data`: at least one update on or before the date).
- progress = gerealiseerd / items. An item without data or dropped counts as not
  realised; how many have no data stands beside it, so a 0 % over items without data
  reads as what it is.
- *te laat*: an item **with a status** whose due date has passed and that is neither
  gerealiseerd nor geschrapt. An item past its due date without any data is not late
  but `past_due` ("vervaldatum voorbij, geen gegevens"), listed apart.
- *stil* is per platform: one `Quiet` row per platform whose own latest update on the
  item is older than the stale period and not final, with that platform's status and
  date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssw.dataset import UpdateRec
    from ssw.status import ItemState

STATUSES = ("gerealiseerd", "lopend", "gepland", "uitgesteld", "geschrapt", "onbekend")
FINAL = ("gerealiseerd", "geschrapt")
UNKNOWN = "onbekend"


@dataclass
class Counts:
    by_status: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STATUSES})

    def add(self, status: str) -> None:
        self.by_status[status] += 1

    @property
    def total(self) -> int:
        """The denominator of every share of these counts: the items counted."""
        return sum(self.by_status.values())

    @property
    def with_data(self) -> int:
        """Items with at least one update."""
        return self.total - self.by_status[UNKNOWN]

    known = with_data

    @property
    def without_data(self) -> int:
        return self.by_status[UNKNOWN]

    @property
    def realised(self) -> int:
        return self.by_status["gerealiseerd"]

    @property
    def progress(self) -> float:
        """gerealiseerd / items."""
        return self.realised / self.total if self.total else 0.0

    @property
    def progress_pct(self) -> int:
        """The percentage every output prints: rounded once, here."""
        return pct(self.realised, self.total)

    def as_dict(self) -> dict[str, Any]:
        return {**self.by_status, "total": self.total, "with_data": self.with_data,
                "progress": round(self.progress, 4), "progress_pct": self.progress_pct}


def pct(part: int, whole: int) -> int:
    """A whole percentage, half up (so 24 of 76 is 32 everywhere)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def status_seen_from(state: ItemState, region: str | None) -> str:
    """Seen from one region, a regional item has that region's own status."""
    if region and state.item.regional and state.item.kind != "regional-action":
        ps = state.platforms.get(region)
        return ps.status if ps else UNKNOWN
    return state.status


@dataclass(frozen=True)
class Quiet:
    """One platform quiet on one item: that platform's own status and latest update."""

    state: ItemState
    platform: str
    status: str
    last: UpdateRec


@dataclass(frozen=True)
class Figures:
    plan: str
    as_of: dt.date
    counts: Counts
    late: tuple[ItemState, ...]
    past_due: tuple[ItemState, ...]
    quiet: tuple[Quiet, ...]

    @property
    def items(self) -> int:
        return self.counts.total

    @property
    def with_data(self) -> int:
        return self.counts.with_data

    @property
    def without_data(self) -> int:
        return self.counts.without_data

    @property
    def realised(self) -> int:
        return self.counts.realised

    @property
    def progress_pct(self) -> int:
        return self.counts.progress_pct


def quiet_rows(states: Iterable[ItemState], region: str | None = None) -> list[Quiet]:
    """Every (item, platform) where that platform went quiet; only `region`'s when given."""
    return [Quiet(s, p, ps.status, ps.last) for s in states for p, ps in s.platforms.items()
            if ps.stil and (region is None or p == region)]


def headline(states: Iterable[ItemState], plan: str, as_of: dt.date, region: str | None = None) -> Figures:
    """The figures over `states` (a plan's items, own actions excluded by the caller),
    seen from `region` when given. Lists keep the order of `states`."""
    ordered = list(states)
    counts = Counts()
    for s in ordered:
        counts.add(status_seen_from(s, region))
    late = tuple(s for s in ordered if s.te_laat)
    past_due = tuple(s for s in ordered if s.past_due)
    return Figures(plan, as_of, counts, late, past_due, tuple(quiet_rows(ordered, region)))


def figures_dict(f: Figures) -> dict[str, Any]:
    """The figures as plain data, the same keys in status JSON, export, coverage and agenda."""
    return {
        "plan": f.plan,
        "as_of": f.as_of.isoformat(),
        "denominator": "items",
        "items": f.items,
        "with_data": f.with_data,
        "without_data": f.without_data,
        "realised": f.realised,
        "progress_pct": f.progress_pct,
        "by_status": dict(f.counts.by_status),
        "late": len(f.late),
        "past_due_no_data": len(f.past_due),
        "quiet": len(f.quiet),
    }
