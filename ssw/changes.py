"""What changed between two moments in git: `ssw changes --since REF|DATE [--until REF|DATE]`.

The data set is loaded as it was at two commits (the files of the plans folder and of
`regions/`, read with `git ls-tree` + `git cat-file --batch` into a temporary folder, so
a root inside a larger work tree works, e.g. `examples/demo` with `plan = "../../plan"`),
and compared:

- status changes: per item and platform, the status before and after (no data =
  `onbekend`). Both sides are seen from the *same* as-of date (the later side's date),
  so the difference is the data, not the clock;
- new updates: present at the end, not at the start, identified by
  (platform, date, target, status, note) — a corrected note counts as a new update;
- platforms' own actions added or marked `dropped`; signals added.

Who: every new update, action and signal is attributed to the commit that last wrote
its first line (`git blame --line-porcelain` once per changed file); the commits in
`since..until` touching the data are listed with their files.

A REF is any git revision (tag, branch, commit). A DATE (YYYY-MM-DD) means the state of
the main line at the last commit on or before that day (`git log --first-parent`,
committer dates in the committer's own time zone). `--until` defaults to HEAD.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ssw import dataset as d
from ssw.dates import option_date
from ssw.gitutil import git, git_error, run_git
from ssw.ids import natural_key
from ssw.problems import Said, SswError
from ssw.root import STALE_MONTHS, Root
from ssw.status import UNKNOWN, item_states

DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


# -- git -----------------------------------------------------------------------------------


def _git_ok(cwd: Path, *args: str) -> str | None:
    proc = run_git(cwd, *args)
    if proc is None or proc.returncode != 0:
        return None
    return proc.stdout


def git_top(folder: Path) -> Path:
    """The work tree holding `folder`; SswError (exit 1) outside git."""
    out = _git_ok(folder, "rev-parse", "--show-toplevel")
    if not out or not out.strip():
        raise SswError("err.no-git", path=str(folder))
    return Path(out.strip())


@dataclass(frozen=True)
class Point:
    """One side of the comparison: what the user typed, the commit and its date."""

    value: str
    commit: str
    date: dt.date
    kind: str  # "ref" | "date"

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "kind": self.kind, "commit": self.commit, "date": self.date.isoformat()}


def resolve_point(top: Path, value: str, option: str) -> Point:
    """REF or DATE -> Point. A value that is neither is a usage error (exit 2)."""
    text = value.strip()
    if not text or text.startswith("-"):
        raise SswError("ch.err.bad-point", exit_code=2, value=value, option=option)
    if DATE_RE.match(text):
        day = option_date(text).first
        out = _git_ok(top, "log", "--first-parent", "--format=%H %ct %cs", "HEAD")
        if out is None:
            raise SswError("ch.err.no-commits", exit_code=1, path=str(top))
        best: tuple[int, str, str] | None = None
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2] <= day.isoformat():
                if best is None or int(parts[1]) > best[0]:
                    best = (int(parts[1]), parts[0], parts[2])
        if best is None:
            raise SswError("ch.err.no-commit-before", exit_code=2, value=value, option=option)
        return Point(text, best[1], day, "date")
    sha = _git_ok(top, "rev-parse", "--verify", "--quiet", f"{text}^{{commit}}")
    if not sha or not sha.strip():
        raise SswError("ch.err.bad-point", exit_code=2, value=value, option=option)
    sha = sha.strip()
    when = (_git_ok(top, "show", "-s", "--format=%cs", sha) or "").strip()
    try:
        day = dt.date.fromisoformat(when)
    except ValueError:
        raise git_error(f"no date for {text}", "show") from None
    return Point(text, sha, day, "ref")


@dataclass(frozen=True)
class Author:
    name: str
    email: str
    commit: str
    date: str  # committer date, YYYY-MM-DD

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "commit": self.commit, "date": self.date}


@dataclass
class Commit:
    sha: str
    author: str
    email: str
    date: str
    subject: str
    files: list[str] = field(default_factory=list)  # relative to the root

    def as_dict(self) -> dict[str, Any]:
        return {"commit": self.sha, "author": self.author, "email": self.email, "date": self.date,
                "subject": self.subject, "files": self.files}


def _blame(top: Path, commit: str, path: str) -> dict[int, Author]:
    """Final line number -> the commit that last wrote it (one `git blame` per file)."""
    out = _git_ok(top, "blame", "--line-porcelain", commit, "--", path)
    if out is None:
        return {}
    lines: dict[int, Author] = {}
    head: dict[str, str] = {}
    sha, final = "", 0
    for line in out.split("\n"):
        if line.startswith("\t"):
            stamp = _local_date(head.get("committer-time", "0"), head.get("committer-tz", "+0000"))
            lines[final] = Author(head.get("author", ""), head.get("author-mail", "").strip("<>"), sha, stamp)
            head = {}
            continue
        parts = line.split(" ")
        if len(parts) >= 3 and len(parts[0]) >= 40 and all(c in "0123456789abcdef" for c in parts[0]):
            sha, final = parts[0], int(parts[2])
            continue
        key, _, value = line.partition(" ")
        head[key] = value
    return lines


def _local_date(stamp: str, tz: str) -> str:
    try:
        sign = -1 if tz.startswith("-") else 1
        offset = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])) * sign
        return dt.datetime.fromtimestamp(int(stamp), dt.timezone(offset)).date().isoformat()
    except (ValueError, IndexError, OverflowError, OSError):
        return ""


def _commits(top: Path, since: str, until: str, paths: list[str], root_path: Path) -> list[Commit]:
    out = git(top, "log", "--format=%x1e%H%x1f%an%x1f%ae%x1f%cs%x1f%s", "--name-only",
               f"{since}..{until}", "--", *paths)
    commits = []
    for record in out.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        sha, author, email, date, subject = (head.split("\x1f") + [""] * 5)[:5]
        files = [Path(os.path.relpath(top / n, root_path)).as_posix() for n in names.split("\n") if n.strip()]
        commits.append(Commit(sha, author, email, date, subject, files))
    return commits


# -- the data set at a commit -----------------------------------------------------------


@dataclass
class Snapshot:
    point: Point
    data: d.Dataset
    problems: int
    texts: dict[str, str]  # regions files, relative to the root


def _tree_paths(top: Path, root: Root) -> tuple[str, str, list[str]]:
    """(root prefix, regions path, plans folders) relative to the work tree, posix."""
    def rel(path: Path) -> str:
        try:
            return path.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            raise SswError("ch.err.outside", path=str(path), top=str(top)) from None

    prefix = rel(root.path)
    prefix = "" if prefix == "." else prefix
    regions = posixpath.join(prefix, "regions") if prefix else "regions"
    return prefix, regions, [rel(folder) for folder in root.plan_folders]


def _tree_name_ok(name: str) -> bool:
    """A path from a git tree that stays inside the folder it is written to: relative, no
    `..`, `.` or empty part, no backslash, drive or control character (git itself accepts
    such entries in a crafted tree)."""
    if not name or name.startswith("/") or "\\" in name or ":" in name:
        return False
    if any(ord(c) < 0x20 for c in name):
        return False
    return all(part not in ("", ".", "..", ".git") for part in name.split("/"))


def _read_files(top: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """Every YAML file under `paths` at `commit`: path (from the top) -> bytes."""
    listing = git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
    wanted = []
    for entry in listing.split("\0"):
        meta, _, name = entry.partition("\t")
        mode, _, kind = meta.partition(" ")
        if mode.startswith("100") and kind.startswith("blob ") and name.endswith((".yaml", ".yml")) and _tree_name_ok(name):
            wanted.append(name)
    if not wanted:
        return {}
    try:
        proc = subprocess.run(["git", "cat-file", "--batch"], cwd=top, capture_output=True, check=False,
                              input="".join(f"{commit}:{n}\n" for n in wanted).encode("utf-8"))
    except OSError:
        raise git_error(Said("git.reason.not-found")) from None
    if proc.returncode != 0:
        raise git_error(proc.stderr.decode("utf-8", "replace"), "cat-file")
    data, pos, files = proc.stdout, 0, {}
    for name in wanted:
        end = data.index(b"\n", pos)
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        files[name] = data[pos:pos + size]
        pos += size + 1
    return files


def load_at(top: Path, root: Root, point: Point) -> Snapshot:
    """Load and validate the data set as it was at `point` (from git, not the work tree)."""
    from ssw.loader import load

    prefix, regions, plans = _tree_paths(top, root)
    files = _read_files(top, point.commit, [regions, *plans])
    with tempfile.TemporaryDirectory(prefix="ssw-changes-") as tmp:
        base = Path(tmp)
        real_base = base.resolve()
        for name, content in files.items():
            target = base / name
            if not _tree_name_ok(name) or not target.resolve().is_relative_to(real_base):
                continue  # never written outside the temporary folder
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        folders = tuple(base / p for p in plans)
        old_root = Root(base / prefix if prefix else base, folders[-1], root.stale_months,
                        folders if len(folders) > 1 else ())
        old_root.path.mkdir(parents=True, exist_ok=True)
        loaded = load(old_root)
    strip = len(prefix) + 1 if prefix else 0
    texts = {name[strip:]: content.decode("utf-8-sig", "replace") for name, content in files.items()
             if name.startswith(regions + "/")}
    return Snapshot(point, loaded.data, len(loaded.problems), texts)


# -- the comparison ---------------------------------------------------------------------


@dataclass
class Change:
    """One entry of the result; `kind` is status | update | action-added | action-dropped | signal."""

    kind: str
    platform: str
    theme: str | None
    id: str
    plan: str
    title: str
    data: dict[str, Any]
    path: str = ""
    line: int = 0
    by: Author | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "plan": self.plan, "theme": self.theme, "platform": self.platform,
                "title": self.title, **self.data, "path": self.path, "line": self.line,
                "committed_by": self.by.as_dict() if self.by else None}


@dataclass
class Changes:
    since: Point
    until: Point
    as_of: dt.date
    commits: list[Commit]
    status_changes: list[Change]
    updates: list[Change]
    actions_added: list[Change]
    actions_dropped: list[Change]
    signals: list[Change]
    problems: dict[str, int]
    theme_titles: dict[str, str]

    def all(self) -> list[Change]:
        return self.status_changes + self.updates + self.actions_added + self.actions_dropped + self.signals

    @property
    def empty(self) -> bool:
        return not self.all()


def theme_of(ds: d.Dataset, item: d.Item | None) -> str | None:
    if item is None:
        return None
    if item.theme:
        return item.theme
    for ref in item.themes:
        return ref.partition(":")[2] or ref
    return None


def _update_key(rec: d.UpdateRec) -> tuple[str, str, str, str, str]:
    u = rec.update
    return (rec.platform, str(u.date), u.target, u.status.value, u.note)


def compare(start: Snapshot, end: Snapshot) -> Changes:
    """The plain-data difference between two snapshots (no git involved here)."""
    a, b = start.data, end.data
    as_of = max(start.point.date, end.point.date)
    changes = Changes(start.point, end.point, as_of, [], [], [], [], [], [], {"since": start.problems, "until": end.problems}, {})
    for (_, item_id), theme_item in b.items.items():
        if theme_item.kind == "theme":
            changes.theme_titles[item_id] = theme_item.title

    before, after = item_states(a, as_of, STALE_MONTHS), item_states(b, as_of, STALE_MONTHS)
    data: dict[str, Any]
    for item_key, state in after.items():
        old = before.get(item_key)
        item = state.item
        for platform in sorted(set(state.platforms) | set(old.platforms if old else ())):
            was = old.platforms[platform].status if old and platform in old.platforms else UNKNOWN
            now = state.platforms[platform].status if platform in state.platforms else UNKNOWN
            if was == now:
                continue
            rec = state.platforms[platform].last if platform in state.platforms else None
            data = {"kind": item.kind, "from": was, "to": now,
                    "date": str(rec.date) if rec else None, "note": rec.update.note if rec else None,
                    "overall": {"from": old.status if old else UNKNOWN, "to": state.status} if item.regional and item.kind != "regional-action" else None}
            changes.status_changes.append(Change("status", platform, theme_of(b, item), item.id, item.plan, item.title, data,
                                                 rec.path if rec else "", rec.line if rec else 0))

    seen = Counter(_update_key(r) for r in a.updates)
    for rec in sorted(b.updates, key=lambda r: (r.date.first, r.platform, r.path, r.index)):
        key = _update_key(rec)
        if seen[key]:
            seen[key] -= 1
            continue
        target_item = b.items.get(rec.item) if rec.item else None
        u = rec.update
        data = {"date": str(u.date), "target": u.target, "status": u.status.value, "note": u.note, "author": u.author}
        changes.updates.append(Change("update", rec.platform, theme_of(b, target_item), target_item.id if target_item else u.target,
                                      target_item.plan if target_item else "", target_item.title if target_item else "",
                                      data, rec.path, rec.line))

    old_actions = {i.id: i for i in a.items.values() if i.kind == "regional-action"}
    for action in (i for i in b.items.values() if i.kind == "regional-action"):
        prev = old_actions.get(action.id)
        data = {"date": str(action.date) if action.date else None, "themes": list(action.themes), "dropped": action.dropped is not None,
                "dropped_on": str(action.dropped) if action.dropped else None}
        plat = action.platform or ""
        if prev is None:
            changes.actions_added.append(Change("action-added", plat, theme_of(b, action), action.id, action.plan, action.title, data, action.path))
        elif action.dropped and not prev.dropped:
            changes.actions_dropped.append(Change("action-dropped", plat, theme_of(b, action), action.id, action.plan, action.title, data, action.path))

    old_signals = {(e.platform, e.model.id) for e in a.signals}
    for e in b.signals:
        if (e.platform, e.model.id) in old_signals:
            continue
        s = e.model
        theme = (s.themes[0].partition(":")[2] or s.themes[0]) if s.themes else None
        if theme is None and s.items:
            target = b.resolve(s.items[0], s.date.first)
            theme = theme_of(b, target)
        data = {"type": s.type, "date": str(s.date), "themes": list(s.themes), "items": list(s.items), "status": s.status}
        changes.signals.append(Change("signal", e.platform, theme, s.id, "", s.title, data, e.path))
    return changes


def _entry_lines(text: str, index: int, key: str | None = None) -> int:
    """Line of the `index`-th top-level list entry (or of `key:` inside it)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
    if index >= len(starts):
        return 0
    start = starts[index]
    if key is None:
        return start + 1
    stop = starts[index + 1] if index + 1 < len(starts) else len(lines)
    rx = re.compile(rf"^(-\s+|\s+){re.escape(key)}\s*:")
    for i in range(start, stop):
        if rx.match(lines[i]):
            return i + 1
    return start + 1


def attribute(changes: Changes, end: Snapshot, top: Path, prefix: str) -> None:
    """Fill `line` and `by` (who wrote the line) for every change, one blame per file."""
    entry_index: dict[tuple[str, str], int] = {}
    for item in end.data.items.values():
        if item.kind == "regional-action" and item.loc:
            entry_index[(item.path, item.id)] = int(item.loc[0])
    for e in end.data.signals:
        entry_index[(e.path, e.model.id)] = e.index
    for change in changes.actions_added + changes.actions_dropped + changes.signals:
        index = entry_index.get((change.path, change.id))
        text = end.texts.get(change.path)
        if index is not None and text is not None:
            change.line = _entry_lines(text, index, "dropped" if change.kind == "action-dropped" else None)
    blames: dict[str, dict[int, Author]] = {}
    for change in changes.all():
        if not change.path or not change.line:
            continue
        if change.path not in blames:
            git_path = posixpath.normpath(posixpath.join(prefix, change.path)) if prefix else change.path
            blames[change.path] = _blame(top, end.point.commit, git_path)
        change.by = blames[change.path].get(change.line)


def changes_between(root: Root, since: str, until: str | None = None) -> Changes:
    """The whole pipeline: resolve both points, load the data at each, compare, attribute."""
    top = git_top(root.path)
    start = resolve_point(top, since, "--since")
    end = resolve_point(top, until or "HEAD", "--until")
    if start.commit != end.commit and _git_ok(top, "merge-base", "--is-ancestor", end.commit, start.commit) is not None:
        raise SswError("ch.err.reversed", exit_code=2, since=since, until=until or "HEAD")
    prefix, regions, plans = _tree_paths(top, root)
    before, after = load_at(top, root, start), load_at(top, root, end)
    result = compare(before, after)
    result.commits = _commits(top, start.commit, end.commit, [regions, *plans], root.path)
    attribute(result, after, top, prefix)
    return result


# -- plain data ---------------------------------------------------------------------------


def _natural(value: str | None) -> tuple[Any, ...]:
    return (1,) if value is None else (0, natural_key(value))


KIND_ORDER = ("action-added", "status", "update", "action-dropped", "signal")


def groups(changes: Changes) -> list[tuple[str | None, list[tuple[str, list[Change]]]]]:
    """Changes grouped by theme (natural order, no theme last), then by platform; inside a
    platform: new own actions, status changes, updates, dropped actions, signals."""
    by_theme: dict[str | None, dict[str, list[Change]]] = {}
    for change in sorted(changes.all(), key=lambda c: KIND_ORDER.index(c.kind)):
        by_theme.setdefault(change.theme, {}).setdefault(change.platform, []).append(change)
    return [(theme, sorted(platforms.items())) for theme, platforms in sorted(by_theme.items(), key=lambda kv: _natural(kv[0]))]


def _summary(items: list[Change]) -> dict[str, Any]:
    names = sorted({c.by.name for c in items if c.by})
    return {
        "status_changes": sum(c.kind == "status" for c in items),
        "updates": sum(c.kind == "update" for c in items),
        "actions_added": sum(c.kind == "action-added" for c in items),
        "actions_dropped": sum(c.kind == "action-dropped" for c in items),
        "signals": sum(c.kind == "signal" for c in items),
        "committed_by": names,
    }


#: The counts of a change summary, each with its own noun in the catalogue (real plural forms).
SUMMARY_NOUNS = {"status_changes": "n.status-changes", "updates": "n.new-updates", "actions_added": "n.new-own-actions",
                 "actions_dropped": "n.dropped-own-actions", "signals": "n.new-signals"}


def summary_text(totals: dict[str, Any], lang: str) -> str:
    """The one-line summary ("3 statuswijzigingen · 1 nieuwe update · ..."), each count with
    its noun in the right form."""
    from ssw.i18n import t, tn

    return t("ch.summary", lang, **{key: tn(noun, totals[key], lang) for key, noun in SUMMARY_NOUNS.items()})


def changes_dict(changes: Changes) -> dict[str, Any]:
    """The stable JSON of `ssw changes --format json`."""
    every = changes.all()
    by_platform: dict[str, list[Change]] = {}
    for c in every:
        by_platform.setdefault(c.platform, []).append(c)
    return {
        "since": changes.since.as_dict(),
        "until": changes.until.as_dict(),
        "as_of": changes.as_of.isoformat(),
        "problems": changes.problems,
        "totals": _summary(every),
        "status_changes": [c.as_dict() for c in changes.status_changes],
        "updates": [c.as_dict() for c in changes.updates],
        "regional_actions": {"added": [c.as_dict() for c in changes.actions_added],
                             "dropped": [c.as_dict() for c in changes.actions_dropped]},
        "signals": [c.as_dict() for c in changes.signals],
        "by_theme": [{"theme": theme, "title": changes.theme_titles.get(theme or ""),
                      **_summary([c for _, cs in plats for c in cs])} for theme, plats in groups(changes)],
        "by_platform": [{"platform": p, **_summary(cs)} for p, cs in sorted(by_platform.items())],
        "commits": [c.as_dict() for c in changes.commits],
    }
