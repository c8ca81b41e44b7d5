"""At 60 columns `status`, `show`, `regions` and `agenda` fit without wrapping: titles are
cut, dates never."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import run

COMMANDS = [["status"], ["status", "--region", "antwerpen"], ["status", "--stale"], ["status", "--late"],
            ["show", "4.8"], ["show", "4.2.2.2"], ["show", "antwerpen"], ["regions"], ["agenda"],
            # long ids in a history (sam-2021-2025:sam.onlinehulp), an organisation
            ["show", "vlaanderen"], ["show", "socius"], ["show", "4.10.1"]]
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} [a-zA-Z]+ \d{4}\b")


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_sixty_columns_fit_and_keep_every_date(demo_root: Path, lang: str, args: list[str]) -> None:
    base = ["--root", str(demo_root), "--lang", lang, *args]
    narrow = run(base, env={"COLUMNS": "60"})
    wide = run(base, env={"COLUMNS": "200"})
    assert narrow.exit_code == 0, narrow.output
    too_long = [line for line in narrow.stdout.splitlines() if cells(line) > 60]
    assert not too_long, "\n".join(too_long)
    assert sorted(DATE.findall(narrow.stdout)) == sorted(DATE.findall(wide.stdout))
    assert "…" in narrow.stdout or args[0] == "regions"  # something had to give: a title
