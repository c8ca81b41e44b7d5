"""Commands that write documents: report and export."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ssw.cli.base import app
from ssw.cli.options import AsOfOpt, LangOpt, PlanOpt, RootOpt, choice, h, load_data, parse_day, plan_option, settings
from ssw.i18n import t

if TYPE_CHECKING:
    from ssw.root import Root
from ssw.problems import SswError

OutOpt = Annotated[str | None, typer.Option("--out", help=h("opt.report-out"), show_default=False)]


@contextmanager
def _busy(message: str) -> Iterator[None]:
    """A spinner on stderr while work takes a moment, only on a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


def _out_path(out: str | None, root: Path, default_name: str) -> tuple[Path, str | None] | None:
    """None = stdout; else (path, default name for a folder). Without --out: reports/
    under the root, which must not be a link out of it."""
    if out == "-":
        return None
    if out is None:
        from ssw.safepath import link_in

        link = link_in(root, "reports")
        if link is not None:
            raise SswError("err.write-link", path=f"reports/{default_name}", link=link)
        (root / "reports").mkdir(parents=True, exist_ok=True)
        return root / "reports" / default_name, None
    return Path(out).expanduser(), default_name


def _write(path: Path, content: str | bytes, default_name: str | None = None) -> Path:
    from ssw.safepath import write_output

    return write_output(path, content, default_name)


@app.command(help=h("cmd.report"))
def report(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help=h("opt.report-year"), show_default=False)] = None,
    kind: Annotated[str, typer.Option("--kind", help=h("opt.report-kind"))] = "jaaroverzicht",
    audience: Annotated[str | None, typer.Option("--audience", help=h("opt.report-audience"), show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", help=h("opt.report-format"))] = "md",
    out: OutOpt = None,
    templates: Annotated[str | None, typer.Option("--templates", help=h("opt.templates"), show_default=False)] = None,
    allow_invalid: Annotated[bool, typer.Option("--allow-invalid", help=h("opt.allow-invalid"))] = False,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """Yearly overview, interim or final evaluation as Markdown or HTML. Help text: i18n `cmd.report`."""
    from ssw import report as rp

    root_, lang_ = settings(ctx, root, lang)
    choice(kind, rp.KINDS, "--kind")
    choice(format, rp.FORMATS, "--format")
    if audience is not None:
        choice(audience, rp.AUDIENCES, "--audience")
    dirs = _template_dirs(templates, root_)
    day = parse_day(as_of, "--as-of")
    with _busy(t("report.rendering", lang_)):
        loaded = load_data(root_, allow_invalid=allow_invalid)
        data = rp.build_report_data(loaded, root_, year, kind, lang_, day, plan_option(loaded.data, plan), dirs, audience)
        text = rp.render_report(data, format, dirs, rp.output_bound(loaded.data))
    _emit(out, root_.path, rp.default_out_name(data, format), text, lang_, "out.report-written")
    if data["year_note"]:  # which year a report without --year took: for the one who ran it
        typer.echo(data["year_note"], err=True)


def _template_dirs(templates: str | None, root: Root) -> list[Path]:
    """Lookup order: --templates, then the root's templates/ (package defaults come last)."""
    dirs = [root.path / "templates"]
    if templates is not None:
        given = Path(templates).expanduser()
        if not given.is_dir():
            raise SswError("err.templates-dir", exit_code=2, path=templates)
        dirs.insert(0, given)
    return dirs


def _emit(out: str | None, root: Path, name: str, content: str | bytes, lang: str, key: str) -> None:
    where = _out_path(out, root, name)
    if where is None:
        if isinstance(content, bytes):  # xlsx to a pipe: the real binary stream
            stream = getattr(sys.stdout, "_stream", sys.stdout)
            stream.buffer.write(content)
            stream.flush()
        else:
            sys.stdout.write(content)
        return
    path = _write(where[0], content, where[1])
    typer.echo(t(key, lang, path=str(path)), err=True)


@app.command(help=h("cmd.export"))
def export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help=h("opt.export-format"))] = "json",
    out: Annotated[str | None, typer.Option("--out", help=h("opt.export-out"), show_default=False)] = None,
    excel: Annotated[bool, typer.Option("--excel", help=h("opt.export-excel"))] = False,
    plan: PlanOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> None:
    """The whole resolved data set: plans, items with status, platforms, organisations, updates. Help text: i18n `cmd.export`."""
    from ssw import export as ex

    root_, lang_ = settings(ctx, root, lang)
    choice(format, ex.FORMATS, "--format")
    if format == "csv" and (out is None or out == "-"):
        raise SswError("err.csv-needs-out", exit_code=2)
    if excel and format != "csv":
        raise SswError("err.excel-needs-csv", exit_code=2)
    with _busy(t("report.exporting", lang_)) if format != "json" else nullcontext():
        loaded = load_data(root_)
        data = ex.build_export(loaded, root_, plan_option(loaded.data, plan))
    if format == "csv":
        written = ex.write_csv_dir(data, Path(out or ".").expanduser(), ex.EXCEL if excel else ex.PLAIN)
        typer.echo(t("out.export-written", lang_, path=f"{written[0].parent} ({len(written)} CSV)"), err=True)
        return
    content: str | bytes = ex.to_json(data) if format == "json" else ex.to_xlsx(data)
    default_out = "-" if format == "json" else None
    _emit(out if out is not None else default_out, root_.path, "ssw-export.xlsx", content, lang_, "out.export-written")
