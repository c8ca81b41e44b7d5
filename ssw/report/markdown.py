"""Filters that make data safe in a Markdown report (and a URL safe in any report).

The escaping of data text itself (`md`, `cell`, `mdblock`) lives in `ssw/escape.py`, beside the
terminal and spreadsheet escaping, so every output path shares one implementation."""

from __future__ import annotations

import re
from typing import Any

from ssw.escape import md_block, md_cell, md_inline  # noqa: F401  (the one place for escaping data)
from ssw.report.plain import SAFE_SCHEMES


def text_bar(counts: dict[str, Any], width: int = 20) -> str:
    """A stacked bar of status symbols (largest remainder), readable without colour."""
    total = counts["total"]
    if not total:
        return "·" * width
    raw = [(seg["symbol"], seg["count"] * width / total) for seg in counts["segments"]]
    cells = [int(r) for _, r in raw]
    rest = width - sum(cells)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - cells[i]), i))
    for i in order[:rest]:
        cells[i] += 1
    return "".join(symbol * n for (symbol, _), n in zip(raw, cells, strict=True))


def safe_url(value: Any) -> str | None:
    text = str(value or "")
    return text if text.lower().startswith(SAFE_SCHEMES) and not any(c.isspace() for c in text) else None


def heading_slug(value: Any) -> str:
    """The anchor a git forge (GitHub, GitLab, Gitea) gives a heading: lower case, every
    character but letters, digits, spaces, hyphens and underscores dropped, spaces as
    hyphens."""
    text = re.sub(r"[^\w\- ]", "", str(value).strip().lower())
    return text.replace(" ", "-")
