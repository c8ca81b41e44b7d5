"""The data set is complete when `load()` returns: every index filled, every update's line
known, with no further call by the commands that read it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run, write
from ssw.loader import load
from ssw.root import open_root

LOG = "regions/antwerpen/updates/2023.yaml"


def test_updates_know_their_line_and_item_after_load(demo_root: Path) -> None:
    ds = load(open_root(demo_root)).data
    assert ds.updates
    for rec in ds.updates:
        lines = (demo_root / rec.path).read_text(encoding="utf-8-sig").split("\n")
        assert lines[rec.line - 1].startswith("- "), (rec.path, rec.line)
        assert rec in ds.updates_for(rec.item)
    assert [p.id for p in ds.ssw_plans()] == sorted(p.id for p in ds.plans.values() if p.file.family == "ssw")
    assert all(key in ds.items for keys in ds.by_id.values() for key in keys)


def test_lines_of_a_log_in_another_layout(real_root: Path) -> None:
    """Indented entries and CRLF line ends: the lines still point at each entry's start."""
    write(real_root, LOG, """
    # twee updates
      - date: 2023-03-14
        target: "4.2.2.2"
        status: lopend
        note: een
      - date: 2023-04-14
        target: "4.2.2.2"
        status: gerealiseerd
        note: twee
    """)
    path = real_root / LOG
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    ds = load(open_root(real_root)).data
    assert [r.line for r in ds.updates if r.path == LOG] == [2, 6]
    result = run(["--root", str(real_root), "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    exported = [(u["file"], u["line"]) for u in json.loads(result.stdout)["updates"] if u["file"] == LOG]
    assert exported == [(LOG, 2), (LOG, 6)]
