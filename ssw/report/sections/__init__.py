"""The ordered section registry of a report.

A report is its header, a table of contents, then the sections of `SECTIONS` that apply
to its kind and audience, in this order, then its footer. The three kinds are three
documents (chapter 5 of the plan): the yearly overview opens with a one-page summary,
then each platform's answers to the three questions, the speerpunten and the detail;
the interim evaluation shows the public good practices and what each platform worked
on; the final evaluation looks at the whole period. The audience `publiek` leaves out
internal detail (the compliance grid, sources, git history); `stuurgroep` shows it. A section is a small module with one
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

from ssw.models import MOMENTS
from ssw.report.context import ReportContext
from ssw.report.sections import (
    amendments,
    appendix,
    changes,
    continues,
    coverage,
    decisions,
    final,
    final_themes,
    follow_ups,
    good_practices,
    impactdomeinen,
    inferred,
    interim,
    krachtlijnen,
    obligations,
    overview,
    platform_work,
    platforms_compare,
    regions,
    speerpunten,
    stale_late,
    themes,
    trend,
)

KINDS = MOMENTS  # the three documents
AUDIENCES = ("publiek", "stuurgroep")
#: the audience a kind is written for unless --audience says otherwise
DEFAULT_AUDIENCE = {"jaaroverzicht": "stuurgroep", "tussentijds": "publiek", "eindevaluatie": "stuurgroep"}
YEAR, INTERIM, FINAL = ("jaaroverzicht",), ("tussentijds",), ("eindevaluatie",)
INTERNAL = ("stuurgroep",)

SectionBuilder = Callable[[ReportContext], Any]


@dataclass(frozen=True)
class Section:
    """One entry of the registry: its name (data key and partial), builder, the kinds
    it belongs to and the audiences it is shown to."""

    name: str
    build: SectionBuilder
    kinds: tuple[str, ...] = KINDS
    audiences: tuple[str, ...] = AUDIENCES


SECTIONS: tuple[Section, ...] = (
    # jaaroverzicht: summary page, the platforms' three questions, speerpunten, detail
    Section("overview", overview.build, YEAR),
    Section("regions", regions.build, YEAR),
    Section("speerpunten", speerpunten.build, YEAR),
    Section("themes", themes.build, YEAR),
    Section("stale_late", stale_late.build, YEAR, INTERNAL),
    # tussentijds: for the public at the conference
    Section("interim", interim.build, INTERIM),
    Section("good_practices", good_practices.build, INTERIM),
    Section("platform_work", platform_work.build, INTERIM),
    # eindevaluatie: the whole period
    Section("final", final.build, FINAL),
    Section("final_themes", final_themes.build, FINAL),
    Section("final_speerpunten", speerpunten.build_final, FINAL),
    Section("krachtlijnen", krachtlijnen.build, FINAL),
    Section("impactdomeinen", impactdomeinen.build, FINAL),
    Section("trend", trend.build, FINAL),
    Section("platforms_compare", platforms_compare.build, FINAL),
    Section("continues", continues.build, FINAL),
    # the stuurgroep's own business
    Section("decisions", decisions.build, YEAR + INTERIM, INTERNAL),
    Section("follow_ups", follow_ups.build, YEAR + FINAL, INTERNAL),
    Section("changes", changes.build, YEAR, INTERNAL),
    Section("obligations", obligations.build, KINDS, INTERNAL),
    Section("coverage", coverage.build, YEAR, INTERNAL),  # a grid of gaps: the stuurgroep's
    Section("amendments", amendments.build, YEAR, INTERNAL),
    Section("inferred", inferred.build, KINDS, INTERNAL),
    Section("appendix", appendix.build, YEAR, INTERNAL),
)


def for_kind(kind: str, audience: str | None = None) -> list[Section]:
    """The registry's sections a report of `kind` shows to `audience`, in order."""
    audience = audience or DEFAULT_AUDIENCE[kind]
    return [s for s in SECTIONS if kind in s.kinds and audience in s.audiences]
