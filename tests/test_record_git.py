"""`ssw record` in real git repositories: diffs that only add lines, `--commit` of exactly one
file, and two branches whose logs merge with the union driver of .gitattributes (the CLI in
this process, git as its own processes); and in real processes of their own: 10 writers at
once (50 with -m slow), a writer killed mid-write, commits waiting for each other (4
at once, 10 with -m slow)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_real_root, run
from ssw import gitutil
from ssw.yamlfile import parse

TODAY = "2023-06-01"
LOG = "regions/antwerpen/updates/2023.yaml"
FLEMISH_LOG = "regions/vlaanderen/updates/2021.yaml"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def isolate_git(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """No global or system git configuration leaks into the tests: `folder` is the home."""
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(folder / ".gitconfig"))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                 "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_git(monkeypatch, tmp_path / "home")


def make_repo(dest: Path) -> Path:
    """The real data with the repository's .gitattributes and .gitignore, committed on main."""
    root = copy_real_root(dest)
    shutil.copy(REPO / ".gitattributes", root / ".gitattributes")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Voorzitter")
    git(root, "config", "user.email", "voorzitter@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


@pytest.fixture
def repo(tmp_path: Path, home: Path) -> Path:
    return make_repo(tmp_path / "repo")


def ssw(root: Path, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    """The CLI run in `root`, in this process (CliRunner): git runs as its own processes."""
    with contextlib.chdir(root):
        done = run([*args, "--root", str(root)], env={"SSW_TODAY": today})
    return subprocess.CompletedProcess(args, done.exit_code, done.stdout, done.stderr)


def ssw_process(root: Path, *args: str, today: str = TODAY,
                extra_env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The installed CLI as users run it, a process of its own: for writers at once and a kill."""
    env = {**os.environ, "SSW_TODAY": today, "NO_COLOR": "1", "SSW_LANG": "", "SSW_ROOT": "", **(extra_env or {})}
    cmd = [sys.executable, "-m", "ssw", *args, "--root", str(root)]
    return subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def log_entries(path: Path) -> list[dict]:
    result = parse(path.read_text(encoding="utf-8-sig"), "x")
    assert not result.problems, result.problems
    return result.data or []


def test_record_diff_only_adds_lines(repo: Path) -> None:
    done = ssw(repo, "record", "4.2.1.2", "--region", "vlaanderen", "--status", "gerealiseerd",
               "--date", "2021-12-20", "--note", "Inventaris: klaar #1", "--author", "SAM vzw")
    assert done.returncode == 0, done.stderr
    # after the comment line and the SWIPE entry (with its basis line)
    assert done.stdout.startswith(f"geregistreerd in {FLEMISH_LOG}:8: 4.2.1.2 → gerealiseerd")
    diff = git(repo, "diff", "--", FLEMISH_LOG).splitlines()
    body = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert body and all(line.startswith("+") for line in body)
    assert git(repo, "diff", "--numstat").split()[:2] == [str(len(body)), "0"]
    assert git(repo, "status", "--porcelain") == f" M {FLEMISH_LOG}\n"  # no lock or temp file shows up


def test_commit_makes_one_commit_of_one_file(repo: Path) -> None:
    platform = repo / "regions/antwerpen/platform.yaml"
    platform.write_text(platform.read_text(encoding="utf-8") + "# staged, not to be committed\n", encoding="utf-8")
    git(repo, "add", str(platform))
    before = git(repo, "rev-parse", "HEAD").strip()
    done = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14",
               "--note", "Eerste bijeenkomst", "--commit")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"geregistreerd in {LOG}:2: 4.2.2.2 → lopend"
    head = git(repo, "rev-parse", "HEAD").strip()
    assert lines[1] == f"commit {git(repo, 'rev-parse', '--short', 'HEAD').strip()}: record antwerpen 4.2.2.2: lopend"
    assert git(repo, "rev-list", f"{before}..{head}").split() == [head]
    assert git(repo, "show", "--name-only", "--format=%s%n%an", "HEAD").split("\n")[:4] == [
        "record antwerpen 4.2.2.2: lopend", "Test Voorzitter", "", LOG]
    assert git(repo, "diff", "--cached", "--name-only").split() == ["regions/antwerpen/platform.yaml"]
    assert not gitutil.is_dirty(repo, [LOG])
    assert gitutil.is_dirty(repo, ["regions/antwerpen/platform.yaml"])
    assert gitutil.head(repo) == head


def test_commit_refuses_when_the_log_has_other_uncommitted_edits(repo: Path) -> None:
    """--commit commits the new entry under a message naming it: an earlier hand edit of
    the same file would ride along silently, so nothing is written and the user is told."""
    assert ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14",
               "--note", "eerste", "--commit").returncode == 0
    log = repo / LOG
    edited = log.read_text(encoding="utf-8").replace("note: eerste", "note: eerste (aangepast)")
    log.write_text(edited, encoding="utf-8")
    before = git(repo, "rev-parse", "HEAD").strip()
    done = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "gerealiseerd", "--date", "2023-05-02",
               "--note", "klaar", "--commit")
    assert done.returncode == 1
    assert "niet gecommit" in done.stderr and f"git diff -- {LOG}" in done.stderr and "zonder --commit" in done.stderr
    assert log.read_text(encoding="utf-8") == edited  # nothing written
    assert git(repo, "rev-parse", "HEAD").strip() == before
    # without --commit the entry lands, and the user commits when ready
    assert ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "gerealiseerd", "--date", "2023-05-02",
               "--note", "klaar").returncode == 0


def test_add_action_commit(repo: Path) -> None:
    done = ssw(repo, "add-action", "--region", "limburg", "--title", "Intervisie", "--theme", "4.9",
               "--date", "2023-04", "--commit")
    assert done.returncode == 0, done.stderr
    assert "limburg.2023.1" in done.stdout
    assert git(repo, "log", "-1", "--format=%s").strip() == "add-action limburg limburg.2023.1"
    assert git(repo, "status", "--porcelain") == ""


def test_commit_outside_git_refuses_before_writing(tmp_path: Path, home: Path) -> None:
    root = copy_real_root(tmp_path / "plain")
    done = ssw(root, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03",
               "--note", "x", "--commit")
    assert done.returncode == 1
    assert "is geen git-repository" in done.stderr
    assert not (root / LOG).exists()
    assert gitutil.head(root) is None and not gitutil.is_work_tree(root)


def test_commit_without_a_git_identity_refuses_before_writing(repo: Path) -> None:
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    git(repo, "config", "user.useConfigOnly", "true")
    done = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03",
               "--note", "x", "--commit")
    assert done.returncode == 1
    assert "git config user.name" in done.stderr
    assert not (repo / LOG).exists()


@pytest.mark.parametrize("writers", [10, pytest.param(50, marks=pytest.mark.slow)])
def test_many_writers_at_once_all_land(repo: Path, writers: int) -> None:
    procs = [
        ssw_process(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14",
                    "--note", f"schrijver {n}: #{n}")
        for n in range(writers)
    ]
    results = [(p.wait(timeout=120), p.communicate()) for p in procs]
    assert [code for code, _ in results] == [0] * writers, [err for code, (_, err) in results if code][:3]
    notes = [e["note"] for e in log_entries(repo / LOG)]
    assert sorted(notes) == sorted(f"schrijver {n}: #{n}" for n in range(writers))
    lines = sorted(int(out.split(":")[1]) for _, (out, _) in results)
    assert lines == [2 + 5 * n for n in range(writers)]  # every writer saw its own, distinct line
    assert run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY}).exit_code == 0
    assert not list((repo / LOG).parent.glob("*.tmp"))


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_writer_killed_mid_write_leaves_the_old_file(repo: Path) -> None:
    path = repo / FLEMISH_LOG
    old = path.read_bytes()
    proc = ssw_process(repo, "record", "4.2.1.2", "--region", "vlaanderen", "--status", "gerealiseerd",
                       "--date", "2021-12", "--note", "onderbroken", extra_env={"SSW_TEST_PAUSE_BEFORE_REPLACE": "60"})
    deadline = time.monotonic() + 30
    temps: list[Path] = []
    while not temps and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        temps = list(path.parent.glob(".2021.yaml.*.tmp"))
    assert temps, proc.communicate()
    assert b"onderbroken" in temps[0].read_bytes()  # the new text was written, not yet in place
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.communicate()
    assert path.read_bytes() == old
    done = ssw(repo, "record", "4.2.1.2", "--region", "vlaanderen", "--status", "gerealiseerd", "--date", "2021-12",
               "--note", "opnieuw")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes().startswith(old)
    assert [e["note"] for e in log_entries(path)][-1] == "opnieuw"
    assert not list(path.parent.glob("*.tmp"))  # the killed writer's temp file is cleaned up


def _branch_record(repo: Path, branch: str, date: str, note: str, *extra: str) -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")
    done = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", date,
               "--note", note, *extra, "--commit")
    assert done.returncode == 0, done.stderr


def _merge_two_branches(repo: Path, extra: tuple[str, ...] = ()) -> str:
    seed = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "gepland", "--date", "2023-01",
               "--note", "Start", "--commit")
    assert seed.returncode == 0, seed.stderr
    _branch_record(repo, "links", "2023-03-01", "Overleg met het OCMW", *extra)
    _branch_record(repo, "rechts", "2023-03-08", "Studiedag over digitale drempels", *extra)
    git(repo, "checkout", "-q", "links")
    merged = subprocess.run(["git", "merge", "--no-edit", "rechts"], cwd=repo, capture_output=True, text=True, check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    return (repo / LOG).read_text(encoding="utf-8")


def test_two_branches_appending_to_one_log_merge_cleanly(repo: Path) -> None:
    text = _merge_two_branches(repo)
    assert "<<<<<<<" not in text
    got = log_entries(repo / LOG)
    assert [e["note"] for e in got] == ["Start", "Overleg met het OCMW", "Studiedag over digitale drempels"]
    assert all(set(e) == {"id", "date", "target", "status", "note"} for e in got[1:])
    result = run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY})
    assert result.exit_code == 0, result.output


def test_union_merge_keeps_equal_authors(repo: Path) -> None:
    """Both branches' entries share the author line; it is no longer their last line."""
    _merge_two_branches(repo, ("--author", "Voorzitter Antwerpen"))
    got = log_entries(repo / LOG)
    assert len(got) == 3 and all(e.get("author") == "Voorzitter Antwerpen" for e in got[1:])
    assert run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY}).exit_code == 0


def test_union_merge_never_loses_a_line_silently(repo: Path) -> None:
    """Entries sharing lines (same target, status, note): git's union merge keeps shared
    lines once. Every key but author and links is required, and the note is last, so
    `validate` reports the damaged entry instead of hiding it."""
    seed = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "gepland", "--date", "2023-01",
               "--note", "Start", "--commit")
    assert seed.returncode == 0, seed.stderr
    _branch_record(repo, "links", "2023-03-01", "Vergadering gehouden.")
    _branch_record(repo, "rechts", "2023-03-08", "Vergadering gehouden.")
    git(repo, "checkout", "-q", "links")
    subprocess.run(["git", "merge", "--no-edit", "rechts"], cwd=repo, capture_output=True, text=True, check=False)
    text = (repo / LOG).read_text(encoding="utf-8")
    if text.count("Vergadering gehouden.") == 2:
        assert run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY}).exit_code == 0
    else:
        result = run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY})
        assert result.exit_code == 1 and "ontbreekt" in result.output, result.output  # a required key went missing


@pytest.mark.skipif(os.name == "nt", reason="the editor runs through sh")
def test_editor_runs_like_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssw.cli import record as cli_record

    monkeypatch.setenv("GIT_EDITOR", "printf 'Uit de editor: ok\\n' >>")
    assert cli_record._edit("# uitleg\n", repo) == "# uitleg\nUit de editor: ok\n"
    monkeypatch.setenv("GIT_EDITOR", "false")
    assert cli_record._edit("# uitleg\n", repo) is None


@pytest.mark.parametrize("writers", [4, pytest.param(10, marks=pytest.mark.slow)])
def test_concurrent_commits_all_land(repo: Path, writers: int) -> None:
    """Four (ten with -m slow) `record --commit` at once: each waits for the others' commits
    (never "remove index.lock by hand"), and every update is in its own commit."""
    procs = [
        ssw_process(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14",
                    "--note", f"committer {n}", "--commit")
        for n in range(writers)
    ]
    results = [(p.wait(timeout=180), p.communicate()) for p in procs]
    assert [code for code, _ in results] == [0] * writers, [err for code, (_, err) in results if code][:3]
    assert not any("index.lock" in err for _, (_, err) in results)
    log = git(repo, "log", "--format=%s", "--", LOG).splitlines()
    assert len(log) == writers
    assert git(repo, "status", "--porcelain", "--", LOG) == ""


def test_a_commit_waits_for_another_git_process(repo: Path) -> None:
    """git's own index.lock held by another process for a moment: the commit waits."""
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    proc = ssw_process(repo, "record", "4.2.2.2", "--region", "antwerpen", "--status", "lopend",
                       "--date", "2023-03-14", "--note", "na het slot", "--commit")
    time.sleep(1.0)
    lock.unlink()
    code = proc.wait(timeout=60)
    _, err = proc.communicate()
    assert code == 0, err
    assert "na het slot" in (repo / LOG).read_text(encoding="utf-8")
    assert git(repo, "log", "-1", "--format=%s").startswith("record antwerpen 4.2.2.2")


@pytest.mark.parametrize(("lang", "reason"), [
    ("nl", "git weigerde de commit"),
    ("en", "git refused the commit"),
])
def test_a_failed_commit_is_explained_in_the_users_language(repo: Path, lang: str, reason: str) -> None:
    """git's own words are English; the chair reads why in their language, with git's line
    beside it, and learns that the update was written but not committed."""
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'commit refused by policy' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    done = ssw(repo, "--lang", lang, "record", "4.2.1.2", "--region", "vlaanderen", "--status", "lopend",
               "--date", "2021-12-20", "--note", "x", "--commit")
    assert done.returncode == 1, done.stderr
    assert reason in done.stderr and "(git: " in done.stderr, done.stderr
    assert FLEMISH_LOG in done.stderr and "Traceback" not in done.stderr
    written = {"nl": "is geschreven maar niet gecommit", "en": "was written but not committed"}[lang]
    assert written in done.stderr
