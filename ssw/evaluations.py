"""The stuurgroep's evaluations (`regions/vlaanderen/evaluations.yaml`): which plan,
moment and subject each entry judges, and the lookup reports use.

An entry judges one subject: a theme, a speerpunt, a krachtlijn, an impact domain, a
platform, or (none of those) the
plan as a whole, at one moment: a year's overview (`jaaroverzicht`, with `year`), the
interim (`tussentijds`) or the final evaluation (`eindevaluatie`). A subject without an
entry has no judgement: reports say so and never compute one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssw import dataset as d

if TYPE_CHECKING:
    from ssw import models as m

SUBJECTS = ("theme", "speerpunt", "krachtlijn", "impactdomein", "platform")
PLAN_SUBJECT = "plan"


@dataclass(frozen=True)
class Key:
    """What an entry judges: (plan, moment, year or None, subject kind, subject id)."""

    plan: str
    moment: str
    year: int | None
    subject: str
    ref: str


def subjects_of(e: m.Evaluation) -> list[str]:
    """The subject fields an entry fills (valid data fills at most one)."""
    return [s for s in SUBJECTS if getattr(e, s) is not None]


def when_of(e: m.Evaluation) -> dt.date:
    """The day that picks the plan of a bare reference: the judged year, else the date."""
    return dt.date(e.year, 1, 1) if e.year else e.date.first


def plan_of(ds: d.Dataset, e: m.Evaluation) -> str | None:
    """The plan an entry judges: `plan`, else the plan its theme names, else for a final
    evaluation the last SSW plan ended by its date, else the SSW plan holding the day."""
    if e.plan:
        return e.plan
    if e.theme and ":" in e.theme:
        return e.theme.partition(":")[0]
    day = when_of(e)
    if e.moment == "eindevaluatie":
        ended = [p for p in ds.ssw_plans() if p.end <= day]
        if ended:
            return ended[-1].id
    plan = ds.default_plan(day)
    return plan.id if plan else None


def key_of(ds: d.Dataset, e: m.Evaluation) -> Key | None:
    plan = plan_of(ds, e)
    if plan is None:
        return None
    found = subjects_of(e)
    if not found:
        return Key(plan, e.moment, e.year, PLAN_SUBJECT, "")
    field = found[0]
    ref = getattr(e, field)
    if field == "theme":
        ref = ref.partition(":")[2] or ref
    return Key(plan, e.moment, e.year, field, ref)


class Evaluations:
    """The entries of a data set by what they judge. A view as of a day sees only the
    judgements given by then (valid data has one entry per subject and moment)."""

    def __init__(self, ds: d.Dataset, as_of: dt.date | None = None) -> None:
        self._by_key: dict[Key, d.Entry] = {}
        for entry in sorted(ds.evaluations, key=lambda x: (x.model.date.first, x.path, x.index)):
            key = key_of(ds, entry.model)
            if key is not None and (as_of is None or entry.model.date.first <= as_of):
                self._by_key[key] = entry

    def get(self, plan: str, moment: str, year: int | None, subject: str, ref: str = "") -> d.Entry | None:
        return self._by_key.get(Key(plan, moment, year if moment == "jaaroverzicht" else None, subject, ref))

    def for_subject(self, plan: str, subject: str, ref: str = "") -> list[tuple[Key, d.Entry]]:
        """Every moment's entry on one subject, in time order (a trend)."""
        found = [(k, e) for k, e in self._by_key.items() if k.plan == plan and k.subject == subject and k.ref == ref]
        return sorted(found, key=lambda ke: (ke[1].model.date.first, ke[0].year or 0))
