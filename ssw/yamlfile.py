"""Read one YAML file fast (libyaml), refusing what hand edits and merges break.

Checks that cost nothing on clean files run on the raw text first (size, NUL,
encoding, merge-conflict markers, tabs); the parse itself detects duplicate keys,
aliases and unsafe tags. Dates are *not* resolved by YAML: they stay text and the
models parse them, so an impossible date is a clear problem, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ssw.problems import Problem

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 64  # libyaml recurses per level: very deep nesting crashes the process
_FLOW_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|#[^\n]*|[\[\]{}]')
_COMPACT_NESTING = re.compile(r"(?:[-?:][ \t]+){%d,}" % MAX_DEPTH)
_DEEP_INDENT = re.compile(r"^ {%d,}\S" % (MAX_DEPTH * 4), re.M)
CONFLICT_RE = re.compile(r"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)", re.M)

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a hard requirement in practice
    _Base = yaml.SafeLoader


class _Refused(Exception):
    def __init__(self, code: str, mark: Any, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.params = params


class FastLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe C loader that records duplicate keys; dates stay text (the models parse them)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        """One pass per mapping: build it and note keys seen twice (PyYAML keeps the last)."""
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, f"expected a mapping node, but found {node.id}",
                                                    node.start_mark)
        self.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = key in mapping
            except TypeError:
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        "found unhashable key", key_node.start_mark) from None
            if seen:
                self.duplicates.append((key_node.start_mark, str(key_node.value)))
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


class Loader(FastLoader):
    """Also refuses aliases. Only needed when the text holds `&` or `*`: an anchor or alias
    cannot exist without them, so clean files skip the per-node check."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _Refused("alias", node.start_mark)
        return super().construct_object(node, deep)


@dataclass
class ReadResult:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 with or without BOM; anything else is refused with its line."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(rel, "file-too-large", {"size": len(raw), "limit": MAX_FILE_BYTES})]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        return None, [Problem(rel, "nul-byte", line=line, column=col)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(rel, "not-utf8", {"byte": f"0x{raw[exc.start]:02x}"}, line, col)]


def text_problems(text: str, rel: str) -> list[Problem]:
    """Problems visible in the raw text; cheap substring tests guard the scans."""
    problems = []
    if "<<<<<<<" in text or ">>>>>>>" in text or "=======" in text:
        for m in CONFLICT_RE.finditer(text):
            line, col = _line_col(text, m.start())
            problems.append(Problem(rel, "merge-conflict", {"marker": m.group(1)}, line, col))
    if "\t" in text:
        for number, line_text in enumerate(text.split("\n"), 1):
            indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
            if "\t" in indent:
                problems.append(Problem(rel, "tab", line=number, column=indent.index("\t") + 1))
    deep = _too_deep(text)
    if deep is not None:
        line, col = _line_col(text, deep)
        problems.append(Problem(rel, "too-deep", {"limit": MAX_DEPTH}, line, col))
    return problems


def _too_deep(text: str) -> int | None:
    """Offset where nesting passes MAX_DEPTH, found without parsing (cheap on clean files)."""
    compact = "- -" in text or "-\t" in text or "? " in text or ": -" in text or ": :" in text
    for rx in ((_COMPACT_NESTING,) if compact else ()) + (_DEEP_INDENT,):
        m = rx.search(text)
        if m:
            return m.start()
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for m in _FLOW_TOKENS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def parse(text: str, rel: str) -> ReadResult:
    """Parse text already checked by `text_problems`."""
    loader = Loader(text) if ("&" in text or "*" in text) else FastLoader(text)
    try:
        data = loader.get_single_data()
    except _Refused as exc:
        return ReadResult(None, [_at(Problem(rel, exc.code, exc.params), exc.mark)], text)
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc.problem_mark, "name", "")
        code = "unsafe-tag" if "could not determine a constructor" in str(exc.problem) else "yaml-syntax"
        detail = (exc.problem or "").split(" for the tag")[0]
        if code == "unsafe-tag":
            detail = str(exc.problem).split("tag ")[-1].strip("'")
        del tag
        return ReadResult(None, [_at(Problem(rel, code, {"detail": detail}), exc.problem_mark)], text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or str(exc)
        return ReadResult(None, [_at(Problem(rel, "yaml-syntax", {"detail": detail}), mark)], text)
    except yaml.YAMLError as exc:  # reader errors: control characters etc.
        mark = getattr(exc, "position", None)
        line, col = _line_col(text, mark) if isinstance(mark, int) else (1, 1)
        return ReadResult(None, [Problem(rel, "bad-character", {"detail": str(exc).splitlines()[0]}, line, col)], text)
    except RecursionError:
        return ReadResult(None, [Problem(rel, "too-deep")], text)
    finally:
        loader.dispose()
    problems = [_at(Problem(rel, "duplicate-key", {"key": key}), mark) for mark, key in loader.duplicates]
    if data is None and not text.strip():
        problems.append(Problem(rel, "empty-file"))
    return ReadResult(data, problems, text)


def _at(problem: Problem, mark: Any) -> Problem:
    if mark is None:
        return problem
    return problem.at(mark.line + 1, mark.column + 1)


def read_file(path: Path, rel: str) -> ReadResult:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ReadResult(None, [Problem(rel, "unreadable", {"reason": exc.strerror or str(exc)})])
    text, problems = decode(raw, rel)
    if text is None:
        return ReadResult(None, problems)
    problems = text_problems(text, rel)
    if problems:
        return ReadResult(None, problems, text)
    return parse(text, rel)


def compose(text: str) -> yaml.Node | None:
    """The node tree with positions: only used on the error path."""
    loader = Loader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
