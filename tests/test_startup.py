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
]

PROBE = """
import json, sys
from ssw.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
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
