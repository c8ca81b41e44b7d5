"""Rendering for the terminal (part of the CLI layer: the only other module using rich)."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from ssw.i18n import t
from ssw.problems import Problem


def print_problems(problems: list[Problem], lang: str, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    for problem in problems:
        print(problem.format(lang), file=out)


def print_validation(loaded: Any, lang: str, fmt: str) -> None:
    problems = loaded.problems
    if fmt == "json":
        files = len({p.path for p in problems})
        payload = {"ok": not problems, "count": len(problems), "files": files,
                   "problems": [p.as_dict(lang) for p in problems]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    print_problems(problems, lang)
    if problems:
        print(t("out.problem-count", lang, count=len(problems), files=len({p.path for p in problems})))
    else:
        ds = loaded.data
        print(t("out.valid", lang, files=loaded.files, items=len(ds.items), updates=len(ds.updates)))
