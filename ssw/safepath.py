"""Only regular files, only inside the tree: how ssw opens what it reads and writes.

A data file, log or config may be anything a file system holds: a FIFO (reading blocks
for ever), a device (`/dev/zero` never ends), a socket, a symlink loop, a link into
another platform's folder. ssw reads and replaces *regular files* only, and follows no
link inside `plan/` and `regions/`:

- `read_regular` opens without blocking, checks the opened file is regular and reads at
  most `limit` bytes: a non-regular file is `NotRegular`, never read.
- `write_target` checks a path ssw is about to replace under a root: no component is a
  link, the file is regular or absent.
- `out_target` decides what `--out PATH` means: a regular file or a new name is replaced
  atomically; an existing folder gets the default name inside; a device or FIFO is
  written into as such (never replaced); anything else is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ssw.problems import Said, SswError


class NotRegular(OSError):
    """The path exists but is no regular file; `kind` says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISLNK(mode):
        return "link"
    return "other"


def owned(info: os.stat_result) -> bool:
    """The user's own, and nobody else may write it (where the OS knows owners)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def read_regular(path: Path, limit: int | None = None, *, own: bool = False) -> bytes:
    """The bytes of a regular file (at most `limit` + 1 of them, so that the caller can
    tell it is too large). Raises NotRegular for a FIFO, device, socket or folder, and
    OSError (ELOOP, ENXIO, EACCES ...) for what cannot be opened. `own`: only a file the
    user owns and nobody else may write, never through a link (else PermissionError)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if own:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegular("folder") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(kind_of(mode))
        if own and not owned(info):
            raise PermissionError(f"{path}: not the user's own")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                break
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text_or_empty(path: Path, limit: int | None = None) -> str:
    """For positions on the error path: the text of a regular UTF-8 file, else ""."""
    try:
        return read_regular(path, limit).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def link_in(root: Path, rel: str) -> str | None:
    """The first component of `rel` under `root` that is a symbolic link (as a relative
    posix path), or None."""
    current = root
    done: list[str] = []
    for part in Path(rel).parts:
        current = current / part
        done.append(part)
        if current.is_symlink():
            return "/".join(done)
    return None


def write_target(root: Path, rel: str) -> None:
    """Refuse to replace `root/rel` when a component is a link or the file is not regular."""
    link = link_in(root, rel)
    if link is not None:
        raise SswError("err.write-link", path=rel, link=link)
    try:
        mode = os.lstat(root / rel).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SswError("err.write", path=rel, reason=exc) from None
    if not stat.S_ISREG(mode):
        raise SswError("err.not-regular", path=rel, kind=Said(f"kind.{kind_of(mode)}"))
    if not mode & stat.S_IWUSR or not os.access(root / rel, os.W_OK):  # 444 even for root
        raise SswError("err.read-only", path=rel)


def out_target(path: Path, default_name: str | None = None) -> tuple[Path, bool]:
    """(the path to write, replace atomically?) for `--out PATH`.

    A folder: the default name inside it (refused when there is none). A FIFO or
    character device: written into as it is (`/dev/null`, `/dev/stdout`, a pipe). A
    symlink or any other existing non-regular file: refused. A regular file or a new
    name: replaced atomically."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path, True
    except OSError as exc:
        raise SswError("err.write", path=str(path), reason=exc) from None
    if stat.S_ISLNK(mode):
        if path.is_dir() and default_name is not None:  # writing into it leaves the link as it is
            return out_target(path / default_name)
        raise SswError("err.out-link", exit_code=2, path=str(path))
    if stat.S_ISDIR(mode):
        if default_name is None:
            raise SswError("err.out-path", exit_code=2, path=str(path), reason=Said("reason.folder"))
        return out_target(path / default_name)
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return path, False
    if stat.S_ISREG(mode):
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):  # 444 even for root
            raise SswError("err.read-only", exit_code=2, path=str(path))
        return path, True
    raise SswError("err.not-regular", exit_code=2, path=str(path), kind=Said(f"kind.{kind_of(mode)}"))


def out_folder(path: Path, parents: bool = False) -> Path:
    """The folder that `--out PATH` names for output of several files (`schema`, CSV
    export): an existing folder (or a link to one, written into and left as it is), or a
    new one, made when its parent exists (or with its parents when `parents`). Anything
    else that exists (a file, device, FIFO, dangling link) is a usage error, never
    replaced."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        if not parents and not path.parent.is_dir():
            raise SswError("err.out-parent", exit_code=2, path=str(path.parent)) from None
        try:
            path.mkdir(parents=parents, exist_ok=True)
        except OSError as exc:
            raise SswError("err.write", exit_code=2, path=str(path), reason=exc) from None
        return path
    except OSError as exc:
        raise SswError("err.write", exit_code=2, path=str(path), reason=exc) from None
    if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and path.is_dir()):
        return path
    raise SswError("err.out-path", exit_code=2, path=str(path), reason=Said("reason.not-a-folder"))


def write_into(path: Path, data: bytes) -> None:
    """Write into an existing FIFO or device as it is (no temp file, no replace)."""
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SswError("err.write", path=str(path), reason=exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise SswError("err.not-regular", exit_code=2, path=str(path), kind=Said(f"kind.{kind_of(mode)}"))
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise SswError("err.write", path=str(path), reason=exc) from None
    finally:
        os.close(fd)


def write_output(path: Path, content: str | bytes, default_name: str | None = None) -> Path:
    """Write `--out` output (see `out_target`); returns the path written."""
    from ssw.atomic import write_atomic

    target, replace = out_target(path, default_name)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not replace:
        write_into(target, data)
        return target
    if not target.parent.is_dir():
        raise SswError("err.out-parent", exit_code=2, path=str(target.parent))
    try:
        write_atomic(target, data)
    except NotRegular as exc:
        raise SswError("err.not-regular", exit_code=2, path=str(target), kind=exc.kind) from None
    except OSError as exc:
        raise SswError("err.write", path=str(target), reason=exc) from None
    return target
