"""The benchmark generator writes valid, deterministic roots (correctness only, no timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GENERATE = REPO / "benchmarks" / "generate.py"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SSW_ROOT", "SSW_LANG")}
    env["SSW_TODAY"] = "2026-11-23"
    return env


def _generate(out: Path, *extra: str) -> None:
    proc = subprocess.run([sys.executable, str(GENERATE), "--scale", "XS", "--out", str(out), *extra],
                          capture_output=True, text=True, env=_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr


def _ssw(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ssw", "--root", str(root), *args],
                          capture_output=True, text=True, env=_env(), timeout=60)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "xs"
    _generate(out)
    return out


def test_generator_is_deterministic(generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _generate(again)
    first, second = _tree(generated), _tree(again)
    assert first.keys() == second.keys()
    assert first == second


def test_seed_changes_the_data(generated: Path, tmp_path: Path) -> None:
    other = tmp_path / "seed2"
    _generate(other, "--seed", "2")
    assert _tree(other) != _tree(generated)


def test_generated_root_has_the_documented_layout(generated: Path) -> None:
    files = set(_tree(generated))
    assert "plan/organisations.yaml" in files
    assert "plan/ssw-2020-2024/plan.yaml" in files
    assert "plan/ssw-2020-2024/themes/4.10.yaml" in files
    assert "regions/vlaanderen/platform.yaml" in files
    assert any(f.startswith("regions/vlaanderen/updates/") for f in files)
    assert any(f.startswith("regions/antwerpen/updates/") for f in files)
    # updates are block style, one key per line
    log = next(generated.glob("regions/vlaanderen/updates/*.yaml")).read_text(encoding="utf-8")
    assert "\n  status: " in log and "{" not in log
    # the note is required and the last key of every entry
    entries = log.split("\n- ")[1:]
    assert entries and all(e.rstrip("\n").split("\n")[-1].startswith("  note: ") for e in entries)


def test_validate_is_clean(generated: Path) -> None:
    proc = _ssw(generated, "validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "geen problemen" in proc.stdout + proc.stderr


def _trackable_and_scopes(root: Path) -> tuple[set[str], set[str]]:
    trackable, regional = set(), set()
    for path in (root / "plan" / "ssw-2020-2024" / "themes").glob("*.yaml"):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        for action in theme["actions"]:
            if not action.get("initiatives"):
                trackable.add(action["id"])
            for ini in action.get("initiatives") or []:
                trackable.add(ini["id"])
                if ini.get("scope") == "regionaal":
                    regional.add(ini["id"])
    return trackable, regional


def test_status_counts_every_generated_item(generated: Path) -> None:
    proc = _ssw(generated, "status", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    trackable, _ = _trackable_and_scopes(generated)
    assert data["totals"]["total"] == len(trackable)
    stamp = json.loads((generated / ".ssw-bench-stamp.json").read_text(encoding="utf-8"))
    assert stamp["counts"]["trackable"] == len(trackable)
    assert data["totals"]["onbekend"] < len(trackable)  # the updates land on items


def test_updates_respect_scope(generated: Path) -> None:
    """Regional platforms update regional initiatives only; vlaanderen only the others."""
    trackable, regional = _trackable_and_scopes(generated)
    assert regional, "the tiny scale should still have regional initiatives"
    seen_regional = False
    for path in (generated / "regions").glob("*/updates/*.yaml"):
        platform = path.parent.parent.name
        for update in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader):
            assert update["target"] in trackable
            assert (update["target"] in regional) == (platform != "vlaanderen")
            assert "2020" <= update["date"][:4] <= "2024"
            seen_regional |= platform != "vlaanderen"
    assert seen_regional
