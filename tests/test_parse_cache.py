"""The parsed-file cache: a second run reads the parse from ssw's cache folder instead of
parsing again, and whatever happens to the files or to the cache, the answer is the one a
fresh parse gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import run
from ssw import cache


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "parsed").glob("*/*.marshal"))


def data_files(root: Path) -> list[Path]:
    return sorted(p for base in ("plan", "regions") for p in (root / base).rglob("*.yaml"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SSW_CACHE_DIR", str(folder))
    return folder


def status(root: Path) -> str:
    result = run(["status", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_second_run_reads_the_cache_and_says_the_same(real_root: Path, cache_dir: Path) -> None:
    first = status(real_root)
    assert len(entries(cache_dir)) == len(data_files(real_root))  # one per file, none had a problem
    stamps = {p: p.stat().st_mtime_ns for p in entries(cache_dir)}
    assert status(real_root) == first
    assert {p: p.stat().st_mtime_ns for p in entries(cache_dir)} == stamps  # read, not written again


def test_an_edited_file_is_read_again(real_root: Path, cache_dir: Path) -> None:
    status(real_root)
    theme = sorted((real_root / "plan" / "ssw-2020-2024" / "themes").glob("*.yaml"))[0]
    text = theme.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.startswith("title:"))
    theme.write_text(text.replace(first_title, "title: Een titel die er eerst niet stond"), encoding="utf-8")
    shown = run(["show", theme.stem, "--root", str(real_root)])
    assert "Een titel die er eerst niet stond" in shown.stdout


def test_a_problem_is_never_cached_and_is_told_on_every_run(real_root: Path, cache_dir: Path) -> None:
    platform = real_root / "regions" / "limburg" / "platform.yaml"
    text = platform.read_text(encoding="utf-8")
    platform.write_text(text + "name: Tweede naam\n", encoding="utf-8")  # a key twice
    for _ in range(2):
        result = run(["validate", "--root", str(real_root)])
        assert result.exit_code == 1
        assert "regions/limburg/platform.yaml" in result.output
    assert len(entries(cache_dir)) == len(data_files(real_root)) - 1


def test_damaged_entries_are_parsed_again(real_root: Path, cache_dir: Path) -> None:
    first = status(real_root)
    for number, entry in enumerate(entries(cache_dir)):
        entry.write_bytes(b"" if number % 2 else b"\x00not marshal data")
    assert status(real_root) == first


def test_a_cache_that_cannot_be_written_is_no_error(real_root: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SSW_CACHE_DIR", str(blocked / "cache"))
    result = run(["status", "--root", str(real_root)])
    assert result.exit_code == 0 and result.stderr == ""
    monkeypatch.delenv("SSW_CACHE_DIR")
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path / "fresh"))
    assert status(real_root) == result.stdout


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "parsed"
    old, new = folder / "ab" / "old.marshal", folder / "cd" / "new.marshal"
    for path in (old, new):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"0")
    month_ago = time.time() - (cache.KEEP_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    assert cache.prune(folder) == 1
    assert not old.exists() and new.exists()


def test_no_value_outside_plain_data_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path))
    cache.keep(b"a: 2024-01-01\n", {"a": dt.date(2024, 1, 1)})  # marshal cannot hold it: not kept
    assert cache.parsed(b"a: 2024-01-01\n") == (False, None)
    cache.keep(b"a: 1\n", {"a": 1})
    assert cache.parsed(b"a: 1\n") == (True, {"a": 1})
