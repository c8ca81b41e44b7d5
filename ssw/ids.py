"""The order of plan ids: 4.2 before 4.10, a plan's prefix (`sam-2021-2025:`) first.

The one sort key for ids; every listing (status, reports, exports, agenda) uses it.
"""

from __future__ import annotations

import functools
import re
from typing import Any


@functools.lru_cache(maxsize=1 << 16)
def natural_key(item_id: str) -> tuple[Any, ...]:
    """Sort key that puts 4.2 before 4.10; reports sort the same ids many times over."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.:]", item_id))
