"""The nesting pre-check against libyaml's real depth.

The pre-check (`ssw.yamlfile._too_deep`) must refuse exactly the texts that nest past
MAX_DEPTH, whatever quotes, comments, block scalars, compact `- - ` runs or flow
brackets inside strings they hold. The reference is libyaml's own composer, run in a
separate process (a crash there counts as "too deep"): the node tree it builds is
measured without recursion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run
from ssw.yamlfile import MAX_DEPTH, _too_deep, parse, text_problems

WORKER = r"""
import json, sys, yaml
for line in sys.stdin:
    text = json.loads(line)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        print(json.dumps(None), flush=True)
        continue
    deepest, stack = 0, [(node, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(part, depth + 1) for pair in node.value for part in pair]
        else:
            continue
        deepest = max(deepest, depth + 1)
    print(json.dumps(deepest), flush=True)
"""


class RealDepth:
    """libyaml's composer in a child process; restarted if it ever crashes."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def __call__(self, text: str) -> float | None:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, "-c", WORKER], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
        assert self.proc.stdin and self.proc.stdout
        try:
            self.proc.stdin.write(json.dumps(text) + "\n")
            self.proc.stdin.flush()
            answer = self.proc.stdout.readline()
        except BrokenPipeError:
            answer = ""
        if not answer:  # the composer crashed the process: deeper than anything allowed
            self.proc.wait()
            return float("inf")
        return json.loads(answer)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def real_depth() -> RealDepth:
    worker = RealDepth()
    yield worker  # type: ignore[misc]
    worker.close()


# Scalars that look like nesting but are not: brackets inside quotes, comments, block
# scalars; quotes and '#' inside plain scalars that do not start a string or a comment.
TRICKY = st.sampled_from([
    "x", "'['", '"[{"', "'it''s ['", '"a \\" ["', "it's", "a#b", "x'y", 'say "hi"', "'#'",
    "'[[[[[[[[[[[['", '"{{{{{{{{{{{{"', "c:d", "-x", "y?z",
])
COMMENT = st.sampled_from(["", "  # [[[[[[[[[[[[", "  # it's", " #'\"{{{{{{{{"])


@st.composite
def nested(draw: st.DrawFn, depth: int, indent: int, flow: bool, after_dash: bool = False) -> str:
    """A YAML value nested `depth` levels, as text placed after `key: ` or (`after_dash`)
    `- ` at column `indent`; its block children go on lines indented `indent + 2`."""
    if depth == 0:
        return draw(TRICKY)
    if flow or draw(st.integers(0, 3)) == 0:
        inner = draw(nested(depth - 1, indent, True))
        before = draw(st.lists(TRICKY, max_size=2))
        if draw(st.booleans()):
            return "[" + ", ".join([*before, inner]) + "]"
        return "{" + ", ".join([*(f"k{i}: {b}" for i, b in enumerate(before)), f"k: {inner}"]) + "}"
    style = draw(st.sampled_from(["seq", "map", "compact", "scalar-first"]))
    pad = " " * (indent + 2)
    comment = draw(COMMENT)
    if style == "compact" and after_dash:
        return "- " + draw(nested(depth - 1, indent + 2, False, True))  # `- - - x` on one line
    inner = draw(nested(depth - 1, indent + 2, False, style != "map"))
    if style == "scalar-first":
        block = f"|\n{pad}  [[[[ it's {{{{\n{pad}  # not a comment [[["
        return f"{comment}\n{pad}- {block}\n{pad}- {inner}"
    if style in ("seq", "compact"):
        return f"{comment}\n{pad}- {inner}"
    return f"{comment}\n{pad}k: {draw(TRICKY)}\n{pad}key: {inner}"


# A quarter of the examples in the default run, all of them with -m slow (`.ci/run`).
@pytest.mark.parametrize("examples", [40, pytest.param(150, marks=pytest.mark.slow)])
def test_precheck_matches_libyaml_depth(real_depth: RealDepth, examples: int) -> None:
    @settings(max_examples=examples, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data(), depth=st.integers(MAX_DEPTH - 12, MAX_DEPTH + 8))
    def check(data: st.DataObject, depth: int) -> None:
        text = "top: " + data.draw(nested(depth, 0, False)) + "\n"
        real = real_depth(text)
        refused = _too_deep(text) is not None
        if real is None:  # not YAML: the pre-check may refuse a deep prefix, the parse reports the rest
            return
        assert refused == (real > MAX_DEPTH), (real, text)

    check()


@pytest.mark.parametrize("examples", [20, pytest.param(60, marks=pytest.mark.slow)])
def test_quote_or_hash_before_a_run_of_brackets_does_not_bypass(real_depth: RealDepth, examples: int) -> None:
    """A quote or '#' that does not start a string or comment hides nothing."""
    @settings(max_examples=examples, deadline=None)
    @given(prefix=st.sampled_from(["it's ", "a#b ", "x'y ", '"', "'", "# ", "#"]),
           depth=st.integers(MAX_DEPTH + 1, 3000))
    def check(prefix: str, depth: int) -> None:
        text = f"a: [{prefix}x, " + "[" * depth + "y" + "]" * depth + f", '{prefix}']\n"
        real = real_depth(text)
        if real is None:
            return
        assert (_too_deep(text) is not None) == (real > MAX_DEPTH)
        result = parse(text, "f.yaml") if not text_problems(text, "f.yaml") else None
        assert result is None or result.problems or real <= MAX_DEPTH

    check()


LOG = "regions/antwerpen/updates/2023.yaml"


def _entry(note: str) -> str:
    return f'- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: {note}\n'


@pytest.mark.parametrize("note", ['"zie [bijlage"', "'open { haakje'", "punt [1", "|\n    lijst [a"])
def test_many_notes_with_one_bracket_each_are_not_refused(real_root: Path, note: str) -> None:
    """65 notes each holding one '[' or '{' (shallow, valid) are not 'nested too deeply'."""
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(_entry(note) for _ in range(MAX_DEPTH + 1)), encoding="utf-8")
    result = run(["--root", str(real_root), "validate", "--lang", "en"])
    assert "nested too deeply" not in result.output
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text", [
    "a: [it's, " + "[" * 3000 + "x" + "]" * 3000 + ", 'y']\n",
    "a: [\"#\", " + "{k: " * 2000 + "x" + "}" * 2000 + "]\n",
    "a: # it's\n  " + "[" * 3000 + "]" * 3000 + "\n",
    "- |\n  [[[ it's\n" + "".join(" " * (2 * i - 2) + "- - |\n" + " " * (2 * i + 2) + "[[[ it's\n" for i in range(1, 100)),
], ids=["apostrophe", "quoted-hash", "comment-quote", "block-scalars"])
def test_bypasses_are_refused_with_a_position(real_root: Path, text: str) -> None:
    path = real_root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ssw", "--root", str(real_root), "validate", "--lang", "en"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "nested too deeply (limit 64 levels)" in result.stdout and f"{LOG}:" in result.stdout
