"""Shell completion is on and completes from the data: item ids, platforms, statuses, plans
(through the completion environment variables, as bash calls the installed script)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SSW = Path(sys.executable).parent / "ssw"


def complete(words: str, cwd: Path, **env: str) -> list[str]:
    """What bash's Tab offers after `words` (the last word is the one being completed)."""
    parts = words.split(" ")
    done = subprocess.run([str(SSW)], cwd=cwd, capture_output=True, text=True, timeout=60, env={
        **os.environ, "_SSW_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1),
        "SSW_ROOT": "", **env})
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.fixture(autouse=True)
def _script_installed() -> None:
    if not SSW.exists():
        pytest.skip(f"no ssw script beside {sys.executable}")


def test_show_completes_the_ids_under_a_theme(demo_root: Path) -> None:
    offered = complete("ssw show 4.8", demo_root)
    theme = (demo_root.parent.parent / "plan" / "ssw-2020-2024" / "themes" / "4.8.yaml").read_text("utf-8")
    assert "4.8.1" in offered and "4.8.2.1" in offered and "4.8" in offered
    assert all(i.startswith("4.8") for i in offered)
    assert all(f'"{i}"' in theme or f"'{i}'" in theme or f" {i}\n" in theme for i in offered if i != "4.8"), offered
    assert offered.index("4.8.1") < offered.index("4.8.2")  # in the plan's order


def test_completion_follows_root_typed_on_the_line(demo_root: Path, tmp_path: Path) -> None:
    offered = complete(f"ssw --root {demo_root} show antw", tmp_path)
    assert offered[0] == "antwerpen" and "antwerpen.2023.1" in offered  # the platform, its own actions
    assert complete("ssw show antw", tmp_path) == []  # no root here: nothing, and no error


def test_platforms_statuses_and_plans(demo_root: Path) -> None:
    assert complete("ssw record 4.2.2.2 --region oost", demo_root) == ["oost-vlaanderen"]
    assert complete("ssw record 4.2.2.2 --status ge", demo_root) == ["gepland", "gerealiseerd", "geschrapt"]
    assert set(complete("ssw status --plan ", demo_root)) >= {"ssw-2020-2024", "sam-2021-2025"}
    assert complete("ssw record 4.2.2.", demo_root)[:2] == ["4.2.2.1", "4.2.2.2"]


def test_completion_can_be_shown_and_is_offered_in_help(demo_root: Path) -> None:
    shown = subprocess.run([str(SSW), "--show-completion", "bash"], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert shown.returncode == 0 and "_SSW_COMPLETE" in shown.stdout
    help_text = subprocess.run([str(SSW), "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
