"""Shell completion from the data: item ids, platform ids, statuses, plan ids, themes.

The CLI asks `candidates(root, what, incomplete)` while the user presses Tab; anything
that goes wrong (no root yet, a broken file) completes nothing rather than failing.
"""

from __future__ import annotations

from ssw.figures import STATUSES
from ssw.ids import natural_key
from ssw.problems import SswError

KINDS = ("id", "item", "platform", "status", "plan", "theme")


def candidates(root_hint: str | None, what: str, incomplete: str) -> list[str]:
    """Values of kind `what` starting with `incomplete`, in natural order (4.2 before 4.10)."""
    if what == "status":
        pool: set[str] = set(STATUSES)
    else:
        pool = _from_data(root_hint, what)
    found = [value for value in pool if value.lower().startswith(incomplete.lower())]
    return sorted(found, key=lambda v: (natural_key(v) if v[:1].isdigit() else (float("inf"),), v))


def _from_data(root_hint: str | None, what: str) -> set[str]:
    from ssw.loader import load
    from ssw.root import find_root

    try:
        ds = load(find_root(root_hint)).data
    except (SswError, OSError, ValueError):
        return set()
    items = {item_id for (_plan, item_id) in ds.items}
    if what == "item":
        return items
    if what == "platform":
        return set(ds.platforms)
    if what == "plan":
        return set(ds.plans)
    if what == "theme":
        return {item_id for (_plan, item_id), item in ds.items.items() if item.kind == "theme"}
    return items | set(ds.platforms) | set(ds.organisations)  # `show` takes any of them
