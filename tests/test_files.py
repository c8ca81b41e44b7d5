"""What is not a regular file, links out of (or across) the tree, and where output goes.

ssw reads and replaces regular files only and follows no link inside plan/ and
regions/; `--out` writes into a device, FIFO or folder as such, refuses links, and
replaces regular files atomically. Every case has a deadline, so a hang fails the test
instead of stopping the suite: in this process an alarm interrupts a blocked open or read;
the cases that could read an endless device (/dev/zero, /dev/urandom) run as real
processes with a timeout, which also stops a read that never blocks."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run

pytestmark = pytest.mark.skipif(os.name == "nt", reason="FIFOs, devices and POSIX links")

LOG = "regions/antwerpen/updates/2023.yaml"
UPDATE = '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: Eerste bijeenkomst.\n'
ENV = {"SSW_LANG": "en", "SSW_TODAY": "2026-11-23", "SSW_ROOT": ""}


class Hang(BaseException):
    """Raised by the alarm; not an Exception, so the CLI cannot report it as its own error."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ssw(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in this process (CliRunner), stopped by an alarm after `timeout` seconds."""
    with deadline(timeout):
        done = run(["--root", str(root), *args], env=ENV)
    return subprocess.CompletedProcess(args, done.exit_code, done.stdout, done.stderr)


def ssw_process(root: Path, *args: str, timeout: float = 60,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed CLI as a process of its own, killed after `timeout` seconds."""
    return subprocess.run([sys.executable, "-m", "ssw", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **ENV, **(env or {})})


def no_internal_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def _record(root: Path, region: str = "antwerpen", *extra: str) -> subprocess.CompletedProcess[str]:
    return ssw(root, "record", "4.2.2.2", "--region", region, "--status", "lopend", "--date", "2023-05-01",
               "--note", "Tweede bijeenkomst.", *extra, timeout=30)


# -- reading what is not a file -----------------------------------------------------------

@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_data_file_linked_to_a_device_is_never_read(real_root: Path, target: str) -> None:
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    for args in (["validate"], ["status"], ["show", "antwerpen"]):
        result = (ssw if target == "/dev/null" else ssw_process)(real_root, *args, timeout=20)
        no_internal_error(result)
        assert result.returncode == 1 and f"{LOG}:1:1: error: link out of the data folder" in result.stdout + result.stderr


def test_fifo_socket_and_device_named_like_data_files(real_root: Path) -> None:
    folder = real_root / "regions/antwerpen/updates"
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "2023.yaml")
    (folder / "2022.yaml").mkdir()  # a folder named as a log is no log either
    sock = socket.socket(socket.AF_UNIX)
    with contextlib.chdir(folder):  # a socket's path holds at most 107 bytes; a tmp folder can be longer
        sock.bind("2024.yaml")
    try:
        result = ssw(real_root, "validate", timeout=20)
        no_internal_error(result)
        assert result.returncode == 1
        assert f"{LOG}:1:1: error: not a regular file (FIFO)" in result.stdout
        assert "regions/antwerpen/updates/2024.yaml:1:1: error: not a regular file (socket)" in result.stdout
        assert "regions/antwerpen/updates/2022.yaml:1:1: error: not a regular file (folder)" in result.stdout
        dutch = ssw(real_root, "validate", "--lang", "nl", timeout=20).stdout
        assert "2022.yaml:1:1: error: geen gewoon bestand (map)" in dutch and "(FIFO)" in dutch
    finally:
        sock.close()


def test_record_into_a_fifo_log_refuses_without_hanging(real_root: Path) -> None:
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    result = _record(real_root)
    no_internal_error(result)
    assert result.returncode == 1 and "not a regular file (FIFO)" in result.stdout + result.stderr
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


@pytest.mark.parametrize("loop", ["self", "pair", "folder"])
def test_link_loops_are_reported(real_root: Path, loop: str) -> None:
    folder = real_root / "regions/antwerpen/updates"
    folder.mkdir(parents=True, exist_ok=True)
    if loop == "self":
        os.symlink("2023.yaml", folder / "2023.yaml")
    elif loop == "pair":
        os.symlink("b.yaml", folder / "2023.yaml")
        os.symlink("2023.yaml", folder / "b.yaml")
    else:
        os.symlink(".", folder / "loop")
    result = ssw(real_root, "validate", timeout=20)
    no_internal_error(result)
    assert result.returncode == 1 and "regions/antwerpen/updates/" in result.stdout
    assert _record(real_root).returncode == 1 if loop != "folder" else True


# -- links out of and across the tree -------------------------------------------------------

@pytest.mark.parametrize("folder", ["regions", "plan"])
def test_data_folder_itself_linked_out_of_the_root(real_root: Path, tmp_path: Path, folder: str) -> None:
    outside = tmp_path / "elsewhere" / folder
    (real_root / folder).rename(outside.parent.mkdir(parents=True) or outside)
    os.symlink(outside, real_root / folder)
    before = sorted(p.relative_to(outside) for p in outside.rglob("*"))
    result = ssw(real_root, "validate")
    no_internal_error(result)
    assert result.returncode == 1 and f"{folder}:1:1: error: link out of the data folder" in result.stdout
    recorded = _record(real_root)
    no_internal_error(recorded)
    assert recorded.returncode != 0
    assert sorted(p.relative_to(outside) for p in outside.rglob("*")) == before  # nothing written out there


@pytest.mark.parametrize("link", ["folder", "file"])
def test_links_across_platforms_are_refused(real_root: Path, link: str) -> None:
    """antwerpen/updates -> ../brussel/updates would book brussel's updates as antwerpen's."""
    brussel = real_root / "regions/brussel/updates"
    brussel.mkdir(parents=True, exist_ok=True)
    (brussel / "2023.yaml").write_text(UPDATE, encoding="utf-8")
    if link == "folder":
        os.symlink("../brussel/updates", real_root / "regions/antwerpen/updates")
        shown = "regions/antwerpen/updates"
    else:
        (real_root / "regions/antwerpen/updates").mkdir(exist_ok=True)
        os.symlink("../../brussel/updates/2023.yaml", real_root / LOG)
        shown = LOG
    before = (brussel / "2023.yaml").read_bytes()
    result = ssw(real_root, "validate")
    assert result.returncode == 1 and f"{shown}:1:1: error: link to regions/brussel/updates" in result.stdout
    recorded = _record(real_root)
    no_internal_error(recorded)
    assert recorded.returncode == 1 and "link" in recorded.stdout + recorded.stderr
    assert (brussel / "2023.yaml").read_bytes() == before


def _git(cwd: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x"}
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, text=True, check=True,
                          env=env).stdout.strip()


@pytest.mark.parametrize("name", ["..", "../..", ".git"])
def test_changes_never_writes_outside_its_temporary_folder(real_root: Path, tmp_path: Path, name: str) -> None:
    _git(real_root, "init", "-q")
    _git(real_root, "add", "-A")
    _git(real_root, "commit", "-qm", "start")
    blob = _git(real_root, "hash-object", "-w", "--stdin", stdin=UPDATE)
    tree = _git(real_root, "mktree", stdin=f"100644 blob {blob}\tescaped.yaml\n")
    for part in reversed(name.split("/")):
        tree = _git(real_root, "mktree", stdin=f"040000 tree {tree}\t{part}\n")
    regions = _git(real_root, "rev-parse", "HEAD:regions")
    listing = _git(real_root, "ls-tree", regions) + "\n"
    listing += f"040000 tree {tree}\t{name.split('/')[0]}\n" if "/" not in name else ""
    new_regions = _git(real_root, "mktree", stdin=listing if "/" not in name else listing + f"040000 tree {tree}\t..\n")
    root_listing = "\n".join(line for line in _git(real_root, "ls-tree", "HEAD").splitlines()
                             if not line.endswith("\tregions")) + f"\n040000 tree {new_regions}\tregions\n"
    commit = _git(real_root, "commit-tree", "-p", "HEAD", "-m", "crafted", _git(real_root, "mktree", stdin=root_listing))
    temp = tmp_path / "a" / "b" / "c"
    temp.mkdir(parents=True)
    # a process of its own: TMPDIR is read once per process
    result = ssw_process(real_root, "changes", "--since", "HEAD", "--until", commit, env={"TMPDIR": str(temp)})
    no_internal_error(result)
    assert not [p for p in tmp_path.rglob("escaped.yaml")], "written outside the temporary folder"


# -- --out ----------------------------------------------------------------------------------

def _reader(fifo: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(fifo, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("args", [["report", "--year", "2023"], ["export", "--format", "json"],
                                  ["export", "--format", "xlsx"]])
def test_out_into_a_fifo_writes_into_it(real_root: Path, tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _reader(fifo, got)
    result = ssw(real_root, *args, "--out", str(fifo), timeout=60)
    thread.join(10)
    no_internal_error(result)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and got and got[0]


@pytest.mark.parametrize("args", [["report", "--year", "2023"], ["export", "--format", "xlsx"]])
def test_out_to_a_device_is_not_replaced(real_root: Path, args: list[str]) -> None:
    result = ssw(real_root, *args, "--out", "/dev/null")
    no_internal_error(result)
    assert result.returncode == 0 and stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.parametrize("args", [["report", "--year", "2023"], ["export", "--format", "json"]])
def test_out_to_a_link_is_refused(real_root: Path, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.md"
    os.symlink(target, link)
    result = ssw(real_root, *args, "--out", str(link))
    no_internal_error(result)
    assert result.returncode == 2 and "link" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep"


def test_out_to_a_folder_writes_a_file_inside(real_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = ssw(real_root, "report", "--year", "2023", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert folder.is_dir() and [p.suffix for p in folder.iterdir()] == [".md"]


def test_out_replaces_a_regular_file_keeping_its_permissions(real_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    assert ssw(real_root, "report", "--year", "2023", "--out", str(path)).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text(encoding="utf-8") != "old"


def test_csv_folder_with_a_link_inside_is_not_replaced(real_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("keep", encoding="utf-8")
    os.symlink(secret, folder / "updates.csv")
    result = ssw(real_root, "export", "--format", "csv", "--out", str(folder))
    no_internal_error(result)
    assert result.returncode == 2 and (folder / "updates.csv").is_symlink() and secret.read_text() == "keep"


def test_default_reports_folder_linked_out_of_the_root(real_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, real_root / "reports")
    result = ssw(real_root, "report", "--year", "2023")
    no_internal_error(result)
    assert result.returncode == 1 and not list(outside.iterdir())


def test_record_refuses_a_read_only_log(real_root: Path) -> None:
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(UPDATE, encoding="utf-8")
    path.chmod(0o444)
    result = _record(real_root)
    no_internal_error(result)
    assert result.returncode == 1 and "read-only" in result.stderr
    assert path.read_text(encoding="utf-8") == UPDATE and stat.S_IMODE(path.stat().st_mode) == 0o444


# -- outputs of several files (schema, CSV export) and output errors in plain words --------

FOLDER_OUTPUTS = [["schema"], ["export", "--format", "csv"], ["export", "--format", "csv", "--excel"]]


def _not_a_folder(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"out-{kind}"
    if kind == "file":
        path.write_text("keep", encoding="utf-8")
    elif kind == "dangling":
        os.symlink(tmp_path / "nowhere", path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        return Path("/dev/null")
    return path


@pytest.mark.parametrize("args", FOLDER_OUTPUTS)
@pytest.mark.parametrize("kind", ["file", "dangling", "fifo", "device"])
def test_folder_outputs_refuse_what_is_not_a_folder(real_root: Path, tmp_path: Path, args: list[str],
                                                    kind: str) -> None:
    path = _not_a_folder(tmp_path, kind)
    before = os.lstat(path)
    result = ssw(real_root, *args, "--out", str(path), timeout=30)
    no_internal_error(result)
    assert result.returncode == 2 and "not a folder" in result.stderr, result.stderr
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not (tmp_path / "nowhere").exists()
    if kind == "file":
        assert path.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("args", [["report", "--year", "2023"], ["export", "--format", "json"],
                                  ["export", "--format", "xlsx"]])
def test_out_refuses_a_read_only_file_even_for_root(real_root: Path, tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "kept"
    path.write_text("keep", encoding="utf-8")
    path.chmod(0o444)
    result = ssw(real_root, *args, "--out", str(path))
    no_internal_error(result)
    assert result.returncode == 2 and "read-only" in result.stderr, result.stderr
    assert path.read_text(encoding="utf-8") == "keep" and stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang, words, foreign", [("nl", "geen ruimte meer", "No space"),
                                                  ("en", "no space left", "geen ruimte")])
def test_output_errors_speak_the_users_language(real_root: Path, lang: str, words: str, foreign: str) -> None:
    result = ssw(real_root, "--lang", lang, "export", "--format", "json", "--out", "/dev/full")
    no_internal_error(result)
    assert result.returncode == 1 and words in result.stderr and foreign not in result.stderr, result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
