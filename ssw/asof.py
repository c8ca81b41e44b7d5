"""A view of the data set as of a day: nothing that happened after it.

`view(ds, day)` is the data set as someone would have seen it on `day`: updates, signals,
decisions, judgements and meetings dated later are left out; an own action added later
does not exist yet, one dropped later is not dropped yet; a decision's follow-up done later
is still open; a platform's focus of a later year is not chosen yet. Dates announced in
advance (the plan's period and milestones, due dates, follow-up deadlines) stay: they
were known on `day`. A partial date counts from its first day (`2024-02` is after
31 January 2024), as `Item.dropped_by` does.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from ssw import dataset as d


def view(ds: d.Dataset, day: dt.date) -> d.Dataset:
    """A copy of `ds` that knows only what happened on or before `day` (`ds` is not changed)."""
    seen = copy.copy(ds)
    seen.items = {key: _item(item, day) for key, item in ds.items.items() if item.exists_by(day)}
    seen.platforms = {pid: p.model_copy(update={"focus": [f for f in p.focus if f.year <= day.year]})
                      for pid, p in ds.platforms.items()}
    seen.updates = [r for r in ds.updates if r.date.first <= day and (r.item is None or r.item in seen.items)]
    seen.signals = [e for e in ds.signals if e.model.date.first <= day]
    seen.decisions = [_decision(e, day) for e in ds.decisions if e.model.date.first <= day]
    seen.evaluations = [e for e in ds.evaluations if e.model.date.first <= day]
    seen.meetings = [e for e in ds.meetings if e.model.date.first <= day]
    seen.index_ids()
    seen.index_updates()
    return seen


def _item(item: d.Item, day: dt.date) -> d.Item:
    if item.dropped is not None and not item.dropped_by(day):
        return dataclasses.replace(item, dropped=None)
    return item


def _decision(entry: d.Entry, day: dt.date) -> d.Entry:
    done = entry.model.done
    if done is not None and done.first > day:
        return dataclasses.replace(entry, model=entry.model.model_copy(update={"done": None}))
    return entry
