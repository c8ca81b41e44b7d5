"""Reports: one plain data object built from the status model, rendered by templates.

`build_report_data` turns a loaded root into dicts, lists, strings and numbers only
(no pydantic models, no Item objects): every number comes from `ssw.status`.
`render_report` hands that object to a Jinja2 template; templates own the look and
the wording (through the `t` function of the one message catalogue).

Templates are looked up file by file: `--templates DIR`, then the root's own
`templates/`, then the defaults shipped as the package `ssw.templates`.

Adding a section: write a builder `(ctx: SectionContext) -> dict | None`, list it in
`SECTIONS` with its name, and add `partials/<name>.md.j2` and `partials/<name>.html.j2`.
The layouts include every name in `data["sections"]` (in order) after the stuurgroep's
decisions; the builder's result is `data[name]` (None leaves the section out). The
steering sections of issue 9 are built this way: follow_ups, changes, obligations,
coverage, amendments (see "steering sections" below).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.clock import today
from ssw.dates import PartialDate
from ssw.escape import md_block, md_cell, md_inline  # noqa: F401  (report filters; tests import them here)
from ssw.i18n import format_date, t
from ssw.loader import Loaded, natural_key, update_lines
from ssw.problems import SswError
from ssw.root import Root

KINDS = ("jaaroverzicht", "tussentijds", "eindevaluatie")
FORMATS = ("md", "html")
SCHEMA = 1
SYMBOLS = {"gerealiseerd": "✔", "lopend": "▶", "gepland": "○", "uitgesteld": "‖", "geschrapt": "✗", "onbekend": "?"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class SectionContext:
    """What a section builder gets: the loaded data and the report's frame."""

    loaded: Loaded
    root: Root
    plan: d.Plan
    year: int
    kind: str
    lang: str
    as_of: dt.date
    window: tuple[dt.date, dt.date]
    report: st.StatusReport
    states: dict[tuple[str, str], st.ItemState]  # `item_states` on `as_of`, every plan


SectionBuilder = Callable[[SectionContext], "dict[str, Any] | None"]

# The registry `SECTIONS` ((name, builder) pairs, rendered by partials/<name>.<fmt>.j2 in
# that order) is defined after its builders, below ("steering sections").


# -- the frame: year, as-of date, windows --------------------------------------------------


def pick_plan(loaded: Loaded, plan_id: str | None) -> d.Plan:
    ds = loaded.data
    if plan_id is not None:
        if plan_id not in ds.plans:
            raise SswError("err.unknown-plan", exit_code=2, value=plan_id, valid=", ".join(sorted(ds.plans)))
        return ds.plans[plan_id]
    plan = ds.default_plan()
    if plan is None:
        raise SswError("err.no-plan", path=str(loaded.root.plan_dir))
    return plan


def _milestone(plan: d.Plan, kind: str) -> Any:
    return next((ms for ms in plan.file.milestones if ms.kind == kind), None)


def default_year(plan: d.Plan, kind: str) -> tuple[int, str]:
    """The year a report shows without --year, and why.

    tussentijds: the year of the plan's interim milestone (the Sociaalwerkconferentie
    2022) when it lies in the past; otherwise (and for the other kinds) the year of
    min(today, plan end).
    """
    cap = min(today(), plan.end)
    milestone = _milestone(plan, "tussentijds")
    if kind == "tussentijds" and milestone is not None and milestone.date.first <= cap:
        return milestone.date.year, "milestone"
    return cap.year, ("plan-end" if plan.end < today() else "today")


def report_as_of(plan: d.Plan, year: int, given: dt.date | None) -> tuple[dt.date, str]:
    """The status date: end of the year, capped by today and the plan's end."""
    if given is not None:
        return given, "given"
    now = today()
    candidates = [(dt.date(year, 12, 31), "year-end"), (plan.end, "plan-end"), (now, "today")]
    day, reason = min(candidates, key=lambda c: c[0])
    if day == plan.end:
        reason = "plan-end"
    return day, reason


def check_year(plan: d.Plan, year: int) -> None:
    last = min(today(), plan.end).year
    if not plan.start.year <= year <= last:
        raise SswError("err.report-year", exit_code=2, year=year, plan=plan.id, start=plan.start.year, end=last)


# -- small converters ----------------------------------------------------------------------


def _date(value: PartialDate | dt.date | None, lang: str) -> dict[str, str] | None:
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
                         "pct": round(share * 100)})
        start += share
    base = total - counts.by_status["geschrapt"]
    return {
        "total": total,
        "known": counts.known,
        "unknown": counts.by_status[st.UNKNOWN],
        "done": counts.by_status["gerealiseerd"],
        "base": base,
        "progress": round(counts.progress, 4),
        "progress_pct": round(counts.progress * 100),
        "by_status": dict(counts.by_status),
        "segments": segments,
    }


class _Builder:
    """Holds the frame while the data object is put together."""

    def __init__(self, loaded: Loaded, plan: d.Plan, year: int, kind: str, lang: str,
                 as_of: dt.date, stale_months: int) -> None:
        self.loaded = loaded
        self.ds = loaded.data
        self.plan = plan
        self.year = year
        self.kind = kind
        self.lang = lang
        self.as_of = as_of
        self.stale_months = stale_months
        self.window = (dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of))
        self.period = (plan.start, min(plan.end, as_of))
        self.all_states = st.item_states(self.ds, as_of, stale_months)
        self._dates: dict[Any, dict[str, str] | None] = {}
        self._labels: dict[str, str] = {}
        self._items: dict[tuple[str, str], dict[str, Any]] = {}
        self._updates: dict[tuple[dt.date, dt.date], list[d.UpdateRec]] = {}

    def date(self, value: PartialDate | dt.date | None) -> dict[str, str] | None:
        """`_date`, once per distinct date: large reports repeat the same few hundred."""
        if value not in self._dates:
            self._dates[value] = _date(value, self.lang)
        return self._dates[value]

    def label(self, key: str) -> str:
        if key not in self._labels:
            self._labels[key] = t(key, self.lang)
        return self._labels[key]

    # -- pieces ---------------------------------------------------------------------------
    def platform_name(self, pid: str) -> str:
        platform = self.ds.platforms.get(pid)
        return platform.name if platform else pid

    def in_window(self, when: PartialDate, window: tuple[dt.date, dt.date]) -> bool:
        return window[0] <= when.first <= window[1]

    def item_dict(self, state: st.ItemState, region: str | None = None) -> dict[str, Any]:
        """Seen from `region` (a platform's section), only that platform's own status is listed.
        The plan-wide view of an item is made once (themes, speerpunten, stale and the
        evaluations all show it); a platform's view changes only the status fields.
        Templates only read these dicts."""
        key = (state.item.plan, state.item.id)
        base = self._items.get(key)
        if base is None:
            base = self._items[key] = self._plan_wide(state)
        if region is None:
            return base
        status = st._status_for(state, region)
        listed = state.platforms.get(region)
        own = listed if state.item.regional else None
        last = own.last if own else state.last
        return {**base, **self._status_fields(status), "stil": own.stil if own else state.stil,
                "last_update": self.date(last.date) if last else None,
                "platforms": [self._platform_status(region, listed)] if listed else []}

    def _status_fields(self, status: str) -> dict[str, str]:
        return {"status": status, "status_label": self.label(f"status.{status}"), "symbol": SYMBOLS[status]}

    def _platform_status(self, platform: str, ps: st.PlatformState) -> dict[str, Any]:
        return {"id": platform, "name": self.platform_name(platform), "status": ps.status,
                "label": self.label(f"status.{ps.status}"), "symbol": SYMBOLS[ps.status],
                "date": self.date(ps.last.date), "stil": ps.stil}

    def _plan_wide(self, state: st.ItemState) -> dict[str, Any]:
        item = state.item
        return {
            "id": item.id,
            "plan": item.plan,
            "kind": item.kind,
            "kind_label": self.label(f"kind.{item.kind}"),
            "title": item.title,
            "theme": item.theme,
            "scope": item.scope,
            "scope_label": self.label(f"scope.{item.scope}"),
            **self._status_fields(state.status),
            "due": self.date(item.due),
            "milestone": item.milestone,
            "te_laat": state.te_laat,
            "stil": state.stil,
            "stale_platforms": [self.platform_name(p) for p in state.stale_platforms],
            "last_update": self.date(state.last.date) if state.last else None,
            "platforms": [self._platform_status(p, s) for p, s in sorted(state.platforms.items())],
            "speerpunten": list(item.speerpunten),
            "krachtlijnen": list(item.krachtlijnen),
            "lead": self.org_name(item.lead),
            "partners": [self.org_name(p) for p in item.partners],
        }

    def org_name(self, org: str | None) -> str | None:
        if org is None:
            return None
        found = self.ds.organisations.get(org)
        return found.name if found else org

    def update_dict(self, rec: d.UpdateRec) -> dict[str, Any]:
        u = rec.update
        item = self.ds.items.get(rec.item) if rec.item else None
        return {
            "date": self.date(u.date),
            "platform": rec.platform,
            "platform_name": self.platform_name(rec.platform),
            "target": u.target,
            "plan": item.plan if item else None,
            "item": item.id if item else None,
            "item_title": item.title if item else None,
            "theme": item.theme if item else None,
            "status": rec.status,
            "status_label": self.label(f"status.{rec.status}"),
            "symbol": SYMBOLS[rec.status],
            "note": u.note,
            "author": u.author,
            "links": safe_links(u.links),
            "file": rec.path,
            "line": rec.line,
            "source": f"{rec.path}:{rec.line}" if rec.line else rec.path,
        }

    def updates_in(self, window: tuple[dt.date, dt.date]) -> list[d.UpdateRec]:
        """The plan's updates dated in `window`, in log order; asked for by several sections."""
        if window not in self._updates:
            recs = [r for r in self.ds.updates if self.in_window(r.date, window)
                    and (r.item is None or r.item[0] == self.plan.id)]
            self._updates[window] = sorted(recs, key=lambda r: (r.date.first, str(r.date), r.platform, r.path, r.line, r.index))
        return self._updates[window]

    def signal_dict(self, entry: d.Entry) -> dict[str, Any]:
        s = entry.model
        return {"id": s.id, "platform": entry.platform, "platform_name": self.platform_name(entry.platform),
                "type": s.type, "type_label": t(f"report.type.{s.type}", self.lang), "date": self.date(s.date),
                "title": s.title, "text": s.text, "themes": list(s.themes), "item_refs": list(s.items),
                "status": s.status, "status_label": t(f"report.signal.{s.status}", self.lang) if s.status else None,
                "file": entry.path}

    def signals_in(self, window: tuple[dt.date, dt.date], kind: str, platform: str | None = None) -> list[dict[str, Any]]:
        found = [e for e in self.ds.signals if e.model.type == kind and self.in_window(e.model.date, window)
                 and (platform is None or e.platform == platform)]
        found.sort(key=lambda e: (e.model.date.first, e.platform, natural_key(e.model.id)))
        return [self.signal_dict(e) for e in found]

    def theme_ref(self, ref: str) -> dict[str, Any]:
        plan_id, bare = self.ds.plan_of_ref(ref, self.window[0])
        item = self.ds.items.get((plan_id or "", bare))
        return {"id": bare, "title": item.title if item else ""}

    def regional_action_dict(self, state: st.ItemState) -> dict[str, Any]:
        base = dict(self.item_dict(state))
        item = state.item
        base.update({"date": self.date(item.date), "text": item.text, "dropped": item.dropped,
                     "themes": [self.theme_ref(r) for r in item.themes]})
        return base


# -- the data object -------------------------------------------------------------------------


def build_report_data(
    loaded: Loaded,
    root: Root,
    year: int | None = None,
    kind: str = "jaaroverzicht",
    lang: str = "nl",
    as_of: dt.date | None = None,
    plan_id: str | None = None,
    templates_dirs: Sequence[Path] = (),
) -> dict[str, Any]:
    """Everything a report shows, as plain data. Numbers come from `ssw.status`."""
    if kind not in KINDS:
        raise SswError("err.bad-option", exit_code=2, value=kind, option="--kind", valid=", ".join(KINDS))
    plan = pick_plan(loaded, plan_id)
    if year is None and as_of is not None:
        year, year_reason = as_of.year, "given"
    elif year is None:
        year, year_reason = default_year(plan, kind)
    else:
        year_reason = "given"
    check_year(plan, year)
    day, day_reason = report_as_of(plan, year, as_of)
    update_lines(root, loaded.data)
    b = _Builder(loaded, plan, year, kind, lang, day, root.stale_months)
    rep = st.compute_status(loaded.data, plan.id, day, root.stale_months, states=b.all_states)

    data: dict[str, Any] = {
        "schema": SCHEMA,
        "lang": lang,
        "kind": kind,
        "year": year,
        "title": t(f"report.title.{kind}", lang, year=year, start=plan.start.year),
        "year_note": _year_note(plan, kind, year, year_reason, lang),
        "plan": {"id": plan.id, "title": plan.file.title, "source": plan.file.source,
                 "start": _date(plan.start, lang), "end": _date(plan.end, lang), "ended": plan.end < today()},
        "as_of": {**(_date(day, lang) or {}), "reason": day_reason, "text": _as_of_text(day, day_reason, year, lang)},
        "window": {"start": _date(b.window[0], lang), "end": _date(b.window[1], lang)},
        "period": {"start": _date(b.period[0], lang), "end": _date(b.period[1], lang),
                   "start_year": b.period[0].year, "end_year": b.period[1].year},
        "stale_months": root.stale_months,
        "statuses": [{"id": s, "label": t(f"status.{s}", lang), "symbol": SYMBOLS[s]} for s in st.STATUSES],
        "provenance": provenance(root, loaded, templates_dirs, lang),
        "problems": [p.format(lang) for p in loaded.problems],
        "summary": _summary(b, rep),
        "speerpunten": _speerpunten(b, rep),
        "themes": _themes(b, rep),
        "regions": _regions(b, rep),
        "stale": [b.item_dict(s) for s in rep.stale],
        "late": [b.item_dict(s) for s in rep.late],
        "decisions": _decisions(b, b.window),
        "milestones": [{"id": ms.id, "title": ms.title, "date": _date(ms.date, lang), "kind": ms.kind, "text": ms.text}
                       for ms in plan.file.milestones],
        "interim": _interim(b, rep) if kind == "tussentijds" else None,
        "final": _final(b, rep) if kind == "eindevaluatie" else None,
        "appendix": [b.update_dict(r) for r in b.updates_in(b.window)],
        "sections": [],
    }
    ctx = SectionContext(loaded, root, plan, year, kind, lang, day, b.window, rep, b.all_states)
    for name, builder in SECTIONS:
        section = builder(ctx)
        if section is not None:
            data[name] = section
            data["sections"].append(name)
    return data


def _year_note(plan: d.Plan, kind: str, year: int, reason: str, lang: str) -> str:
    if reason == "given":
        return ""
    if reason == "milestone":
        milestone = _milestone(plan, "tussentijds")
        return t("report.year.milestone", lang, year=year, milestone=milestone.title if milestone else "")
    if reason == "plan-end":
        return t("report.year.plan-end", lang, year=year, plan=plan.file.title, end=format_date(plan.end, lang))
    return t("report.year.today", lang, year=year)


def _as_of_text(day: dt.date, reason: str, year: int, lang: str) -> str:
    date = format_date(day, lang)
    if reason == "year-end":
        return t("report.asof.year-end", lang, date=date, year=year)
    return t(f"asof.{reason}", lang, date=date)


def _summary(b: _Builder, rep: st.StatusReport) -> dict[str, Any]:
    counts = counts_dict(rep.totals, b.lang)
    unknown, total = counts["unknown"], counts["total"]
    return {
        "counts": counts,
        "no_data": unknown > 0,
        "no_data_text": t("st.no-data", b.lang, unknown=unknown, total=total) if unknown else "",
        "updates_in_year": len(b.updates_in(b.window)),
        "updates_in_period": len(b.updates_in(b.period)),
        "regional_actions_in_year": sum(1 for i in b.ds.items.values() if i.kind == "regional-action"
                                        and i.plan == b.plan.id and i.date and b.in_window(i.date, b.window)),
    }


def _speerpunten(b: _Builder, rep: st.StatusReport) -> list[dict[str, Any]]:
    year_updates = b.updates_in(b.window)
    out = []
    for sp, counts in rep.speerpunten:
        items = sorted((s for s in rep.states.values() if sp.id in s.item.speerpunten), key=lambda s: natural_key(s.item.id))
        ids = {s.item.id for s in items}
        out.append({
            "id": sp.id,
            "title": sp.title,
            "basis": sp.basis,
            "themes": [b.theme_ref(ref) for ref in sp.themes],
            "counts": counts_dict(counts, b.lang),
            "rows": [b.item_dict(s) for s in items if s.status != st.UNKNOWN],
            "updates": [b.update_dict(r) for r in year_updates if r.item and r.item[1] in ids],
        })
    return out


def _themes(b: _Builder, rep: st.StatusReport) -> list[dict[str, Any]]:
    rows_of_item: dict[str, list[str]] = {}
    for row in rep.rows:
        for state in row.states:
            rows_of_item.setdefault(state.item.id, []).append(row.item.id)
    updates_of_row: dict[str, list[d.UpdateRec]] = {}
    for r in b.updates_in(b.window):
        for row_id in rows_of_item.get(r.item[1], []) if r.item else []:
            updates_of_row.setdefault(row_id, []).append(r)
    out = []
    for row in rep.rows:
        out.append({
            "id": row.item.id,
            "title": row.item.title,
            "kind": row.item.kind,
            "speerpunten": [{"id": sp, "title": _speerpunt_title(b.plan, sp)} for sp in row.item.speerpunten],
            "counts": counts_dict(row.counts, b.lang),
            "actions": [
                {"id": c.item.id, "title": c.item.title, "kind": c.item.kind, "counts": counts_dict(c.counts, b.lang),
                 "rows": [b.item_dict(s) for s in c.states]}
                for c in row.children
            ],
            "updates": [b.update_dict(r) for r in updates_of_row.get(row.item.id, [])],
        })
    return out


def _speerpunt_title(plan: d.Plan, sp_id: str) -> str:
    return next((sp.title for sp in plan.file.speerpunten if sp.id == sp_id), sp_id)


def _regions(b: _Builder, rep: st.StatusReport) -> list[dict[str, Any]]:
    year_updates = b.updates_in(b.window)
    problems_by_file: dict[str, list[str]] = {}
    for p in b.loaded.problems:
        problems_by_file.setdefault(p.path, []).append(p.format(b.lang))
    order = [r.platform for r in rep.regions]
    order += sorted(p for p in b.ds.incomplete if p not in order)
    views = _region_views(b, rep)
    updates_by_platform: dict[str, list[d.UpdateRec]] = {}
    for r in year_updates:
        updates_by_platform.setdefault(r.platform, []).append(r)
    own_by_platform: dict[str, list[st.ItemState]] = {}
    for s in b.all_states.values():
        if s.item.kind == "regional-action" and s.item.platform:
            own_by_platform.setdefault(s.item.platform, []).append(s)
    out = []
    for pid in order:
        platform = b.ds.platforms.get(pid)
        files = sorted(b.ds.incomplete.get(pid, []))
        own = sorted(own_by_platform.get(pid, []), key=lambda s: natural_key(s.item.id))
        focus = [b.theme_ref(ref) for f in (platform.focus if platform else []) if f.year == b.year for ref in f.themes]
        totals, known = views.get(pid, (st.Counts(), []))
        counts = counts_dict(totals, b.lang)
        states = sorted(known, key=lambda s: natural_key(s.item.id))
        out.append({
            "id": pid,
            "name": platform.name if platform else pid,
            "level": platform.level if platform else None,
            "province": platform.province if platform else None,
            "chair": platform.chair.name if platform and platform.chair else None,
            "chair_organisation": b.org_name(platform.chair.organisation) if platform and platform.chair else None,
            "incomplete": bool(files),
            "incomplete_files": files,
            "incomplete_problems": [line for f in files for line in problems_by_file.get(f, [])],
            "updates": [b.update_dict(r) for r in updates_by_platform.get(pid, [])],
            "own_actions": [b.regional_action_dict(s) for s in own
                            if s.item.date and b.in_window(s.item.date, b.window)],
            "own_actions_all": [b.regional_action_dict(s) for s in own if s.item.date and s.item.date.first <= b.as_of],
            "counts": counts,
            "rows": [b.item_dict(s, pid) for s in states],
            "focus": focus,
            "signals": b.signals_in(b.window, "signaal", pid),
            "good_practices": b.signals_in(b.window, "goede-praktijk", pid),
            "open_signals": sum(1 for e in b.ds.signals if e.platform == pid and e.model.type == "signaal"
                                and e.model.status != "beantwoord" and e.model.date.first <= b.as_of),
        })
    return out


def _region_views(b: _Builder, rep: st.StatusReport) -> dict[str, tuple[st.Counts, list[st.ItemState]]]:
    """Each platform's view of the plan in one pass: a regional platform sees the regional
    items with its own status, the Flemish level the Flemish items (as `status --region`).
    Returns per platform the counts and the items it has data on."""
    regional = [p for p in b.ds.regional_platforms()]
    flemish = [p for p, f in b.ds.platforms.items() if f.level != d.REGIONAL_LEVEL]
    views: dict[str, tuple[st.Counts, list[st.ItemState]]] = {p: (st.Counts(), []) for p in regional + flemish}
    for (plan_id, _), state in b.all_states.items():
        if plan_id != b.plan.id or state.item.kind == "regional-action":
            continue
        for p in (regional if state.item.regional else flemish):
            status = st._status_for(state, p)
            counts, known = views[p]
            counts.add(status)
            if status != st.UNKNOWN:
                known.append(state)
    return views


def _decisions(b: _Builder, window: tuple[dt.date, dt.date]) -> list[dict[str, Any]]:
    found = sorted((e for e in b.ds.decisions if b.in_window(e.model.date, window)),
                   key=lambda e: (e.model.date.first, natural_key(e.model.id)))
    return [{"id": e.model.id, "date": _date(e.model.date, b.lang), "text": e.model.text, "item_refs": list(e.model.items),
             "follow_up": _date(e.model.follow_up, b.lang), "done": e.model.done, "file": e.path} for e in found]


def _interim(b: _Builder, rep: st.StatusReport) -> dict[str, Any]:
    """tussentijds: good practices, what the regions worked on, the milestone's items."""
    milestone = _milestone(b.plan, "tussentijds")
    by_platform: dict[str, list[d.UpdateRec]] = {}
    for u in b.updates_in(b.period):
        by_platform.setdefault(u.platform, []).append(u)
    regions = []
    for r in rep.regions:
        recs = by_platform.get(r.platform, [])
        own = [s for s in r.own_actions if s.item.date and b.in_window(s.item.date, b.period)]
        targets = sorted({u.item[1] for u in recs if u.item and b.ds.items[u.item].kind != "regional-action"}, key=natural_key)
        regions.append({"id": r.platform, "name": r.name, "updates": len(recs), "own_actions": len(own),
                        "targets": [b.theme_ref(i) | {"status": _platform_status(rep, i, r.platform, b.lang)} for i in targets],
                        "own": [b.regional_action_dict(s) for s in own],
                        "good_practices": len(b.signals_in(b.period, "goede-praktijk", r.platform))})
    due = sorted((s for s in rep.states.values() if milestone and s.item.milestone == milestone.id),
                 key=lambda s: natural_key(s.item.id))
    return {
        "milestone": {"id": milestone.id, "title": milestone.title, "date": _date(milestone.date, b.lang), "text": milestone.text}
        if milestone else None,
        "due_items": [b.item_dict(s) for s in due],
        "good_practices": b.signals_in(b.period, "goede-praktijk"),
        "regions": regions,
    }


def _platform_status(rep: st.StatusReport, item_id: str, platform: str, lang: str) -> dict[str, str]:
    state = rep.states.get(item_id)
    status = st.UNKNOWN
    if state is not None:
        ps = state.platforms.get(platform)
        status = ps.status if ps else state.status
    return {"id": status, "label": t(f"status.{status}", lang), "symbol": SYMBOLS[status]}


def _final(b: _Builder, rep: st.StatusReport) -> dict[str, Any]:
    """eindevaluatie: per theme and speerpunt, what was realised, dropped, still open, unknown."""

    def split(states: list[st.ItemState]) -> dict[str, Any]:
        groups: dict[str, list[dict[str, Any]]] = {"realised": [], "dropped": [], "open": [], "no_data": []}
        for s in sorted(states, key=lambda s: natural_key(s.item.id)):
            key = {"gerealiseerd": "realised", "geschrapt": "dropped", st.UNKNOWN: "no_data"}.get(s.status, "open")
            groups[key].append(b.item_dict(s))
        return groups

    totals = counts_dict(rep.totals, b.lang)
    milestone = _milestone(b.plan, "eindevaluatie")
    return {
        "milestone": {"id": milestone.id, "title": milestone.title, "date": _date(milestone.date, b.lang), "text": milestone.text}
        if milestone else None,
        "counts": totals,
        "no_data_text": t("report.final.no-data-text", b.lang, count=totals["unknown"], total=totals["total"])
        if totals["unknown"] else "",
        "updates": len(b.updates_in(b.period)),
        "themes": [{"id": row.item.id, "title": row.item.title, "counts": counts_dict(row.counts, b.lang), **split(row.states)}
                   for row in rep.rows],
        "speerpunten": [{"id": sp.id, "title": sp.title, "counts": counts_dict(c, b.lang),
                         **split([s for s in rep.states.values() if sp.id in s.item.speerpunten])}
                        for sp, c in rep.speerpunten],
    }


# -- steering sections (issue 9): builders for the SECTIONS registry ---------------------------
#
# Each builder turns one core module's answer (ssw.changes, ssw.obligations, ssw.coverage,
# ssw.agenda, ssw.amendments) into plain data for partials/<name>.<fmt>.j2. The numbers
# are the core's; nothing is recounted here.

OB_SYMBOLS = {"reported": "✔", "partial": "◐", "missing": "✗"}


def _status_ref(status: str, lang: str) -> dict[str, str]:
    return {"status": status, "status_label": t(f"status.{status}", lang), "symbol": SYMBOLS[status]}


def _platform_label(ds: d.Dataset, pid: str) -> str:
    platform = ds.platforms.get(pid)
    return platform.name if platform else pid


def _item_title(ds: d.Dataset, plan_id: str, item_id: str) -> str:
    item = ds.items.get((plan_id, item_id))
    return item.title if item else ""


def build_changes(ctx: SectionContext) -> dict[str, Any]:
    """What the git history says changed in the report year: the committed data at the
    last commit on or before 31 December of the year before, against the last commit on
    or before 31 December of the year (`ssw changes --since Y-1-12-31 --until Y-12-31`).
    Outside git, or when the history does not reach back that far, the section says so."""
    from ssw import changes as ch

    since, until = f"{ctx.year - 1}-12-31", f"{ctx.year}-12-31"
    frame: dict[str, Any] = {"year": ctx.year, "since_date": _date(dt.date(ctx.year - 1, 12, 31), ctx.lang),
                             "until_date": _date(dt.date(ctx.year, 12, 31), ctx.lang)}
    try:
        result = ch.changes_between(ctx.root, since, until)
    except SswError as exc:
        reason = {
            "err.no-git": t("report.ch.no-git", ctx.lang),
            "ch.err.no-commits": t("report.ch.no-commits", ctx.lang),
            "ch.err.no-commit-before": t("report.ch.no-history", ctx.lang, date=format_date(
                dt.date.fromisoformat(exc.params.get("value", since)), ctx.lang)),
        }.get(exc.key) or t("report.ch.git-error", ctx.lang, reason=exc.message(ctx.lang))
        return {**frame, "available": False, "reason_code": exc.key, "reason": reason}
    except (OSError, ValueError) as exc:  # never fail the whole report over the history
        return {**frame, "available": False, "reason_code": "err.git",
                "reason": t("report.ch.git-error", ctx.lang, reason=str(exc)[:200] or type(exc).__name__)}

    ds, lang, plan_id = ctx.loaded.data, ctx.lang, ctx.plan.id
    status = [c for c in result.status_changes if c.plan == plan_id]
    updates = [c for c in result.updates if c.plan in (plan_id, "")]
    added = [c for c in result.actions_added if c.plan == plan_id]
    dropped = [c for c in result.actions_dropped if c.plan == plan_id]
    every = status + updates + added + dropped + result.signals

    def who(c: Any) -> str | None:
        return c.by.name if c.by else None

    themes: dict[str | None, list[Any]] = {}
    for c in status:
        themes.setdefault(c.theme, []).append(c)
    theme_rows = []
    for theme in sorted(themes, key=lambda x: (x is None, natural_key(x or ""))):
        rows = sorted(themes[theme], key=lambda c: (natural_key(c.id), c.platform))
        theme_rows.append({
            "id": theme,
            "title": result.theme_titles.get(theme or "", ""),
            "changes": [{"id": c.id, "title": c.title, "kind": c.data.get("kind"), "platform": c.platform,
                         "platform_name": _platform_label(ds, c.platform),
                         "from": _status_ref(c.data["from"], lang), "to": _status_ref(c.data["to"], lang),
                         "date": c.data.get("date"), "by": who(c)} for c in rows],
        })

    def action(c: Any) -> dict[str, Any]:
        return {"id": c.id, "title": c.title, "platform": c.platform, "platform_name": _platform_label(ds, c.platform),
                "date": c.data.get("date"), "dropped": bool(c.data.get("dropped")), "by": who(c)}

    authors: dict[str, int] = {}
    for commit in result.commits:
        authors[commit.author] = authors.get(commit.author, 0) + 1
    return {
        **frame,
        "available": True,
        "since": {"commit": result.since.commit[:12], "date": _date(result.since.date, lang)},
        "until": {"commit": result.until.commit[:12], "date": _date(result.until.date, lang)},
        "same_commit": result.since.commit == result.until.commit,
        "problems": dict(result.problems),
        "totals": {"status_changes": len(status), "updates": len(updates), "actions_added": len(added),
                   "actions_dropped": len(dropped), "signals": len(result.signals), "all": len(every)},
        "themes": theme_rows,
        "actions_added": [action(c) for c in added],
        "actions_dropped": [action(c) for c in dropped],
        "signals": [{"id": c.id, "title": c.title, "platform": c.platform, "platform_name": _platform_label(ds, c.platform),
                     "type": c.data.get("type"), "type_label": t(f"report.type.{c.data.get('type')}", lang),
                     "date": c.data.get("date"), "by": who(c)} for c in result.signals],
        "committed_by": sorted({name for c in every if (name := who(c))}),
        "commits": len(result.commits),
        "authors": [{"name": name, "commits": n} for name, n in sorted(authors.items())],
    }


def build_obligations(ctx: SectionContext) -> dict[str, Any] | None:
    """The yearly account (`ssw.obligations`): regional platforms × plan years up to the
    report's as-of date. Left out for a plan the regional platforms do not carry."""
    from ssw.obligations import STATES, obligations

    ds, lang = ctx.loaded.data, ctx.lang
    if not any(i.regional for i in ds.items.values() if i.plan == ctx.plan.id):
        return None
    ob = obligations(ds, ctx.plan.id, ctx.as_of)
    if not ob.years or not ob.platforms:
        return None

    def cell(year: int, c: Any) -> dict[str, Any]:
        return {"year": year, "state": c.state, "symbol": OB_SYMBOLS[c.state], "label": t(f"ob.{c.state}", lang),
                "updates": c.updates, "complete": ob.complete(year)}

    in_year = {p: ob.cell(p, ctx.year) for p in ob.platforms} if ctx.year in ob.years else {}
    return {
        "as_of": _date(ob.as_of, lang),
        "min_updates": ob.min_updates,
        "year": ctx.year,
        "years": [{"year": y, "complete": ob.complete(y)} for y in ob.years],
        "open_years": [y for y in ob.years if not ob.complete(y)],
        "states": [{"id": s, "symbol": OB_SYMBOLS[s], "label": t(f"ob.{s}", lang)} for s in STATES],
        "platforms": [{"id": p, "name": _platform_label(ds, p), "cells": [cell(y, c) for y, c in ob.row(p)]}
                      for p in ob.platforms],
        "in_year": {s: sum(1 for c in in_year.values() if c.state == s) for s in STATES},
        "not_reported": [{"id": p, "name": _platform_label(ds, p), **cell(ctx.year, c)}
                         for p, c in ob.not_reported(ctx.year)],
    }


def build_coverage(ctx: SectionContext) -> dict[str, Any] | None:
    """Active items per speerpunt and krachtlijn per platform in the report year
    (`ssw.coverage`), with the gaps. Left out for a plan without either tag."""
    from ssw.coverage import coverage, coverage_day

    ds, lang = ctx.loaded.data, ctx.lang
    shared = ctx.states if coverage_day(ctx.year, ctx.as_of) == ctx.as_of else None
    cov = coverage(ds, ctx.plan.id, ctx.year, ctx.as_of, states=shared)
    if not cov.lines():
        return None

    def line(ln: Any) -> dict[str, Any]:
        return {"id": ln.id, "title": ln.title, "total": len(ln.total), "items": list(ln.total),
                "gaps": list(ln.gaps),
                "cells": [{"platform": p, "count": len(c.active), "items": list(c.active), "gap": c.gap,
                           "possible": c.possible} for p, c in ln.cells.items()]}

    lines = cov.lines()
    return {
        "year": cov.year,
        "as_of": _date(cov.as_of, lang),
        "platforms": [{"id": p, "name": _platform_label(ds, p), "regional": p in ds.regional_platforms()}
                      for p in cov.platforms],
        "speerpunten": [line(ln) for ln in cov.speerpunten],
        "krachtlijnen": [line(ln) for ln in cov.krachtlijnen],
        "max": max((len(c.active) for ln in lines for c in ln.cells.values()), default=0),
        "gap_count": sum(1 for ln in lines for c in ln.cells.values() if c.gap),
        "quiet_speerpunten": [{"id": ln.id, "title": ln.title} for ln in cov.quiet_speerpunten()],
        "focus_gaps": [{"platform": p, "platform_name": _platform_label(ds, p), "theme": theme,
                        "title": _item_title(ds, cov.plan, theme)} for p, theme in cov.focus_gaps],
    }


def build_follow_ups(ctx: SectionContext) -> dict[str, Any]:
    """Open follow-ups of the stuurgroep's decisions on the report's as-of date
    (`ssw.agenda.open_follow_ups`): decided by then and not done; overdue marked."""
    from ssw.agenda import open_follow_ups

    found = open_follow_ups(ctx.loaded.data, ctx.as_of)
    return {
        "as_of": _date(ctx.as_of, ctx.lang),
        "overdue": sum(1 for f in found if f.overdue),
        "items": [{"id": f.id, "date": _date(f.date, ctx.lang), "text": f.text, "item_refs": list(f.items),
                   "follow_up": _date(f.due, ctx.lang), "overdue": f.overdue, "file": f.path} for f in found],
    }


def build_amendments(ctx: SectionContext) -> dict[str, Any]:
    """The plan as adopted versus with its amendments (`ssw.amendments`) on the as-of date."""
    from ssw.amendments import amendments

    ds, lang = ctx.loaded.data, ctx.lang
    am = amendments(ds, ctx.plan.id, ctx.as_of, ctx.root.stale_months, states=ctx.states)

    def side(counts: st.Counts, progress: float) -> dict[str, Any]:
        # progress by the amendments rule (as adopted: gerealiseerd / all items)
        return {**counts_dict(counts, lang), "progress": round(progress, 4), "progress_pct": round(progress * 100)}

    def items(ids: Sequence[str]) -> list[dict[str, Any]]:
        found = []
        for item_id in ids:
            item = ds.items.get((am.plan, item_id))
            owner = item.platform if item else None
            found.append({"id": item_id, "title": item.title if item else "", "platform": owner,
                          "platform_name": _platform_label(ds, owner) if owner else None})
        return found

    return {
        "as_of": _date(am.as_of, lang),
        "adopted": side(am.adopted, am.adopted_progress),
        "amended": side(am.amended, am.amended_progress),
        "dropped_items": items(am.dropped_items),
        "added_actions": items(am.added_actions),
        "dropped_actions": items(am.dropped_actions),
    }


#: (name, builder): the extra sections, rendered by partials/<name>.<fmt>.j2 in this order
#: after the stuurgroep's decisions.
SECTIONS: tuple[tuple[str, SectionBuilder], ...] = (
    ("follow_ups", build_follow_ups),
    ("changes", build_changes),
    ("obligations", build_obligations),
    ("coverage", build_coverage),
    ("amendments", build_amendments),
)


# -- provenance ------------------------------------------------------------------------------


def git_state(root: Root, paths: Sequence[Path]) -> tuple[str | None, bool | None]:
    """(short commit, uncommitted changes under `paths`), or (None, None) outside git."""
    from ssw import gitutil

    sha = gitutil.head(root.path)
    if sha is None:
        return None, None
    proc = gitutil.run_git(root.path, "rev-parse", "--show-toplevel")
    if proc is None or proc.returncode != 0:
        return sha[:12], None
    top = Path(proc.stdout.strip()).resolve()
    inside: list[str | Path] = [p.resolve() for p in paths if p.exists() and p.resolve().is_relative_to(top)]
    return sha[:12], (gitutil.is_dirty(root.path, inside) if inside else False)


def package_templates() -> Path | None:
    """The default templates' folder when they live on disk (editable installs, checkouts)."""
    import importlib.resources

    try:
        base = importlib.resources.files("ssw.templates")
        return Path(str(base)) if Path(str(base)).is_dir() else None
    except (ModuleNotFoundError, TypeError):
        return None


def provenance(root: Root, loaded: Loaded, templates_dirs: Sequence[Path], lang: str) -> dict[str, Any]:
    paths = [root.plan_dir, root.path / "regions", root.path / "templates", *templates_dirs]
    pkg = package_templates()
    if pkg is not None:
        paths.append(pkg)
    commit, dirty = git_state(root, paths)
    built = today()
    count = len(loaded.problems)
    validation = t("report.prov.valid", lang) if not count else t("report.prov.problems", lang, count=count)
    if commit is None:
        source = t("report.prov.no-git", lang)
    else:
        state = {True: "report.prov.dirty", False: "report.prov.clean", None: "report.prov.unknown"}[dirty]
        source = t("report.prov.commit", lang, commit=commit, state=t(state, lang))
    return {
        "commit": commit,
        "dirty": dirty,
        "build_date": _date(built, lang),
        "valid": not count,
        "problem_count": count,
        "text": t("report.provenance", lang, source=source, date=format_date(built, lang), validation=validation),
    }


# -- rendering -------------------------------------------------------------------------------

# Markdown escaping of data lives in ssw/escape.py (one place for every output); the
# filters md, cell and mdblock below are those functions.


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


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".htm.j2", ".svg.j2", ".html", ".htm", ".svg"))


def _package_loader() -> Any:
    import importlib.resources

    from jinja2 import FunctionLoader
    from jinja2.loaders import split_template_path

    def load(name: str) -> Any:
        base = importlib.resources.files("ssw.templates")
        resource = base.joinpath(*split_template_path(name))
        if not resource.is_file():
            return None
        return resource.read_text(encoding="utf-8"), f"ssw.templates/{name}", lambda: True

    return FunctionLoader(load)


def _data_first(base: type) -> type:
    """`base` with `x.key` looking up the key of a data dict first. Jinja tries the
    attribute first and so raises and catches an AttributeError for every field shown:
    a third of rendering time in a large report. A key named like a dict method
    (`items`) now means the key, which is what a template over plain data wants."""

    class DataFirst(base):  # type: ignore[misc,valid-type]
        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return DataFirst


def environment(templates_dirs: Sequence[Path] = (), lang: str = "nl") -> Any:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [FileSystemLoader(str(p), encoding="utf-8") for p in templates_dirs if Path(p).is_dir()]
    # A templates folder may come with a data repository: sandbox it. Our own templates
    # need no sandbox, and rendering without it is about a tenth faster.
    env_class = _data_first(SandboxedEnvironment if loaders else Environment)
    env = env_class(
        loader=ChoiceLoader([*loaders, _package_loader()]),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update({"md": md_inline, "cell": md_cell, "mdblock": md_block, "textbar": text_bar, "safe_url": safe_url})
    env.globals["t"] = lambda key, **params: t(key, lang, **params)
    return env


def template_name(kind: str, fmt: str) -> str:
    return f"{kind}.{fmt}.j2"


def render_report(data: dict[str, Any], fmt: str, templates_dirs: Sequence[Path] = ()) -> str:
    """Render the data object with `<kind>.<fmt>.j2`. Template problems -> SswError."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    if fmt not in FORMATS:
        raise SswError("err.bad-option", exit_code=2, value=fmt, option="--format", valid=", ".join(FORMATS))
    name = template_name(data["kind"], fmt)
    env = environment(templates_dirs, data["lang"])
    try:
        text = env.get_template(name).render(**data)
    except TemplateSyntaxError as exc:
        where = f"{exc.name or exc.filename or name}:{exc.lineno}"
        raise SswError("err.template", name=where, reason=exc.message or str(exc)) from None
    except TemplateNotFound as exc:
        raise SswError("err.template", name=name, reason=t("report.template-missing", data["lang"], name=exc.name)) from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise SswError("err.template", name=_template_frame(exc) or name, reason=str(exc)[:300] or type(exc).__name__) from None
    if fmt == "md":  # tidy whitespace only: trailing spaces, runs of blank lines
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).lstrip("\n")
    return text.rstrip("\n") + "\n"


def _template_frame(exc: BaseException) -> str | None:
    """`name:line` of the innermost template frame of a rendering error."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename.rsplit('ssw.templates/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def default_out_name(data: dict[str, Any], fmt: str) -> str:
    return f"{data['plan']['id']}-{data['kind']}-{data['year']}.{data['lang']}.{fmt}"
