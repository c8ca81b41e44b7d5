"""Data that would drive the place it is shown: spreadsheet formulas, terminal escape
sequences, Markdown code fences. Each is neutralised, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import copy_demo_root, run
from ssw.escape import md_block, md_cell, md_inline, spreadsheet_cell, terminal_text

LOG = "regions/antwerpen/updates/2023.yaml"
ACTIONS = "regions/antwerpen/actions.yaml"


def _yaml_quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _add_update(root: Path, note: str, author: str = "Voorzitter") -> None:
    path = root / LOG
    old = path.read_text(encoding="utf-8")
    path.write_text(old + f'- date: 2023-11-30\n  target: "4.2.2.2"\n  status: lopend\n'
                    f"  author: {_yaml_quoted(author)}\n  note: {_yaml_quoted(note)}\n", encoding="utf-8")


def _add_action(root: Path, title: str) -> None:
    path = root / ACTIONS
    old = path.read_text(encoding="utf-8")
    path.write_text(old + f'- id: antwerpen.2023.9\n  date: 2023-06\n  title: {_yaml_quoted(title)}\n'
                    '  themes: ["4.8"]\n  krachtlijnen: []\n', encoding="utf-8")


# -- spreadsheets -------------------------------------------------------------------------

FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tstart", "\rstart", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_export_neutralises_formula_cells(demo_root: Path, tmp_path: Path, value: str) -> None:
    _add_update(demo_root, note=value, author=value)
    out = tmp_path / "csv"
    result = run(["--root", str(demo_root), "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "updates.csv").read_bytes().decode("utf-8"), newline="")))
    row = next(r for r in rows if r["date"] == "2023-11-30")
    assert row["note"] == "'" + value and row["author"] == "'" + value
    for r in rows:  # no cell of any row starts a formula
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in r.values() if v)


def test_xlsx_export_neutralises_formula_cells(demo_root: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _add_action(demo_root, "=cmd|' /C calc'!A0")
    out = tmp_path / "x.xlsx"
    assert run(["--root", str(demo_root), "export", "--format", "xlsx", "--out", str(out)]).exit_code == 0
    titles = [c.value for row in openpyxl.load_workbook(out).worksheets for c in row["A:Z"] for c in c
              if isinstance(c.value, str) and "calc" in c.value]
    assert titles and all(v.startswith("'=") for v in titles)


def test_status_csv_neutralises_formula_cells(demo_root: Path) -> None:
    theme = demo_root.parent.parent / "plan" / "ssw-2020-2024" / "themes" / "4.2.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace("text: In samenwerking", 'text: "@SUM(1+1)*cmd" # '), encoding="utf-8")
    result = run(["--root", str(demo_root), "status", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "'@SUM(1+1)*cmd" in result.stdout and ",@SUM" not in result.stdout


def test_only_text_cells_that_start_a_formula_change() -> None:
    assert spreadsheet_cell("a = b") == "a = b" and spreadsheet_cell(-3) == -3 and spreadsheet_cell(None) is None


# -- terminal -----------------------------------------------------------------------------

ESCAPES = ["\x1b]0;gehackt\x07", "\x1b[2J\x1b[H", "\x9b31m", "\x1b]8;;http://evil\x1b\\klik\x1b]8;;\x1b\\", "a\rb", "\x7f\x08"]
RAW = ("\x1b", "\x9b", "\x07", "\r", "\x7f", "\x08")


def _no_raw_control(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


@pytest.mark.parametrize("escape", ESCAPES)
def test_escape_sequences_never_reach_the_terminal(demo_root: Path, escape: str) -> None:
    _add_update(demo_root, note=f"voor {escape} na", author=f"X{escape}")
    _add_action(demo_root, f"titel {escape}")
    for args in (["show", "4.2.2.2"], ["show", "antwerpen"], ["show", "antwerpen.2023.9"],
                 ["status", "--region", "antwerpen"], ["status", "--format", "json"], ["regions"],
                 ["export", "--format", "json"], ["agenda"], ["coverage"]):
        result = run(["--root", str(demo_root), *args])
        assert result.exit_code == 0, (args, result.output)
        _no_raw_control(result.output)
    shown = run(["--root", str(demo_root), "show", "4.2.2.2"]).stdout
    assert "voor " in shown and "na" in shown  # the text around stays readable


@pytest.mark.parametrize("escape", ESCAPES)
def test_escape_sequences_in_validate_messages(demo_root: Path, escape: str) -> None:
    path = demo_root / LOG
    path.write_text(path.read_text(encoding="utf-8") + f'- date: 2023-11-30\n  target: {_yaml_quoted("4.2" + escape)}\n'
                    f"  status: {_yaml_quoted('lopend' + escape)}\n  {_yaml_quoted('kee' + escape)}: x\n  note: x\n",
                    encoding="utf-8")
    result = run(["--root", str(demo_root), "validate"])
    assert result.exit_code == 1 and f"{LOG}:" in result.output
    _no_raw_control(result.output)
    as_json = run(["--root", str(demo_root), "validate", "--format", "json"])
    _no_raw_control(as_json.output)
    json.loads(as_json.stdout)  # still valid JSON


def test_json_keeps_the_value(demo_root: Path) -> None:
    _add_update(demo_root, note="a\x9bb\x1bc")
    data = json.loads(run(["--root", str(demo_root), "export", "--format", "json"]).stdout)
    assert any(u["note"] == "a\x9bb\x1bc" for u in data["updates"])


def test_terminal_text_keeps_newlines_and_tabs() -> None:
    assert terminal_text("a\nb\tc\x1b") == "a\nb\tc\\x1b"


# -- Markdown -----------------------------------------------------------------------------

FENCES = ["```", "~~~", "```python", "   ```", "````", "`code` span"]


def _fence_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.lstrip().startswith(("```", "~~~")))


@pytest.fixture(scope="module")
def clean_fences(tmp_path_factory: pytest.TempPathFactory) -> int:
    """The fence lines of the demo's own report (the template's), counted once."""
    clean = run(["--root", str(copy_demo_root(tmp_path_factory.mktemp("clean") / "repo")), "report", "--year", "2023",
                 "--out", "-"])
    assert clean.exit_code == 0, clean.output
    return _fence_lines(clean.stdout)


@pytest.mark.parametrize("fence", FENCES)
def test_fences_in_data_do_not_open_a_code_block(demo_root: Path, clean_fences: int, fence: str) -> None:
    _add_update(demo_root, note=f"begin\n{fence}\nverborgen", author=fence)
    _add_action(demo_root, f"{fence} titel")
    result = run(["--root", str(demo_root), "report", "--year", "2023", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert _fence_lines(result.stdout) == clean_fences  # only the template's own
    assert "verborgen" in result.stdout


def test_markdown_filters_escape_code_syntax() -> None:
    for f in (md_inline, md_cell, md_block):
        out = f("```\n~~~ `x`")
        assert "```" not in out and "~~~" not in out and "`x`" not in out
    assert md_block("_ _ _") .startswith("\\")


@pytest.mark.parametrize("value", ['Plan "2025"', "a\\b", "</style><script>alert(1)</script>", "line\nbreak", "it's & <b>"])
def test_css_strings_from_data_cannot_leave_the_style_element(value: str) -> None:
    """The running title in the print footer comes from data and goes into a <style>
    element: it stays one CSS string, and no `<` can close the element."""
    from ssw.escape import css_string

    quoted = css_string(value)
    assert quoted[0] == quoted[-1] == '"' and not any(c in quoted[1:-1] for c in '"<>\n')
    decoded = re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])
    assert decoded == value


def test_page_footer_counters_in_every_language(demo_root: Path, tmp_path: Path) -> None:
    for lang, words in (("nl", ('"pagina "', '" van "')), ("en", ('"page "', '" of "'))):
        out = tmp_path / f"r.{lang}.html"
        assert run(["report", "--root", str(demo_root), "--lang", lang, "--format", "html", "--out", str(out)]).exit_code == 0
        style = out.read_text(encoding="utf-8").split("<style>", 1)[1].split("</style>", 1)[0]
        assert f"{words[0]} counter(page) {words[1]} counter(pages)" in style
