"""Shared fixtures: copies of real roots in tmp folders, and the CLI as users run it."""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.testing import CliRunner

# Scratch files on a RAM disk when the machine has one (Linux's /dev/shm) and TMPDIR is not
# set: the tests create, fsync and delete tens of thousands of small files (git
# repositories, logs, reports), which on a disk was half the suite's wall time. tmpfs keeps
# the POSIX behaviour the tests check (links, FIFOs, sockets, modes); no test checks that
# data survives a power cut. Processes the tests start (ssw, git) inherit TMPDIR.
_RAM = Path("/dev/shm")
if "TMPDIR" not in os.environ and _RAM.is_dir() and os.access(_RAM, os.W_OK | os.X_OK):
    os.environ["TMPDIR"] = str(_RAM)
    tempfile.tempdir = str(_RAM)

# Bytecode: where the environment forbids writing it beside the sources
# (PYTHONDONTWRITEBYTECODE), every process the suite starts (pytest's workers, ssw, the
# benchmarks) would compile ssw, the tests and the standard library from source again. They
# cache it in a folder of their own under the tmp folder instead; the sources stay untouched.
if sys.dont_write_bytecode and not sys.pycache_prefix:
    sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "ssw-tests-pycache")
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# ssw's cache folder (validated files, compiled catalogues, record locks): one of the suite's
# own under the tmp folder, never the developer's ~/.cache/ssw. Tests of the cache set theirs.
os.environ.setdefault("SSW_CACHE_DIR", str(Path(tempfile.gettempdir()) / "ssw-tests-cache"))

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
WIDTH = "100"


def pytest_addoption(parser: pytest.Parser) -> None:
    # --- golden files (reports) ---
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")
    # --- slow proofs: skipped by default, run by `.ci/run` ---
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.slow` runs with --runslow or when -m selects it (`pytest -m slow`)."""
    if config.getoption("--runslow") or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow or -m slow (.ci/run does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_real_root(dest: Path) -> Path:
    """The repository's own data (plan/ and regions/) in a fresh folder."""
    shutil.copytree(REPO / "plan", dest / "plan")
    shutil.copytree(REPO / "regions", dest / "regions")
    return dest


def copy_demo_root(dest: Path) -> Path:
    """The demo root with the real plan beside it, as in the repository."""
    shutil.copytree(REPO / "plan", dest / "plan")
    shutil.copytree(REPO / "examples" / "demo", dest / "examples" / "demo")
    (dest / ".git").mkdir(exist_ok=True)
    return dest / "examples" / "demo"


@pytest.fixture
def real_root(tmp_path: Path) -> Path:
    return copy_real_root(tmp_path / "root")


@pytest.fixture
def demo_root(tmp_path: Path) -> Path:
    return copy_demo_root(tmp_path / "repo")


@pytest.fixture(scope="session")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo in a git repository whose history follows the demo's own dates
    (`test_report.git_demo_history`), made once for test_report and test_report_insight.
    Read only: a test that changes data makes its own repository."""
    from test_report import git_demo_history

    return git_demo_history(tmp_path_factory.mktemp("history"))


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.output = stdout + stderr


_build_tree = typer.testing._get_command  # type: ignore[attr-defined]


@functools.cache
def _tree() -> Any:
    """The application's command tree, built once. Typer builds it anew on every invoke (a
    third of a small command's time); each run words it again in its language
    (`ssw.cli.framework.localise`), as the script does for its one run."""
    from ssw.cli import app

    return _build_tree(app)


def _invoke(args: list[str], **kwargs: Any) -> Any:
    from ssw.cli import app

    typer.testing._get_command = lambda _app: _tree()  # type: ignore[attr-defined]
    try:
        return CliRunner().invoke(app, args, **kwargs)
    finally:
        typer.testing._get_command = _build_tree  # type: ignore[attr-defined]


def run(args: list[str], env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """The real CLI through Typer's CliRunner, at a fixed width and date."""
    base = {"COLUMNS": WIDTH, "SSW_TODAY": "2026-11-23", "NO_COLOR": "1", "SSW_LANG": "", "SSW_ROOT": ""}
    result = _invoke(args, env={**base, **(env or {})}, input=input, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)
