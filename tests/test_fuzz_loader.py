"""Property tests: whatever bytes a file holds, loading ends in "loaded" or "problems
reported" — never an exception, never a hang."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run
from ssw import models
from ssw.loader import validate
from ssw.problems import Problem
from ssw.yamlfile import decode, parse, text_problems

KINDS = sorted(models.KINDS)
SAMPLES = [
    (REPO / "plan/ssw-2020-2024/themes/4.8.yaml").read_text(encoding="utf-8"),
    (REPO / "regions/vlaanderen/updates/2021.yaml").read_text(encoding="utf-8"),
    (REPO / "regions/vlaanderen/platform.yaml").read_text(encoding="utf-8"),
]


def outcome(raw: bytes, kind: str) -> list[Problem]:
    text, problems = decode(raw, "f.yaml")
    if text is None:
        assert problems
        return problems
    problems = text_problems(text, "f.yaml")
    if problems:
        return problems
    result = parse(text, "f.yaml")
    if result.data is None:
        return result.problems
    model, more = validate(kind, result.data, "f.yaml")
    assert all(isinstance(p, Problem) for p in more)
    return result.problems + more


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                    st.dates().map(str), st.sampled_from(["4.10", "yes", "no", "on", "2023-02-30", "lopend", "!!x"]))
keys = st.one_of(st.sampled_from(["id", "date", "target", "status", "note", "title", "actions", "initiatives",
                                  "themes", "links", "period", "start", "end", "family", "level", "name"]), st.text(max_size=8))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=25)


# Each property runs a quarter of its examples in the default run and all of them with
# -m slow (`.ci/run`): the same property, a longer search.
EXAMPLES = [75, pytest.param(300, marks=pytest.mark.slow)]


@pytest.mark.parametrize("examples", EXAMPLES)
def test_random_bytes_never_raise(examples: int) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(raw=st.binary(max_size=400), kind=st.sampled_from(KINDS))
    def check(raw: bytes, kind: str) -> None:
        outcome(raw, kind)

    check()


@pytest.mark.parametrize("examples", EXAMPLES)
def test_random_yaml_never_raises(examples: int) -> None:
    @settings(max_examples=examples, deadline=None)
    @given(doc=documents, kind=st.sampled_from(KINDS))
    def check(doc: object, kind: str) -> None:
        text = yaml.safe_dump(doc, allow_unicode=True)
        outcome(text.encode("utf-8"), kind)

    check()


@pytest.mark.parametrize("examples", EXAMPLES)
def test_mutated_real_files_never_raise(examples: int) -> None:
    @settings(max_examples=examples, deadline=None)
    @given(sample=st.sampled_from(SAMPLES), data=st.data(), kind=st.sampled_from(KINDS))
    def check(sample: str, data: st.DataObject, kind: str) -> None:
        pos = data.draw(st.integers(0, len(sample)))
        cut = data.draw(st.integers(0, 40))
        insert = data.draw(st.text(alphabet=" \t\n:-#'\"[]{}&*!|>%@`\\x\u00e9\u200b\x00\x07", max_size=6))
        mutated = sample[:pos] + insert + sample[pos + cut :]
        outcome(mutated.encode("utf-8"), kind)

    check()


def test_whole_cli_on_a_mangled_tree(tmp_path: Path) -> None:
    """Every file of a copied root mangled at once: the CLI reports, exit 1, no traceback."""
    root = tmp_path / "root"
    shutil.copytree(REPO / "plan", root / "plan")
    shutil.copytree(REPO / "regions", root / "regions")
    for i, path in enumerate(sorted(root.rglob("*.yaml"))):
        data = path.read_bytes()
        cut = (i * 37) % max(len(data), 1)
        path.write_bytes(data[:cut] + b"\n  - [:\t&x *y\n" + data[cut:])
    result = run(["--root", str(root), "validate"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "interne fout" not in result.output
    for cmd in (["status"], ["show", "4.8.1"], ["regions"]):
        again = run(["--root", str(root), *cmd])
        assert again.exit_code == 1 and "error:" in again.output and "interne fout" not in again.output
