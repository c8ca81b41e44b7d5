"""The cache of validated files: a second run takes what each file validated to from ssw's
cache folder instead of reading it again, and whatever happens to the files or to the
cache, the answer is the one a fresh read gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import run
from ssw import cache


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "validated").glob("*/*.pickle"))


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
        entry.write_bytes(b"" if number % 2 else b"\x80\x05not a pickle")
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


def test_an_entry_others_may_write_is_not_trusted(real_root: Path, cache_dir: Path) -> None:
    """An entry is a pickle: one that somebody else could have written is never read. Two
    entries swapped (each a valid pickle of another file) show whether one was read."""
    first = status(real_root)
    big = sorted(entries(cache_dir), key=lambda p: p.stat().st_size)[-2:]

    def swap(mode: int) -> None:
        one, two = (p.read_bytes() for p in big)
        for path, blob in zip(big, (two, one)):
            path.write_bytes(blob)
            path.chmod(mode)

    swap(0o666)
    assert status(real_root) == first
    swap(0o600)  # the user's own entries are trusted: the swap shows
    assert run(["status", "--root", str(real_root)]).stdout != first


def test_the_same_bytes_as_another_kind_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path))
    cache.put(b"[]\n", "signals", ["kept as signals"])
    assert cache.get(b"[]\n", "signals") == (True, ["kept as signals"])
    assert cache.get(b"[]\n", "decisions") == (False, None)
    assert cache.get(b"[] \n", "signals") == (False, None)


def test_a_value_pickle_cannot_hold_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path))
    cache.put(b"x", "plan", lambda: None)
    assert cache.get(b"x", "plan") == (False, None)
