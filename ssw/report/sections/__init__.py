"""The ordered section registry of a report.

A report is its header, a table of contents, then the sections of `SECTIONS` that apply
to its kind, in this order, then its footer. A section is a small module with one
function `build(ctx: ReportContext)` that returns plain data (dicts, lists, strings,
numbers), or None to leave the section out; the data goes to the template partial
`partials/<name>.<fmt>.j2` as the variable `<name>`.

Adding a section: write `sections/<name>.py` with `build`, add a `Section` below, and
add `partials/<name>.md.j2` and `partials/<name>.html.j2` (and its title in the table
of contents, `partials/toc.html.j2`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ssw.report.context import ReportContext
from ssw.report.sections import (
    amendments,
    appendix,
    changes,
    coverage,
    decisions,
    final,
    follow_ups,
    inferred,
    interim,
    obligations,
    regions,
    speerpunten,
    stale_late,
    successor,
    summary,
    themes,
)

KINDS = ("jaaroverzicht", "tussentijds", "eindevaluatie")

SectionBuilder = Callable[[ReportContext], Any]


@dataclass(frozen=True)
class Section:
    """One entry of the registry: its name (data key and partial), builder and kinds."""

    name: str
    build: SectionBuilder
    kinds: tuple[str, ...] = KINDS


SECTIONS: tuple[Section, ...] = (
    Section("summary", summary.build),
    Section("interim", interim.build, ("tussentijds",)),
    Section("final", final.build, ("eindevaluatie",)),
    Section("successor", successor.build, ("eindevaluatie",)),
    Section("speerpunten", speerpunten.build),
    Section("themes", themes.build),
    Section("regions", regions.build),
    Section("stale_late", stale_late.build),
    Section("decisions", decisions.build),
    Section("follow_ups", follow_ups.build),
    Section("changes", changes.build),
    Section("obligations", obligations.build),
    Section("coverage", coverage.build),
    Section("amendments", amendments.build),
    Section("inferred", inferred.build),
    Section("appendix", appendix.build),
)


def for_kind(kind: str) -> list[Section]:
    """The registry's sections a report of `kind` shows, in order."""
    return [s for s in SECTIONS if kind in s.kinds]
