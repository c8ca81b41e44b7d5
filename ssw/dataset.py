"""The resolved data set: every plan item, platform, update, with ids resolved.

Built once from the validated file models. Everything downstream (checks, status,
reports, export) reads this, never the files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ssw import models as m
from ssw.clock import today
from ssw.dates import PartialDate

REGIONAL_LEVEL = "regionaal"


@dataclass
class Item:
    plan: str
    id: str
    kind: str  # theme | action | initiative | goal | sam-action | contribution | regional-action
    title: str
    text: str = ""
    parent: str | None = None
    theme: str | None = None
    children: list[str] = field(default_factory=list)
    krachtlijnen: tuple[str, ...] = ()
    speerpunten: tuple[str, ...] = ()
    scope: str = "vlaams"
    due: PartialDate | None = None
    milestone: str | None = None
    lead: str | None = None
    lead_source: str | None = None
    basis: str = ""  # the transcriber's reading (scope, due, lead, theme links), when it is one
    sam_name: str = ""  # a theme: SAM's own name for its challenge
    sam_name_basis: str = ""  # why that name belongs to this theme, where that is a reading
    footnotes: tuple[m.Footnote, ...] = ()  # the plan's footnotes to this item's text
    partners: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # linked themes (SAM actions, regional actions)
    platform: str | None = None  # owner of a regional action
    date: PartialDate | None = None
    dropped: PartialDate | None = None  # an own action: the date it was dropped on
    vervolg_van: str | None = None  # "OLD-PLAN:ID" of the item this one continues
    path: str = ""
    loc: tuple[str | int, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.plan, self.id)

    @property
    def trackable(self) -> bool:
        """Takes updates: initiatives, actions without initiatives, SAM and regional actions."""
        if self.kind in ("initiative", "sam-action", "regional-action"):
            return True
        return self.kind == "action" and not self.children

    def exists_by(self, day: dt.date) -> bool:
        """An item with a date of its own (an own action) exists from that date on; plan
        items exist for the whole plan."""
        return self.date is None or self.date.first <= day

    def dropped_by(self, day: dt.date) -> bool:
        """Dropped on or before `day` (a view as of an earlier date still shows it running)."""
        return self.dropped is not None and self.dropped.first <= day

    @property
    def regional(self) -> bool:
        return self.scope == REGIONAL_LEVEL


@dataclass
class UpdateRec:
    platform: str
    path: str
    index: int
    update: m.Update
    item: tuple[str, str] | None = None  # resolved (plan, id)
    line: int = 0  # first line of the entry in its file, filled while loading

    @property
    def date(self) -> PartialDate:
        return self.update.date

    @property
    def status(self) -> str:
        return self.update.status.value


@dataclass
class Plan:
    file: m.PlanFile
    path: str
    themes: list[str] = field(default_factory=list)  # theme ids in order

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def start(self) -> dt.date:
        return self.file.period.start.first

    @property
    def end(self) -> dt.date:
        return self.file.period.end.last


@dataclass
class Entry:
    """A list entry of a region file (signal, decision), with its source."""

    platform: str
    path: str
    index: int
    model: Any


@dataclass
class Dataset:
    plans: dict[str, Plan] = field(default_factory=dict)
    items: dict[tuple[str, str], Item] = field(default_factory=dict)
    organisations: dict[str, m.Organisation] = field(default_factory=dict)
    org_paths: dict[str, tuple[str, int]] = field(default_factory=dict)
    platforms: dict[str, m.PlatformFile] = field(default_factory=dict)
    platform_paths: dict[str, str] = field(default_factory=dict)
    updates: list[UpdateRec] = field(default_factory=list)
    signals: list[Entry] = field(default_factory=list)
    decisions: list[Entry] = field(default_factory=list)
    evaluations: list[Entry] = field(default_factory=list)
    meetings: list[Entry] = field(default_factory=list)  # regions/vlaanderen/meetings.yaml
    incomplete: dict[str, list[str]] = field(default_factory=dict)  # platform -> broken files
    # Indexes, complete once `loader.load` returns: `families` kept by `add_plan`; `by_id`
    # and `continuations` by `index_ids()` once the items are in; `by_item` by
    # `index_updates()` once the checks have resolved each update's target.
    families: dict[str, list[Plan]] = field(default_factory=dict)  # family -> its plans by start
    by_id: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # bare id -> item keys
    continuations: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # old key -> new key
    by_item: dict[tuple[str, str], list[UpdateRec]] = field(default_factory=dict)  # item key -> its updates

    # -- plans -----------------------------------------------------------------------
    # A bare id resolves by date inside a family of plans (ssw-2020-2024, ssw-2025-2029):
    # the plan whose period holds the date; without a date (or when none holds it) the
    # latest plan of the family that has started by then. Explicit `plan-id:id` wins.

    def family_plans(self, family: str) -> list[Plan]:
        """The plans of one family by start."""
        return self.families.get(family, [])

    def ssw_plans(self) -> list[Plan]:
        return self.family_plans("ssw")

    def plan_by_date(self, family: str, when: dt.date | None = None) -> Plan | None:
        """The plan of `family` a bare id means on `when` (default: today)."""
        plans = self.family_plans(family)
        if not plans:
            return None
        day = when or today()
        for plan in plans:
            if plan.start <= day <= plan.end:
                return plan
        started = [p for p in plans if p.start <= day]
        return started[-1] if started else plans[0]

    def default_plan(self, when: dt.date | None = None) -> Plan | None:
        """The SSW plan a bare id means on `when` (default: today); any plan when there is none."""
        return self.plan_by_date("ssw", when) or next(iter(self.plans.values()), None)

    def plan_of_ref(self, ref: str, when: dt.date | None = None) -> tuple[str | None, str]:
        if ":" in ref:
            plan_id, _, item = ref.partition(":")
            return plan_id, item
        holders = [p for (p, _) in self.by_id.get(ref, ()) if p in self.plans]
        if not holders:
            plan = self.default_plan(when)
            return (plan.id if plan else None), ref
        families = {self.plans[p].file.family for p in holders}
        family = "ssw" if "ssw" in families else self.plans[holders[0]].file.family
        chosen = self.plan_by_date(family, when)
        if when is not None or chosen is None or (chosen.id, ref) in self.items:
            return (chosen.id if chosen else None), ref
        # no date: the latest plan of the family holding the id that has started by today
        held = [p for p in self.family_plans(family) if (p.id, ref) in self.items]
        started = [p for p in held if p.start <= today()]
        return (started[-1] if started else held[0]).id, ref

    def resolve(self, ref: str, when: dt.date | None = None) -> Item | None:
        plan, item = self.plan_of_ref(ref, when)
        return self.items.get((plan, item)) if plan else None

    def index_ids(self) -> None:
        """Indexes over the items, built once the items are in (the loader calls it)."""
        by_id: dict[str, list[tuple[str, str]]] = {}
        continuations: dict[tuple[str, str], tuple[str, str]] = {}
        for key, item in self.items.items():
            by_id.setdefault(key[1], []).append(key)
            if item.vervolg_van:
                plan, _, old = item.vervolg_van.partition(":")
                continuations[(plan, old)] = key
        self.by_id = by_id
        self.continuations = continuations

    def index_updates(self) -> None:
        """Updates per item, built once the checks have resolved their targets."""
        by_item: dict[tuple[str, str], list[UpdateRec]] = {}
        for rec in self.updates:
            if rec.item is not None:
                by_item.setdefault(rec.item, []).append(rec)
        self.by_item = by_item

    def predecessor(self, item: Item) -> Item | None:
        """The item this one continues (`vervolg_van`), if it exists."""
        if not item.vervolg_van:
            return None
        plan, _, old = item.vervolg_van.partition(":")
        return self.items.get((plan, old))

    def continuation(self, item: Item) -> Item | None:
        """The item of a later plan that continues this one."""
        key = self.continuations.get(item.key)
        return self.items.get(key) if key else None

    def plan_items(self, plan_id: str) -> list[Item]:
        return [i for (p, _), i in self.items.items() if p == plan_id]

    def regional_platforms(self) -> list[str]:
        return sorted(p for p, f in self.platforms.items() if f.level == REGIONAL_LEVEL)

    def platform_order(self) -> list[str]:
        """How platforms are listed everywhere: the regional ones, then the Flemish level."""
        regional = self.regional_platforms()
        return regional + sorted(p for p in self.platforms if p not in regional)

    def open_signals(self, as_of: dt.date, platform: str | None = None) -> list[Entry]:
        """Signals sent upwards by `as_of` and not answered yet (of one platform, or all)."""
        return [e for e in self.signals if e.model.type == "signaal" and e.model.status != "beantwoord"
                and e.model.date.first <= as_of and platform in (None, e.platform)]

    def updates_for(self, key: tuple[str, str]) -> list[UpdateRec]:
        return self.by_item.get(key, [])


def _tags(*groups: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for tag in group or ():
            seen.setdefault(tag, None)
    return tuple(seen)


def add_plan(ds: Dataset, plan_file: m.PlanFile, path: str) -> None:
    plan = Plan(plan_file, path)
    ds.plans[plan_file.id] = plan
    families: dict[str, list[Plan]] = {}  # a new dict: copies of the data set keep their own
    for each in sorted(ds.plans.values(), key=lambda p: (p.start, p.id)):
        families.setdefault(each.file.family, []).append(each)
    ds.families = families
    for i, goal in enumerate(plan_file.goals):
        ds.items[(plan.id, goal.id)] = Item(
            plan.id, goal.id, "goal", goal.title, goal.text, path=path, loc=("goals", i)
        )
    for i, action in enumerate(plan_file.actions):
        ds.items[(plan.id, action.id)] = Item(
            plan.id, action.id, "sam-action", action.title, action.text,
            themes=tuple(action.themes), lead=action.lead, partners=tuple(action.partners),
            vervolg_van=action.vervolg_van, basis=action.basis, path=path, loc=("actions", i),
        )
        for goal_id in action.goals:
            parent = ds.items.get((plan.id, goal_id))
            if parent is not None:
                parent.children.append(action.id)
    for i, contribution in enumerate(plan_file.contributions):
        ds.items[(plan.id, contribution.id)] = Item(
            plan.id, contribution.id, "contribution", contribution.title, contribution.text,
            themes=tuple(contribution.themes), partners=tuple(contribution.partners),
            basis=contribution.basis, path=path, loc=("contributions", i),
        )


def add_theme(ds: Dataset, plan_id: str, theme: m.ThemeFile, path: str) -> None:
    plan = ds.plans[plan_id]
    plan.themes.append(theme.id)
    speerpunten = [s.id for s in plan.file.speerpunten if theme.id in s.themes]
    t_kl = _tags(theme.krachtlijnen)
    t_sp = _tags(speerpunten, theme.speerpunten)
    t_item = Item(plan_id, theme.id, "theme", theme.title, theme.text, theme=theme.id,
                  krachtlijnen=t_kl, speerpunten=t_sp, vervolg_van=theme.vervolg_van, path=path,
                  sam_name=theme.sam_name or "", sam_name_basis=theme.sam_name_basis,
                  footnotes=tuple(theme.footnotes))
    ds.items[(plan_id, theme.id)] = t_item
    for a_i, action in enumerate(theme.actions):
        a_kl = _tags(t_kl, action.krachtlijnen)
        a_sp = _tags(t_sp, action.speerpunten)
        a_item = Item(
            plan_id, action.id, "action", action.title, action.text, parent=theme.id, theme=theme.id,
            krachtlijnen=a_kl, speerpunten=a_sp, scope=action.scope, due=action.due,
            milestone=action.milestone, lead=action.lead, lead_source=action.lead_source,
            partners=tuple(action.partners), vervolg_van=action.vervolg_van, basis=action.basis, path=path,
            loc=("actions", a_i), footnotes=tuple(action.footnotes),
        )
        ds.items[(plan_id, action.id)] = a_item
        t_item.children.append(action.id)
        for i_i, ini in enumerate(action.initiatives):
            ds.items[(plan_id, ini.id)] = Item(
                plan_id, ini.id, "initiative", ini.text, "", parent=action.id, theme=theme.id,
                krachtlijnen=_tags(a_kl, ini.krachtlijnen), speerpunten=_tags(a_sp, ini.speerpunten),
                scope=ini.scope, due=ini.due, milestone=ini.milestone, lead=ini.lead or action.lead,
                partners=_tags(action.partners, ini.partners), vervolg_van=ini.vervolg_van, basis=ini.basis, path=path,
                loc=("actions", a_i, "initiatives", i_i),
            )
            a_item.children.append(ini.id)


def add_regional_action(ds: Dataset, platform: str, action: m.RegionalAction, path: str, index: int) -> None:
    plan = ds.default_plan(action.date.first)
    plan_id = plan.id if plan else ""
    themes = tuple(action.themes)
    first_theme = themes[0].partition(":")[2] or themes[0] if themes else None
    theme_item = ds.items.get((plan_id, first_theme or ""))
    ds.items[(plan_id, action.id)] = Item(
        plan_id, action.id, "regional-action", action.title, action.text, theme=first_theme,
        krachtlijnen=_tags(theme_item.krachtlijnen if theme_item else (), action.krachtlijnen),
        speerpunten=_tags(theme_item.speerpunten if theme_item else (), action.speerpunten),
        scope=REGIONAL_LEVEL, due=action.due, themes=themes, platform=platform, date=action.date,
        dropped=action.dropped, path=path, loc=(index,),
    )
