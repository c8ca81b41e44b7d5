"""Every command has help text with an example and appears in the README; the
committed JSON Schemas match the models."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, run
from ssw import models
from ssw.schema import schema_text


def commands() -> list[str]:
    from typer.main import get_command

    from ssw.cli import app

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_with_an_example() -> None:
    for name in commands():
        result = run([name, "--help"])
        assert result.exit_code == 0, name
        assert "Voorbeeld: ssw " in result.stdout, f"{name} --help has no example"


@pytest.mark.parametrize("name", commands())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"ssw {name}" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(models.KINDS))
def test_committed_schemas_are_current(kind: str) -> None:
    path = REPO / "schemas" / f"{kind}.schema.json"
    assert path.is_file(), "run `ssw schema` to write schemas/"
    assert path.read_text(encoding="utf-8") == schema_text(kind), f"{path.name} is stale: run `ssw schema`"


def test_schema_of_one_kind_is_printed() -> None:
    result = run(["schema", "updates"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "array" and "status" in json.dumps(schema)


def test_unknown_schema_kind_is_a_usage_error() -> None:
    result = run(["schema", "nope"])
    assert result.exit_code == 2 and "updates" in result.output


def test_version() -> None:
    from ssw import __version__

    assert run(["--version"]).stdout.strip() == f"ssw {__version__}"


def test_help_follows_the_language() -> None:
    """Help texts come from the catalogue too: `--lang en` (or SSW_LANG=en) before the app is built."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SSW_LANG": ""}
    en = subprocess.run([sys.executable, "-m", "ssw", "--lang", "en", "status", "--help"], capture_output=True,
                        text=True, env=env, check=True).stdout
    nl = subprocess.run([sys.executable, "-m", "ssw", "status", "--help"], capture_output=True, text=True, env=env,
                        check=True).stdout
    assert "Where do we stand" in en and "Example: ssw status" in en and "Only quiet items." in en
    assert "Waar staan we" in nl and "Voorbeeld: ssw status" in nl and "Alleen stille items." in nl


def test_the_script_answers_every_command_and_typos() -> None:
    """The script prepares only the commands named on its line; everything else still works:
    the full help, a typo with a suggestion, one command's help, two command names at once."""
    import os
    import subprocess
    import sys

    def ssw(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ssw", *args], capture_output=True, text=True,
                              env={**os.environ, "SSW_LANG": "en"})

    full = ssw("--help")
    assert full.returncode == 0
    for name in ("validate", "status", "show", "regions", "record", "add-action", "report", "export",
                 "changes", "coverage", "agenda", "schema"):
        assert name in full.stdout
    typo = ssw("statsu")
    assert typo.returncode == 2 and "status" in typo.stderr
    one = ssw("add-action", "--help")
    assert one.returncode == 0 and "--theme" in one.stdout
    both = ssw("show", "status")  # `status` is an id here, not a command
    assert both.returncode == 1 and "status" in both.stderr and "Traceback" not in both.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ["record", "add-action"])
def test_the_example_in_the_help_of_a_writing_command_works_as_printed(tmp_path, name: str, lang: str) -> None:
    """A chair copies the example from `--help`; today (after the plan's end) it must work."""
    import shlex

    from conftest import copy_demo_root

    root = copy_demo_root(tmp_path / "repo")
    help_text = run(["--lang", lang, name, "--help"]).stdout
    word = {"nl": "Voorbeeld:", "en": "Example:"}[lang]
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(word))
    example = []
    for line in lines[start:]:
        if not line.strip():
            break
        example.append(line.strip())
    args = shlex.split(" ".join(example).split(word, 1)[1])
    assert args[:2] == ["ssw", name]
    result = run([*args[1:], "--root", str(root), "--lang", lang])
    assert result.exit_code == 0, result.output
