"""Writing: append one entry to a region's YAML file without touching any other byte.

The rendered entry is appended to the file's *original bytes* (comments, quoting,
line endings and a BOM all stay); the whole resulting text is parsed and validated,
with the cross-file checks that concern that file, *before* it replaces the old file.
The replace is atomic (temp file in the same folder, fsync, `os.replace`) and the
read-validate-replace runs under a lock kept in ssw's cache folder (see `lock_path`), so two
`ssw record` at once both land. A file that does not validate now is never touched.

Test-only hook: when SSW_TEST_PAUSE_BEFORE_REPLACE is set to a number of seconds, the
writer sleeps that long after the temp file is written and synced and before the
`os.replace`, so a test can kill the process mid-write. Never set it otherwise.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ssw import dataset as d
from ssw import models as m
from ssw.atomic import remove_stale_temps as _remove_stale_temps
from ssw.atomic import write_atomic
from ssw.clock import today
from ssw.dates import DateError, PartialDate
from ssw.problems import Problem, ProblemsFound, Said, SswError, sort_problems
from ssw.root import Root

if TYPE_CHECKING:
    from ssw.loader import Loaded

LOCK_TIMEOUT = 30.0  # seconds; a record holds the lock for milliseconds
_DATE_RE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Written:
    path: str  # relative to the root, forward slashes
    line: int  # line of the new entry's "- "
    entry: Any  # the validated model of the new entry
    commit: str | None = None
    message: str = ""  # the commit message, when committed


@dataclass(frozen=True)
class UpdateRequest:
    target: str
    platform: str  # an existing platform id (the CLI checks it)
    status: str | None
    note: str
    date: str | None = None
    author: str | None = None
    links: tuple[str, ...] = ()
    planned: bool = False


@dataclass(frozen=True)
class ActionRequest:
    platform: str
    title: str
    themes: tuple[str, ...]
    text: str = ""
    date: str | None = None
    krachtlijnen: tuple[str, ...] = ()
    speerpunten: tuple[str, ...] = ()


# -- rendering ----------------------------------------------------------------------------


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar on one line: escapes, line breaks and unicode round-trip."""
    text = yaml.dump(value, Dumper=yaml.SafeDumper, default_style='"', width=float("inf"), allow_unicode=True)
    return text.rstrip("\n")


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\r" in value:
        return False
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG:
        return False  # yes, 12, 2023-03-14, null ... would not read back as text elsewhere
    from ssw.yamlfile import parse

    probe = f"k: [{value}]\n" if flow else f"k: {value}\n"
    expected = {"k": [value] if flow else value}
    result = parse(probe, "")  # libyaml, as ssw reads
    if result.problems or result.data != expected:
        return False
    try:  # and PyYAML's pure-Python reader, which is stricter (tabs, '?' in flow lists)
        return bool(yaml.load(probe, Loader=yaml.SafeLoader) == expected)
    except yaml.YAMLError:
        return False


def scalar(value: str, *, flow: bool = False) -> str:
    """Plain when it reads back as exactly this text (here and in other YAML tools); else quoted."""
    return value if _plain_ok(value, flow) else double_quoted(value)


def _flow_list(values: Sequence[str], *, quote: bool = False) -> str:
    return "[" + ", ".join(double_quoted(v) if quote else scalar(v, flow=True) for v in values) + "]"


def render_update(fields: dict[str, Any]) -> str:
    """One update in the shape of docs/data-format.md: block style, one key per line.

    The id comes first and is unique, the note last and required: whatever git's union
    merge makes of two entries appended on two branches either keeps both whole or fails
    `validate` (docs/data-format.md).

    `fields`: id, date, target, status, optional author and links, note (strings as given;
    a date or status that is not valid is still rendered safely, so that validation
    reports it with the same message as `ssw validate`).
    """
    status = str(fields["status"])
    lines = [
        f"- id: {scalar(str(fields['id']))}",
        f"  date: {_date_scalar(fields['date'])}",
        f"  target: {double_quoted(str(fields['target']))}",
        f"  status: {scalar(status)}",
    ]
    if fields.get("author"):
        lines.append(f"  author: {scalar(str(fields['author']))}")
    if fields.get("links"):
        lines.append("  links:")
        lines += [f"    - {scalar(str(link))}" for link in fields["links"]]
    # The note comes last and is required: if a union merge ever drops a line both
    # branches end with, `validate` sees a missing note instead of losing data silently.
    lines.append(f"  note: {scalar(str(fields.get('note') or ''))}")
    return "\n".join(lines) + "\n"


def _date_scalar(value: Any) -> str:
    """A date as written by hand (plain), anything else quoted so that validation reports it."""
    text = str(value)
    return text if _DATE_RE.match(text) else double_quoted(text)


def render_action(fields: dict[str, Any]) -> str:
    """One regional action in the shape of docs/data-format.md."""
    lines = [
        f"- id: {scalar(str(fields['id']))}",
        f"  date: {_date_scalar(fields['date'])}",
        f"  title: {scalar(str(fields['title']))}",
    ]
    if fields.get("text"):
        lines.append(f"  text: {scalar(str(fields['text']))}")
    lines.append(f"  themes: {_flow_list(fields.get('themes') or (), quote=True)}")
    lines.append(f"  krachtlijnen: {_flow_list(fields.get('krachtlijnen') or ())}")
    lines.append(f"  speerpunten: {_flow_list(fields.get('speerpunten') or ())}")
    return "\n".join(lines) + "\n"


# -- validating a file's text -----------------------------------------------------------


def check_text(root: Root, ds: d.Dataset, rel: str, kind: str, text: str) -> tuple[list[Any], list[Problem]]:
    """Everything `validate` would say about this text as file `rel`: syntax, schema, cross checks."""
    from ssw.loader import locate_all, validate
    from ssw.yamlfile import parse, text_problems

    problems = text_problems(text, rel)
    if problems:
        return [], problems
    result = parse(text, rel)
    problems = [p for p in result.problems if p.code != "empty-file"]
    if problems:
        return [], problems
    entries, problems = validate(kind, result.data, rel)
    if not problems:
        problems = _cross_problems(ds, rel, kind, entries)
    return list(entries or []), locate_all(root, problems, {rel: text})


def _cross_problems(ds: d.Dataset, rel: str, kind: str, entries: list[Any]) -> list[Problem]:
    """The cross-file checks, on the data set with this file's entries replaced."""
    from ssw.checks import run_checks

    platform = rel.split("/")[1]
    patched = copy.copy(ds)
    if kind == "updates":
        patched.updates = [r for r in ds.updates if r.path != rel]
        patched.updates += [d.UpdateRec(platform, rel, i, e) for i, e in enumerate(entries) if e is not None]
    elif kind == "regional-actions":
        patched.items = {k: v for k, v in ds.items.items() if v.path != rel}
        for i, action in enumerate(entries):
            if action is not None:
                d.add_regional_action(patched, platform, action, rel, i)
        patched.index_ids()
    return [p for p in run_checks(patched) if p.path == rel]


# -- appending ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    data: bytes
    line: int
    entry: Any


def _refusal(key: str, rel: str, problems: list[Problem]) -> SswError:
    error = SswError(key, path=rel)
    error.problems = sort_problems(problems)
    return error


def _newline(raw: bytes) -> str:
    first = raw.find(b"\n")
    return "\r\n" if first > 0 and raw[first - 1 : first] == b"\r" else "\n"


def _prepare(root: Root, ds: d.Dataset, rel: str, kind: str, render: Callable[[list[Any]], str],
             header: str, extra: Sequence[Problem]) -> _Prepared:
    from ssw.loader import locate_all
    from ssw.safepath import NotRegular, read_regular, write_target
    from ssw.yamlfile import MAX_FILE_BYTES, decode

    write_target(root.path, rel)  # no link on the way, a regular writable file or none
    path = root.path / rel
    try:
        raw: bytes | None = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raw = None
    except NotRegular as exc:
        raise SswError("err.not-regular", path=rel, kind=Said(f"kind.{exc.kind}")) from None
    except OSError as exc:
        raise SswError("err.write", path=rel, reason=exc) from None
    if raw is None:
        entries: list[Any] = []
        prefix = (header + "\n").encode("utf-8")
        newline = "\n"
    else:
        text, problems = decode(raw, rel)
        if text is None:
            raise _refusal("err.record-refused", rel, problems)
        entries, problems = check_text(root, ds, rel, kind, text)
        if problems:
            raise _refusal("err.record-refused", rel, problems)
        newline = _newline(raw)
        prefix = raw if not raw or raw.endswith(b"\n") else raw + newline.encode("ascii")
    entry_text = render(entries).replace("\n", newline)
    data = prefix + entry_text.encode("utf-8")
    new_text, problems = decode(data, rel)
    if new_text is None:
        raise _refusal("err.record-invalid", rel, problems)
    line = new_text[: len(new_text) - len(entry_text)].count("\n") + 1
    new_entries, problems = check_text(root, ds, rel, kind, new_text)
    if not problems and len(new_entries) != len(entries) + 1:
        problems = [Problem(rel, "file-changed", line=line, column=1)]
    index = len(new_entries) - 1
    problems += locate_all(root, [Problem(rel, p.code, p.params, loc=(index, *p.loc)) for p in extra],
                           {rel: new_text})
    if problems:
        raise _invalid_entry(rel, kind, problems, line, new_text)
    return _Prepared(data, line, new_entries[-1])


#: the key of a new entry -> the command-line option its value came from
_OPTIONS = {
    "updates": {"date": "--date", "target": "ID", "status": "--status", "note": "--note",
                "author": "--author", "links": "--link"},
    "regional-actions": {"date": "--date", "title": "--title", "text": "--text", "themes": "--theme",
                         "krachtlijnen": "--krachtlijn", "speerpunten": "--speerpunt"},
}
_KEY_LINE = re.compile(r"^(?:- |  )([A-Za-z_]+):")


def _invalid_entry(rel: str, kind: str, problems: list[Problem], first_line: int, text: str) -> SswError:
    """A problem in the appended entry is about a value given on the command line: it names
    the option (`--status`), not a position in a file that was never written."""
    options = _OPTIONS.get(kind, {})
    lines = text.splitlines()
    error = _refusal("err.record-invalid", rel, [])
    for problem in sort_problems(problems):
        key = _entry_key(problem, lines) if problem.line >= first_line else None
        if key in options:
            error.options.append((options[key], problem))
        else:
            error.problems.append(problem)
    if error.options and not error.problems:
        error.key = "err.record-options"
        # a wrong option value is a usage error (2), as in every other command; an unknown
        # target id is a data answer (1), as in `ssw show`
        if all(option != "ID" for option, _ in error.options):
            error.exit_code = 2
    return error


def _entry_key(problem: Problem, lines: list[str]) -> str | None:
    """The key of the new entry a problem is about: from its place in the data, else from
    the nearest key line at or above its line."""
    loc = problem.loc
    if len(loc) >= 2 and isinstance(loc[0], int) and isinstance(loc[1], str):
        return loc[1]
    for number in range(min(problem.line, len(lines)), 0, -1):
        found = _KEY_LINE.match(lines[number - 1])
        if found:
            return found.group(1)
    return None


def lock_path(path: Path) -> Path:
    """The lock of one data file: in ssw's cache folder (never in the data tree, where `git
    add` would pick it up), named after the file's resolved path so every process agrees."""
    import hashlib
    import tempfile

    from ssw.cache import cache_dir

    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".lock"
    for folder in (cache_dir() / "locks", Path(tempfile.gettempdir()) / "ssw-locks"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder / name
    return Path(tempfile.gettempdir()) / f"ssw-{name}"


def append_entry(root: Root, ds: d.Dataset, rel: str, kind: str, render: Callable[[list[Any]], str], *,
                 header: str, extra: Sequence[Problem] = (), timeout: float | None = None,
                 then: Callable[[Any], None] | None = None,
                 first: Callable[[], None] | None = None) -> tuple[int, Any]:
    """Append `render(current entries)` to `rel`; returns (line of the new entry, its model).

    `first()` runs under the lock before anything is written (the check of `--commit`
    that the file holds no other uncommitted edits: another writer's is committed by then).

    `then(entry)` runs while the file is still locked (the commit of `--commit`), so the
    next writer's entry cannot slip into this one's commit.

    `extra` are problems about the new entry found by the caller, with a `loc` inside
    the entry (e.g. `("date",)`); they are placed on the new entry's lines. Raises
    SswError with `problems` when the file is invalid now or would be afterwards.
    """
    from filelock import FileLock, Timeout

    # A first pass without the lock: refusals leave nothing behind, not even a folder.
    _prepare(root, ds, rel, kind, render, header, extra)
    path = root.path / rel
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT if timeout is None else timeout):
            if first is not None:
                first()
            prepared = _prepare(root, ds, rel, kind, render, header, extra)
            _remove_stale_temps(path)
            write_atomic(path, prepared.data)
            if then is not None:
                then(prepared.entry)
    except Timeout:
        raise SswError("err.lock", path=rel) from None
    except OSError as exc:
        raise SswError("err.write", path=rel, reason=exc) from None
    return prepared.line, prepared.entry


# -- record and add-action ----------------------------------------------------------------


def _refuse_invalid_root(loaded: Loaded, rel: str) -> None:
    """Every command validates first; a broken target file gets its own message."""
    if not loaded.problems:
        return
    if any(p.path == rel for p in loaded.problems):
        raise _refusal("err.record-refused", rel, loaded.problems)
    raise ProblemsFound(loaded.problems)


def _check_text_option(value: str | None, option: str) -> None:
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise SswError("err.bad-text", exit_code=2, option=option) from None


def _status(req: UpdateRequest) -> str:
    if req.status is None:
        if req.planned:
            return m.Status.gepland.value
        raise SswError("err.status-required", exit_code=2, valid=", ".join(s.value for s in m.Status))
    status = req.status.strip().lower()
    if req.planned and status != m.Status.gepland.value:
        raise SswError("err.planned-status", exit_code=2, status=req.status)
    return status


def _option_date(value: str) -> tuple[str, int, PartialDate | None]:
    """--date as text to write, its year (the log file) and the parsed date (None if impossible)."""
    text = value.strip()
    try:
        parsed = PartialDate.parse(text)
    except DateError as exc:
        if exc.code in ("date-format", "date-year"):
            raise SswError("err.record-date", exit_code=2, value=value) from None
        return text, int(text[:4]), None  # 2023-02-30: validation says what is wrong, on its line
    return str(parsed), parsed.year, parsed


def _update_date(ds: d.Dataset, req: UpdateRequest, now: dt.date) -> tuple[str, int, PartialDate | None]:
    if req.date is not None:
        return _option_date(req.date)
    plan_id, _ = ds.plan_of_ref(req.target.strip(), now)
    plan = ds.plans.get(plan_id or "")
    if plan is not None and plan.end < now:
        raise SswError("err.ended-plan-date", exit_code=2, plan=plan.id, end=str(plan.end))
    return now.isoformat(), now.year, PartialDate(now.year, now.month, now.day)


def _action_date(ds: d.Dataset, now: dt.date) -> tuple[str, int, PartialDate | None]:
    """Today, unless the plan an own action would join today has ended: then, like `record`,
    ask for --date (or for a successor plan) instead of filing today's action in a closed plan."""
    plan = ds.default_plan(now)
    if plan is not None and plan.end < now:
        raise SswError("err.ended-plan-action", exit_code=2, plan=plan.id, end=str(plan.end))
    return now.isoformat(), now.year, None


def _header(key: str, ds: d.Dataset, platform: str, **params: Any) -> str:
    from ssw.i18n import t

    name = ds.platforms[platform].name if platform in ds.platforms else platform
    return t(key, "nl", name=name, platform=platform, **params)  # data files are Dutch


def _check_git(root: Root) -> None:
    from ssw import gitutil

    if not gitutil.is_work_tree(root.path):
        raise SswError("err.no-git", path=str(root.path))
    if not gitutil.has_identity(root.path):
        raise SswError("err.git-identity")


def _clean_before_commit(root: Root, rel: str) -> Callable[[], None]:
    """--commit commits exactly the new entry: the file must hold no other uncommitted edits."""

    def check() -> None:
        from ssw import gitutil

        if (root.path / rel).exists() and gitutil.is_dirty(root.path, [rel]):
            raise SswError("err.commit-dirty", path=rel)

    return check


def _commit(root: Root, rel: str, message: str) -> str:
    from ssw import gitutil

    try:
        return gitutil.commit_file(root.path, root.path / rel, message)
    except SswError as exc:
        raise SswError("err.commit-failed", path=rel, reason=exc) from None


def log_path(root: Root, platform: str, year: int) -> str:
    """`regions/<platform>/updates/<year>.yaml` (or an existing `.yml`)."""
    rel = f"regions/{platform}/updates/{year}"
    return f"{rel}.yml" if (root.path / f"{rel}.yml").is_file() and not (root.path / f"{rel}.yaml").exists() else f"{rel}.yaml"


@dataclass(frozen=True)
class Checked:
    """What an update request says apart from its note, checked."""

    status: str
    date_text: str
    year: int
    parsed: PartialDate | None
    rel: str  # the log it goes to


def check_update(loaded: Loaded, req: UpdateRequest, *, commit: bool = False) -> Checked:
    """Every check of an update request that its note does not change. The CLI runs them
    before it opens an editor for the note, so a note is never typed for a request that
    cannot be recorded."""
    for value, option in ((req.author, "--author"), (req.target, "TARGET")):
        _check_text_option(value, option)
    for link in req.links:
        _check_text_option(link, "--link")
    status = _status(req)
    date_text, year, parsed = _update_date(loaded.data, req, today())
    rel = log_path(loaded.root, req.platform, year)
    _refuse_invalid_root(loaded, rel)
    if commit:
        _check_git(loaded.root)
    return Checked(status, date_text, year, parsed, rel)


def record_update(loaded: Loaded, req: UpdateRequest, *, commit: bool = False) -> Written:
    """Append one update to `regions/<platform>/updates/<year>.yaml` (see module doc)."""
    ds: d.Dataset = loaded.data
    root: Root = loaded.root
    _check_text_option(req.note, "--note")
    if not req.note or not req.note.strip():
        raise SswError("err.note-required", exit_code=2)
    checked = check_update(loaded, req, commit=commit)
    status, date_text, year, parsed, rel = checked.status, checked.date_text, checked.year, checked.parsed, checked.rel
    now = today()
    extra = []  # validate allows a future date for status gepland; record wants --planned for it
    if parsed is not None and parsed.first > now and not req.planned and status == m.Status.gepland.value:
        extra.append(Problem(rel, "future-needs-planned", {"date": date_text, "today": str(now)}, loc=("date",)))
    target = req.target.strip()
    text = render_update({"id": new_update_id(ds, date_text), "date": date_text, "target": target,
                          "status": status, "note": req.note, "author": req.author, "links": req.links})
    header = _header("record.header-updates", ds, req.platform, year=year)
    done: dict[str, str] = {}

    def commit_it(entry: Any) -> None:
        done["message"] = f"record {req.platform} {target}: {entry.status.value}"
        done["sha"] = _commit(root, rel, done["message"])

    line, entry = append_entry(root, ds, rel, "updates", lambda _entries: text, header=header, extra=extra,
                               then=commit_it if commit else None,
                               first=_clean_before_commit(root, rel) if commit else None)
    if not commit:
        return Written(rel, line, entry)
    return Written(rel, line, entry, done["sha"], done["message"])


def new_update_id(ds: d.Dataset, date_text: str) -> str:
    """`2023-03-14.k3m9q2`: the update's date and six random characters, so that two chairs
    recording at once on two branches never write the same first line."""
    import secrets

    taken = {rec.update.id for rec in ds.updates}
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: easy to read aloud
    while True:
        candidate = f"{date_text}.{''.join(secrets.choice(alphabet) for _ in range(6))}"
        if candidate not in taken:
            return candidate


def next_action_id(platform: str, year: int, entries: list[Any]) -> str:
    prefix = f"{platform}.{year}."
    numbers = [int(e.id[len(prefix):]) for e in entries
               if e is not None and e.id.startswith(prefix) and e.id[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def add_action(loaded: Loaded, req: ActionRequest, *, commit: bool = False) -> Written:
    """Append a platform's own action to `regions/<platform>/actions.yaml` with the next free id."""
    ds: d.Dataset = loaded.data
    root: Root = loaded.root
    for value, option in ((req.title, "--title"), (req.text, "--text")):
        _check_text_option(value, option)
    now = today()
    date_text, year, _ = _option_date(req.date) if req.date is not None else _action_date(ds, now)
    rel = f"regions/{req.platform}/actions.yaml"
    _refuse_invalid_root(loaded, rel)
    if commit:
        _check_git(root)

    def render(entries: list[Any]) -> str:
        return render_action({
            "id": next_action_id(req.platform, year, entries), "date": date_text, "title": req.title,
            "text": req.text, "themes": [t.strip() for t in req.themes],
            "krachtlijnen": [k.strip().lower() for k in req.krachtlijnen],
            "speerpunten": [s.strip().lower() for s in req.speerpunten],
        })

    header = _header("record.header-actions", ds, req.platform)
    done: dict[str, str] = {}

    def commit_it(entry: Any) -> None:
        done["message"] = f"add-action {req.platform} {entry.id}"
        done["sha"] = _commit(root, rel, done["message"])

    line, entry = append_entry(root, ds, rel, "regional-actions", render, header=header,
                               then=commit_it if commit else None,
                               first=_clean_before_commit(root, rel) if commit else None)
    if not commit:
        return Written(rel, line, entry)
    return Written(rel, line, entry, done["sha"], done["message"])
