"""Commands that write: record (one progress update) and add-action (a platform's own action)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, Any, Optional

import typer

from ssw.cli import LangOpt, RootOpt, _load, _region, _settings, app
from ssw.i18n import t
from ssw.problems import SswError

RequiredRegionOpt = Annotated[str, typer.Option("--region", help="Platform-id, bv. antwerpen of vlaanderen.", show_default=False)]
DateOpt = Annotated[Optional[str], typer.Option("--date", help="Wanneer het gebeurde: JJJJ, JJJJ-MM of JJJJ-MM-DD (standaard vandaag).", show_default=False)]
CommitOpt = Annotated[bool, typer.Option("--commit", help="Commit daarna alleen dit bestand met git.")]


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _note(note: str | None, lang: str, cwd: Any, **params: Any) -> str:
    """--note, else the editor (like `git commit`) on a terminal; a note is required."""
    if note is not None:
        return note
    if not _is_terminal():
        raise SswError("err.note-required")
    text = _edit(t("record.editor-help", lang, **params) + "\n", cwd)
    lines = [line for line in (text or "").splitlines() if not line.startswith("#")]
    note_ = "\n".join(lines).strip()
    if not note_:
        raise SswError("err.note-empty")
    return note_


def _edit(text: str, cwd: Any) -> str | None:
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


@app.command()
def record(
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Initiatief (of actie zonder initiatieven, eigen actie), bv. 4.2.2.2.")],
    region: RequiredRegionOpt,
    status: Annotated[Optional[str], typer.Option("--status", help="gepland, lopend, gerealiseerd, uitgesteld of geschrapt.", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Wat er gebeurde (zonder --note opent je editor).", show_default=False)] = None,
    date: DateOpt = None,
    author: Annotated[Optional[str], typer.Option("--author", help="Wie het registreert, bv. 'Voorzitter Antwerpen'.", show_default=False)] = None,
    link: Annotated[Optional[list[str]], typer.Option("--link", help="Link naar een verslag (herhaalbaar).", show_default=False)] = None,
    planned: Annotated[bool, typer.Option("--planned", help="Iets dat nog moet gebeuren: datum mag in de toekomst, status gepland.")] = False,
    commit: CommitOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Voeg één update toe aan het logboek van een platform (andere regels blijven onaangeroerd).

    Voorbeeld: ssw record 4.2.2.2 --region antwerpen --status lopend --note "Eerste bijeenkomst"
    """
    from ssw import record as core

    root_, lang_ = _settings(root, lang)
    loaded = _load(root_, lang_, allow_invalid=True)
    platform = _region(loaded.data, region)
    note_ = _note(note, lang_, root_.path, target=target, region=platform, status=status or "gepland")
    req = core.UpdateRequest(target, platform, status, note_, date, author, tuple(link or ()), planned)
    done = core.record_update(loaded, req, commit=commit)
    typer.echo(t("out.recorded", lang_, path=done.path, line=done.line, target=req.target.strip(), status=done.entry.status.value))
    _echo_commit(root_, done, lang_)


@app.command("add-action")
def add_action(
    region: RequiredRegionOpt,
    title: Annotated[str, typer.Option("--title", help="Korte titel van de actie.", show_default=False)],
    theme: Annotated[Optional[list[str]], typer.Option("--theme", help="Thema-id (herhaalbaar), bv. 4.2.", show_default=False)] = None,
    text: Annotated[str, typer.Option("--text", help="Beschrijving.", show_default=False)] = "",
    date: DateOpt = None,
    krachtlijn: Annotated[Optional[list[str]], typer.Option("--krachtlijn", help="Krachtlijn (herhaalbaar), bv. verbindend.", show_default=False)] = None,
    speerpunt: Annotated[Optional[list[str]], typer.Option("--speerpunt", help="Speerpunt (herhaalbaar), bv. draagvlak.", show_default=False)] = None,
    commit: CommitOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Voeg een eigen (bottom-up) actie van een platform toe, met de volgende vrije id.

    Voorbeeld: ssw add-action --region antwerpen --title "Lerend netwerk" --theme 4.2
    """
    from ssw import record as core

    root_, lang_ = _settings(root, lang)
    loaded = _load(root_, lang_, allow_invalid=True)
    platform = _region(loaded.data, region)
    req = core.ActionRequest(platform, title, tuple(theme or ()), text, date, tuple(krachtlijn or ()), tuple(speerpunt or ()))
    done = core.add_action(loaded, req, commit=commit)
    typer.echo(t("out.action-added", lang_, id=done.entry.id, path=done.path, line=done.line))
    _echo_commit(root_, done, lang_)


def _echo_commit(root: Any, done: Any, lang: str) -> None:
    if done.commit:
        from ssw import gitutil

        typer.echo(t("out.committed", lang, sha=gitutil.short(root.path, done.commit), message=done.message))
