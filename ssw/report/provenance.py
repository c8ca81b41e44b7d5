"""Where a report's numbers come from: the commit, uncommitted changes, validation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ssw.clock import today
from ssw.i18n import format_date, t
from ssw.loader import Loaded
from ssw.report.plain import date_dict
from ssw.root import Root


def git_state(root: Root, paths: Sequence[Path]) -> tuple[str | None, bool | None]:
    """(short commit, uncommitted changes under `paths`), or (None, None) outside git."""
    from ssw import gitutil

    sha = gitutil.head(root.path)
    if sha is None:
        return None, None
    proc = gitutil.run_git(root.path, "rev-parse", "--show-toplevel")
    if proc is None or proc.returncode != 0:
        return sha[:12], None
    top = Path(proc.stdout.strip()).resolve()
    inside: list[str | Path] = [p.resolve() for p in paths if p.exists() and p.resolve().is_relative_to(top)]
    return sha[:12], (gitutil.is_dirty(root.path, inside) if inside else False)


def package_templates() -> Path | None:
    """The default templates' folder when they live on disk (editable installs, checkouts)."""
    import importlib.resources

    try:
        base = importlib.resources.files("ssw.templates")
        return Path(str(base)) if Path(str(base)).is_dir() else None
    except (ModuleNotFoundError, TypeError):
        return None


def provenance(root: Root, loaded: Loaded, templates_dirs: Sequence[Path], lang: str) -> dict[str, Any]:
    paths = [*root.plan_folders, root.path / "regions", root.path / "templates", *templates_dirs]
    pkg = package_templates()
    if pkg is not None:
        paths.append(pkg)
    commit, dirty = git_state(root, paths)
    built = today()
    count = len(loaded.problems)
    validation = t("report.prov.valid", lang) if not count else t("report.prov.problems", lang, count=count)
    if commit is None:
        source = t("report.prov.no-git", lang)
    else:
        state = {True: "report.prov.dirty", False: "report.prov.clean", None: "report.prov.unknown"}[dirty]
        source = t("report.prov.commit", lang, commit=commit, state=t(state, lang))
    return {
        "commit": commit,
        "dirty": dirty,
        "build_date": date_dict(built, lang),
        "valid": not count,
        "problem_count": count,
        "text": t("report.provenance", lang, source=source, date=format_date(built, lang), validation=validation),
        "public_text": t("report.provenance.public", lang, date=format_date(built, lang), validation=validation),
    }
