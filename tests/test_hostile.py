"""Hostile and broken input: every limit refuses with a clear message naming the limit,
in bounded time, with exit 1 and no traceback (README "What ssw promises")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run
from ssw import loader
from ssw.root import open_root

LOG = "regions/antwerpen/updates/2023.yaml"


def put(root: Path, data: bytes | str) -> None:
    path = root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def validate_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    """As a real process: a crash in C code (libyaml) would show here as a signal."""
    return subprocess.run([sys.executable, "-m", "ssw", "--root", str(root), "validate"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "SSW_LANG": "en"})


@pytest.mark.parametrize("text", [
    "[" * 200_000 + "]" * 200_000 + "\n",
    "- " * 400_000 + "x\n",
    "a:\n" + "".join("  " * i + "a:\n" for i in range(1, 300)),
    "{a: " * 100 + "1" + "}" * 100 + "\n",
], ids=["flow", "compact", "indent", "mapping"])
def test_deep_nesting_is_refused_not_crashed(real_root: Path, text: str) -> None:
    put(real_root, text)
    result = validate_subprocess(real_root)
    assert result.returncode == 1, result.stderr
    assert "nested too deeply (limit 64 levels)" in result.stdout and f"{LOG}:" in result.stdout


def test_large_file_is_refused_with_the_limit(real_root: Path) -> None:
    put(real_root, "# " + "x" * 6_000_000 + "\n")
    result = run(["--root", str(real_root), "validate", "--lang", "en"])
    assert result.exit_code == 1 and "limit 5000000" in result.output


def test_long_text_is_refused_with_the_limit(real_root: Path) -> None:
    put(real_root, f'- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: {"x" * 30_000}\n')
    result = run(["--root", str(real_root), "validate", "--lang", "en"])
    assert result.exit_code == 1 and f"{LOG}:4:9:" in result.output and "limit 20000" in result.output


def test_too_many_files_names_the_limit(real_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILES", 5)
    loaded = loader.load(open_root(real_root))
    assert any(p.code == "too-many-files" and p.params["limit"] == 5 for p in loaded.problems)


def test_nul_and_control_characters(real_root: Path) -> None:
    put(real_root, b'- date: 2023-03-14\n  note: "a\x00b"\n')
    out = run(["--root", str(real_root), "validate"]).output
    assert f"{LOG}:2:11: error: NUL" in out
    put(real_root, '- date: 2023-03-14\n  note: "a\x07b"\n')
    out = run(["--root", str(real_root), "validate"]).output
    assert f"{LOG}:2:" in out and "ongeldig teken" in out


def test_crlf_files_are_read(real_root: Path) -> None:
    put(real_root, '- date: 2023-03-14\r\n  target: "4.2.2.2"\r\n  status: lopend\r\n  note: x\r\n')
    assert run(["--root", str(real_root), "validate"]).exit_code == 0


def test_word_processor_quotes_do_not_quote(real_root: Path) -> None:
    put(real_root, "- date: 2023-03-14\n  target: \u201c4.2.2.2\u201d\n  status: lopend\n  note: x\n")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1 and f"{LOG}:2:11:" in result.output
    assert 'gebruik gewone aanhalingstekens: "4.2.2.2"' in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_links_out_of_the_tree_are_refused(real_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("- date: 2023-03-14\n")
    os.symlink(outside, real_root / "regions/antwerpen/secret.yaml")
    os.symlink(tmp_path, real_root / "regions/antwerpen/elsewhere")
    out = run(["--root", str(real_root), "validate", "--lang", "en"]).output
    assert "regions/antwerpen/secret.yaml:1:1: error: link out of the data folder refused" in out
    assert "regions/antwerpen/elsewhere:1:1: error: link out of the data folder refused" in out


def test_unsafe_tag_never_runs(real_root: Path, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    put(real_root, f'- !!python/object/apply:os.system ["touch {marker}"]\n')
    result = validate_subprocess(real_root)
    assert result.returncode == 1 and not marker.exists()
    assert "unsafe or unknown YAML tag" in result.stdout
