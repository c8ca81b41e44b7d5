"""The cache of validated files: a second run takes what each file validated to from ssw's
cache folder instead of reading it again, and whatever happens to the files or to the
cache, the answer is the one a fresh read gives."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run
from ssw import cache
from ssw.yamlfile import read_bytes


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


LOG = "regions/vlaanderen/updates/2021.yaml"


def shorter_log(root: Path) -> None:
    """Keep, sealed as ssw seals, a wrong answer for the log: no updates at all."""
    raw, _ = read_bytes(root / LOG, LOG)
    assert raw is not None
    cache.put(raw, "updates", [])


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


def test_damaged_edited_and_swapped_entries_are_read_again(real_root: Path, cache_dir: Path) -> None:
    first = status(real_root)
    kept = entries(cache_dir)
    biggest = sorted(kept, key=lambda p: p.stat().st_size)[-2:]
    one, two = (p.read_bytes() for p in biggest)
    biggest[0].write_bytes(two)  # each a whole, sealed entry, in the other's place
    biggest[1].write_bytes(one)
    for number, entry in enumerate(e for e in kept if e not in biggest):
        blob = entry.read_bytes()
        entry.write_bytes([b"", blob[:-7], blob[:40] + bytes([blob[40] ^ 1]) + blob[41:]][number % 3])
    assert status(real_root) == first


def test_a_kept_answer_is_used_only_from_the_users_own_entry(real_root: Path, cache_dir: Path) -> None:
    """A sealed entry in the user's own, private cache is believed (which shows the test
    can see an entry being read); the same entry anybody else could write is not."""
    first = status(real_root)
    shorter_log(real_root)
    assert status(real_root) != first  # believed: the log's update is gone from the figures
    shorter_log(real_root)
    for entry in entries(cache_dir):
        entry.chmod(0o666)
    assert status(real_root) == first
    shorter_log(real_root)
    (cache_dir / "validated").chmod(0o777)  # a folder others may write: not used at all
    env = {**os.environ, "SSW_TODAY": "2026-11-23", "SSW_LANG": "", "NO_COLOR": "1", "COLUMNS": "100"}
    later = subprocess.run([sys.executable, "-m", "ssw", "--root", str(real_root), "status"],  # a run of its own
                           capture_output=True, text=True, env=env, timeout=60)
    assert later.stdout == first


def test_an_entry_of_another_shape_is_read_again(real_root: Path, cache_dir: Path) -> None:
    first = status(real_root)
    raw, _ = read_bytes(real_root / LOG, LOG)
    assert raw is not None
    for wrong in (42, None, [None], {"id": "x"}):
        cache.put(raw, "updates", wrong)
        assert status(real_root) == first


def test_a_fifo_or_link_in_place_of_an_entry_is_passed_by(real_root: Path, cache_dir: Path) -> None:
    first = status(real_root)
    fifo, link = entries(cache_dir)[:2]
    fifo.unlink()
    os.mkfifo(fifo)
    link.unlink()
    link.symlink_to(entries(cache_dir)[-1])
    env = {**os.environ, "SSW_TODAY": "2026-11-23", "SSW_LANG": "", "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-m", "ssw", "--root", str(real_root), "status"],
                          capture_output=True, text=True, env=env, timeout=60)  # a FIFO read would block
    assert proc.returncode == 0 and proc.stdout == first


def test_a_cache_that_cannot_be_written_is_no_error(real_root: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SSW_CACHE_DIR", str(blocked / "cache"))
    result = run(["status", "--root", str(real_root)])
    assert result.exit_code == 0 and result.stderr == ""
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path / "fresh"))
    assert status(real_root) == result.stdout


def test_old_entries_are_pruned_after_a_write_once_a_day(real_root: Path, cache_dir: Path) -> None:
    status(real_root)
    month_ago = time.time() - (cache.KEEP_DAYS + 1) * 86400
    for entry in entries(cache_dir):
        os.utime(entry, (month_ago, month_ago))
    status(real_root)  # nothing written: nothing pruned
    assert len(entries(cache_dir)) == len(data_files(real_root))
    os.utime(cache_dir / "validated" / "pruned", (month_ago, month_ago))
    log = real_root / LOG
    log.write_text(log.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes: one write
    status(real_root)
    assert [e for e in entries(cache_dir) if e.stat().st_mtime < month_ago + 86400] == []
    assert len(entries(cache_dir)) < len(data_files(real_root))  # the rest come back as they are read
    status(real_root)
    assert len(entries(cache_dir)) == len(data_files(real_root))


def test_a_value_pickle_cannot_hold_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path))
    cache.put(b"x", "plan", lambda: None)
    assert cache.get(b"x", "plan") == (False, None)


def test_the_same_bytes_as_another_kind_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path))
    cache.put(b"[]\n", "signals", ["kept as signals"])
    assert cache.get(b"[]\n", "signals") == (True, ["kept as signals"])
    assert cache.get(b"[]\n", "decisions") == (False, None)
    assert cache.get(b"[] \n", "signals") == (False, None)


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(demo_root: Path, cache_dir: Path) -> None:
    def report() -> str:
        result = run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-"])
        assert result.exit_code == 0, result.output
        return result.stdout

    first = report()
    kept = sorted((cache_dir / "jinja").glob("*.cache"))
    assert kept  # the templates, compiled once
    assert report() == first
    for number, entry in enumerate(kept):
        blob = entry.read_bytes()
        entry.write_bytes([b"", blob[: len(blob) // 2], b"garbage"][number % 3])
    assert report() == first


def test_a_sandboxed_run_does_not_take_the_code_of_an_unsandboxed_one(demo_root: Path, cache_dir: Path,
                                                                      tmp_path: Path) -> None:
    """Templates from a data repository run sandboxed, so the package's templates do too in
    that run; their compiled code differs (intercepted operators) and is kept apart."""
    run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-"])
    plain = set((cache_dir / "jinja").glob("*.cache"))
    overrides = tmp_path / "templates"
    overrides.mkdir()
    result = run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-", "--templates", str(overrides)])
    assert result.exit_code == 0, result.output
    assert set((cache_dir / "jinja").glob("*.cache")) - plain  # compiled again, for the sandbox


def test_the_key_covers_every_module_that_reads_and_validates() -> None:
    """The cache key hashes the modules at the package's top (ssw/cache.py): reading and
    validating must not move into a subpackage unseen, or an entry could outlive its code."""
    probe = "import sys, ssw.loader; print(' '.join(m for m in sys.modules if m.startswith('ssw.') and '.' in m[4:]))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == []
