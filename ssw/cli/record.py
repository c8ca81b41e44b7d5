"""Commands that write: record (one progress update) and add-action (a platform's own action)."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ssw.cli.base import app
from ssw.cli.options import LangOpt, RootOpt, complete, h, load_data, platform_id, settings
from ssw.i18n import t
from ssw.problems import SswError

if TYPE_CHECKING:
    from pathlib import Path

    from ssw.loader import Loaded
    from ssw.record import Written
    from ssw.root import Root

RequiredRegionOpt = Annotated[str, typer.Option("--region", help=h("opt.region"), show_default=False,
                                                 autocompletion=complete("platform"))]
DateOpt = Annotated[str | None, typer.Option("--date", help=h("opt.date"), show_default=False)]
CommitOpt = Annotated[bool, typer.Option("--commit", help=h("opt.commit"))]


def _open_platform(ctx: typer.Context, root: str | None, lang: str | None, region: str) -> tuple[Root, str, Loaded, str]:
    """The start of every writing command. Invalid files elsewhere do not block a write:
    the core refuses only when the file it writes to is invalid."""
    root_, lang_ = settings(ctx, root, lang)
    loaded = load_data(root_, allow_invalid=True)
    return root_, lang_, loaded, platform_id(loaded.data, region)


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _note(note: str | None, lang: str, cwd: Path, **params: Any) -> str:
    """--note, else the editor (like `git commit`) on a terminal; a note is required."""
    if note is not None:
        return note
    if not _is_terminal():
        raise SswError("err.note-required", exit_code=2)
    text = _edit(t("record.editor-help", lang, **params) + "\n", cwd)
    lines = [line for line in (text or "").splitlines() if not line.startswith("#")]
    note_ = "\n".join(lines).strip()
    if not note_:
        raise SswError("err.note-empty")
    return note_


def _edit(text: str, cwd: Path) -> str | None:
    """Let the user edit `text` in git's editor (GIT_EDITOR, core.editor, VISUAL, EDITOR)."""
    import subprocess
    import tempfile
    from pathlib import Path

    from ssw import gitutil

    editor = (gitutil.editor(Path(cwd)) or os.environ.get("VISUAL") or os.environ.get("EDITOR")
              or ("notepad" if os.name == "nt" else "vi"))
    fd, name = tempfile.mkstemp(prefix="ssw-note-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if os.name == "nt":
            done = subprocess.run(f'{editor} "{name}"', shell=True, check=False)
        else:  # like git: the editor setting is a shell command
            done = subprocess.run(["sh", "-c", f'{editor} "$@"', editor, name], check=False)
        if done.returncode != 0:
            return None
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise SswError("err.editor", editor=editor) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


@app.command(help=h("cmd.record"))
def record(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="TARGET", help=h("opt.target"), autocompletion=complete("item"))],
    region: RequiredRegionOpt,
    status: Annotated[str | None, typer.Option("--status", help=h("opt.status"), show_default=False,
                                                                autocompletion=complete("status"))] = None,
    note: Annotated[str | None, typer.Option("--note", help=h("opt.note"), show_default=False)] = None,
    date: DateOpt = None,
    author: Annotated[str | None, typer.Option("--author", help=h("opt.author"), show_default=False)] = None,
    link: Annotated[list[str] | None, typer.Option("--link", help=h("opt.link"), show_default=False)] = None,
    planned: Annotated[bool, typer.Option("--planned", help=h("opt.planned"))] = False,
    commit: CommitOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Append one update to a platform's log (other lines stay untouched). Help text: i18n `cmd.record`."""
    from ssw import record as core

    root_, lang_, loaded, platform = _open_platform(ctx, root, lang, region)
    req = core.UpdateRequest(target, platform, status, note or "", date, author, tuple(link or ()), planned)
    if note is None:  # nothing the note cannot change may fail after it was typed
        checked = core.check_update(loaded, req, commit=commit)
        req = replace(req, note=_note(note, lang_, root_.path, target=target, region=platform, status=checked.status))
    try:
        done = core.record_update(loaded, req, commit=commit)
    except SswError:
        if note is None:  # typed in the editor: give it back rather than lose it
            typer.echo(t("err.note-kept", lang_, note=req.note), err=True)
        raise
    typer.echo(t("out.recorded", lang_, path=done.path, line=done.line, target=req.target.strip(), status=done.entry.status.value))
    _echo_commit(root_, done, lang_)


@app.command("add-action", help=h("cmd.add-action"))
def add_action(
    ctx: typer.Context,
    region: RequiredRegionOpt,
    title: Annotated[str, typer.Option("--title", help=h("opt.title"), show_default=False)],
    theme: Annotated[list[str] | None, typer.Option("--theme", help=h("opt.theme"), show_default=False,
                                                                 autocompletion=complete("theme"))] = None,
    text: Annotated[str, typer.Option("--text", help=h("opt.text"), show_default=False)] = "",
    date: DateOpt = None,
    krachtlijn: Annotated[list[str] | None, typer.Option("--krachtlijn", help=h("opt.krachtlijn-many"), show_default=False)] = None,
    speerpunt: Annotated[list[str] | None, typer.Option("--speerpunt", help=h("opt.speerpunt-many"), show_default=False)] = None,
    commit: CommitOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Add a platform's own (bottom-up) action, with the next free id. Help text: i18n `cmd.add-action`."""
    from ssw import record as core

    root_, lang_, loaded, platform = _open_platform(ctx, root, lang, region)
    req = core.ActionRequest(platform, title, tuple(theme or ()), text, date, tuple(krachtlijn or ()), tuple(speerpunt or ()))
    done = core.add_action(loaded, req, commit=commit)
    typer.echo(t("out.action-added", lang_, id=done.entry.id, path=done.path, line=done.line))
    _echo_commit(root_, done, lang_)


def _echo_commit(root: Root, done: Written, lang: str) -> None:
    if done.commit:
        from ssw import gitutil

        typer.echo(t("out.committed", lang, sha=gitutil.short(root.path, done.commit), message=done.message))
