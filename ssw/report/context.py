"""The one context object every section builder gets.

It holds the report's frame (plan, year, kind, language, status date, windows), the
status model computed once (`states`, `report`), and the helpers that turn core values
into plain data: an item, an update, a signal, a theme reference. The helpers memoise:
a large report shows the same items, dates and labels many times.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.dates import PartialDate
from ssw.evaluations import Evaluations
from ssw.i18n import t
from ssw.ids import natural_key
from ssw.loader import Loaded
from ssw.report.plain import date_dict, safe_links
from ssw.root import Root
from ssw.symbols import RATING_SYMBOLS, SYMBOLS


class ReportContext:
    """The frame of one report and the status model on its as-of date."""

    def __init__(self, loaded: Loaded, root: Root, plan: d.Plan, year: int, kind: str, lang: str,
                 as_of: dt.date, audience: str = "stuurgroep") -> None:
        self.loaded = loaded
        self.root = root
        self.ds = loaded.data
        self.plan = plan
        self.year = year
        self.kind = kind
        self.lang = lang
        self.as_of = as_of
        self.audience = audience
        self.evaluations = Evaluations(self.ds, as_of)
        self.stale_months = root.stale_months
        self.window = (dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of))
        self.period = (plan.start, min(plan.end, as_of))
        #: `item_states` on `as_of`, every plan
        self.states = st.item_states(self.ds, as_of, self.stale_months)
        self.report = st.compute_status(self.ds, plan.id, as_of, self.stale_months, states=self.states)
        self._dates: dict[Any, dict[str, str] | None] = {}
        self._labels: dict[str, str] = {}
        self._items: dict[tuple[str, str], dict[str, Any]] = {}
        self._updates: dict[tuple[dt.date, dt.date], list[d.UpdateRec]] = {}

    # -- memoised conversions ----------------------------------------------------------------
    def date(self, value: PartialDate | dt.date | None) -> dict[str, str] | None:
        """`date_dict`, once per distinct date: large reports repeat the same few hundred."""
        if value not in self._dates:
            self._dates[value] = date_dict(value, self.lang)
        return self._dates[value]

    def label(self, key: str) -> str:
        if key not in self._labels:
            self._labels[key] = t(key, self.lang)
        return self._labels[key]

    def platform_name(self, pid: str) -> str:
        platform = self.ds.platforms.get(pid)
        return platform.name if platform else pid

    def org_name(self, org: str | None) -> str | None:
        if org is None:
            return None
        found = self.ds.organisations.get(org)
        return found.name if found else org

    def in_window(self, when: PartialDate, window: tuple[dt.date, dt.date]) -> bool:
        return window[0] <= when.first <= window[1]

    # -- the stuurgroep's judgements ----------------------------------------------------------
    def judgement(self, moment: str, subject: str, ref: str = "") -> dict[str, Any]:
        """The recorded evaluation of a subject at a moment (the report's year for a yearly
        one), or `recorded: False` with the words for "no judgement yet". Never computed."""
        entry = self.evaluations.get(self.plan.id, moment, self.year, subject, ref)
        if entry is None:
            empty: dict[str, Any] = {"recorded": False, "rating": None, "text": self.label("report.eval.none"),
                                     "earlier": None}
            if moment == "eindevaluatie":  # no final word yet: the last word given, said as such
                earlier = self.evaluations.for_subject(self.plan.id, subject, ref)
                if earlier:
                    key, last = earlier[-1]
                    empty["earlier"] = {**self._judged(last), "moment": t(
                        f"report.eval.moment.{key.moment}", self.lang, year=key.year or "")}
            return empty
        return self._judged(entry)

    def _judged(self, entry: d.Entry) -> dict[str, Any]:
        x = entry.model
        return {"recorded": True, "id": x.id, "rating": x.rating, "rating_label": self.label(f"report.rating.{x.rating}"),
                "symbol": RATING_SYMBOLS[x.rating], "reasoning": x.reasoning, "effect": x.effect, "policy": x.policy,
                "by": x.by, "date": self.date(x.date), "links": safe_links(x.links), "file": entry.path,
                "text": self.label("report.eval.none")}

    def ref_of(self, ref: str, day: dt.date) -> dict[str, str]:
        """A reference as written in the data (bare or `plan:id`), resolved on `day`, with its title."""
        plan_id, item_id = self.ds.plan_of_ref(ref, day)
        return self.item_ref(item_id, plan_id)

    def item_ref(self, item_id: str, plan_id: str | None = None) -> dict[str, str]:
        """An id with its title, for a mention of an item shown elsewhere in the report."""
        item = self.ds.items.get((plan_id or self.plan.id, item_id))
        return {"id": item_id, "title": item.title if item else ""}

    # -- items ---------------------------------------------------------------------------------
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
        return {**base, **self._status_fields(status), "stil": own.stil if own else state.stil, "stil_where": [],
                "last_update": self.date(last.date) if last else None,
                "platforms": [self._platform_status(region, listed)] if listed else []}

    def quiet_dict(self, q: st.Quiet) -> dict[str, Any]:
        """A quiet platform on an item: that platform's own status, date and name."""
        return {**self.item_dict(q.state), **self._status_fields(q.status), "stil": True, "stil_where": [],
                "last_update": self.date(q.last.date), "platform": q.platform,
                "stale_platforms": [self.platform_name(q.platform)]}

    def _quiet_where(self, platform: str, own: st.PlatformState) -> str:
        return f"{platform}: {SYMBOLS[own.status]} {self.label(f'status.{own.status}')}, {own.last.date}"

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
            # a regional item is stil per platform: name which, with that platform's own date
            # (the row's status is the item's overall one: each quiet platform says its own)
            "stil_where": [self._quiet_where(p, state.platforms[p]) for p in state.stale_platforms]
            if item.regional else [],
            "last_update": self.date(state.last.date) if state.last else None,
            "platforms": [self._platform_status(p, s) for p, s in sorted(state.platforms.items())],
            "speerpunten": list(item.speerpunten),
            "krachtlijnen": list(item.krachtlijnen),
            "lead": self.org_name(item.lead),
            "partners": [self.org_name(p) for p in item.partners],
        }

    def theme_ref(self, ref: str) -> dict[str, Any]:
        return self.ref_of(ref, self.window[0])

    def regional_action_dict(self, state: st.ItemState) -> dict[str, Any]:
        base = dict(self.item_dict(state))
        item = state.item
        base.update({"date": self.date(item.date), "text": item.text, "dropped": item.dropped_by(self.as_of),
                     "dropped_on": self.date(item.dropped) if item.dropped_by(self.as_of) else None,
                     "themes": [self.theme_ref(r) for r in item.themes]})
        return base

    # -- updates and signals -----------------------------------------------------------------
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

    def own_actions_in(self, window: tuple[dt.date, dt.date], platform: str | None = None) -> list[d.Item]:
        """The plan's own (regional) actions added in `window`: one count for every section."""
        return [i for i in self.ds.items.values() if i.kind == "regional-action" and i.plan == self.plan.id
                and i.date is not None and self.in_window(i.date, window) and (platform is None or i.platform == platform)]

    def _signals(self, window: tuple[dt.date, dt.date], kind: str, platform: str | None) -> list[d.Entry]:
        """Signals of `kind` (signaal, goede-praktijk) dated in `window`, of one platform or all."""
        return [e for e in self.ds.signals if e.model.type == kind and self.in_window(e.model.date, window)
                and (platform is None or e.platform == platform)]

    def count_signals_in(self, window: tuple[dt.date, dt.date], kind: str, platform: str | None = None) -> int:
        return len(self._signals(window, kind, platform))

    def signals_in(self, window: tuple[dt.date, dt.date], kind: str, platform: str | None = None) -> list[dict[str, Any]]:
        found = sorted(self._signals(window, kind, platform),
                       key=lambda e: (e.model.date.first, e.platform, natural_key(e.model.id)))
        return [self.signal_dict(e) for e in found]
