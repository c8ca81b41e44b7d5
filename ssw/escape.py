"""Data text made harmless for where it is shown: terminal, spreadsheet, Markdown.

Data files are typed by many hands and may come with a merged branch, so any text in
them may hold what the place it is shown would obey: terminal escape sequences (colour,
OSC titles and links, cursor moves), spreadsheet formulas, Markdown code fences. Each
output path runs data through the one function for its place:

- `terminal_text`: C0/C1 control characters (ESC, CSI, BEL, CR, DEL ...) shown as
  `\\x1b`-style text; line feeds and tabs stay. `SafeStream` applies it to everything
  the CLI prints.
- `spreadsheet_cell`: a text cell starting with `= + - @`, tab or CR gets a leading
  `'` (OWASP's advice against CSV/formula injection), in CSV and xlsx.
- `md_inline`, `md_cell`, `md_block`: CommonMark from data, shown literally on a git
  forge: no emphasis, raw HTML, entities, links, code spans or fences, no heading, list,
  quote or rule started by a line; `md_block` keeps the data's line breaks as hard breaks.
  Report templates use them as the filters `md`, `cell` and `mdblock`
  (tests/test_report_markdown.py renders the reports with a CommonMark library).
"""

from __future__ import annotations

import re
from typing import IO, Any

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in range(0x7F, 0xA0)}  # json.dumps escapes C0 itself
# The same characters as a class: one scan finds whether there is anything to replace
# (rarely), which is far quicker than translating every character of a long output.
_HAS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HAS_JSON_UNSAFE = re.compile("[\x7f-\x9f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def terminal_text(text: str) -> str:
    """Control characters as visible text (`\\x1b`), so the terminal obeys none of them."""
    return text.translate(_CONTROL) if _HAS_CONTROL.search(text) else text


def json_text(text: str) -> str:
    """JSON from `json.dumps(ensure_ascii=False)` with DEL and C1 escaped as `\\u009b`
    (valid JSON, the same value, nothing a terminal obeys)."""
    return text.translate(_JSON_UNSAFE) if _HAS_JSON_UNSAFE.search(text) else text


class SafeStream:
    """A text stream that passes everything written through `terminal_text`."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", "utf-8") or "utf-8"

    @property
    def errors(self) -> str | None:
        return getattr(self._stream, "errors", None)

    def __getattr__(self, name: str) -> Any:
        if name in ("buffer", "detach"):  # bytes would bypass the filter
            raise AttributeError(name)
        return getattr(self._stream, name)


def spreadsheet_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading `'` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# -- Markdown ---------------------------------------------------------------------------
#
# CommonMark (and the pipe tables every forge adds) obeys a handful of characters anywhere in
# a line and a few more at its start. Data text is escaped for both, so a forge shows it
# literally: `*`, `_` (emphasis), `` ` `` and `~` (code spans, fences), `[` `]` (links,
# images), `\` (an escape of its own), `|` (a table cell), `<` `>` `&` (HTML, autolinks,
# entities, quotes); at the start of a line `#`, `-`, `+`, `=` (headings, lists, rules,
# setext underlines) and `1.` / `1)` (ordered lists). Leading spaces (code blocks) go with
# the whitespace, which is collapsed.

_MD_SPECIAL = str.maketrans({
    "\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "`": "\\`", "~": "\\~",
    "*": "\\*", "_": "\\_", "|": "\\|",
    **{chr(c): v for c, v in _CONTROL.items()},
})
_BLOCK_STARTS = ("#", "-", "+", "=")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _md_line(value: str) -> str:
    """One line of data text, escaped, whitespace collapsed, starting no Markdown block."""
    line = " ".join(str(value).translate(_MD_SPECIAL).split())
    if line.startswith(_BLOCK_STARTS):
        return "\\" + line
    return _ORDERED_START.sub(r"\1\\\2", line)


def _lines(value: Any) -> list[str]:
    return str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def md_inline(value: Any) -> str:
    """Markdown text from data on one line (line breaks become spaces): shown literally
    wherever it is put, at the start of a line or in a list item too."""
    if value is None:
        return ""
    return _md_line(" ".join(_lines(value)))


def md_cell(value: Any) -> str:
    """For a pipe-table cell: escaped like `md_inline`, line breaks as `<br>`."""
    if value is None:
        return ""
    return "<br>".join(line for line in map(_md_line, _lines(value)) if line)


def md_block(value: Any, indent: int = 0) -> str:
    """Data text over several lines, each escaped like `md_inline`: a line break in the data
    is a hard line break (a trailing backslash), an empty line a new paragraph. `indent`
    spaces start every continuation line, to stay inside a list item."""
    pad = " " * indent
    paragraphs: list[list[str]] = [[]]
    for raw in _lines(value or ""):
        line = _md_line(raw)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return f"\n\n{pad}".join(f"\\\n{pad}".join(lines) for lines in paragraphs if lines)


# -- CSS --------------------------------------------------------------------------------

def _css_char(c: str) -> str:
    if c in '"\\' or c in "<>&'" or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0:
        return f"\\{ord(c):x} "
    return c


def css_string(value: Any) -> str:
    """Data text as a quoted CSS string (for `content:` in a `<style>` element): quotes,
    backslashes, line breaks and control characters as CSS hex escapes, and `<`, `>`, `&`
    too, so no text can close the style element."""
    return '"' + "".join(map(_css_char, str(value or ""))) + '"'


def css_counters(text: str, counters: tuple[str, ...] = ("page", "pages")) -> str:
    """A sentence with `{page}` and `{pages}` placeholders as a CSS `content:` value:
    `pagina {page} van {pages}` -> `"pagina " counter(page) " van " counter(pages)`."""
    parts = re.split(r"\{(\w+)\}", text)
    out = []
    for n, part in enumerate(parts):
        if n % 2:
            out.append(f"counter({part})" if part in counters else css_string("{" + part + "}"))
        elif part:
            out.append(css_string(part))
    return " ".join(out) or '""'
