"""Start-up: a command imports what it uses and nothing else (the script registers only the
commands named on its line); the registry of commands matches what the modules register."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

# What `ssw status` has no use for: other commands' code, the report and export machinery,
# git, and the heavy libraries of other commands.
NOT_FOR_STATUS = [
    "ssw.cli.insight", "ssw.cli.record", "ssw.cli.report", "ssw.cli.plans",
    "ssw.report", "ssw.export", "ssw.changes", "ssw.coverage", "ssw.agenda", "ssw.amendments",
    "ssw.record", "ssw.plans", "ssw.forge", "ssw.schema", "ssw.gitutil", "ssw.atomic",
    "ssw.completion", "ssw.lookup", "ssw.validation_text",  # Tab, `show`, pydantic errors only
    "jinja2", "rich", "openpyxl", "babel", "filelock", "markdown_it",
    "importlib.metadata",  # pydantic's plugin lookup, off (see ssw/cli/base.py)
    "json",  # the table needs no JSON
]

PROBE = """
import sys
from ssw.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
modules = sorted(sys.modules)  # before the probe's own json
import json
print(json.dumps({"code": code, "modules": modules}), file=sys.stderr)
"""


def modules_after(*args: str) -> tuple[int, set[str]]:
    env = {**os.environ, "SSW_TODAY": "2026-11-23", "SSW_LANG": "", "NO_COLOR": "1"}
    env.pop("SSW_ROOT", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=60)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def test_status_imports_only_what_it_uses() -> None:
    code, modules = modules_after("--root", str(REPO / "examples" / "demo"), "status")
    assert code in (0, None)
    assert "ssw.status" in modules and "ssw.cli.commands" in modules  # it did run
    assert sorted(m for m in NOT_FOR_STATUS if m in modules) == []


def test_report_loads_what_status_does_not() -> None:
    """The probe can see a module being loaded: `report` needs the report package and jinja2."""
    code, modules = modules_after("--root", str(REPO / "examples" / "demo"), "report", "--out", "-")
    assert code in (0, None)
    assert {"ssw.report", "jinja2", "ssw.cli.report"} <= modules
    assert "ssw.cli.record" not in modules


def test_every_command_has_its_module_in_the_registry() -> None:
    from typer.main import get_command

    from ssw.cli import app
    from ssw.cli.base import COMMANDS

    assert sorted(get_command(app).commands) == sorted(COMMANDS)  # type: ignore[attr-defined]


def test_pydantic_asks_the_plugin_loader_only_for_get_plugins() -> None:
    """ssw's script stands in for pydantic's plugin loader while plugins are off (ssw/cli/base.py);
    a pydantic that asks the loader for anything else must make this test fail, not a run."""
    import ast
    from pathlib import Path

    import pydantic

    root = Path(pydantic.__file__).parent
    asked = set()
    for path in root.rglob("*.py"):
        package = ".".join(("pydantic", *path.relative_to(root).parent.parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module or ""]) if node.level else node.module
            if module == "pydantic.plugin._loader":
                asked |= {alias.name for alias in node.names}
    assert asked == {"get_plugins"}


def test_the_stand_in_answers_no_plugins_and_steps_aside_when_plugins_are_wanted() -> None:
    probe = ("import sys, ssw.cli, pydantic\n"
             "from pydantic import BaseModel\n"
             "class M(BaseModel):\n    a: int\n"
             "print(M(a=1).a, 'importlib.metadata' in sys.modules)")
    off = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"})
    on = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                        env={**os.environ, "PYDANTIC_DISABLE_PLUGINS": ""})
    assert off.stdout.split() == ["1", "False"]
    assert on.stdout.split() == ["1", "True"]  # the real loader looked for plugins
