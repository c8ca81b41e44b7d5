"""ssw's cache folder, and the parsed form of data files kept in it.

Parsing is the largest part of reading the plan (libyaml's C parser, then PyYAML's
constructor in Python): about 20 ms of `ssw status` on the real plan, seconds at scale.
A file's parsed data depends only on its bytes and on the parser, so it is kept under the
hash of both, like Python's own `.pyc` files: an edited file has another hash and is read
again, so an entry can never be stale. Only files without problems are kept; their data is
plain (mappings, lists, text, numbers, booleans, null) and stored with `marshal`, which
builds nothing but such values. A missing, unreadable or damaged entry is parsed again;
a cache that cannot be written is no error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: Entries older than this are removed now and then (a file still in use is parsed again).
KEEP_DAYS = 30


def cache_dir() -> Path:
    """ssw's own cache folder (compiled catalogues, parsed files, record locks); never
    inside the data."""
    if os.environ.get("SSW_CACHE_DIR"):
        return Path(os.environ["SSW_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ssw"


def _parser_key() -> bytes:
    """What else the parse depends on: the parsing code itself, PyYAML (and whether it runs
    on libyaml), Python's marshal format."""
    import yaml

    from ssw import yamlfile

    try:
        code = Path(yamlfile.__file__).read_bytes()
    except OSError:
        code = b""
    libyaml = getattr(yaml, "__with_libyaml__", False)
    return b"|".join([code, yaml.__version__.encode(), str(libyaml).encode(),
                      str(marshal.version).encode(), sys.version.encode()])


_KEY: list[bytes] = []


def _entry(raw: bytes) -> Path:
    if not _KEY:
        _KEY.append(hashlib.blake2b(_parser_key(), digest_size=16).digest())
    digest = hashlib.blake2b(raw, digest_size=20, key=_KEY[0]).hexdigest()
    return cache_dir() / "parsed" / digest[:2] / f"{digest}.marshal"


def parsed(raw: bytes) -> tuple[bool, Any]:
    """(True, data) when the data of these bytes is in the cache, else (False, None)."""
    try:
        with open(_entry(raw), "rb") as fh:
            return True, marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return False, None


def keep(raw: bytes, data: Any) -> None:
    """Keep the parsed data of these bytes (atomically: a reader never sees half an entry)."""
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold: parse this file each time
        return
    path = _entry(raw)
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
