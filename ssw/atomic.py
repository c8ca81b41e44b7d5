"""Replacing a file so that nobody ever sees half of it, on every OS.

Temp file in the same folder, write, flush, fsync, keep the old permission bits,
`os.replace`, fsync the folder. Used by `record` (under its lock) and by report and
export output.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

TMP_SUFFIX = ".tmp"
#: Test-only hook: seconds to sleep between writing the temp file and replacing, so a
#: test can kill a writer mid-write (tests/test_record_git.py).
PAUSE_ENV = "SSW_TEST_PAUSE_BEFORE_REPLACE"


def remove_stale_temps(path: Path) -> None:
    """Temp files left by a killed writer (only called with the lock held)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace the regular file `path` by `content` atomically, keeping its permission
    bits. Anything else at `path` (a link, device, FIFO, folder) raises NotRegular."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        if not stat.S_ISREG(st.st_mode):  # never replace a link, device, FIFO or folder
            from ssw.safepath import NotRegular, kind_of

            raise NotRegular(kind_of(st.st_mode))
        mode = stat.S_IMODE(st.st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        _test_pause()
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _replace(tmp: str, path: Path) -> None:
    """os.replace; on Windows a reader holding the file open makes it fail for a moment."""
    for attempt in range(20):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05)


def _test_pause() -> None:
    value = os.environ.get(PAUSE_ENV)
    if value:
        with contextlib.suppress(ValueError):
            time.sleep(float(value))


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
