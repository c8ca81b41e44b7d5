"""Load a root: files -> models -> data set, collecting every problem on the way.

The pipeline: find the files, read each (C loader), validate each against its
model, build the data set from what is valid, run the cross-file checks, and only
then look up line/column for problems that have none yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ssw import cache
from ssw import dataset as d
from ssw import models as m
from ssw.ids import natural_key
from ssw.problems import Problem, sort_problems
from ssw.root import Root
from ssw.yamlfile import ReadResult, decode, read_bytes, read_text

MAX_FILES = 20_000
CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"  # word-processor quotes do not quote in YAML


@dataclass
class Loaded:
    root: Root
    data: d.Dataset
    problems: list[Problem]
    texts: dict[str, str] = field(default_factory=dict)  # only for files with problems
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class SourceFile:
    path: Path
    rel: str  # as shown to users (relative to the root)
    kind_path: str  # "plan/..." or "regions/..." for kind detection
    kind: str | None


def _allowed_top(root: Root, prefix: str) -> Path:
    """Where a data folder may really live: regions/ inside the root; the plans folder
    inside the root's git work tree (ssw.toml may name a plan beside the root)."""
    import os

    from ssw.root import git_top

    real_root = Path(os.path.realpath(root.path))
    if prefix == "regions":
        return real_root
    return Path(os.path.realpath(git_top(real_root) or real_root))


def discover(root: Root) -> tuple[list[SourceFile], list[Problem]]:
    """The YAML files under the plans folder and regions/. ssw follows no link there: a
    link out of the tree, or one that would show one platform's (or plan's) files as
    another's, is a problem and is never read. Only regular files are read: a FIFO,
    device or socket named like a data file is a problem too."""
    import os
    import stat

    files: list[SourceFile] = []
    problems: list[Problem] = []
    for base, prefix in (*((folder, "plan") for folder in root.plan_folders), (root.path / "regions", "regions")):
        if not base.is_dir():
            continue
        real = Path(os.path.realpath(base))
        if base.is_symlink() and not real.is_relative_to(_allowed_top(root, prefix)):
            problems.append(Problem(root.rel(base), "link-outside", {"target": str(real)}))
            continue
        for folder, dirs, names in os.walk(base, followlinks=False):
            here = Path(folder)
            for name in list(dirs):
                if (here / name).is_symlink():
                    dirs.remove(name)
                    problems.append(_link_problem(root, here / name, real))
                elif m.kind_of(f"{prefix}/{(here / name).relative_to(base).as_posix()}"):  # a folder named as a data file
                    dirs.remove(name)
                    problems.append(Problem(root.rel(here / name), "not-regular", {"kind": "folder"}))
            dirs.sort()
            for name in sorted(names):
                path = here / name
                if path.suffix not in (".yaml", ".yml"):
                    continue
                try:
                    mode = os.lstat(path).st_mode
                except OSError:
                    continue
                if stat.S_ISLNK(mode):
                    problems.append(_link_problem(root, path, real))
                    continue
                if not stat.S_ISREG(mode):
                    from ssw.safepath import kind_of

                    problems.append(Problem(root.rel(path), "not-regular", {"kind": kind_of(mode)}))
                    continue
                kind_path = f"{prefix}/{path.relative_to(base).as_posix()}"
                files.append(SourceFile(path, root.rel(path), kind_path, m.kind_of(kind_path)))
    return files, problems


def _link_problem(root: Root, path: Path, top: Path) -> Problem:
    import os

    target = Path(os.path.realpath(path))
    if target.is_relative_to(top) and target != path:
        return Problem(root.rel(path), "link-inside", {"target": root.rel(target) if target.is_relative_to(root.path) else str(target)})
    return Problem(root.rel(path), "link-outside", {"target": str(target)})


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[model]


def validate(kind: str, data: Any, rel: str) -> tuple[Any, list[Problem]]:
    """Validate one file's data. List kinds keep their valid entries when some fail."""
    model, is_list = m.KINDS[kind]
    if not is_list:
        try:
            return model.model_validate(data), []
        except ValidationError as exc:
            return None, convert_errors(exc, model, rel)
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem(rel, "not-a-list", {"got": type_name(data)}, loc=())]
    try:
        return _adapter(model).validate_python(data), []
    except ValidationError:
        pass
    good: list[BaseModel | None] = []
    problems: list[Problem] = []
    for index, entry in enumerate(data):
        try:
            good.append(model.model_validate(entry))
        except ValidationError as exc:
            good.append(None)
            problems += convert_errors(exc, model, rel, prefix=(index,))
    return good, problems


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The valid keys of the mapping at `loc` inside `model`, for typo suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_PATTERN_NAMES = {
    m.Slug.__metadata__[0].pattern: "slug",  # type: ignore[attr-defined]
    m.Url.__metadata__[0].pattern: "url",  # type: ignore[attr-defined]
    m.ThemeId.__metadata__[0].pattern: "theme-id",  # type: ignore[attr-defined]
    m.ItemId.__metadata__[0].pattern: "item-id",  # type: ignore[attr-defined]
    m.Ref.__metadata__[0].pattern: "ref",  # type: ignore[attr-defined]
    m.PlanRef.__metadata__[0].pattern: "plan-ref",  # type: ignore[attr-defined]
    m.UpdateId.__metadata__[0].pattern: "update-id",  # type: ignore[attr-defined]
}


#: pydantic's error type (its first word) -> the kind of value that was expected.
_EXPECTED = {"string": "str", "int": "int", "float": "float", "bool": "bool", "list": "list", "dict": "mapping",
             "model": "mapping", "date": "date", "datetime": "date"}


def convert_errors(exc: ValidationError, model: type[BaseModel], rel: str, prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """pydantic errors -> problems with a `loc` and a message that says how to fix it."""
    import difflib

    problems = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        loc = tuple(p for p in loc if p not in ("list[Update]",))
        kind = err["type"]
        value = err.get("input")
        key = str(loc[-1]) if loc else ""
        ctx = err.get("ctx") or {}
        if kind == "extra_forbidden":
            valid = _fields_at(model, tuple(loc[len(prefix) : -1]))
            close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
            problems.append(Problem(rel, "unknown-key", {"key": key, "suggestion": close[0] if close else "",
                                                         "valid": ", ".join(valid)}, loc=loc, key_loc=True))
        elif kind == "missing":
            problems.append(Problem(rel, "missing-key", {"key": key}, loc=loc[:-1]))
        elif kind in ("date-format", "date-month", "date-day", "date-year"):
            problems.append(Problem(rel, kind, dict(ctx), loc=loc))
        elif kind == "state-needs-date":
            problems.append(Problem(rel, kind, {**ctx, "key": key}, loc=loc))
        elif isinstance(value, bool) and kind != "bool_type":
            problems.append(Problem(rel, "read-as-bool", {"key": key, "value": str(value).lower(), "raw": str(value).lower()}, loc=loc))
        elif isinstance(value, (int, float)) and kind in ("string_type", "enum", "literal_error"):
            problems.append(Problem(rel, "read-as-number", {"key": key, "value": value, "raw": str(value)}, loc=loc))
        elif kind in ("enum", "literal_error"):
            expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) or str(ctx.get("expected", ""))
            problems.append(Problem(rel, "bad-value", {"key": key, "value": str(value), "expected": expected}, loc=loc))
        elif isinstance(value, str) and any(q in value for q in CURLY_QUOTES):
            fixed = value.strip("".join(CURLY_QUOTES))
            problems.append(Problem(rel, "curly-quotes", {"key": key, "value": value[:80], "fixed": fixed[:80]}, loc=loc))
        elif kind == "string_pattern_mismatch":
            what = _PATTERN_NAMES.get(ctx.get("pattern", ""), "text")
            problems.append(Problem(rel, f"bad-{what}", {"key": key, "value": str(value)[:80]}, loc=loc))
        elif kind == "string_too_long":
            problems.append(Problem(rel, "too-long", {"key": key, "limit": ctx.get("max_length")}, loc=loc))
        elif kind == "string_too_short":
            problems.append(Problem(rel, "empty-value", {"key": key}, loc=loc))
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            problems.append(Problem(rel, "expected-mapping", {"key": key, "got": type_name(value)}, loc=loc))
        elif kind in ("list_type", "too_short"):
            code = "expected-list" if kind == "list_type" else "empty-list"
            problems.append(Problem(rel, code, {"key": key, "got": type_name(value)}, loc=loc))
        elif value is None:  # `note:` with nothing after it
            problems.append(Problem(rel, "empty-value", {"key": key}, loc=loc))
        else:
            problems.append(Problem(rel, "wrong-type", {"key": key, "got": type_name(value), "detail": err["msg"],
                                                        "expected_type": _EXPECTED.get(kind.split("_")[0], "other")},
                                    loc=loc))
    return problems


def read_valid(src: SourceFile) -> tuple[str, Any, list[Problem]]:
    """A file's text, what it validates to (None when nothing does) and its problems. A file
    read before without any problem comes from the cache (`ssw.cache`)."""
    raw, problems = read_bytes(src.path, src.rel)
    if raw is None:
        return "", None, problems
    kind = src.kind or ""
    found, model = cache.get(raw, kind)
    if found and _fits(kind, model):
        return decode(raw, src.rel)[0] or "", model, []
    result: ReadResult = read_text(raw, src.rel)
    if result.data is None and result.problems:
        return result.text, None, result.problems
    model, file_problems = validate(kind, result.data, src.rel)
    problems = result.problems + file_problems
    if kind == "updates":
        problems += log_shape(result.data, src.rel)
    if not problems:
        cache.put(raw, kind, model)
    return result.text, model, problems


def log_shape(data: Any, rel: str) -> list[Problem]:
    """What a log's safe merging rests on (docs/data-format.md) for every update that has an
    `id`: the id its first key and its `note` the last, as `record` writes them. Then git's
    union merge keeps two such updates whole or leaves one without its note, which shows."""
    problems: list[Problem] = []
    for index, entry in enumerate(data if isinstance(data, list) else []):
        keys = list(entry) if isinstance(entry, dict) else []
        if "id" not in keys:
            continue
        if keys[0] != "id":
            problems.append(Problem(rel, "log-id-not-first", loc=(index, "id")))
        if "note" in keys and keys[-1] != "note":
            problems.append(Problem(rel, "log-note-not-last", loc=(index, "note")))
    return problems


def _fits(kind: str, value: Any) -> bool:
    """A kept value has the shape validation gives this kind (the cache cannot know it)."""
    model, is_list = m.KINDS.get(kind, (None, False))
    if model is None:
        return False
    if is_list:
        return isinstance(value, list) and all(isinstance(entry, model) for entry in value)
    return isinstance(value, model)


def load(root: Root) -> Loaded:
    from ssw.checks import run_checks

    files, problems = discover(root)
    texts: dict[str, str] = {}
    if len(files) > MAX_FILES:
        problems.append(Problem(root.rel(root.path), "too-many-files", {"count": len(files), "limit": MAX_FILES}))
        files = files[:MAX_FILES]
    ds = d.Dataset()
    parsed: dict[str, list[tuple[SourceFile, Any]]] = {k: [] for k in m.KINDS}
    lines: dict[str, list[int]] = {}  # updates file -> first line of each entry
    for src in files:
        if src.kind is None:
            problems.append(_misplaced(src, files))
            continue
        twin = src.path.with_suffix(".yaml")
        if src.kind == "updates" and src.path.suffix == ".yml" and twin.is_file():  # one log per year
            problems.append(Problem(src.rel, "log-twice", {"log": root.rel(twin)}))
            continue
        text, model, file_problems = read_valid(src)
        if file_problems:
            texts[src.rel] = text
            problems += file_problems
            _mark_incomplete(ds, src)
        if model is not None:
            parsed[src.kind].append((src, model))
            if src.kind == "updates":
                lines[src.rel] = entry_lines(text, len(model))
    problems += build(ds, parsed, lines)
    ds.index_ids()
    problems += run_checks(ds)
    ds.index_updates()
    problems = locate_all(root, problems, texts)
    return Loaded(root, ds, sort_problems(problems), texts, len(files))


_LOG_FOLDER = re.compile(r"^regions/[^/]+/updates/")


def _misplaced(src: SourceFile, files: list[SourceFile]) -> Problem:
    """A YAML file that is no known kind is never read as data. In a log folder it is a
    misnamed log or a copy of one (`2024 - Copy.yaml`): say so, naming the log it copies."""
    if not _LOG_FOLDER.match(src.kind_path):
        return Problem(src.rel, "unknown-file")
    year = re.search(r"(19|20)\d\d", src.path.stem)
    if year:
        logs = [f.rel for f in files if f.kind == "updates" and f.path.parent == src.path.parent
                and f.path.stem == year.group(0)]
        if logs:
            return Problem(src.rel, "log-copy", {"log": logs[0]})
        return Problem(src.rel, "log-name", {"name": f"{year.group(0)}.yaml"})
    return Problem(src.rel, "log-unnamed")


def _mark_incomplete(ds: d.Dataset, src: SourceFile) -> None:
    parts = src.kind_path.split("/")
    if parts[0] == "regions" and len(parts) > 2:
        ds.incomplete.setdefault(parts[1], []).append(src.rel)


def _folder(src: SourceFile, depth: int) -> str:
    return src.kind_path.split("/")[depth]


def build(ds: d.Dataset, parsed: dict[str, list[tuple[SourceFile, Any]]],
          lines: dict[str, list[int]] | None = None) -> list[Problem]:
    """Fill the data set from validated models; problems of placement (file name vs id)."""
    problems: list[Problem] = []
    for src, orgs in parsed["organisations"]:
        for i, org in enumerate(orgs):
            if org is None:
                continue
            if org.id in ds.organisations:
                problems.append(Problem(src.rel, "duplicate-id", {"id": org.id, "other": ds.org_paths[org.id][0]}, loc=(i, "id")))
                continue
            ds.organisations[org.id] = org
            ds.org_paths[org.id] = (src.rel, i)
    for src, plan in parsed["plan"]:
        folder = _folder(src, 1)
        if plan.id != folder:
            problems.append(Problem(src.rel, "id-not-folder", {"id": plan.id, "folder": folder}, loc=("id",)))
        if plan.id in ds.plans:
            problems.append(Problem(src.rel, "duplicate-id", {"id": plan.id, "other": ds.plans[plan.id].path}, loc=("id",)))
            continue
        problems += _plan_duplicates(plan, src.rel)
        d.add_plan(ds, plan, src.rel)
    unread_plans: set[Path] = set()
    for src, theme in sorted(parsed["theme"], key=lambda x: natural_key(x[1].id)):
        plan_id = _folder(src, 1)
        if plan_id not in ds.plans:
            plan_file = next((f for f in (src.path.parent.parent / n for n in ("plan.yaml", "plan.yml"))
                              if f.exists() or f.is_symlink()), None)
            if plan_file is None:
                problems.append(Problem(src.rel, "theme-without-plan", {"plan": plan_id}))
            elif plan_file not in unread_plans:  # its own problems say why: one line for its themes
                unread_plans.add(plan_file)
                problems.append(Problem(str(Path(src.rel).parent.parent / plan_file.name), "plan-themes-unread"))
            continue
        stem = Path(src.kind_path).stem
        if theme.id != stem:
            problems.append(Problem(src.rel, "id-not-file", {"id": theme.id, "file": stem}, loc=("id",)))
        problems += _check_theme_ids(ds, plan_id, theme, src.rel)
        d.add_theme(ds, plan_id, theme, src.rel)
    for src, platform in parsed["platform"]:
        folder = _folder(src, 1)
        if platform.id != folder:
            problems.append(Problem(src.rel, "id-not-folder", {"id": platform.id, "folder": folder}, loc=("id",)))
            continue
        ds.platforms[platform.id] = platform
        ds.platform_paths[platform.id] = src.rel
        years: dict[int, int] = {}
        for i, focus in enumerate(platform.focus):
            first = years.setdefault(focus.year, i)
            if first != i:
                problems.append(Problem(src.rel, "duplicate-focus-year", {"year": focus.year, "first": first + 1},
                                        loc=("focus", i, "year")))
    own: dict[str, str] = {}
    for src, actions in parsed["regional-actions"]:
        for i, action in enumerate(actions):
            if action is None:
                continue
            if action.id in own:  # the first stays; the second is reported where it stands
                problems.append(Problem(src.rel, "duplicate-id", {"id": action.id, "other": own[action.id]},
                                        loc=(i, "id")))
                continue
            own[action.id] = src.rel
            d.add_regional_action(ds, _folder(src, 1), action, src.rel, i)
    for src, updates in parsed["updates"]:
        platform = _folder(src, 1)
        year = Path(src.kind_path).stem
        starts = (lines or {}).get(src.rel, [])
        for i, update in enumerate(updates):
            if update is not None and update.date.year != int(year):
                problems.append(Problem(src.rel, "log-year", {"year": update.date.year, "file": year,
                                                              "log": f"{year_log(src.rel, update.date.year)}"},
                                        loc=(i, "date")))
            if update is not None:
                line = starts[i] if i < len(starts) else 0
                ds.updates.append(d.UpdateRec(platform, src.rel, i, update, line=line))
    for kind, target in (("signals", ds.signals), ("decisions", ds.decisions), ("meetings", ds.meetings),
                         ("evaluations", ds.evaluations)):
        for src, entries in parsed[kind]:
            target.extend(d.Entry(_folder(src, 1), src.rel, i, e) for i, e in enumerate(entries) if e is not None)
    return problems


def year_log(rel: str, year: int) -> str:
    """The log of `year` next to the log `rel`."""
    path = Path(rel)
    return (path.parent / f"{year}.yaml").as_posix()


def _plan_duplicates(plan: m.PlanFile, rel: str) -> list[Problem]:
    """Ids used twice in one plan file: krachtlijnen, impactdomeinen, speerpunten and
    milestones each among themselves; goals, actions and contributions together (they
    share the plan's item ids). Reported at the second, naming the first."""
    problems = []
    groups = [("krachtlijnen",), ("impactdomeinen",), ("speerpunten",), ("milestones",),
              ("goals", "actions", "contributions")]
    for fields in groups:
        seen: dict[str, str] = {}
        for name in fields:
            for i, entry in enumerate(getattr(plan, name)):
                if entry.id in seen:
                    problems.append(Problem(rel, "duplicate-id", {"id": entry.id, "other": f"{rel}, {seen[entry.id]}"},
                                            loc=(name, i, "id")))
                else:
                    seen[entry.id] = f"{name} #{i + 1}"
    return problems


def _check_theme_ids(ds: d.Dataset, plan_id: str, theme: m.ThemeFile, rel: str) -> list[Problem]:
    """Action and initiative ids follow their place in the plan: 4.2.3 is 4.2's third action.
    A successor keeps the ids of what it carries over (`vervolg_van`), so there an id
    only has to be its parent's, numbered upwards (4.8.2.2 may follow 4.8.1.7's sibling gap)."""
    problems = []
    carried = theme.vervolg_van is not None or any(
        a.vervolg_van or any(i.vervolg_van for i in a.initiatives) for a in theme.actions)

    def expected_id(parent: str, index: int, ident: str, previous: str | None) -> str | None:
        if not carried:
            expected = f"{parent}.{index + 1}"
            return None if ident == expected else expected
        number = ident[len(parent) + 1:] if ident.startswith(parent + ".") else ""
        last = int(previous.rsplit(".", 1)[1]) if previous else 0
        return None if number.isdigit() and int(number) > last else f"{parent}.{last + 1}"

    previous_action = None
    for a_i, action in enumerate(theme.actions):
        expected = expected_id(theme.id, a_i, action.id, previous_action)
        if expected:
            problems.append(Problem(rel, "id-position", {"id": action.id, "expected": expected}, loc=("actions", a_i, "id")))
        else:
            previous_action = action.id
        previous = None
        for i_i, ini in enumerate(action.initiatives):
            expected = expected_id(action.id, i_i, ini.id, previous)
            if expected:
                problems.append(Problem(rel, "id-position", {"id": ini.id, "expected": expected},
                                        loc=("actions", a_i, "initiatives", i_i, "id")))
            else:
                previous = ini.id
    ids: list[tuple[str, tuple[str | int, ...]]] = [(theme.id, ("id",))]
    for a_i, action in enumerate(theme.actions):
        ids.append((action.id, ("actions", a_i, "id")))
        ids += [(ini.id, ("actions", a_i, "initiatives", i_i, "id")) for i_i, ini in enumerate(action.initiatives)]
    for key, loc in ids:  # each at its own place: a copied theme file has a dozen
        if (plan_id, key) in ds.items:
            other = ds.items[(plan_id, key)].path
            problems.append(Problem(rel, "duplicate-id", {"id": key, "other": other}, loc=loc))
    return problems


# -- positions, on the error path only ----------------------------------------------------


def locate_all(root: Root, problems: list[Problem], texts: dict[str, str]) -> list[Problem]:
    from ssw.yamlfile import compose

    trees: dict[str, Any] = {}
    out = []
    for problem in problems:
        if problem.line:
            out.append(problem)
            continue
        if problem.path not in trees:
            text = texts.get(problem.path)
            if text is None:
                text = _problem_text(root, problem.path)
            trees[problem.path] = compose(text) if text else None
        out.append(locate(problem, trees[problem.path]))
    return out


def _problem_text(root: Root, rel: str) -> str:
    """The text of a file a problem points at, read only if it is a regular file that was
    not refused (a link, a FIFO or `/dev/zero` is never read for a position)."""
    import os
    import stat

    from ssw.safepath import link_in, read_text_or_empty
    from ssw.yamlfile import MAX_FILE_BYTES

    path = root.path / rel
    try:
        if link_in(root.path, rel) or not stat.S_ISREG(os.lstat(path).st_mode):
            return ""
    except (OSError, ValueError):
        return ""
    return read_text_or_empty(path, MAX_FILE_BYTES)


def locate(problem: Problem, tree: Any) -> Problem:
    import yaml

    node, key_node = tree, None
    for part in problem.loc:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if found is None:
                break
            key_node, node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            break
    if node is None:
        return problem.at(1, 1)
    target = key_node if (problem.key_loc and key_node is not None) else node
    if problem.code in ("read-as-number", "read-as-bool") and isinstance(node, yaml.ScalarNode):
        problem.params["raw"] = node.value
    mark = target.start_mark
    return problem.at(mark.line + 1, mark.column + 1)


def entry_lines(text: str, count: int) -> list[int]:
    """The first line (1-based) of each of the `count` entries of a top-level list: entries
    start with `- ` at column 1; otherwise the parser's marks say where."""
    from ssw.yamlfile import compose

    starts = [i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("- ")]
    if len(starts) != count:
        tree = compose(text)
        starts = [n.start_mark.line + 1 for n in getattr(tree, "value", [])]
    return starts
