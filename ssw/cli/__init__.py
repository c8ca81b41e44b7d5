"""The command line: parse options, call the core, render. No logic lives here.

`base` holds the application and the entry point, `options` what the commands share;
each other module registers a few commands (see `base.COMMANDS`). Heavy modules
(pydantic, rich, jinja2) are imported inside the commands that need them, so
`ssw --version` and the start of every command stay fast.
"""

from __future__ import annotations

from typing import Any

from ssw.cli.base import main, register

__all__ = ["app", "main", "register"]


def __getattr__(name: str) -> Any:
    """`ssw.cli.app`: the application with every command registered."""
    if name == "app":
        return register()
    raise AttributeError(f"module 'ssw.cli' has no attribute {name!r}")
