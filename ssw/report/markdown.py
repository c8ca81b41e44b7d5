"""Filters that make data safe in a Markdown report (and a URL safe in any report)."""

from __future__ import annotations

import re
from typing import Any

from ssw.report.plain import SAFE_SCHEMES


def _md_escape(value: Any) -> str:
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("[", "\\[").replace("]", "\\]")


def md_inline(value: Any) -> str:
    """Markdown text from data on one line: no raw HTML (`<`, `>`, `&`), no link syntax."""
    if value is None:
        return ""
    return " ".join(_md_escape(value).split())


def md_cell(value: Any) -> str:
    """For a pipe-table cell: escaped like `md_inline`, `|` escaped, line breaks as <br>."""
    if value is None:
        return ""
    text = _md_escape(value).replace("|", "\\|")
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line)


def md_block(value: Any) -> str:
    """A paragraph from data: escaped, each line kept, no line may start a heading or list."""
    safe = []
    for raw in str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(_md_escape(raw).split())
        if line[:1] in ("#", ">", "-", "+", "*", "=", "|"):
            line = "\\" + line
        elif re.match(r"^\d+[.)] ", line):
            line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
        safe.append(line)
    return "\n".join(safe).strip("\n")


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
