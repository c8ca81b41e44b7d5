"""Cross-file checks. Each is `(Dataset) -> list[Problem]`, listed once in CHECKS."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable, Iterable

from ssw import dataset as d
from ssw.clock import today
from ssw.dates import PartialDate
from ssw.problems import Problem

Check = Callable[[d.Dataset], list[Problem]]


#: Dangling references per run that get close-match suggestions; the rest are reported
#: without one (20,000 typos need no 20,000 suggestions, and each costs a scan).
SUGGESTION_BUDGET = 200
#: Candidates compared in full per suggestion: the ones sharing the longest prefix.
SUGGESTION_POOL = 400
_budget = [SUGGESTION_BUDGET]


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    pool = list(candidates)
    if len(pool) > SUGGESTION_POOL:  # ids are hierarchical: near ones share a prefix
        import heapq

        def shared(c: str) -> int:
            k = 0
            for a, b in zip(word, c):
                if a != b:
                    break
                k += 1
            return k

        pool = heapq.nlargest(SUGGESTION_POOL, pool, key=shared)
    found = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    lower = word.lower()
    found += [c for c in pool if lower and (c.startswith(lower) or lower.startswith(c)) and c not in found]
    return found[:n]


def _ref_problem(path: str, loc: tuple, what: str, ref: str, pool: Iterable[str] | Callable[[], Iterable[str]]) -> Problem:
    """An unknown reference, with close matches while the run's budget lasts (`pool` may be
    a function: the candidates are then only listed when a suggestion is made)."""
    suggestion = ""
    if _budget[0] > 0:
        _budget[0] -= 1
        suggestion = ", ".join(close_matches(ref, pool() if callable(pool) else pool))
    return Problem(path, "unknown-ref", {"what": what, "ref": ref, "suggestion": suggestion}, loc=loc)


def check_organisations(ds: d.Dataset) -> list[Problem]:
    problems = []
    orgs = ds.organisations
    for item in ds.items.values():
        names = ([("lead", item.lead)] if item.lead else []) + [("partners", p) for p in item.partners]
        for field, org in names:
            if org not in orgs:
                problems.append(_ref_problem(item.path, (*item.loc, field), "organisation", org, orgs))
    for pid, platform in ds.platforms.items():
        path = ds.platform_paths[pid]
        if platform.chair and platform.chair.organisation and platform.chair.organisation not in orgs:
            problems.append(_ref_problem(path, ("chair", "organisation"), "organisation", platform.chair.organisation, orgs))
        for b_i, body in enumerate(platform.bodies):
            for m_i, member in enumerate(body.members):
                if member.organisation and member.organisation not in orgs:
                    problems.append(_ref_problem(path, ("bodies", b_i, "members", m_i, "organisation"),
                                                 "organisation", member.organisation, orgs))
    return problems


def _theme_pool(ds: d.Dataset, plan_id: str | None) -> list[str]:
    return [i for (p, i), item in ds.items.items() if p == plan_id and item.kind == "theme"]


def _check_theme_refs(ds: d.Dataset, refs: Iterable[str], path: str, loc: tuple, when: dt.date | None) -> list[Problem]:
    problems = []
    for j, ref in enumerate(refs):
        item = ds.resolve(ref, when)
        if item is None or item.kind != "theme":
            plan_id, _ = ds.plan_of_ref(ref, when)
            problems.append(_ref_problem(path, (*loc, j), "theme", ref, functools.partial(_theme_pool, ds, plan_id)))
    return problems


def _item_pool(ds: d.Dataset, plan_id: str | None, qualified: bool) -> list[str]:
    """Ids of one plan, the candidates for a close-match suggestion (built only when asked)."""
    return [f"{p}:{i}" if qualified else i for (p, i) in ds.items if p == plan_id]


def check_theme_links(ds: d.Dataset) -> list[Problem]:
    """Themes named by speerpunten, SAM actions, contacts, focus and regional actions exist."""
    problems = []
    for plan in ds.plans.values():
        for s_i, sp in enumerate(plan.file.speerpunten):
            for j, ref in enumerate(sp.themes):
                if (plan.id, ref) not in ds.items:
                    problems.append(_ref_problem(plan.path, ("speerpunten", s_i, "themes", j), "theme", ref, plan.themes))
        for field in ("actions", "contributions"):
            for a_i, action in enumerate(getattr(plan.file, field)):
                problems += _check_theme_refs(ds, action.themes, plan.path, (field, a_i, "themes"), None)
                for g_i, goal in enumerate(getattr(action, "goals", [])):
                    if (plan.id, goal) not in ds.items:
                        pool = [g.id for g in plan.file.goals]
                        problems.append(_ref_problem(plan.path, (field, a_i, "goals", g_i), "goal", goal, pool))
    for org_id, org in ds.organisations.items():
        path, index = ds.org_paths[org_id]
        for c_i, contact in enumerate(org.contacts):
            problems += _check_theme_refs(ds, contact.themes, path, (index, "contacts", c_i, "themes"), None)
    for pid, platform in ds.platforms.items():
        for f_i, focus in enumerate(platform.focus):
            problems += _check_theme_refs(ds, focus.themes, ds.platform_paths[pid], ("focus", f_i, "themes"),
                                          dt.date(focus.year, 1, 1))
    for item in ds.items.values():
        if item.kind == "regional-action":
            problems += _check_theme_refs(ds, item.themes, item.path, (*item.loc, "themes"), item.date.first if item.date else None)
    for entry in ds.signals:
        problems += _check_theme_refs(ds, entry.model.themes, entry.path, (entry.index, "themes"), entry.model.date.first)
    return problems


def check_tags(ds: d.Dataset) -> list[Problem]:
    """Krachtlijnen, speerpunten and milestones named on items exist in their plan."""
    problems = []
    for item in ds.items.values():
        plan = ds.plans.get(item.plan)
        if plan is None:
            continue
        pools = {
            "krachtlijnen": [k.id for k in plan.file.krachtlijnen],
            "speerpunten": [s.id for s in plan.file.speerpunten],
        }
        for field, pool in pools.items():
            for tag in getattr(item, field):
                if tag not in pool:
                    what = "krachtlijn" if field == "krachtlijnen" else "speerpunt"
                    problems.append(_ref_problem(item.path, (*item.loc, field), what, tag, pool))
        if item.milestone and item.milestone not in {ms.id for ms in plan.file.milestones}:
            problems.append(_ref_problem(item.path, (*item.loc, "milestone"), "milestone", item.milestone,
                                         [ms.id for ms in plan.file.milestones]))
    return problems


def _outside(plan: d.Plan, date: PartialDate) -> bool:
    return not (plan.start <= date.last and date.first <= plan.end)


def _outside_problem(path: str, plan: d.Plan, date: PartialDate, loc: tuple, code: str = "date-outside-plan") -> Problem:
    return Problem(path, code, {"date": str(date), "plan": plan.id, "start": str(plan.start),
                                "end": str(plan.end)}, loc=loc)


def check_periods(ds: d.Dataset) -> list[Problem]:
    """A plan's period is a real interval; its milestones, due dates and own actions of the
    platforms fall inside it (a successor copied by hand keeps no 2022 milestone)."""
    problems = []
    for plan in ds.plans.values():
        if plan.end < plan.start:
            problems.append(Problem(plan.path, "period-reversed", {"start": str(plan.file.period.start),
                                                                   "end": str(plan.file.period.end)}, loc=("period",)))
            continue
        for m_i, milestone in enumerate(plan.file.milestones):
            if _outside(plan, milestone.date):
                problems.append(_outside_problem(plan.path, plan, milestone.date, ("milestones", m_i, "date"),
                                                 "plan-date-outside"))
        for item in ds.plan_items(plan.id):
            if item.due and not (plan.start <= item.due.first <= plan.end):
                problems.append(_outside_problem(item.path, plan, item.due, (*item.loc, "due"), "plan-date-outside"))
            if item.kind == "regional-action" and item.date and _outside(plan, item.date):
                problems.append(_outside_problem(item.path, plan, item.date, (*item.loc, "date")))
    return problems


def check_continuations(ds: d.Dataset) -> list[Problem]:
    """`vervolg_van` names an item of an earlier plan of the same family."""
    problems = []
    continued: dict[tuple[str, str], d.Item] = {}  # old item -> the first item continuing it
    for item in sorted(ds.items.values(), key=lambda i: (ds.plans[i.plan].start, i.plan)):  # stable: file order
        if not item.vervolg_van:
            continue
        loc = (*item.loc, "vervolg_van")
        old = ds.predecessor(item)
        plan = ds.plans[item.plan]
        if old is None:
            old_plan = item.vervolg_van.partition(":")[0]
            if old_plan not in ds.plans:
                problems.append(_ref_problem(item.path, loc, "plan", old_plan, sorted(ds.plans)))
                continue
            problems.append(_ref_problem(item.path, loc, "item", item.vervolg_van,
                                         functools.partial(_item_pool, ds, old_plan, True)))
            continue
        before = ds.plans[old.plan]
        if before.file.family != plan.file.family or before.start >= plan.start:
            problems.append(Problem(item.path, "vervolg-not-earlier", {"ref": item.vervolg_van, "plan": plan.id,
                                                                       "family": plan.file.family}, loc=loc))
            continue
        if old.kind != item.kind:
            problems.append(Problem(item.path, "vervolg-other-kind", {"ref": item.vervolg_van, "id": item.id,
                                                                      "kind": item.kind, "old_kind": old.kind}, loc=loc))
            continue
        first = continued.setdefault(old.key, item)
        if first is not item:
            problems.append(Problem(item.path, "vervolg-twice", {"ref": item.vervolg_van, "other": f"{first.plan}:{first.id}",
                                                                 "path": first.path}, loc=loc))
    return problems


def _platform_ids(ds: d.Dataset) -> list[str]:
    return sorted(ds.platforms)


def check_updates(ds: d.Dataset) -> list[Problem]:
    """Every update: known platform, existing target that takes updates, in scope, date in period."""
    problems = []
    now = today()
    ids: dict[str, d.UpdateRec] = {}
    pools: dict[str | None, list[str]] = {}
    for rec in ds.updates:
        u = rec.update
        loc = (rec.index,)
        if u.id is not None:
            first = ids.setdefault(u.id, rec)
            if first is not rec:
                where = f"{first.path}:{first.line}" if first.line else first.path
                problems.append(Problem(rec.path, "duplicate-update-id", {"id": u.id, "other": where}, loc=(*loc, "id")))
        if rec.platform not in ds.platforms:
            if not broken_platform(ds, rec.platform):
                problems.append(Problem(rec.path, "unknown-platform-folder", {"platform": rec.platform,
                                        "valid": ", ".join(_platform_ids(ds))}, loc=loc))
            continue
        when = u.date.first
        item = ds.resolve(u.target, when)
        if item is None:
            plan_id, bare = ds.plan_of_ref(u.target, when)
            elsewhere = [p for (p, _) in ds.by_id.get(bare, ()) if p != plan_id and ":" not in u.target]
            if plan_id and elsewhere:  # finished in an earlier plan, so not carried over
                problems.append(Problem(rec.path, "not-in-plan", {"id": bare, "plan": plan_id, "other": elsewhere[-1]},
                                        loc=(*loc, "target")))
                continue
            problems.append(_ref_problem(rec.path, (*loc, "target"), "item", u.target, _trackable(ds, plan_id, pools)))
            continue
        problems += target_problems(ds, item, rec.platform, rec.path, (*loc, "target"))
        plan = ds.plans[item.plan]
        if not (plan.start <= u.date.last and u.date.first <= plan.end):
            problems.append(_update_outside(ds, rec.path, plan, item, u.date, (*loc, "date")))
        elif u.date.first > now and u.status.value != "gepland":
            problems.append(Problem(rec.path, "date-in-future", {"date": str(u.date), "today": str(now)}, loc=(*loc, "date")))
        rec.item = item.key
    return problems


def _update_outside(ds: d.Dataset, path: str, plan: d.Plan, item: d.Item, date: PartialDate, loc: tuple) -> Problem:
    """An update dated outside its item's plan; when the same id runs in the plan of that
    date (a carried item, or the one it continues), the hint names it."""
    holder = ds.plan_by_date(plan.file.family, date.first)
    if holder is not None and holder is not plan and not _outside(holder, date) and (holder.id, item.id) in ds.items:
        return Problem(path, "date-in-other-plan", {"date": str(date), "plan": plan.id, "start": str(plan.start),
                                                    "end": str(plan.end), "id": item.id, "other": holder.id}, loc=loc)
    return _outside_problem(path, plan, date, loc)


def _trackable(ds: d.Dataset, plan_id: str | None, pools: dict[str | None, list[str]]) -> Callable[[], list[str]]:
    """The ids a target may name in `plan_id`, listed once per check run."""
    def pool() -> list[str]:
        if plan_id not in pools:
            pools[plan_id] = [i for (p, i), it in ds.items.items() if p == plan_id and it.trackable]
        return pools[plan_id]

    return pool


def target_problems(ds: d.Dataset, item: d.Item, platform: str, path: str, loc: tuple) -> list[Problem]:
    """Can `platform` report on `item`? Shared by `validate` and `record`."""
    if not item.trackable:
        children = ", ".join(item.children) or "-"
        return [Problem(path, "not-trackable", {"id": item.id, "kind": item.kind, "children": children}, loc=loc)]
    level = ds.platforms[platform].level if platform in ds.platforms else None
    if item.kind == "regional-action":
        if item.platform != platform:
            return [Problem(path, "other-platform-action", {"id": item.id, "owner": item.platform or "?"}, loc=loc)]
    elif item.regional and level != d.REGIONAL_LEVEL:
        return [Problem(path, "regional-item", {"id": item.id, "platform": platform}, loc=loc)]
    elif not item.regional and level == d.REGIONAL_LEVEL:
        return [Problem(path, "flemish-item", {"id": item.id, "platform": platform}, loc=loc)]
    return []


def check_regional_actions(ds: d.Dataset) -> list[Problem]:
    """Bottom-up action ids start with their platform and never collide with plan ids."""
    problems = []
    seen: dict[str, str] = {}
    for item in ds.items.values():
        if item.kind != "regional-action":
            continue
        if not item.id.startswith(f"{item.platform}."):
            problems.append(Problem(item.path, "regional-id", {"id": item.id, "platform": item.platform}, loc=(*item.loc, "id")))
        if item.id in seen:
            problems.append(Problem(item.path, "duplicate-id", {"id": item.id, "other": seen[item.id]}, loc=(*item.loc, "id")))
        seen[item.id] = item.path
        if item.platform not in ds.platforms and not broken_platform(ds, item.platform):
            problems.append(Problem(item.path, "unknown-platform-folder", {"platform": item.platform,
                                    "valid": ", ".join(_platform_ids(ds))}, loc=item.loc))
    return problems


def check_entries(ds: d.Dataset) -> list[Problem]:
    """Signals and decisions: unique ids, items they name exist."""
    problems = []
    for entries in (ds.signals, ds.decisions):
        seen: dict[str, str] = {}
        for e in entries:
            if e.model.id in seen:
                problems.append(Problem(e.path, "duplicate-id", {"id": e.model.id, "other": seen[e.model.id]}, loc=(e.index, "id")))
            seen[e.model.id] = e.path
            for j, ref in enumerate(e.model.items):
                if ds.resolve(ref, e.model.date.first) is None:
                    plan_id, _ = ds.plan_of_ref(ref, e.model.date.first)
                    problems.append(_ref_problem(e.path, (e.index, "items", j), "item", ref,
                                                 functools.partial(_item_pool, ds, plan_id, False)))
    return problems


def check_evaluations(ds: d.Dataset) -> list[Problem]:
    """The stuurgroep's evaluations: unique ids, one subject each, a year for a yearly
    judgement inside its plan, subjects that exist, one entry per subject and moment."""
    from ssw import evaluations as ev

    problems: list[Problem] = []
    seen: dict[str, str] = {}
    judged: dict[ev.Key, str] = {}
    for e in ds.evaluations:
        x, loc = e.model, (e.index,)
        if x.id in seen:
            problems.append(Problem(e.path, "duplicate-id", {"id": x.id, "other": seen[x.id]}, loc=(*loc, "id")))
        seen[x.id] = e.path
        fields = ev.subjects_of(x)
        if len(fields) > 1:
            problems.append(Problem(e.path, "evaluation-subjects", {"fields": ", ".join(fields)}, loc=(*loc, fields[1])))
            continue
        plan_id = ev.plan_of(ds, x)
        plan = ds.plans.get(plan_id or "")
        if plan is None:
            problems.append(_ref_problem(e.path, (*loc, "plan"), "plan", x.plan or "", ds.plans))
            continue
        if x.moment == "jaaroverzicht" and (x.year is None or not plan.start.year <= x.year <= plan.end.year):
            problems.append(Problem(e.path, "evaluation-year", {"plan": plan.id, "start": plan.start.year,
                                                                "end": plan.end.year}, loc=(*loc, "year")))
            continue
        if x.moment != "jaaroverzicht" and x.year is not None:
            problems.append(Problem(e.path, "evaluation-year-only", {"moment": x.moment}, loc=(*loc, "year")))
            continue
        bad = len(problems)
        if x.theme is not None:
            item = ds.items.get((plan.id, x.theme.partition(":")[2] or x.theme))
            if item is None or item.kind != "theme":
                problems.append(_ref_problem(e.path, (*loc, "theme"), "theme", x.theme, _theme_pool(ds, plan.id)))
        if x.speerpunt is not None and x.speerpunt not in {s.id for s in plan.file.speerpunten}:
            problems.append(_ref_problem(e.path, (*loc, "speerpunt"), "speerpunt", x.speerpunt,
                                         [s.id for s in plan.file.speerpunten]))
        for field, pool in (("krachtlijn", [k.id for k in plan.file.krachtlijnen]),
                            ("impactdomein", [i.id for i in plan.file.impactdomeinen])):
            value = getattr(x, field)
            if value is not None and value not in pool:
                problems.append(_ref_problem(e.path, (*loc, field), field, value, pool))
        if x.platform is not None and x.platform not in ds.platforms and not broken_platform(ds, x.platform):
            problems.append(_ref_problem(e.path, (*loc, "platform"), "platform", x.platform, ds.platforms))
        key = ev.key_of(ds, x)
        if len(problems) == bad and key is not None:
            if key in judged:
                problems.append(Problem(e.path, "evaluation-twice", {"other": judged[key]}, loc=(*loc, "id")))
            judged[key] = x.id
    return problems


def broken_platform(ds: d.Dataset, platform: str | None) -> bool:
    """The platform's own platform.yaml did not load: that file's problem is reported where
    it stands; the platform's other files and mentions are not 'unknown platform' on top."""
    return platform is not None and any(path.rsplit("/", 1)[-1] in ("platform.yaml", "platform.yml") for path in ds.incomplete.get(platform, ()))


def check_meetings(ds: d.Dataset) -> list[Problem]:
    """Meetings: unique ids, a body of the Vlaams Platform, regional platforms presenting
    an overview of a year that has begun, no date in the future; a decision's meeting exists."""
    from ssw.clock import today

    problems = []
    now = today()
    bodies = [b.id for f in ds.platforms.values() if f.level != d.REGIONAL_LEVEL for b in f.bodies]
    regional = ds.regional_platforms()
    seen: dict[str, str] = {}
    for e in ds.meetings:
        m = e.model
        if m.id in seen:
            problems.append(Problem(e.path, "duplicate-id", {"id": m.id, "other": seen[m.id]}, loc=(e.index, "id")))
        seen[m.id] = e.path
        if bodies and m.body not in bodies:
            problems.append(_ref_problem(e.path, (e.index, "body"), "body", m.body, bodies))
        if m.date.first > now:
            problems.append(Problem(e.path, "date-in-future", {"date": str(m.date), "today": str(now)}, loc=(e.index, "date")))
        for j, ov in enumerate(m.overviews):
            if ov.year > m.date.year:
                problems.append(Problem(e.path, "overview-after-meeting", {"year": ov.year, "date": str(m.date)},
                                        loc=(e.index, "overviews", j, "year")))
            for k, platform in enumerate(ov.presented):
                if platform not in regional and not broken_platform(ds, platform):
                    problems.append(_ref_problem(e.path, (e.index, "overviews", j, "presented", k),
                                                 "regional platform", platform, regional))
                elif platform in ov.presented[:k]:
                    problems.append(Problem(e.path, "duplicate-id", {"id": platform, "other": e.path},
                                            loc=(e.index, "overviews", j, "presented", k)))
    for e in ds.decisions:
        ref = e.model.meeting
        if ref is not None and ref not in seen:
            problems.append(_ref_problem(e.path, (e.index, "meeting"), "meeting", ref, seen))
    return problems


CHECKS: tuple[Check, ...] = (
    check_organisations,
    check_theme_links,
    check_tags,
    check_periods,
    check_continuations,
    check_updates,
    check_regional_actions,
    check_entries,
    check_evaluations,
    check_meetings,
)


def run_checks(ds: d.Dataset) -> list[Problem]:
    problems: list[Problem] = []
    _budget[0] = SUGGESTION_BUDGET
    for check in CHECKS:
        problems += check(ds)
    return problems
