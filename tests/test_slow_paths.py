"""Work that grows with bad input stays bounded: close-match suggestions for dangling
references are capped and look at an indexed few candidates; a data root's own
(sandboxed) templates cannot loop, build or write without limit. Counted, not timed."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import run
from ssw import checks
from ssw.loader import load
from ssw.report import render as rr
from ssw.root import open_root

LOG = "regions/vlaanderen/updates/2023.yaml"


def _dangling(root: Path, count: int) -> None:
    path = root / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f'- date: 2023-03-14\n  target: "4.2.1.{900 + i}"\n  status: lopend\n  note: n{i}\n'
                            for i in range(count)), encoding="utf-8")


def test_many_dangling_references_get_few_suggestions(real_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, pool: list[str], *args: object, **kwargs: object) -> list[str]:
        calls.append(len(pool))
        return real(word, pool, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    _dangling(real_root, 3000)
    problems = [p for p in load(open_root(real_root)).problems if p.code == "unknown-ref"]
    assert len(problems) == 3000  # every one reported, with its own line
    assert len({p.line for p in problems}) == 3000
    assert len(calls) <= checks.SUGGESTION_BUDGET
    assert sum(1 for p in problems if p.params["suggestion"]) >= min(50, checks.SUGGESTION_BUDGET)
    assert "4.2.1." in problems[0].params["suggestion"]  # still a useful suggestion


def test_suggestions_look_at_a_bounded_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda w, pool, *a, **k: seen.append(len(pool)) or real(w, pool, *a, **k))
    pool = [f"{a}.{b}.{c}.{d}" for a in range(1, 30) for b in range(1, 20) for c in range(1, 10) for d in range(1, 10)]
    found = checks.close_matches("7.3.4.12", pool)
    assert seen == [checks.SUGGESTION_POOL] and found and found[0].startswith("7.3.4.")


def _template(root: Path, body: str) -> Path:
    folder = root / "mytemplates"
    folder.mkdir(exist_ok=True)
    (folder / "jaaroverzicht.md.j2").write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("body", "words"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x", "range()"),
    ("{% for i in range(3) %}{% for j in range(600000) %}{% endfor %}{% endfor %}", "range()"),
    ('{{ "x" * 100000000 }}', "elements"),
    ("{{ [1, 2] * 10000000 }}", "elements"),
    ("{{ 10 ** 100000000 }}", "elements"),
    ('{% for i in range(90000) %}{{ "y" * 900000 }}{% endfor %}', "characters"),
], ids=["nested-range", "long-inner-range", "string-times", "list-times", "power", "output"])
def test_user_templates_are_bounded(real_root: Path, body: str, words: str) -> None:
    folder = _template(real_root, body)
    result = run(["--root", str(real_root), "report", "--year", "2023", "--templates", str(folder), "--out", "-",
                  "--lang", "en"])
    assert result.exit_code == 1, result.output[:300]
    assert "template error" in result.output and words in result.output


def test_a_modest_user_template_still_renders(real_root: Path) -> None:
    folder = _template(real_root, "{% for i in range(1000) %}{{ i }}{% endfor %}{{ 'ab' * 3 }}{{ 2 ** 10 }}")
    result = run(["--root", str(real_root), "report", "--year", "2023", "--templates", str(folder), "--out", "-"])
    assert result.exit_code == 0 and "ababab1024" in result.stdout
    assert rr.MAX_RANGE_STEPS >= 1000
