"""Small, generic git helpers (subprocess, no shell): used by `record --commit` and reports.

Every helper takes the folder to run in. "Not a repository" and "git is not installed"
are answers (False / None), not errors; only `commit_file` raises, with git's own reason.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ssw.problems import Said, SswError


def run_git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """`git -C cwd args...`; None when git cannot be started at all."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
            errors="replace", env=env, check=False,
        )
    except OSError:
        return None


def _out(cwd: Path, *args: str) -> str | None:
    proc = run_git(cwd, *args)
    if proc is None or proc.returncode != 0:
        return None
    return proc.stdout.strip()


def is_work_tree(path: Path) -> bool:
    return _out(path, "rev-parse", "--is-inside-work-tree") == "true"


def head(path: Path) -> str | None:
    """The full sha of HEAD, or None (no repository, no commit yet)."""
    return _out(path, "rev-parse", "--verify", "--quiet", "HEAD") or None


def short(path: Path, sha: str) -> str:
    return _out(path, "rev-parse", "--short", sha) or sha[:7]


def is_dirty(path: Path, paths: list[str | Path] | tuple[str | Path, ...] = ()) -> bool:
    """Uncommitted changes (staged, unstaged or untracked) under `paths` (all when empty)."""
    spec = [str(p) for p in paths]
    out = _out(path, "status", "--porcelain", "--untracked-files=all", "--", *spec)
    return bool(out)


def config(path: Path, key: str) -> str | None:
    return _out(path, "config", "--get", key) or None


def editor(path: Path) -> str | None:
    """The editor git would start (GIT_EDITOR, core.editor, VISUAL, EDITOR), as a shell command."""
    return _out(path, "var", "GIT_EDITOR") or None


def has_identity(path: Path) -> bool:
    """Can git name the author of a commit here (user.name / user.email)?"""
    return _out(path, "var", "GIT_AUTHOR_IDENT") is not None


def git(cwd: Path, *args: str) -> str:
    """Run git and return its output; a failure is SswError("err.git") with git's last line."""
    return _output_or_raise(run_git(cwd, *args), args)


def _output_or_raise(proc: subprocess.CompletedProcess[str] | None, args: tuple[str, ...]) -> str:
    """git's output, or SswError("err.git") naming git's last line: one rule for every call."""
    if proc is None:
        raise git_error(Said("git.reason.not-found"))
    if proc.returncode != 0:
        raise git_error(proc.stderr or proc.stdout, args[0])
    return proc.stdout


#: what git says (its messages are English here) -> the reason in the user's words
_REASONS = (
    (re.compile(r"index\.lock|another git process", re.I), "git.reason.locked"),
    (re.compile(r"not a git repository", re.I), "git.reason.not-repo"),
    (re.compile(r"unknown revision|bad revision|ambiguous argument|invalid object name|needed a single revision", re.I),
     "git.reason.bad-revision"),
    (re.compile(r"tell me who you are|empty ident|auto-detect email", re.I), "git.reason.identity"),
    (re.compile(r"nothing to commit|no changes added", re.I), "git.reason.nothing"),
    (re.compile(r"no space left", re.I), "git.reason.disk-full"),
    (re.compile(r"permission denied|read-only file system|insufficient permission", re.I), "git.reason.permission"),
    (re.compile(r"dubious ownership", re.I), "git.reason.ownership"),
)


def git_error(said: str, command: str = "") -> SswError:
    """SswError("err.git"): the reason in the user's language when git's words are known,
    with git's own last line beside it so nothing is hidden."""
    if isinstance(said, Said):
        return SswError("err.git", reason=said)
    lines = said.strip().splitlines()
    detail = lines[-1].strip()[:200] if lines else f"git {command}".strip()
    for pattern, key in _REASONS:
        if pattern.search(said):
            return SswError("err.git-said", reason=Said(key), detail=detail)
    # a commit git refuses without a known reason: a hook or the repository's settings
    key = "git.reason.commit-refused" if command == "commit" else "git.reason.failed"
    return SswError("err.git-said", reason=Said(key), detail=detail)


COMMIT_TIMEOUT = 60.0  # seconds a commit waits for another one (ssw's or git's own)


def commit_file(path: Path, file: Path, message: str) -> str:
    """Stage and commit exactly `file`; other staged changes stay staged, not committed.

    Commits run one at a time: under a lock in the git folder (other `ssw record
    --commit`s wait for it), and when git's own `index.lock` is taken by another git
    process, the commit waits and tries again instead of telling the user to remove a
    file. Returns the new commit's sha. Raises SswError("err.git") with git's message.
    """
    from filelock import FileLock, Timeout

    rel = os.path.relpath(file, path)
    git_dir = _out(path, "rev-parse", "--absolute-git-dir")
    lock = FileLock(str(Path(git_dir) / "ssw-commit.lock")) if git_dir else None
    try:
        if lock is not None:
            lock.acquire(timeout=COMMIT_TIMEOUT)
        try:
            _retrying(path, "add", "--", rel)
            _retrying(path, "commit", "--quiet", "--only", "-m", message, "--", rel)
            sha = head(path)
        finally:
            if lock is not None:
                lock.release()
    except Timeout:
        raise git_error(Said("git.reason.commit-running")) from None
    if sha is None:
        raise git_error(Said("git.reason.no-head"))
    return sha


def _retrying(cwd: Path, *args: str) -> str:
    """`git(...)`, tried again while another git process holds the index lock."""
    import time

    deadline = time.monotonic() + COMMIT_TIMEOUT
    delay = 0.05
    while True:
        proc = run_git(cwd, *args)
        if proc is not None and proc.returncode != 0 and "index.lock" in (proc.stderr or "") \
                and time.monotonic() < deadline:
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
            continue
        return _output_or_raise(proc, args)
