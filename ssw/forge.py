"""Problems in the forms the git forges show on a merge request.

GitHub Actions turns `::error file=…,line=…,col=…,title=…::message` lines on the
log into annotations on the changed lines; GitLab reads a Code Quality report (a JSON
list) and shows it in the merge request. Both want paths relative to the top of the
repository, not to the data root: a root in `examples/demo/` reports
`examples/demo/regions/…`, so the forge finds the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ssw.problems import Problem
from ssw.root import Root, git_top

FORMATS = ("text", "json", "github", "gitlab")


def repo_path(root: Root, path: str) -> str:
    """A problem's path (relative to the root) relative to the repository's top instead.
    Outside a repository the root is the top."""
    folder = Path(os.path.abspath(root.path))
    top = git_top(folder) or folder
    return Path(os.path.relpath(os.path.normpath(folder / path), top)).as_posix()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _text(problem: Problem, lang: str) -> str:
    hint = problem.hint(lang)
    message = problem.message(lang)
    return f"{message} ({hint})" if hint else message


def github_lines(root: Root, problems: list[Problem], lang: str) -> list[str]:
    """One workflow command per problem (GitHub's documented escaping applied)."""
    lines = []
    for p in problems:
        props = {"file": repo_path(root, p.path), "line": str(p.line or 1),
                 "col": str(p.column or 1), "title": p.code}
        joined = ",".join(f"{key}={_escape_property(value)}" for key, value in props.items())
        lines.append(f"::error {joined}::{_escape_data(_text(p, lang))}")
    return lines


def _fingerprint(path: str, problem: Problem, seen: set[str]) -> str:
    """Stable between runs and languages: the file, the code and the problem's own values,
    not its line (a problem that moves down the file is not a new one). Twins get a count."""
    params = json.dumps(problem.params, sort_keys=True, ensure_ascii=False, default=str)
    base = f"{path}\0{problem.code}\0{params}"
    count = 0
    while True:
        fingerprint = hashlib.sha256(f"{base}\0{count}".encode()).hexdigest()
        if fingerprint not in seen:
            seen.add(fingerprint)
            return fingerprint
        count += 1


def gitlab_report(root: Root, problems: list[Problem], lang: str) -> list[dict[str, Any]]:
    """GitLab's Code Quality report: every problem blocks, so each is `major`."""
    seen: set[str] = set()
    report = []
    for p in problems:
        path = repo_path(root, p.path)
        report.append({
            "description": _text(p, lang),
            "check_name": p.code,
            "fingerprint": _fingerprint(path, p, seen),
            "severity": "major",
            "location": {"path": path, "lines": {"begin": p.line or 1}},
        })
    return report
