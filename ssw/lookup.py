"""Find anything a user can name: plan item, regional action, platform, organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ssw import dataset as d
from ssw.checks import close_matches
from ssw.problems import SswError


@dataclass
class Found:
    kind: str  # item | platform | organisation
    value: Any


def normalise_platform(value: str) -> str:
    return value.strip().lower().replace(" ", "-").replace("_", "-")


def find(ds: d.Dataset, ident: str, when: dt.date | None = None) -> Found | None:
    """What `ident` names; a bare item id means the item of the plan running on `when`."""
    text = ident.strip()
    item = ds.resolve(text, when)
    if item is not None:
        return Found("item", item)
    slug = normalise_platform(text)
    if slug in ds.platforms:
        return Found("platform", slug)
    if slug in ds.organisations:
        return Found("organisation", ds.organisations[slug])
    for org in ds.organisations.values():
        if text.lower() in (a.lower() for a in (org.name, *org.aliases)):
            return Found("organisation", org)
    return None


def find_or_fail(ds: d.Dataset, ident: str, when: dt.date | None = None) -> Found:
    """`find`, or the error a user reads: the closest ids when there are any."""
    found = find(ds, ident, when)
    if found is not None:
        return found
    close = suggestions(ds, ident)
    if close:
        raise SswError("err.unknown-id-suggest", id=ident, suggestions=", ".join(close))
    raise SswError("err.unknown-id", id=ident)


def find_as_of(ds: d.Dataset, ident: str, day: dt.date | None) -> tuple[Found, d.Dataset]:
    """What `ident` names in the data set as of `day` (`asof.view`), with that view; without
    a day, in the whole data set. Something that came only later did not exist yet."""
    if day is None:
        return find_or_fail(ds, ident), ds
    from ssw import asof

    seen = asof.view(ds, day)
    found = find(seen, ident, day)
    if found is not None:
        return found, seen
    if find(ds, ident) is not None:
        raise SswError("err.not-yet", id=ident, date=day)
    return find_or_fail(ds, ident), seen


def suggestions(ds: d.Dataset, ident: str) -> list[str]:
    if ":" in ident:
        return _plan_suggestions(ds, ident.strip())
    pool = {i for (_, i) in ds.items} | set(ds.platforms) | set(ds.organisations)
    found = close_matches(ident.strip(), pool, n=5)
    if not found:
        found = sorted(i for i in pool if i.startswith(ident.strip().rstrip(".")))[:5]
    return found


def _plan_suggestions(ds: d.Dataset, ident: str) -> list[str]:
    """For `plan-id:id`: the same id in the plans that hold it (an item left behind in the
    old plan, or not yet in a new one), else close ids of that plan, else close plan ids."""
    plan, _, item = ident.partition(":")
    elsewhere = [f"{p}:{i}" for (p, i) in ds.by_id.get(item, ()) if p != plan]
    if elsewhere:
        return elsewhere
    pool = [f"{p}:{i}" for (p, i) in ds.items if p == plan or plan not in ds.plans]
    return close_matches(ident, pool, n=5)


def history(ds: d.Dataset, item: d.Item) -> list[d.UpdateRec]:
    """Every update of an item, newest first."""
    return sorted(ds.updates_for(item.key), key=lambda r: (r.date.first, r.path, r.index), reverse=True)


def predecessors(ds: d.Dataset, item: d.Item) -> list[d.Item]:
    """The items this one continues, nearest first (ssw-2025-2029:4.8.2.1 -> ssw-2020-2024:4.8.2.1)."""
    chain: list[d.Item] = []
    current = ds.predecessor(item)
    while current is not None and current not in chain and len(chain) < 100:
        chain.append(current)
        current = ds.predecessor(current)
    return chain


def _ancestors(ds: d.Dataset, item: d.Item) -> list[tuple[str, str]]:
    keys, current = [], item
    while current.parent:
        parent = ds.items.get((current.plan, current.parent))
        if parent is None:
            break
        keys.append(parent.key)
        current = parent
    return keys


def decisions_for(ds: d.Dataset, item: d.Item) -> list[d.Entry]:
    """Decisions naming the item, one of its ancestors (a decision on action 4.8.2 or theme
    4.8 concerns initiative 4.8.2.1) or one of its descendants (a decision on 4.8.2.1 is
    shown on 4.8.2 and 4.8). Item keys include the plan, so plans never mix."""
    related = {item.key, *_ancestors(ds, item)}
    found = []
    for e in ds.decisions:
        for ref in e.model.items:
            target = ds.resolve(ref, e.model.date.first)
            if target is not None and (target.key in related or item.key in _ancestors(ds, target)):
                found.append(e)
                break
    return sorted(found, key=lambda e: (e.model.date.first, e.model.id))


def platform_updates(ds: d.Dataset, platform: str) -> list[d.UpdateRec]:
    return sorted((r for r in ds.updates if r.platform == platform), key=lambda r: (r.date.first, r.path, r.index), reverse=True)


def organisation_items(ds: d.Dataset, org_id: str) -> list[d.Item]:
    return [i for i in ds.items.values() if i.lead == org_id or org_id in i.partners]
