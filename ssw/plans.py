"""Plans side by side: list them (`ssw plans`) and start a successor (`ssw plan new`).

A plan's *family* is its id's prefix (`ssw-2025-2029` is in family `ssw`); plans of
one family never overlap, so a bare id resolves by date (see `Dataset.plan_of_ref`).

Carry-over (`--from OLD --carry-over`): every trackable item of OLD whose derived status
*as of OLD's end* is not gerealiseerd or geschrapt goes into the new plan under the same
id, with its text, tags and theme/action skeleton, marked `vervolg_van: "OLD:ID"`. An
item with no data at all (*onbekend*) was not finished either, so it carries over too.
Due dates and milestones stay with OLD: they lie in OLD's period. So does a theme's
`sam_name`: SAM's page names the challenges of the plan it was written about, not of a
plan that follows it. The plan's footnotes travel with the text they annotate. OLD is
never written.

The new plan is rendered in memory, validated together with the data set as it is,
and only then written: a temporary folder beside the plans, renamed into place in
one step, so a refusal or a crash leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ssw import dataset as d
from ssw.clock import today
from ssw.dates import DateError, PartialDate
from ssw.problems import Problem, SswError, sort_problems
from ssw.root import Root

if TYPE_CHECKING:
    from ssw.loader import Loaded

PLAN_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")  # family, a hyphen, then the rest
MAX_ID = 100
MAX_TITLE = 2_000  # as models.Title
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # a title is one line of plain text


def family_of(plan_id: str) -> str:
    """`ssw-2025-2029` -> `ssw`."""
    return plan_id.split("-", 1)[0]


# -- listing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanInfo:
    id: str
    title: str
    family: str
    start: PartialDate
    end: PartialDate
    current: bool  # a bare id of this family means this plan today
    ended: bool
    follows: str | None  # the plan its carried items continue
    carried: int  # items carried over from `follows`
    path: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "family": self.family, "start": str(self.start),
                "end": str(self.end), "current": self.current, "ended": self.ended,
                "follows": self.follows, "carried": self.carried, "path": self.path}


def list_plans(ds: d.Dataset, when: dt.date | None = None) -> list[PlanInfo]:
    """Every plan, by family and start; `current` marks what a bare id means on `when`."""
    day = when or today()
    found = []
    for family in sorted({p.file.family for p in ds.plans.values()}):
        current = ds.plan_by_date(family, day)
        for plan in ds.family_plans(family):
            follows, carried = lineage(ds, plan.id)
            found.append(PlanInfo(plan.id, plan.file.title, family, plan.file.period.start, plan.file.period.end,
                                  current is plan, plan.end < day, follows, carried, plan.path))
    return found


def lineage(ds: d.Dataset, plan_id: str) -> tuple[str | None, int]:
    """The plan(s) `plan_id` continues ("ssw-2020-2024") and how many trackable items it carried
    over from them; the same in `ssw plans` and `ssw export`."""
    carried = [i for i in ds.plan_items(plan_id) if i.vervolg_van and i.trackable]
    follows = sorted({i.vervolg_van.partition(":")[0] for i in carried if i.vervolg_van})
    return ", ".join(follows) or None, len(carried)


def continuing(ds: d.Dataset, plan_id: str) -> list[tuple[d.Item, d.Item]]:
    """(old item, its continuation) for every trackable item of `plan_id` carried into a
    later plan: what the final evaluation says continues in the successor."""
    from ssw.ids import natural_key

    pairs = []
    for item in ds.plan_items(plan_id):
        nxt = ds.continuation(item) if item.trackable else None
        if nxt is not None:
            pairs.append((item, nxt))
    return sorted(pairs, key=lambda p: natural_key(p[0].id))


# -- a new plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPlan:
    id: str
    title: str
    start: str
    end: str
    source: str | None = None  # --from
    carry_over: bool = False


@dataclass(frozen=True)
class Created:
    id: str
    folder: str  # relative to the root
    files: tuple[str, ...]
    family: str
    source: d.Plan | None = None  # --from
    carried: tuple[str, ...] = ()  # trackable ids carried over
    left: tuple[tuple[str, str], ...] = ()  # (id, final status) of items that stay behind


def _usage(key: str, **params: Any) -> SswError:
    return SswError(key, exit_code=2, **params)


def _date(value: str, option: str) -> PartialDate:
    try:
        return PartialDate.parse(value.strip())
    except DateError:
        raise _usage("err.bad-date-option", value=value, option=option) from None


def check_request(ds: d.Dataset, root: Root, req: NewPlan) -> tuple[PartialDate, PartialDate, d.Plan | None]:
    """Every refusal of `plan new`, before anything is rendered: exit 2, nothing written."""
    if len(req.id) > MAX_ID or not PLAN_ID.match(req.id):
        raise _usage("err.plan-bad-id", value=req.id)
    if not req.title.strip():
        raise _usage("err.plan-no-title")
    if _CONTROL.search(req.title):
        raise _usage("err.plan-title-control")
    if len(req.title.strip()) > MAX_TITLE:
        raise _usage("err.plan-title-long", count=len(req.title.strip()), limit=MAX_TITLE)
    if not root.plan_dir.resolve().is_relative_to(root.path.resolve()):
        raise _usage("err.plan-dir-outside", folder=root.rel(root.plan_dir), root=str(root.path))
    if req.id in ds.plans or (root.plan_dir / req.id).exists():
        where = ds.plans[req.id].path if req.id in ds.plans else root.rel(root.plan_dir / req.id)
        raise _usage("err.plan-exists", id=req.id, path=where)
    start, end = _date(req.start, "--start"), _date(req.end, "--end")
    if end.last < start.first:
        raise _usage("err.plan-reversed", start=str(start), end=str(end))
    family = family_of(req.id)
    for other in ds.family_plans(family):
        if start.first <= other.end and other.start <= end.last:
            raise _usage("err.plan-overlap", id=req.id, other=other.id, start=str(other.file.period.start),
                         end=str(other.file.period.end), family=family)
    old = None
    if req.carry_over and req.source is None:
        raise _usage("err.plan-carry-needs-from")
    if req.source is not None:
        old = ds.plans.get(req.source.strip().lower())
        if old is None:
            raise _usage("err.unknown-plan", value=req.source, valid=", ".join(sorted(ds.plans)))
        if old.file.family != family:
            raise _usage("err.plan-other-family", old=old.id, family=old.file.family, id=req.id, new=family)
        if old.start >= start.first:
            raise _usage("err.plan-from-later", old=old.id, id=req.id)
        _check_latest(ds, old, start.first, req.id)
        if req.carry_over and old.end >= today():
            raise _usage("err.plan-carry-not-ended", old=old.id, end=str(old.file.period.end))
    return start, end, old


def successors_of(ds: d.Dataset, plan_id: str) -> list[str]:
    """The plans with items that continue an item of `plan_id` (`vervolg_van`)."""
    return sorted({new for (old, _), (new, _) in ds.continuations.items() if old == plan_id})


def _check_latest(ds: d.Dataset, old: d.Plan, start: dt.date, new_id: str) -> None:
    """A family is one line of plans: a successor follows the plan right before it, and a
    plan is followed once. Otherwise two plans would claim the same items."""
    taken = [p for p in successors_of(ds, old.id) if p != new_id]
    if taken:
        raise _usage("err.plan-from-has-successor", old=old.id, next=", ".join(taken), id=new_id)
    between = [p.id for p in ds.family_plans(old.file.family) if old.start < p.start < start]
    if between:
        raise _usage("err.plan-from-not-latest", old=old.id, next=between[-1], id=new_id)


def _text_date(value: PartialDate) -> Any:
    """As a person would write it: plain 2025-01-01, 2025-06 or 2025."""
    if value.day:
        return value.first
    return str(value) if value.month else value.year


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields, as a hand-written file would."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], ())}


def _frame(old: d.Plan | None, keep_themes: set[str]) -> dict[str, Any]:
    """What a successor shares with its predecessor: krachtlijnen, impactdomeinen, speerpunten
    (linked to the themes that carry over), SAM-style goals. Not the mission, the source or
    the milestones: those are the new plan's own."""
    if old is None:
        return {}
    f = old.file
    speerpunten = [_compact({**s.model_dump(mode="json", exclude_defaults=True),
                             "themes": [t for t in s.themes if t in keep_themes]}) for s in f.speerpunten]
    return _compact({
        "krachtlijnen": [k.model_dump(mode="json", exclude_defaults=True) for k in f.krachtlijnen],
        "impactdomeinen": [i.model_dump(mode="json", exclude_defaults=True) for i in f.impactdomeinen],
        "speerpunten": speerpunten,
        "goals": [g.model_dump(mode="json", exclude_defaults=True) for g in f.goals],
    })


def _open_items(ds: d.Dataset, old: d.Plan, stale_months: int) -> tuple[set[str], list[tuple[str, str]]]:
    """Trackable ids of OLD not gerealiseerd/geschrapt at its end; and those that stay behind."""
    from ssw import status as st

    states = st.item_states(ds, old.end, stale_months)
    carried, left = set(), []
    for item in ds.plan_items(old.id):
        if not item.trackable or item.kind == "regional-action":
            continue
        state = states.get(item.key)
        status = state.status if state else st.UNKNOWN
        if status in st.FINAL:
            left.append((item.id, status))
        else:
            carried.add(item.id)
    return carried, left


def _skeleton_item(model: Any, drop: tuple[str, ...]) -> dict[str, Any]:
    """A plan entry as written by hand: the fields it sets, without `drop`."""
    return model.model_dump(mode="json", exclude_defaults=True, exclude=set(drop))  # type: ignore[no-any-return]


# What a carried theme does not take along: its own link and actions (rebuilt from the carried items), and
# SAM's name for OLD's challenge (seed 001 is about OLD, see the module docstring).
_OLD_ONLY_THEME = ("vervolg_van", "actions", "sam_name", "sam_name_basis")


def _carried_themes(ds: d.Dataset, old: d.Plan, carried: set[str], root: Root) -> list[tuple[str, dict[str, Any]]]:
    """(theme id, theme file data) for every theme holding a carried item, in plan order."""
    from ssw import models as m
    from ssw.yamlfile import read_file

    themes = []
    for theme_id in old.themes:
        item = ds.items[(old.id, theme_id)]
        result = read_file(root.path / item.path, item.path)
        theme = m.ThemeFile.model_validate(result.data)
        actions = []
        for action in theme.actions:
            initiatives = [
                {**_skeleton_item(ini, ("due", "milestone", "vervolg_van", "initiatives")),
                 "vervolg_van": f"{old.id}:{ini.id}"}
                for ini in action.initiatives if ini.id in carried
            ]
            if not initiatives and not (not action.initiatives and action.id in carried):
                continue
            data = {**_skeleton_item(action, ("due", "milestone", "vervolg_van", "initiatives")),
                    "vervolg_van": f"{old.id}:{action.id}"}
            if initiatives:
                data["initiatives"] = initiatives
            actions.append(data)
        if actions:
            data = {**_skeleton_item(theme, _OLD_ONLY_THEME), "vervolg_van": f"{old.id}:{theme.id}",
                    "actions": actions}
            themes.append((theme.id, data))
    return themes


def _carried_plan_actions(old: d.Plan, carried: set[str]) -> list[dict[str, Any]]:
    return [{**a.model_dump(mode="json", exclude_defaults=True, exclude={"vervolg_van"}),
             "vervolg_van": f"{old.id}:{a.id}"} for a in old.file.actions if a.id in carried]


class _Dumper(yaml.SafeDumper):
    """As the plan files are written by hand: block style, lists indented under their key,
    one value per line, multi-line text as a literal block, ids quoted ("4.10")."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_ID_LIKE = re.compile(r"^\d+(\.\d+)*$")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ('"' if _ID_LIKE.match(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_text(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=1_000_000)


def _header(key: str, **params: Any) -> str:
    from ssw.i18n import t

    return "".join(f"# {line}\n" for line in t(key, "nl", **params).split("\n"))  # data files are Dutch


def render(req: NewPlan, start: PartialDate, end: PartialDate, old: d.Plan | None, ds: d.Dataset,
           root: Root) -> tuple[dict[str, str], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The new plan's files (path inside the plan folder -> text), carried ids, ids left behind."""
    carried: set[str] = set()
    left: list[tuple[str, str]] = []
    themes: list[tuple[str, dict[str, Any]]] = []
    actions: list[dict[str, Any]] = []
    if old is not None and req.carry_over:
        carried, left = _open_items(ds, old, root.stale_months)
        themes = _carried_themes(ds, old, carried, root)
        actions = _carried_plan_actions(old, carried)
    plan: dict[str, Any] = {
        "id": req.id,
        "family": family_of(req.id),
        "title": req.title.strip(),
        "period": {"start": _text_date(start), "end": _text_date(end)},
        **_frame(old, {t for t, _ in themes}),
    }
    if actions:
        plan["actions"] = actions
    if old is not None and req.carry_over:
        header = _header("plan.header-carried", id=req.id, old=old.id, end=str(old.end))
    elif old is not None:
        header = _header("plan.header-from", id=req.id, old=old.id)
    else:
        header = _header("plan.header-new", id=req.id)
    files = {"plan.yaml": header + dump_text(plan)}
    for theme_id, data in themes:
        files[f"themes/{theme_id}.yaml"] = _header("plan.header-theme", id=theme_id, old=old.id if old else "") + dump_text(data)
    from ssw.ids import natural_key

    return files, tuple(sorted(carried, key=natural_key)), tuple(sorted(left, key=lambda p: natural_key(p[0])))


def _validate(ds: d.Dataset, root: Root, folder_rel: str, files: dict[str, str]) -> list[Problem]:
    """What `validate` would say about the new files beside the data set as it is now."""
    import copy

    from ssw import models as m
    from ssw.checks import run_checks
    from ssw.loader import SourceFile, build, locate_all, validate
    from ssw.yamlfile import parse

    parsed: dict[str, list[tuple[SourceFile, Any]]] = {k: [] for k in m.KINDS}
    problems: list[Problem] = []
    texts = {}
    for name, text in files.items():
        rel = f"{folder_rel}/{name}"
        kind_path = f"plan/{folder_rel.rsplit('/', 1)[-1]}/{name}"
        kind = m.kind_of(kind_path)
        texts[rel] = text
        result = parse(text, rel)
        problems += result.problems
        model, found = validate(kind or "", result.data, rel) if kind else (None, [Problem(rel, "unknown-file")])
        problems += found
        if model is not None:
            parsed[kind or ""].append((SourceFile(root.path / rel, rel, kind_path, kind), model))
    patched = copy.copy(ds)
    patched.plans = dict(ds.plans)
    patched.items = dict(ds.items)
    patched.updates = []  # a new plan has no updates; checking them again would only repeat
    problems += build(patched, parsed)
    patched.index_ids()
    problems += [p for p in run_checks(patched) if p.path.startswith(folder_rel + "/")]
    return sort_problems(locate_all(root, problems, texts))


def create_plan(loaded: Loaded, req: NewPlan) -> Created:
    """Check, render, validate, then write the new plan folder in one step (see module doc)."""
    ds: d.Dataset = loaded.data
    root: Root = loaded.root
    start, end, old = check_request(ds, root, req)
    files, carried, left = render(req, start, end, old, ds, root)
    folder = root.plan_dir / req.id
    folder_rel = root.rel(folder)
    problems = _validate(ds, root, folder_rel, files)
    if problems:
        error = SswError("err.plan-invalid", id=req.id)
        error.problems = problems
        raise error
    _write_folder(folder, files)
    return Created(req.id, folder_rel, tuple(f"{folder_rel}/{n}" for n in files), family_of(req.id), old, carried,
                   left)


def _write_folder(folder: Path, files: dict[str, str]) -> None:
    """All files or none: written into a hidden temporary folder, renamed into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        for name, text in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        if folder.exists():  # appeared since the check: never replace someone's plan
            raise SswError("err.plan-exists", exit_code=2, id=folder.name, path=str(folder))
        os.rename(tmp, folder)
    except OSError as exc:
        raise SswError("err.write", path=str(folder), reason=exc) from None
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(tmp)
