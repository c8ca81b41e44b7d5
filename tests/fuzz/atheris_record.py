"""Coverage-guided fuzzing of what `ssw record` writes: any note, author or link a chair
types is rendered, re-read by the same reader `validate` uses, and must come back
exactly, or be refused as a problem. Run by hand:

    .venv/bin/python tests/fuzz/atheris_record.py -max_total_time=600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from ssw.loader import validate
    from ssw.record import render_update
    from ssw.yamlfile import parse, text_problems


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    note = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 300))
    author = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    link = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60))
    fields = {"date": "2023-03-14", "target": "4.2.2.2", "status": "lopend", "note": note,
              "author": author or None, "links": [link] if link else []}
    text = "# log\n" + render_update(fields)
    problems = text_problems(text, "f.yaml")
    if problems:  # e.g. a note holding a merge-conflict marker line: refused, never written
        return
    result = parse(text, "f.yaml")
    if result.problems:
        return  # characters YAML cannot hold (control characters): a reported problem
    entries, problems = validate("updates", result.data, "f.yaml")
    if problems:
        return
    entry = entries[0]
    assert entry.note == note, (note, entry.note)
    assert (entry.author or None) == (author or None)
    assert entry.links == ([link] if link else [])


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
