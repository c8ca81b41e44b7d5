"""The plan as adopted versus the plan with its amendments.

- *As adopted*: every item the plan text holds (initiatives and actions without
  initiatives), whatever happened to them since. Progress = gerealiseerd / all of
  them: an item dropped later still counts as not done.
- *With amendments*: the adopted items minus those whose status is `geschrapt`, plus
  the platforms' own actions that are not dropped (`dropped: <date>` on or before the
  as-of date) nor `geschrapt`.
  Progress = gerealiseerd / that total.

Statuses come from `ssw.status.item_states` at the as-of date (min(today, plan end)
unless given); the adopted side is `ssw.figures.headline` over the plan's items, the
very figures `ssw status` shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ssw import dataset as d
from ssw.figures import Counts, headline
from ssw.root import STALE_MONTHS
from ssw.status import ItemState, default_as_of, item_states


@dataclass(frozen=True)
class Amendments:
    plan: str
    as_of: dt.date
    adopted: Counts
    amended: Counts
    dropped_items: tuple[str, ...]  # adopted items now geschrapt
    added_actions: tuple[str, ...]  # own actions counted in the amended plan
    dropped_actions: tuple[str, ...]  # own actions dropped or geschrapt

    @property
    def adopted_progress(self) -> float:
        return self.adopted.progress

    @property
    def amended_progress(self) -> float:
        return self.amended.progress


def amendments(ds: d.Dataset, plan_id: str | None = None, as_of: dt.date | None = None,
               stale_months: int = STALE_MONTHS, states: dict[tuple[str, str], ItemState] | None = None) -> Amendments:
    """`states`: `item_states` at the same as-of date, when the caller has them already."""
    from ssw.ids import natural_key

    plan = ds.plans[plan_id] if plan_id else ds.default_plan()
    if plan is None:  # an empty plans folder: a message, not a crash
        from ssw.problems import SswError

        raise SswError("err.no-plan", path="plan/")
    day, _ = default_as_of(plan, as_of)
    if states is None:
        states = item_states(ds, day, stale_months)
    ordered = sorted((s for (p, _), s in states.items() if p == plan.id), key=lambda s: natural_key(s.item.id))
    adopted = headline((s for s in ordered if s.item.kind != "regional-action"), plan.id, day).counts
    amended = Counts()
    dropped_items, added, dropped_actions = [], [], []
    for s in ordered:
        if s.item.kind == "regional-action":
            if not s.item.exists_by(day):
                continue
            if s.item.dropped_by(day) or s.status == "geschrapt":
                dropped_actions.append(s.item.id)
            else:
                added.append(s.item.id)
                amended.add(s.status)
            continue
        if s.status == "geschrapt":
            dropped_items.append(s.item.id)
        else:
            amended.add(s.status)
    return Amendments(plan.id, day, adopted, amended, tuple(dropped_items), tuple(added), tuple(dropped_actions))


def amendments_dict(am: Amendments) -> dict[str, Any]:
    return {
        "plan": am.plan,
        "as_of": am.as_of.isoformat(),
        "adopted": {**am.adopted.as_dict(), "progress": round(am.adopted_progress, 4)},
        "amended": {**am.amended.as_dict(), "progress": round(am.amended_progress, 4)},
        "dropped_items": list(am.dropped_items),
        "added_actions": list(am.added_actions),
        "dropped_actions": list(am.dropped_actions),
    }
