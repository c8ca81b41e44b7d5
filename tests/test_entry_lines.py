"""Line numbers of updates after notes that span several lines (quoted, block, plain,
holding a line that looks like a new entry): `show` and `export` point at each entry's
own first line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run

LOG = "regions/antwerpen/updates/2023.yaml"
NOTES = {
    "double-quoted": 'note: "eerste regel\n- lijkt een lijst\n  derde"',
    "single-quoted": "note: 'eerste\n\n  tweede alinea'",
    "block": "note: |\n    blok\n    - geen lijst\n    # geen commentaar",
    "folded": "note: >-\n    gevouwen\n    tekst",
    "plain": "note: gewone\n    tekst over\n    drie regels",
}


@pytest.mark.parametrize("note", list(NOTES))
def test_lines_after_multi_line_notes(real_root: Path, note: str) -> None:
    first = f'- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  {NOTES[note]}\n'
    second = '- date: 2023-04-14\n  target: "4.2.2.2"\n  status: lopend\n  note: tweede update\n'
    third = '- date: 2023-05-14\n  target: "4.2.2.2"\n  status: lopend\n  note: derde update\n'
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(first + second + third, encoding="utf-8")
    expected = [1, first.count("\n") + 1, first.count("\n") + second.count("\n") + 1]
    data = json.loads(run(["--root", str(real_root), "export", "--format", "json"]).stdout)
    lines = sorted(u["line"] for u in data["updates"] if u["file"] == LOG)
    assert lines == expected
    shown = run(["--root", str(real_root), "show", "4.2.2.2"]).stdout
    for line in expected:
        assert f"{LOG}:{line}\n" in shown
