"""Small converters from core values to the plain data templates read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.dates import PartialDate
from ssw.figures import pct
from ssw.i18n import format_date, t
from ssw.symbols import SYMBOLS

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def date_dict(value: PartialDate | dt.date | None, lang: str) -> dict[str, str] | None:
    """{"iso", "text"} of a date (text: the long form in `lang`), or None."""
    if value is None:
        return None
    iso = value.isoformat() if isinstance(value, dt.date) else str(value)
    return {"iso": iso, "text": format_date(value, lang)}


def safe_links(links: Sequence[str]) -> list[str]:
    return [link for link in links if isinstance(link, str) and link.lower().startswith(SAFE_SCHEMES)]


def counts_dict(counts: st.Counts, lang: str) -> dict[str, Any]:
    """Counts with the shares a chart needs (fractions 0..1, starts cumulative)."""
    total = counts.total
    segments, start = [], 0.0
    for status in st.STATUSES:
        n = counts.by_status[status]
        share = n / total if total else 0.0
        segments.append({"status": status, "label": t(f"status.{status}", lang), "symbol": SYMBOLS[status],
                         "count": n, "share": round(share, 6), "start": round(start, 6),
                         "pct": pct(n, total)})
        start += share
    return {
        "total": total,
        "known": counts.with_data,
        "with_data": counts.with_data,
        "unknown": counts.by_status[st.UNKNOWN],
        "done": counts.realised,
        "base": total,  # progress = gerealiseerd / items: the one denominator (ssw.figures)
        "progress": round(counts.progress, 4),
        "progress_pct": counts.progress_pct,
        "by_status": dict(counts.by_status),
        "segments": segments,
    }


def status_ref(status: str, lang: str) -> dict[str, str]:
    return {"status": status, "status_label": t(f"status.{status}", lang), "symbol": SYMBOLS[status]}


def platform_label(ds: d.Dataset, pid: str) -> str:
    platform = ds.platforms.get(pid)
    return platform.name if platform else pid


def item_title(ds: d.Dataset, plan_id: str, item_id: str) -> str:
    item = ds.items.get((plan_id, item_id))
    return item.title if item else ""

