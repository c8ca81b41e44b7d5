"""The Markdown reports as a git forge shows them: every kind, language and audience is rendered
with a CommonMark library (markdown-it-py, CommonMark plus pipe tables, as GitHub, GitLab and
Gitea read it) and checked for what a reader would see: the table of contents lists the
document's sections and links to their anchors, every table is a table with one column count,
no line break collapses, and text from the data stays literal text whatever it holds."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import copy_demo_root, run

#: kind, year, audience: every document the demo gives, each audience where the kind has one.
DOCUMENTS = [("jaaroverzicht", 2023, "stuurgroep"), ("jaaroverzicht", 2023, "publiek"), ("jaaroverzicht", 2021, "stuurgroep"),
             ("tussentijds", 2022, "publiek"), ("tussentijds", 2022, "stuurgroep"),
             ("eindevaluatie", 2024, "stuurgroep"), ("eindevaluatie", 2024, "publiek")]

#: Text a chair might type, each piece something Markdown or HTML would obey.
HOSTILE = ("*bold* _x_ __y__ `code` ``` ~~~ <script>alert(1)</script> <b>b</b> &amp; &#42; "
           "[link](javascript:x) ![img](x.png) <https://evil.example> | pipe \\*")
HOSTILE_LINES = ("# kop", "1. een", "- lijst", "+ plus", "> quote", "```", "~~~", "    code", "=====", "| a | b |")


def forge() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@functools.cache
def render(root: Path, kind: str, year: int, audience: str, lang: str) -> str:
    """The Markdown report through the real CLI (each document rendered once per root)."""
    result = run(["report", "--root", str(root), "--out", "-", "--kind", kind, "--year", str(year),
                  "--audience", audience, "--lang", lang])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo_root(tmp_path_factory.mktemp("clean"))


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading (github-slugger): lower case, punctuation but `-` and
    `_` dropped, each space a hyphen."""
    out = []
    for ch in text.strip().lower():
        cat = unicodedata.category(ch)
        if ch in "-_" or cat[0] in "LN" or cat == "Mn":
            out.append(ch)
        elif ch == " ":
            out.append("-")
    return "".join(out)


def inline_text(token: Any) -> str:
    """What a reader sees of an inline token: its text, entities decoded, markup dropped."""
    return "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline", "html_inline"))


def headings(tokens: list[Any]) -> list[tuple[int, str]]:
    return [(int(tok.tag[1]), inline_text(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def contents(tokens: list[Any]) -> list[tuple[str, str]]:
    """(text, href) of each entry of the table of contents: the first ordered list."""
    start = next(i for i, tok in enumerate(tokens) if tok.type == "ordered_list_open")
    end = next(i for i in range(start, len(tokens)) if tokens[i].type == "ordered_list_close" and tokens[i].level == tokens[start].level)
    entries = []
    for tok in tokens[start:end]:
        if tok.type == "inline":
            links = [c for c in tok.children if c.type == "link_open"]
            assert len(links) == 1, tok.content
            entries.append((inline_text(tok), unquote(str(links[0].attrs["href"]))))
    return entries


def source_cells(line: str) -> int:
    """The number of cells of a pipe-table row as written (escaped pipes do not count)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return len(re.split(r"(?<!\\)\|", body))


def check_document(text: str) -> list[Any]:
    """The checks every Markdown report passes; returns the tokens for more."""
    tokens = forge().parse(text)
    # one title, then the sections; the contents lists exactly the sections, in order,
    # each linking to the anchor the forge gives its heading
    heads = headings(tokens)
    assert [level for level, _ in heads].count(1) == 1 and heads[0][0] == 1, heads[:3]
    sections = [title for level, title in heads if level == 2]
    toc = contents(tokens)
    assert [title for title, _ in toc] == sections
    assert [href for _, href in toc] == ["#" + github_slug(title) for title in sections]
    assert len({github_slug(title) for title in sections}) == len(sections), "two sections share an anchor"
    # headings nest without skipping a level
    for (before, _), (after, title) in zip(heads, heads[1:], strict=False):
        assert after <= before + 1, f"h{before} -> h{after} {title}"
    # every table: a header, a delimiter row and rows, each as many cells as the header
    lines = text.split("\n")
    in_tables: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.type != "table_open":
            continue
        first, last = tok.map
        in_tables.update(range(first, last))
        header = source_cells(lines[first])
        assert header >= 2, lines[first]
        for n in range(first, last):
            assert source_cells(lines[n]) == header, f"line {n + 1}: {lines[n]}"
        end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
        rows = [tok2 for tok2 in tokens[i:end] if tok2.type == "tr_open"]
        assert len(rows) == last - first - 1  # every line but the delimiter is a row
    # a line that starts like a table row is in a table
    for n, line in enumerate(lines):
        if line.startswith("|"):
            assert n in in_tables, f"line {n + 1} is not in a table: {line}"
    # no line break collapses: each break in the source is a paragraph or a hard break
    soft = [tok.content for tok in tokens if tok.type == "inline" and any(c.type == "softbreak" for c in tok.children)]
    assert not soft, soft[:3]
    # no raw HTML block of the template's own making, no code blocks at all
    assert not [tok for tok in tokens if tok.type in ("html_block", "code_block", "fence")]
    # one date style: long dates in prose and lists, ISO dates in tables; platforms by name
    prose, cells = [], []
    depth = 0
    for tok in tokens:
        depth += tok.type == "table_open"
        depth -= tok.type == "table_close"
        if tok.type == "inline":
            (cells if depth else prose).append(inline_text(tok))
    assert not [p for p in prose if ISO_DATE.search(p)], [p for p in prose if ISO_DATE.search(p)][:3]
    assert not [c for c in cells if LONG_DATE.search(c)], [c for c in cells if LONG_DATE.search(c)][:3]
    assert not [p for p in prose if PLATFORM_ID.search(p)], [p for p in prose if PLATFORM_ID.search(p)][:3]
    return tokens


ISO_DATE = re.compile(r"(?<![\w/.-])\d{4}-\d{2}(-\d{2})?(?![\w/-])")
LONG_DATE = re.compile(r"\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
                       r"January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")
#: a demo platform's id standing alone (not part of an own action's id like antwerpen.2023.1)
PLATFORM_ID = re.compile(r"(?<![\w./-])(antwerpen|brussel|limburg|oost-vlaanderen|vlaams-brabant|west-vlaanderen|vlaanderen)"
                         r"(?![\w./-])")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind, year, audience", DOCUMENTS)
def test_markdown_renders_as_a_document(clean_root: Path, kind: str, year: int, audience: str, lang: str) -> None:
    check_document(render(clean_root, kind, year, audience, lang))


# -- hostile data -------------------------------------------------------------------------


def _rewrite(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data:
        change(entry)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_demo(dest: Path) -> Path:
    """A demo copy whose update notes, own actions' titles, good practices and the stuurgroep's
    judgements hold HOSTILE; notes, good-practice texts and judgements over several lines that
    each start a Markdown block."""
    demo = copy_demo_root(dest)
    block = "\n".join([HOSTILE, *HOSTILE_LINES])
    starts = iter(HOSTILE_LINES * 100)

    def note(entry: dict[str, Any]) -> None:
        if entry.get("note"):
            entry["note"] = block

    def action(entry: dict[str, Any]) -> None:
        entry["title"] = f"{next(starts)} {HOSTILE}"

    def practice(entry: dict[str, Any]) -> None:
        if entry.get("type") == "goede-praktijk":
            entry["title"] = f"{next(starts)} {HOSTILE}"
            entry["text"] = block
            entry["waarom"] = block
            entry["kritische_succesfactoren"] = [f"{next(starts)} {HOSTILE}" for _ in entry.get("kritische_succesfactoren", [])]

    def judgement(entry: dict[str, Any]) -> None:
        for key in ("reasoning", "effect", "policy"):
            if entry.get(key):
                entry[key] = block

    _rewrite(demo / "regions" / "vlaanderen" / "evaluations.yaml", judgement)
    for path in sorted((demo / "regions").glob("*/updates/*.yaml")):
        _rewrite(path, note)
    for path in sorted((demo / "regions").glob("*/actions.yaml")):
        _rewrite(path, action)
    for path in sorted((demo / "regions").glob("*/signals.yaml")):
        _rewrite(path, practice)
    return demo


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_demo(tmp_path_factory.mktemp("hostile"))


#: Elements whose number must not change when the data turns hostile.
STRUCTURE = re.compile(r"<(h[1-6]|ol|ul|li|em|strong|code|pre|a|img|blockquote|table|tr|th|td|hr|script|b)\b")


@pytest.mark.parametrize("lang", ["nl", pytest.param("en", marks=pytest.mark.slow)])  # the same filters, other words
@pytest.mark.parametrize("kind, year, audience", DOCUMENTS)
def test_hostile_data_stays_literal_text(hostile_root: Path, clean_root: Path, kind: str, year: int, audience: str,
                                         lang: str) -> None:
    text = render(hostile_root, kind, year, audience, lang)
    check_document(text)
    html = forge().render(text)
    clean = forge().render(render(clean_root, kind, year, audience, lang))
    assert "*bold* _x_ __y__ `code` ``` ~~~" in html  # literally, as typed
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;b&lt;/b&gt; &amp;amp; &amp;#42;" in html
    assert "[link](javascript:x) ![img](x.png) &lt;https://evil.example&gt; | pipe \\*" in html
    assert "<script" not in html and "javascript:" not in html.replace("(javascript:x)", "")
    # the same elements as the clean demo: no heading, list, emphasis, code, link, image,
    # quote or table more or less, whatever the lines of the data start with
    assert Counter(STRUCTURE.findall(html)) == Counter(STRUCTURE.findall(clean))
    # a line of a multi-line note starts its own line in the document, literally
    if kind == "jaaroverzicht" and audience == "stuurgroep":
        for line in HOSTILE_LINES:
            shown = line.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert f"<br />\n{shown}" in html, line


# -- plural forms -----------------------------------------------------------------------------

ONE_PLURAL = re.compile(r"(?<![\d.,])1 (items|updates|eigen acties|own actions|regionale platformen|regional platforms|"
                        r"goede praktijken|good practices|ervan lopen|of them continue)\b")


@pytest.mark.parametrize("lang, one", [("nl", "1 item · 1 lopend · voortgang 0%"), ("en", "1 item · 1 ongoing · progress 0%")])
def test_a_count_of_one_is_singular(clean_root: Path, lang: str, one: str) -> None:
    """Theme 4.11 has one item: its counts line says so in the singular, in Markdown and HTML."""
    for fmt in ("md", "html"):
        result = run(["report", "--root", str(clean_root), "--out", "-", "--year", "2021", "--lang", lang, "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert one in result.stdout
        assert not ONE_PLURAL.search(result.stdout), ONE_PLURAL.search(result.stdout)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_sentences_agree_with_their_counts(lang: str) -> None:
    """Every counted sentence of the reports, with 1 and with 2: the singular form for one."""
    from ssw.i18n import t, tn

    for n in (1, 2):
        sentences = [
            t("report.theme.counts", lang, count=n, total=n, parts="", pct=0),
            t("report.summary.progress", lang, count=n, done=0, base=n, pct=0),
            t("report.int.figures", lang, platforms=tn("n.regional-platforms", n, lang), own=tn("n.own-actions", n, lang),
              gp=tn("n.good-practices", n, lang)),
            t("report.region.with-data", lang, count=n, known=0, total=n),
            t("report.cont.carried", lang, count=n, carried=n, plans="x"),
        ]
        found = [s for s in sentences if ONE_PLURAL.search(s)]
        assert not found if n == 1 else all(str(n) in s for s in sentences), found
    assert t("report.region.no-data", lang, count=1, total=1) != t("report.region.no-data", lang, count=2, total=2).replace("2", "1")
