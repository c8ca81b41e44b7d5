"""Read one YAML file fast (libyaml), refusing what hand edits and merges break.

Checks that cost nothing on clean files run on the raw text first (size, NUL,
encoding, merge-conflict markers, tabs); the parse itself detects duplicate keys,
aliases and unsafe tags. Dates are *not* resolved by YAML: they stay text and the
models parse them, so an impossible date is a clear problem, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ssw.problems import Problem

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 64  # the composer recurses per level: very deep nesting can crash the process
# A text without any of these cannot nest past MAX_DEPTH (see `_may_be_deep`); one with
# them is measured exactly by libyaml's event parser, which keeps its own stack.
_FLOW_OPENERS_SAFE = 10  # a flow opener adds at most 2 levels (`[a: [` opens a mapping too)
_INDENT_SAFE = 12  # block collections starting a line: at most 2 per indentation column
_COMPACT_SAFE = 6  # `- - ? ` runs on one line: one level each
_DEEP_INDENT = re.compile(r"^ {%d,}\S" % _INDENT_SAFE, re.M)
_COMPACT_RUN = re.compile(r"(?:[-?:](?:[ \t]+[!&][^ \t\n]*)*[ \t]+){%d,}" % (_COMPACT_SAFE + 1))
CONFLICT_RE = re.compile(r"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)", re.M)

_Base: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a hard requirement in practice
    _Base = yaml.SafeLoader


_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
#: Numbers as people write them. YAML 1.1 also reads `0x7e7`, `03747` (octal), `2_023`,
#: `+2023` and `33:43` (base 60) as 2023: those stay text here, so a date or id written
#: that way is reported ("not a date") instead of silently becoming the year 2023.
_PLAIN_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^-?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


_NOT_RESOLVED = (
    "tag:yaml.org,2002:timestamp",  # the models parse dates
    "tag:yaml.org,2002:value",  # a lone `=` is YAML 1.1's value key: here it is text, a bad value
    "tag:yaml.org,2002:merge",  # `<<` merges mappings silently: here it is an (unknown) key
    _INT, _FLOAT,  # replaced by plain decimal numbers below
)


def _resolvers() -> dict[Any, list[tuple[str, Any]]]:
    """The safe loader's implicit resolvers without timestamps, the value and merge keys,
    and with plain decimal numbers only."""
    table: dict[Any, list[tuple[str, Any]]] = {}
    for first, resolvers in _Base.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in resolvers if tag not in _NOT_RESOLVED]
        if first is not None and first in "-0123456789":
            kept.append((_INT, _PLAIN_INT))
        if first is not None and first in "-.0123456789":
            kept.append((_FLOAT, _PLAIN_FLOAT))
        if kept:
            table[first] = kept
    return table


class _Refused(Exception):
    def __init__(self, code: str, mark: Any, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.mark = mark
        self.params = params


class FastLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe C loader that records duplicate keys; dates stay text (the models parse them),
    and so do keys (`null:` is the key 'null', not None)."""

    yaml_implicit_resolvers = _resolvers()

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
            if type(key) is not str and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # `null:`, `true:`, `12:` are keys as typed, not None/True/12
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
        line, col = deep
        problems.append(Problem(rel, "too-deep", {"limit": MAX_DEPTH}, line, col))
    return problems


# -- line-level checks: they need no parse, so they still run after a syntax error ---------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_CURLY_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:(?P<key>[\w.-]+):\s+)?)(?P<value>[“”„‘’‚].*?)\s*$")
_NO_SPACE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/\[{\"'].*?)\s*$")
_NOT_KEYS = {"http", "https", "mailto", "ftp"}


def line_problems(text: str, rel: str) -> list[Problem]:
    """Mistakes visible on one line: control characters, word-processor quotes around a
    value, a missing space after `key:`, a key without its colon among the keys of its
    mapping. They are reported whatever else is wrong."""
    problems = []
    key_column = -1  # column of the keys of the mapping the previous line belongs to
    for number, line in enumerate(text.split("\n"), 1):
        control = _CONTROL.search(line.rstrip("\r"))
        if control:
            detail = f"U+{ord(control.group()):04X}"
            problems.append(Problem(rel, "bad-character", {"detail": detail}, number, control.start() + 1))
            continue
        if line.lstrip().startswith("#"):
            continue
        column, key_column = key_column, _key_column(line)
        colonless = _WORD_VALUE.match(line.rstrip("\r"))
        if colonless and column >= 0 and column == len(colonless["lead"]) and ":" not in line:
            problems.append(Problem(rel, "yaml-syntax", {"detail": "could not find expected ':'", "reason": "missing-colon"},
                                    number, column + 1))
            key_column = column  # the next key of this mapping is checked too
            continue
        curly = _CURLY_VALUE.match(line)
        if curly:
            value = curly["value"]
            problems.append(Problem(rel, "curly-quotes", {"key": curly["key"] or "-", "value": value[:80],
                                                          "fixed": value.strip("“”„‘’‚")[:80]},
                                    number, len(curly["lead"]) + 1))
            continue
        bare = _NO_SPACE.match(line)
        if bare and bare["key"].lower() not in _NOT_KEYS:
            problems.append(Problem(rel, "missing-space", {"key": bare["key"], "value": bare["value"][:80]},
                                    number, len(bare["lead"]) + len(bare["key"]) + 2))
    return problems


def _key_column(line: str) -> int:
    """The column of the key on a `key: value` line (after `- `), else -1."""
    keyed = _KEY_LINE.match(line)
    return len(keyed["lead"]) if keyed else -1


_KEY_LINE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)[A-Za-z_][\w-]*:")
_WORD_VALUE = re.compile(r"^(?P<lead>[ \t]*)[A-Za-z_][\w-]*[ \t]+\S")


#: libyaml's problem (and context) -> a reason a chair understands (catalogue `yaml.<reason>`).
YAML_REASONS = [
    ("found unexpected end of stream", "quoted scalar", "unclosed-quote"),
    ("found unknown escape character", "", "bad-escape"),
    ("could not find expected ':'", "", "missing-colon"),
    ("mapping values are not allowed", "", "colon-in-value"),
    ("found unexpected ':'", "", "colon-in-value"),
    ("mapping keys are not allowed", "", "colon-in-value"),
    ("did not find expected key", "", "indentation"),
    ("did not find expected '-' indicator", "", "indentation"),
    ("expected <block end>", "", "indentation"),
    ("found character that cannot start any token", "", "bad-start"),
    ("did not find expected ',' or ']'", "", "unclosed-bracket"),
    ("expected ',' or ']'", "", "unclosed-bracket"),
    ("did not find expected ',' or '}'", "", "unclosed-brace"),
    ("expected ',' or '}'", "", "unclosed-brace"),
    ("found a tab character", "", "tab"),
    ("block sequence entries are not allowed", "", "dash-in-value"),
    ("did not find expected alphabetic or numeric character", "", "anchor-name"),
    ("found undefined tag handle", "", "tag"),
    ("expected a comment or a line break", "", "after-indicator"),
    ("did not find expected node content", "", "missing-value"),
    ("expected the node content", "", "missing-value"),
    ("found unexpected end of stream", "", "unexpected-end"),
]


def yaml_reason(problem: str, context: str) -> str:
    for fragment, where, reason in YAML_REASONS:
        if fragment in problem and where in context:
            return reason
    return "other"


def _may_be_deep(text: str) -> bool:
    """False only when the text cannot nest past MAX_DEPTH, whatever quotes, comments or
    block scalars it holds (cheap: three scans that find nothing on ordinary files).

    Along a chain of nested collections the start column never decreases and rises at
    least every second level (only a block sequence may sit at its mapping's column).
    Without a line indented `_INDENT_SAFE` or more, collections starting a line give at
    most 2 * _INDENT_SAFE levels; the last line adds at most `_COMPACT_SAFE + 1` through
    `- - a:` runs; flow collections come last and add at most 2 per opener. 24 + 7 + 20
    stays below 64, so only texts past one of the three thresholds are measured."""
    return (text.count("[") + text.count("{") > _FLOW_OPENERS_SAFE
            or _DEEP_INDENT.search(text) is not None
            or _COMPACT_RUN.search(text) is not None)


_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> tuple[int, Any]:
    """libyaml's real nesting: the deepest level reached (stopping past `limit`) and the
    mark where it was reached. Uses the event parser, which never recurses, so it cannot
    crash on any input; a syntax error ends the count (the parse reports it later).
    libyaml's own nesting limit counts as too deep."""
    parser = _Base(text)
    depth = deepest = 0
    mark = None
    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            if isinstance(event, _OPEN_EVENTS):
                depth += 1
                if depth > deepest:
                    deepest, mark = depth, event.start_mark
                    if depth > limit:
                        break
            elif isinstance(event, _CLOSE_EVENTS):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):
            return limit + 1, exc.problem_mark
    except yaml.YAMLError:
        pass
    finally:
        parser.dispose()
    return deepest, mark


def _too_deep(text: str) -> tuple[int, int] | None:
    """(line, column) where nesting passes MAX_DEPTH, measured before the recursive parse."""
    if not _may_be_deep(text):
        return None
    depth, mark = nesting_depth(text)
    if depth <= MAX_DEPTH:
        return None
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


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
        params: dict[str, Any] = {"detail": detail, "reason": yaml_reason(detail, "")}
        if code == "unsafe-tag":
            params = {"detail": str(exc.problem).split("tag ")[-1].strip("'")}
        del tag
        return ReadResult(None, [_at(Problem(rel, code, params), exc.problem_mark)], text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or str(exc)
        reason = yaml_reason(exc.problem or "", exc.context or "")
        params = {"detail": detail, "reason": reason}
        if reason == "unclosed-quote" and exc.context_mark is not None:  # point at where it opened
            mark = exc.context_mark
            params["start"] = mark.line + 1
        elif reason == "missing-colon" and exc.context_mark is not None:
            mark = exc.context_mark  # the key without its colon, not the line after it
        problem = _at(Problem(rel, "yaml-syntax", params), mark)
        if reason == "colon-in-value":
            problem = _colon_missing_above(problem, text)
        return ReadResult(None, [problem], text)
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


_KEY_NO_COLON = re.compile(r"^(?P<lead>\s*(?:-\s+)?)[A-Za-z_][\w-]*\s+[^:#\s][^:#]*$")
_KEY_HERE = re.compile(r"^\s*[A-Za-z_][\w-]*\s*$")


def _colon_missing_above(problem: Problem, text: str) -> Problem:
    """`- date 2023-03-14` above `  target: ...`: libyaml reads both lines as one text and
    stumbles on the second line's colon. The mistake is the missing colon on the line above."""
    lines = text.splitlines()
    if not 2 <= problem.line <= len(lines):
        return problem
    here, above = lines[problem.line - 1], lines[problem.line - 2]
    found = _KEY_NO_COLON.match(above)
    if not found or not _KEY_HERE.match(here[: max(problem.column - 1, 0)]):
        return problem
    params = {**problem.params, "reason": "missing-colon"}
    return replace(problem, params=params, line=problem.line - 1, column=len(found["lead"]) + 1)


def _at(problem: Problem, mark: Any) -> Problem:
    if mark is None:
        return problem
    return problem.at(mark.line + 1, mark.column + 1)


def read_file(path: Path, rel: str) -> ReadResult:
    raw, problems = read_bytes(path, rel)
    if raw is None:
        return ReadResult(None, problems)
    return read_text(raw, rel)


def read_bytes(path: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """A data file's bytes, or why it cannot be read."""
    from ssw.safepath import NotRegular, read_regular

    try:
        return read_regular(path, MAX_FILE_BYTES), []
    except NotRegular as exc:
        return None, [Problem(rel, "not-regular", {"kind": exc.kind})]
    except OSError as exc:
        return None, [Problem(rel, "unreadable", {"reason": exc.strerror or str(exc)})]


def read_text(raw: bytes, rel: str) -> ReadResult:
    """Decode, check and parse a file's bytes."""
    text, problems = decode(raw, rel)
    if text is None:
        return ReadResult(None, problems)
    problems = text_problems(text, rel)
    if problems:  # no parse: list what each line shows as well
        return ReadResult(None, _merge(problems, line_problems(text, rel)), text)
    result = parse(text, rel)
    if result.data is None and result.problems:  # a syntax error hides the rest of the file
        result.problems = _merge(result.problems, line_problems(text, rel))
    return result


def _merge(first: list[Problem], more: list[Problem]) -> list[Problem]:
    """Problems of both lists, one per line: a line's own mistake says more than the parse
    error it causes."""
    lines = {p.line for p in more}
    return [p for p in first if p.line not in lines or p.code in ("merge-conflict", "tab")] + [
        p for p in more if p.line not in {q.line for q in first if q.code in ("merge-conflict", "tab")}]


def compose(text: str) -> yaml.Node | None:
    """The node tree with positions: only used on the error path."""
    loader = Loader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
