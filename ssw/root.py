"""Finding the data root: `--root`, else `SSW_ROOT`, else walk up from the cwd."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ssw.problems import Said, SswError

CONFIG = "ssw.toml"
MAX_STALE_MONTHS = 1200  # a hundred years: beyond that, date arithmetic leaves the calendar
STALE_MONTHS = 6  # an item is *stil* after this many months without an update (ssw.toml: stale_months)


@dataclass(frozen=True)
class Root:
    path: Path  # holds regions/, templates/, reports/
    plan_dir: Path  # where `ssw plan new` writes (the last of `plan_dirs`)
    stale_months: int = STALE_MONTHS
    plan_dirs: tuple[Path, ...] = ()  # every plans folder, when ssw.toml names several

    @property
    def plan_folders(self) -> tuple[Path, ...]:
        """Every folder whose plans this root reads, in the order ssw.toml names them."""
        return self.plan_dirs or (self.plan_dir,)

    def rel(self, path: Path) -> str:
        """A path as users see it in messages: relative to the root, forward slashes."""
        return Path(os.path.relpath(path, self.path)).as_posix()

    def shown(self, rel: str, cwd: Path | None = None) -> str:
        """A root-relative path as `validate` prints it: relative to the current folder when
        that is inside the root (so an editor started there opens it), else unchanged."""
        if not rel or os.path.isabs(rel):
            return rel
        try:
            here = (cwd or Path.cwd()).resolve()
            top = self.path.resolve()
        except OSError:
            return rel
        if here == top or not here.is_relative_to(top):
            return rel
        return Path(os.path.relpath(top / rel, here)).as_posix()


def git_top(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


CONFIG_KEYS = {"plan": 'plan = "../plan"', "stale_months": f"stale_months = {STALE_MONTHS}"}


def _read_config(folder: Path) -> Root:
    import tomllib

    cfg_path = folder / CONFIG
    try:
        from ssw.safepath import read_regular

        text = read_regular(cfg_path, 1_000_000).decode("utf-8")
    except UnicodeDecodeError:
        raise SswError("err.config", path=str(cfg_path), reason=Said("err.config.not-utf8")) from None
    except OSError as exc:
        raise SswError("err.config", path=str(cfg_path), reason=exc) from None
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(str(exc), text)
        raise SswError("err.config-syntax", path=str(cfg_path), line=line, col=col,
                       detail=str(exc).split(" (at ")[0]) from None

    def bad(key: str) -> SswError:
        line, col = _key_position(key, text)
        if key not in CONFIG_KEYS:
            return SswError("err.config-key", path=str(cfg_path), line=line, col=col, setting=key,
                            valid=", ".join(CONFIG_KEYS))
        return SswError("err.config-value", path=str(cfg_path), line=line, col=col, setting=key, example=CONFIG_KEYS[key])

    for key in config:
        if key not in CONFIG_KEYS:
            raise bad(key)
    plan_dirs = [folder / "plan"]
    if "plan" in config:
        # one folder (`plan = "../../plan"`) or several (`plan = ["../../plan", "plan"]`:
        # the real plans beside a fictitious successor; new plans go into the last one)
        entries = config["plan"] if isinstance(config["plan"], list) else [config["plan"]]
        if not entries or not all(isinstance(e, str) and e.strip() and "\0" not in e for e in entries):
            raise bad("plan")
        top = git_top(folder.resolve()) or folder.resolve()
        plan_dirs = []
        for entry in entries:
            plan_dir = (folder / entry).resolve()
            if not plan_dir.is_relative_to(top):
                raise SswError("err.config-outside", path=str(cfg_path), plan=entry)
            plan_dirs.append(plan_dir)
    stale = config.get("stale_months", STALE_MONTHS)
    if not isinstance(stale, int) or isinstance(stale, bool) or not 1 <= stale <= MAX_STALE_MONTHS:
        raise bad("stale_months")
    return Root(folder, plan_dirs[-1], stale, tuple(plan_dirs) if len(plan_dirs) > 1 else ())


def _toml_position(message: str, text: str) -> tuple[int, int]:
    """Line and column of a TOML error: tomllib says "(at line 3, column 9)" or "(at end of document)"."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        return int(found[1]), int(found[2])
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return len(lines), len(lines[-1]) + 1


def _key_position(key: str, text: str) -> tuple[int, int]:
    for number, line in enumerate(text.split("\n"), 1):
        found = re.match(rf"\s*\[?\s*{re.escape(key)}\s*[=\]]", line)
        if found:
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def is_root(folder: Path) -> bool:
    return (folder / CONFIG).is_file() or (folder / "plan").is_dir()


def open_root(folder: Path) -> Root:
    if (folder / CONFIG).is_file():
        return _read_config(folder)
    if (folder / "plan").is_dir():
        return Root(folder, folder / "plan")
    raise SswError("err.not-a-root", path=str(folder))


def find_root(explicit: str | None = None, cwd: Path | None = None) -> Root:
    given = explicit or os.environ.get("SSW_ROOT")
    if given:
        folder = Path(given).expanduser()
        if not folder.is_dir():
            raise SswError("err.root-missing", path=given)
        return open_root(folder.absolute())
    start = (cwd or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        if is_root(folder):
            return open_root(folder)
    raise SswError("err.no-root", path=str(start))
