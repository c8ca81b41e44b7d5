"""ssw's cache folder, and the validated form of data files kept in it.

Reading a file costs parsing it (libyaml's C parser, then PyYAML's constructor in Python)
and validating it (pydantic builds each model's validator on first use): together about
35 ms of `ssw status` on the real plan, seconds at scale. What a file validates to depends
only on its bytes, its kind and ssw's code, so it is kept under the hash of all three, as
Python keeps `.pyc` files: an edited file, or another version of ssw or of its libraries,
has another hash and is read again, so an entry is never stale. Only files without any
problem are kept; problems are found anew on every run. Each entry is sealed with the hash
of its own name and contents: a missing, edited, cut short or swapped entry is read again.
Entries are pickles, so they are only read from regular files (no link, no FIFO) that the
user owns and nobody else can write, in folders likewise; a cache folder others may write
is not used, and a cache that cannot be written is no error. Pruning runs after a write, at
most once a day.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ssw.safepath import owned, read_regular

#: Entries older than this are removed now and then (a file still in use is read again).
KEEP_DAYS = 30


def cache_dir() -> Path:
    """ssw's own cache folder (compiled catalogues, validated files, record locks); never
    inside the data."""
    if os.environ.get("SSW_CACHE_DIR"):
        return Path(os.environ["SSW_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ssw"


@functools.cache
def _key() -> bytes:
    """Everything else a file's validated form depends on: the code of ssw's core (every
    module at the package's top, where reading and validating live, so no change there can
    be missed) and the versions of Python, PyYAML and pydantic."""
    import pydantic
    import pydantic_core
    import yaml

    digest = hashlib.blake2b(digest_size=32)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(os.urandom(16))  # unreadable code: a key that matches nothing
    for part in (sys.version, pydantic.VERSION, pydantic_core.__version__, yaml.__version__,
                 str(getattr(yaml, "__with_libyaml__", False)), str(pickle.DEFAULT_PROTOCOL)):
        digest.update(b"\0" + part.encode())
    return digest.digest()


_SEAL = 32  # bytes of the seal before the pickle


def _entry(raw: bytes, kind: str) -> Path:
    digest = hashlib.blake2b(kind.encode() + b"\0" + raw, digest_size=20, key=_key()).hexdigest()
    return cache_dir() / "validated" / digest[:2] / f"{digest}.pickle"


def _seal(name: str, payload: bytes) -> bytes:
    """What an entry starts with: the hash of its own name and its contents, so an entry
    that was edited, cut short or put in another's place is read as missing."""
    return hashlib.blake2b(name.encode() + b"\0" + payload, digest_size=_SEAL, key=_key()).digest()


_OWN_FOLDERS: set[Path] = set()  # folders found to be the user's own in this process


def _own_folder(path: Path) -> bool:
    if path in _OWN_FOLDERS:
        return True
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISDIR(info.st_mode) and owned(info):
        _OWN_FOLDERS.add(path)
        return True
    return False


def get(raw: bytes, kind: str) -> tuple[bool, Any]:
    """(True, value) when what these bytes validate to as `kind` is kept, else (False, None)."""
    path = _entry(raw, kind)
    if not (_own_folder(path.parent.parent) and _own_folder(path.parent)):
        return False, None
    try:
        blob = read_regular(path, own=True)  # no link, no FIFO, nothing others may write
    except OSError:
        return False, None
    if not hmac.compare_digest(blob[:_SEAL], _seal(path.name, blob[_SEAL:])):
        return False, None
    try:
        return True, pickle.loads(blob[_SEAL:])
    except Exception:  # sealed by this code, so only a class changed since could refuse it
        return False, None


def _own_folder_made(path: Path) -> bool:
    if not _own_folder(path):
        with contextlib.suppress(OSError):
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _own_folder(path)


def own_folder(name: str) -> Path | None:
    """A folder of the cache (made when missing), if it is the user's own and nobody else
    may write it; else None: such a cache is not used."""
    path = cache_dir() / name
    return path if _own_folder_made(path) else None


def put(raw: bytes, kind: str, value: Any) -> None:
    """Keep what these bytes validate to (atomically: a reader never sees half an entry).
    Only into folders of the user's own: a cache folder others may write is not used."""
    try:
        payload = pickle.dumps(value, pickle.DEFAULT_PROTOCOL)
    except Exception:  # a value pickle cannot hold: read this file each time
        return
    path = _entry(raw, kind)
    if not (_own_folder_made(path.parent.parent) and _own_folder_made(path.parent)):
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_seal(path.name, payload) + payload)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return
    _prune_daily(path.parent.parent)


#: what pruning looks at, in the cache folder: validated files, compiled templates and
#: catalogues (and the parsed files of an earlier ssw). Locks are left alone: one may be held.
PRUNED = ("validated/*/*", "parsed/*/*", "jinja/*", "locale/*")


def _prune_daily(folder: Path) -> None:
    """Entries only pile up when files change, so pruning runs after a write, at most once
    a day (the time of the last one is the mtime of `pruned`)."""
    marker = folder / "pruned"
    try:
        if time.time() - os.lstat(marker).st_mtime < 86400:
            return
    except OSError:
        pass
    try:
        marker.touch()
    except OSError:
        return
    for pattern in PRUNED:
        prune(cache_dir(), pattern)


def prune(folder: Path, pattern: str = "*/*", now: float | None = None) -> int:
    """Remove entries (and stray temporary files) older than KEEP_DAYS; how many went."""
    limit = (time.time() if now is None else now) - KEEP_DAYS * 86400
    removed = 0
    for entry in folder.glob(pattern):
        try:
            if entry.lstat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed
