"""Problems are values: every check returns a list of them, the CLI prints them all.

A problem knows its file and either a position (line/column, when the parser
found it) or a `loc` (a path of keys and indexes into the file's data). Positions
for `loc` are looked up only when problems exist (see `loader.locate_all`), so the happy
path never pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the root, with forward slashes
    code: str  # stable machine-readable code, e.g. "unknown-key"
    params: dict[str, Any] = field(default_factory=dict, hash=False)  # compared: two messages at one place are two problems
    line: int = 0  # 1-based; 0 = not known yet
    column: int = 0
    loc: tuple[str | int, ...] = ()
    key_loc: bool = False  # point at the key itself, not its value

    def at(self, line: int, column: int) -> Problem:
        return replace(self, line=line, column=column)

    def message(self, lang: str) -> str:
        from ssw.i18n import problem_message

        return problem_message(self.code, lang, self.params)

    def hint(self, lang: str) -> str:
        from ssw.i18n import problem_hint

        return problem_hint(self.code, lang, self.params)

    def format(self, lang: str) -> str:
        hint = self.hint(lang)
        text = f"{self.path}:{self.line or 1}:{self.column or 1}: error: {self.message(lang)}"
        return f"{text} ({hint})" if hint else text

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line or 1,
            "column": self.column or 1,
            "code": self.code,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """In file order (ties in the order found); a problem found twice (same place, same
    words) is told once."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.path, p.line, p.column, p.code))


class SswError(Exception):
    """Cannot go on (no root, unwritable file, ...). Caught once, in the CLI."""

    def __init__(self, key: str, exit_code: int = 1, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.exit_code = exit_code
        self.problems: list[Problem] = []
        self.options: list[tuple[str, Problem]] = []  # problems with a command-line value, by option

    def message(self, lang: str) -> str:
        from ssw.i18n import t

        return t(self.key, lang, **{k: said(v, lang) for k, v in self.params.items()})


class Said(str):
    """A parameter that is itself a catalogue key (a reason such as "not a folder"): put in
    the user's language when the message is shown."""


def said(value: Any, lang: str) -> Any:
    """A message parameter in the user's language: a `Said` key translated, an SswError as
    its message, an OSError by its errno (the operating system's own words are English),
    anything else as it is."""
    from ssw.i18n import t

    if isinstance(value, Said):
        return t(str(value), lang)
    if isinstance(value, SswError):  # a reason that is itself a message (a git failure)
        return value.message(lang)
    if isinstance(value, OSError):
        import errno

        name = errno.errorcode.get(value.errno or -1, "")
        text = t(f"reason.{name}", lang) if name in OS_REASONS else ""
        return text or value.strerror or str(value)
    return value


OS_REASONS = ("ENOSPC", "EACCES", "EPERM", "EROFS", "EEXIST", "ENOENT", "ENOTDIR", "EISDIR", "ELOOP",
              "ENAMETOOLONG", "EDQUOT", "EIO", "ENXIO", "EBUSY", "ETXTBSY", "EXDEV", "ENOTEMPTY")


class ProblemsFound(SswError):
    """Data problems stop a command: it prints them like `validate` and exits 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("err.problems", count=len(problems))
        self.problems = problems
