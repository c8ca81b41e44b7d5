"""ssw's cache folder, and the validated form of data files kept in it.

Reading a file costs parsing it (libyaml's C parser, then PyYAML's constructor in Python)
and validating it (pydantic builds each model's validator on first use): together about
35 ms of `ssw status` on the real plan, seconds at scale. What a file validates to depends
only on its bytes, its kind and ssw's code, so it is kept under the hash of all three, as
Python keeps `.pyc` files: an edited file, or another version of ssw or of its libraries,
has another hash and is read again, so an entry is never stale. Only files without any
problem are kept; problems are found anew on every run. A missing, unreadable or damaged
entry is read again; a cache that cannot be written is no error. Entries are pickles, so
they are only read from files that the user owns and nobody else can write, like the
rest of the user's own cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: Entries older than this are removed now and then (a file still in use is read again).
KEEP_DAYS = 30


def cache_dir() -> Path:
    """ssw's own cache folder (compiled catalogues, validated files, record locks); never
    inside the data."""
    if os.environ.get("SSW_CACHE_DIR"):
        return Path(os.environ["SSW_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ssw"


def _code_key() -> bytes:
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


_KEY: list[bytes] = []


def _entry(raw: bytes, kind: str) -> Path:
    if not _KEY:
        _KEY.append(_code_key())
    digest = hashlib.blake2b(kind.encode() + b"\0" + raw, digest_size=20, key=_KEY[0]).hexdigest()
    return cache_dir() / "validated" / digest[:2] / f"{digest}.pickle"


def _trusted(fd: int) -> bool:
    """An entry the user owns and nobody else may write (where the OS knows owners)."""
    if not hasattr(os, "getuid"):
        return True
    info = os.fstat(fd)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def get(raw: bytes, kind: str) -> tuple[bool, Any]:
    """(True, value) when what these bytes validate to as `kind` is kept, else (False, None)."""
    try:
        with open(_entry(raw, kind), "rb") as fh:
            if not _trusted(fh.fileno()):
                return False, None
            return True, pickle.load(fh)
    except Exception:  # absent, unreadable, damaged, or made by a class that changed since
        return False, None


def put(raw: bytes, kind: str, value: Any) -> None:
    """Keep what these bytes validate to (atomically: a reader never sees half an entry)."""
    try:
        blob = pickle.dumps(value, pickle.DEFAULT_PROTOCOL)
    except Exception:  # a value pickle cannot hold: read this file each time
        return
    path = _entry(raw, kind)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        return
    if path.name.startswith("00"):  # about one write in 256
        prune(path.parent.parent)


def prune(folder: Path, now: float | None = None) -> int:
    """Remove entries (and stray temporary files) older than KEEP_DAYS; how many went."""
    limit = (time.time() if now is None else now) - KEEP_DAYS * 86400
    removed = 0
    for entry in folder.glob("*/*"):
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed
