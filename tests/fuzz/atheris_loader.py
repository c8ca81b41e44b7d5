"""Coverage-guided fuzzing of the reader and the models with atheris (libFuzzer).

Not part of the pytest run (hypothesis covers CI); run by hand:

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/atheris_loader.py -max_total_time=600 tests/fuzz/corpus

Any exception other than the documented outcomes (problems reported) is a finding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ssw import models
    from ssw.loader import validate
    from ssw.yamlfile import decode, parse, text_problems

KINDS = sorted(models.KINDS)


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    text, problems = decode(data[1:], "f.yaml")
    if text is None:
        assert problems
        return
    if text_problems(text, "f.yaml"):
        return
    result = parse(text, "f.yaml")
    if result.data is not None:
        validate(kind, result.data, "f.yaml")


def seed_corpus(folder: Path) -> None:
    """Start from the repository's own files, one per kind."""
    folder.mkdir(parents=True, exist_ok=True)
    repo = Path(__file__).resolve().parents[2]
    for i, path in enumerate(sorted((repo / "examples" / "demo").rglob("*.yaml"))[:40] + sorted((repo / "plan").rglob("*.yaml"))):
        rel = path.relative_to(repo).as_posix().replace("examples/demo/", "")
        kind = models.kind_of(rel) or "updates"
        (folder / f"seed-{i}").write_bytes(bytes([KINDS.index(kind)]) + path.read_bytes())


if __name__ == "__main__":
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        seed_corpus(Path(corpus[0]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
