"""The report's steering sections (issue 9): open follow-ups, committed changes, the yearly
account, coverage, and the plan as adopted versus with amendments; in every kind, format
and language, on the demo in a git repository whose history follows the demo's dates
(`test_report.git_demo_history`). Numbers are checked against the core modules directly
(ssw.changes, ssw.obligations, ssw.coverage, ssw.agenda, ssw.amendments)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import GIT_ENV, esc, git, git_demo, report, year_of

from conftest import copy_demo_root
from ssw import report as rp
from ssw.agenda import open_follow_ups
from ssw.amendments import amendments
from ssw.changes import changes_between, summary_text
from ssw.coverage import coverage
from ssw.i18n import t, tn
from ssw.loader import load
from ssw.obligations import obligations
from ssw.root import find_root
from ssw.status import item_states

KINDS = ("jaaroverzicht", "tussentijds", "eindevaluatie")
SECTIONS = ["follow_ups", "changes", "obligations", "coverage", "amendments"]
OB = {"reported": "✔", "missing": "✗", "no-data": "–"}


@pytest.fixture
def history(demo_history: Path) -> Path:
    """Read only (conftest's `demo_history`): tests that change data make their own repository."""
    return demo_history


def frame(root_dir: Path, year: int):  # type: ignore[no-untyped-def]
    root = find_root(str(root_dir))
    loaded = load(root)
    plan = loaded.data.default_plan()
    as_of, _ = rp.report_as_of(plan, year, None)
    return root, loaded.data, plan, as_of


# -- every kind x format x language, numbers from the core ------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", ["jaaroverzicht"])  # the one kind with every steering section
def test_sections_in_every_kind_format_and_language(history: Path, kind: str, fmt: str, lang: str) -> None:
    year = year_of(kind)
    code, text, err = report(history, "--kind", kind, "--format", fmt, "--lang", lang, "--year", str(year))
    assert code == 0, err
    root, ds, plan, as_of = frame(history, year)

    # the five titles, in the layout's order, after the decisions and before the appendix
    def heading(anchor: str, title: str) -> int:
        return text.index(f"\n## {esc(title, fmt)}\n" if fmt == "md" else f'<h2 id="h-{anchor}">{esc(title, fmt)}</h2>')

    where = [heading(name.replace("_", "-"), t(f"report.sec.{name}", lang, year=year)) for name in SECTIONS]
    assert where == sorted(where)
    assert heading("decisions", t("report.decisions", lang, year=year)) < where[0]
    assert where[-1] < heading("appendix", t("report.appendix", lang, year=year))

    # follow-ups: every open decision on the as-of date, overdue ones marked
    found = open_follow_ups(ds, as_of)
    assert found, "the demo has open follow-ups in every report year"
    follow = section(text, fmt, "follow-ups", t("report.sec.follow_ups", lang))
    for f in found:
        row = next(line for line in follow.splitlines() if f.id in line)
        assert (esc(t("ag.overdue", lang), fmt) in row) == f.overdue, f.id
    overdue = sum(f.overdue for f in found)
    if overdue:
        assert t("report.fu.overdue-count", lang, count=overdue, total=len(found)) in follow

    # changes: the totals of `ssw changes --since Y-1-12-31 --until Y-12-31`, for this plan's items
    ch = changes_between(root, f"{year - 1}-12-31", f"{year}-12-31")
    status_changes = [c for c in ch.status_changes if c.plan == plan.id]
    totals = {"status_changes": len(status_changes), "updates": sum(c.plan in (plan.id, "") for c in ch.updates),
              "actions_added": len(ch.actions_added), "actions_dropped": len(ch.actions_dropped),
              "signals": len(ch.signals)}
    if year == 2023:
        assert len(ch.status_changes) > len(status_changes)  # the SAM plan moved too: not in this plan's report
    changed = section(text, fmt, "changes", t("report.sec.changes", lang, year=year))
    assert esc(summary_text(totals, lang), fmt) in changed
    assert esc(t("report.ch.plan-only", lang, plan=plan.file.title), fmt) in changed
    assert totals["status_changes"] and totals["updates"]
    for c in status_changes:
        assert c.id in changed and c.by is not None and esc(c.by.name, fmt) in changed

    # the yearly account: platforms x years, as ssw.obligations counts them
    ob = obligations(ds, plan.id, as_of)
    assert ob.years == tuple(range(2020, year + 1))
    account = section(text, fmt, "obligations", t("report.sec.obligations", lang))
    for p in ob.platforms:
        cells = [OB[c.state] for _, c in ob.row(p)]
        if fmt == "md":
            assert f"| {p} |" + "".join(f" {s} |" for s in cells) in account, p
        else:
            row = next(line for line in account.splitlines() if line.startswith(f'<tr><th scope="row">{p}</th>'))
            assert re.findall(r'<span class="sym" aria-hidden="true">(.)</span>', row) == cells, p

    # coverage: active items per speerpunt/krachtlijn and platform, gaps marked
    cov = coverage(ds, plan.id, year, as_of)
    covered = section(text, fmt, "coverage", t("report.sec.coverage", lang, year=year))
    for ln in cov.lines():
        if fmt == "md":
            cells = "".join(f" {len(c.active) if c.active else '—'} |" for c in ln.cells.values())
            total = f"**{len(ln.total)}**" if ln.total else "—"
            assert f"| {ln.id} |{cells} {total} |" in covered, ln.id
        else:
            for p, c in ln.cells.items():
                title = (t("report.cov.cell-gap", lang, platform=p, tag=ln.id) if c.gap
                         else t("report.cov.cell", lang, platform=p, tag=ln.id, count=len(c.active)))
                assert f"<title>{esc(title, fmt)}" in covered, (ln.id, p)

    # the plan as adopted and with amendments
    am = amendments(ds, plan.id, as_of, 6)
    amended = section(text, fmt, "amendments", t("report.sec.amendments", lang))
    for key, counts, progress in (("am.adopted", am.adopted, am.adopted_progress),
                                  ("am.amended", am.amended, am.amended_progress)):
        line = tn(key, counts.total, lang, done=counts.by_status["gerealiseerd"], total=counts.total, pct=round(progress * 100))
        assert esc(line, fmt) in amended


def section(text: str, fmt: str, anchor: str, title: str) -> str:
    """One section of a rendered report, up to the next one."""
    if fmt == "md":
        return text.split(f"\n## {esc(title, fmt)}\n", 1)[1].split("\n## ", 1)[0]
    return text.split(f'<section class="major" id="{anchor}"', 1)[1].split('<section class="major"', 1)[0]


# -- the data object ----------------------------------------------------------------------------


def test_section_data_agree_with_the_core(history: Path) -> None:
    root, ds, plan, as_of = frame(history, 2023)
    data = rp.build_report_data(load(root), root, 2023, "jaaroverzicht", "en")
    assert [name for name in data["sections"] if name in SECTIONS] == SECTIONS

    changes = data["changes"]
    assert changes["available"] is True and changes["commits"] == 6
    # the history commits each year's logs in that year: what was committed in 2023 is
    # exactly what the demo dates in 2023 ...
    assert changes["totals"]["updates"] == len(data["appendix"]) == data["overview"]["updates_in_year"]
    assert [a["id"] for a in changes["actions_added"]] == ["antwerpen.2023.1", "oost-vlaanderen.2023.1",
                                                            "vlaams-brabant.2023.1"]
    # dropped on 2024-02, so neither the 2023 changes nor the 2023 amendments call it dropped
    assert next(a for a in changes["actions_added"] if a["id"] == "oost-vlaanderen.2023.1")["dropped"] is False
    # ... and every status change is a platform's status at the end of 2022 against the end of 2023
    before, after = item_states(ds, dt.date(2022, 12, 31), 6), item_states(ds, dt.date(2023, 12, 31), 6)

    def status(states: dict, key: tuple[str, str], platform: str) -> str:
        state = states.get(key)
        return state.platforms[platform].status if state and platform in state.platforms else "onbekend"

    expected = sorted((item_id, p, status(before, key, p), status(after, key, p))
                      for key, state in after.items() if key[0] == plan.id
                      for p in state.platforms if status(before, key, p) != status(after, key, p)
                      for item_id in [key[1]])
    got = sorted((x["id"], x["platform"], x["from"]["status"], x["to"]["status"])
                 for th in changes["themes"] for x in th["changes"])
    assert got == expected and len(got) == changes["totals"]["status_changes"] == 24
    assert [th["id"] for th in changes["themes"]] == ["4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9"]

    ob = obligations(ds, plan.id, as_of)
    # seen from 2023-12-31: 2023's overviews are taken on 2024-03-21, so 2023 has no data yet
    assert data["obligations"]["in_year"] == {"reported": 0, "missing": 0, "no_data": 6}
    assert [p["id"] for p in data["obligations"]["not_reported"]] == [p for p, _ in ob.not_reported(2023)] == []
    brussel = next(p for p in data["obligations"]["platforms"] if p["id"] == "brussel")
    assert [(c["year"], c["state"], c["meeting"]) for c in brussel["cells"]] == [
        (2020, "missing", None), (2021, "reported", "stuurgroep.2022-05"), (2022, "reported", "stuurgroep.2023-06"),
        (2023, "no-data", None)]

    cov = coverage(ds, plan.id, 2023, as_of)
    assert [(ln["id"], ln["total"]) for ln in data["coverage"]["speerpunten"]] == [
        (ln.id, len(ln.total)) for ln in cov.speerpunten] == [
        ("draagvlak", 1), ("multidisciplinair", 2), ("superdivers", 2), ("hybridisering", 3)]
    assert data["coverage"]["focus_gaps"][0] | {"title": ""} == {"platform": "limburg", "platform_name":
                                                                   ds.platforms["limburg"].name, "theme": "4.8", "title": ""}

    assert [(f["id"], f["overdue"]) for f in data["follow_ups"]["items"]] == [("besluit.2022.2", True),
                                                                             ("besluit.2023.1", False)]
    am = data["amendments"]
    assert (am["adopted"]["done"], am["adopted"]["total"], am["amended"]["done"], am["amended"]["total"]) == (30, 77, 32, 83)
    assert [i["id"] for i in am["dropped_items"]] == ["4.4.1.2"]
    assert "oost-vlaanderen.2023.1" in [a["id"] for a in am["added_actions"]] and am["dropped_actions"] == []


def test_a_plan_the_platforms_do_not_carry_has_no_account_or_coverage(history: Path) -> None:
    root = find_root(str(history))
    data = rp.build_report_data(load(root), root, None, "jaaroverzicht", "nl", plan_id="sam-2021-2025")
    assert [name for name in data["sections"] if name in SECTIONS] == ["follow_ups", "changes", "amendments"]


# -- changes without a usable history -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_changes_outside_git_say_so(demo_root: Path, fmt: str) -> None:
    code, text, err = report(demo_root, "--year", "2023", "--format", fmt, "--lang", "en")
    assert code == 0, err
    reason = t("report.ch.unavailable", "en", reason=t("report.ch.no-git", "en"))
    assert esc(reason, fmt) in text and esc(t("report.ch.fallback", "en", year=2023), fmt) in text
    # the other sections do not need git
    for name in SECTIONS:
        assert esc(t(f"report.sec.{name}", "en", year=2023), fmt) in text


def test_changes_when_the_history_starts_later(tmp_path: Path) -> None:
    demo = git_demo(tmp_path)  # one commit, 2026-01-01
    root = find_root(str(demo))
    changes = rp.build_report_data(load(root), root, 2023, "jaaroverzicht", "nl")["changes"]
    assert changes["available"] is False and changes["reason_code"] == "ch.err.no-commit-before"
    code, text, _ = report(demo, "--year", "2023")
    assert code == 0
    assert t("report.ch.unavailable", "nl", reason=t("report.ch.no-history", "nl", date="31 december 2022")) in text


def test_changes_escape_what_comes_from_git_and_data(tmp_path: Path) -> None:
    """Committer names and titles of new signals come from outside: shown as text."""
    demo = copy_demo_root(tmp_path / "repo")
    repo = tmp_path / "repo"
    shutil.rmtree(repo / ".git")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    env = {**os.environ, **GIT_ENV}

    def commit(who: str, when: str) -> None:
        stamp = {"GIT_AUTHOR_NAME": who, "GIT_COMMITTER_NAME": who, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=" + os.devnull, "commit", "-q",
                        "-m", "x"], cwd=repo, env={**env, **stamp}, capture_output=True, check=True)

    commit("Beheer", "2022-06-01T12:00:00+00:00")
    signals = demo / "regions" / "brussel" / "signals.yaml"
    signals.write_text(signals.read_text(encoding="utf-8") + (
        "- id: brussel.signaal.9\n  type: signaal\n  date: 2023-03\n"
        "  title: '<script>alert(1)</script> | [klik](javascript:alert(2))'\n  text: x\n  status: open\n"), encoding="utf-8")
    git(repo, "add", "-A")
    commit("Eve & [x](javascript:1) | y", "2023-06-01T12:00:00+00:00")  # git itself drops < and >
    for fmt in ("md", "html"):
        code, text, err = report(demo, "--year", "2023", "--format", fmt)
        assert code == 0, err
        changed = section(text, fmt, "changes", t("report.sec.changes", "nl", year=2023))
        assert "<script" not in changed and "&lt;script&gt;alert(1)&lt;/script&gt;" in changed
        if fmt == "md":
            assert "\\[klik\\](javascript" in changed and not re.search(r"(?<!\\)\]\(", changed)  # no link syntax
            assert "Eve &amp; \\[x\\](javascript:1) \\| y (1)" in changed  # | escaped everywhere: no table cell
        else:
            assert 'href="javascript' not in changed and "Eve &amp; [x](javascript:1) | y (1)" in changed


# -- HTML: charts and tables that read in black and white -------------------------------------------


def test_html_sections_are_accessible_and_print_safe(history: Path) -> None:
    code, html, err = report(history, "--year", "2023", "--format", "html", "--lang", "en")
    assert code == 0, err
    # contents: one link per section, to an id that exists
    for name in SECTIONS:
        anchor = name.replace("_", "-")
        assert f'<a href="#{anchor}">' in html and f'<section class="major" id="{anchor}"' in html
    # coverage: two heat maps, each an image with a title and a label; counts printed, gaps hatched and marked
    covered = section(html, "html", "coverage", "")
    maps = re.findall(r'<svg class="heatmap" role="img"[^>]*aria-label="([^"]+)"><title>([^<]+)</title>', covered)
    assert [title for _, title in maps] == [t("report.cov.chart", "en", dimension=t(f"cov.col.{d}", "en"), year=2023)
                                            for d in ("speerpunt", "krachtlijn")]
    assert maps[0][0].endswith("draagvlak 1, multidisciplinair 2, superdivers 2, hybridisering 3; 19 gaps")
    assert maps[1][0].endswith("nabijheid 3, politiserend 3, procesmatig 3, generalistisch 2, verbindend 4; 22 gaps")
    assert 'id="ssw-p-gap"' in html and covered.count('fill="url(#ssw-p-gap)"') == 19 + 22 + 1  # + the legend swatch
    assert covered.count('text-anchor="middle">—</text>') == 19 + 22
    # the yearly account: symbol and count in every cell, the state as words for screen readers
    account = section(html, "html", "obligations", "")
    assert account.count('<td class="ob ob-') == 6 * 4
    assert '<td class="ob ob-missing" title="brussel, 2020: missing">' in account
    assert '<td class="ob ob-no-data" title="limburg, 2023: no data">' in account
    # follow-ups: overdue marked with a word, not only a colour
    follow = section(html, "html", "follow-ups", "")
    assert '<tr class="overdue"><th scope="row" class="id">besluit.2022.2</th>' in follow
    assert follow.count(f'{t("ag.overdue", "en")}</span>') == 1
