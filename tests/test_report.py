"""`ssw report` on the demo data: every kind, format and language; numbers from the status
model; escaping; golden Markdown; reproducibility; --allow-invalid; template overrides."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_demo_root, run, write
from ssw import report as rp
from ssw import status as st
from ssw.i18n import t, tn
from ssw.loader import load
from ssw.root import find_root

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2026-11-23"
KINDS = ("jaaroverzicht", "tussentijds", "eindevaluatie")
NOTE = 'Verslag <b>vergadering</b> & "opvolging"'  # the demo's one note that needs escaping
GIT_ENV = {
    "GIT_AUTHOR_NAME": "ssw tests", "GIT_AUTHOR_EMAIL": "tests@example.org", "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
    "GIT_COMMITTER_NAME": "ssw tests", "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=" + os.devnull, *args],
                          cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def git_demo(tmp_path: Path) -> Path:
    """The demo root inside a real git repository with one commit of fixed date and author."""
    demo = copy_demo_root(tmp_path / "repo")
    repo = tmp_path / "repo"
    shutil.rmtree(repo / ".git")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "demo")
    return demo


@pytest.fixture
def demo_git(tmp_path: Path) -> Path:
    return git_demo(tmp_path)


HISTORY_START = "2020-01-15T10:00:00+01:00"
LIST_FILES = ("actions.yaml", "signals.yaml", "decisions.yaml", "meetings.yaml", "evaluations.yaml")


def _entries_up_to(text: str, year: int) -> str:
    """A YAML list file (own actions, signals, decisions) cut to the entries dated up to `year`."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
    if not starts:
        return text
    kept = lines[: starts[0]]
    for n, start in enumerate(starts):
        entry = "".join(lines[start: starts[n + 1] if n + 1 < len(starts) else len(lines)])
        found = re.search(r"^[- ] *date: *['\"]?(\d{4})", entry, re.MULTILINE)
        if found is None or int(found.group(1)) <= year:
            for key in ("dropped", "done"):  # a dated state change is committed in its own year
                found = re.search(rf"^  {key}: *['\"]?(\d{{4}})", entry, re.MULTILINE)
                if found and int(found.group(1)) > year:
                    entry = re.sub(rf"^  {key}:[^\n]*\n", "", entry, flags=re.MULTILINE)
            kept.append(entry)
    return "".join(kept)


def git_demo_history(tmp_path: Path) -> Path:
    """The demo root in a git repository whose history follows the demo's own dates.

    First commit (2020-01-15, "Beheer SAM (fictief)"): the plan, ssw.toml and every
    platform.yaml. Then, per year 2020-2024 and per platform (alphabetical), one commit
    on 20-26 December by that platform's chair adding the year's update log and the own
    actions, signals and decisions dated in that year. So `ssw changes --since
    2022-12-31 --until 2023-12-31` sees exactly what the demo dates in 2023.
    """
    demo = copy_demo_root(tmp_path / "repo")
    repo = tmp_path / "repo"
    shutil.rmtree(repo / ".git")
    regions = demo / "regions"
    full = {path.relative_to(regions).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(regions.rglob("*.yaml"))}
    for rel in full:
        if not rel.endswith("/platform.yaml"):
            (regions / rel).unlink()
    for folder in sorted(regions.glob("*/updates")):
        folder.rmdir()

    def commit(who: str, when: str, message: str) -> None:
        env = {"GIT_AUTHOR_NAME": who, "GIT_COMMITTER_NAME": who, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
               "GIT_AUTHOR_EMAIL": "demo@example.org", "GIT_COMMITTER_EMAIL": "demo@example.org"}
        subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=" + os.devnull, "commit", "-q",
                        "-m", message], cwd=repo, env={**os.environ, **GIT_ENV, **env}, capture_output=True, check=True)

    git(repo, "init", "-q")
    git(repo, "add", "-A")
    commit("Beheer SAM (fictief)", HISTORY_START, "demo: plan en platformen")
    platforms = sorted(p.name for p in regions.iterdir() if p.is_dir())
    for year in range(2020, 2025):
        for n, platform in enumerate(platforms):
            for rel, text in full.items():
                head, _, name = rel.partition("/")
                if head != platform:
                    continue
                target = regions / rel
                if name == f"updates/{year}.yaml":
                    target.parent.mkdir(exist_ok=True)
                    target.write_text(text, encoding="utf-8")
                elif name in LIST_FILES:
                    target.write_text(_entries_up_to(text, year), encoding="utf-8")
            git(repo, "add", "-A")
            if git(repo, "status", "--porcelain"):
                who = f"Voorzitter {platform.replace('-', ' ').title().replace(' ', '-')} (fictief)"
                commit(who, f"{year}-12-{20 + n:02d}T12:00:00+01:00", f"{platform}: {year}")
    # what is dated after the plan (the stuurgroep's final evaluation) comes last
    later = [rel for rel, text in full.items()
             if not (regions / rel).is_file() or (regions / rel).read_text(encoding="utf-8") != text]
    for rel in later:
        (regions / rel).write_text(full[rel], encoding="utf-8")
    if later:
        git(repo, "add", "-A")
        commit("Stuurgroep (fictief)", "2025-03-21T12:00:00+01:00", "stuurgroep: eindevaluatie")
    assert {path.relative_to(regions).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(regions.rglob("*.yaml"))} == full  # the end state is the demo, byte for byte
    return demo


def report(root: Path, *args: str, out: Path | None = None) -> tuple[int, str, str]:
    """Run `ssw report`; returns (exit code, report text, stderr)."""
    target = ["--out", str(out)] if out else ["--out", "-"]
    result = run(["report", "--root", str(root), *target, *args])
    text = out.read_text(encoding="utf-8") if out and out.is_file() else result.stdout
    return result.exit_code, text, result.stderr


def counts_at(root: Path, day: dt.date) -> dict[str, int]:
    loaded = load(find_root(str(root)))
    return st.compute_status(loaded.data, None, day, 6).totals.by_status


def year_of(kind: str) -> int:
    return {"jaaroverzicht": 2023, "tussentijds": 2022, "eindevaluatie": 2024}[kind]


# -- every kind x format x language --------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_format_and_language(demo_root: Path, kind: str, fmt: str, lang: str) -> None:
    """Each kind is its own document (chapter 5 of the plan); shared: platform names, the
    numbers of the status model, data shown as text."""
    year = year_of(kind)
    code, text, err = report(demo_root, "--kind", kind, "--format", fmt, "--lang", lang, "--year", str(year))
    assert code == 0, err
    for platform in ["Antwerpen", "Brussel", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]:
        assert f"Regionaal platform Sterk Sociaal Werk {platform}" in text
    loaded = load(find_root(str(demo_root)))
    if kind == "jaaroverzicht":
        for key, params in [("report.sec.overview", {}), ("report.ov.changed", {}), ("report.ov.message", {}),
                            ("report.speerpunten", {}), ("report.themes", {}), ("report.regions", {}),
                            ("report.q.actions", {"year": year}), ("report.q.state", {}), ("report.q.focus", {}),
                            ("report.appendix", {"year": year}), ("report.sec.obligations", {})]:
            assert esc(t(key, lang, **params), fmt) in text, key
        totals = st.compute_status(loaded.data, None, dt.date(year, 12, 31), 6).totals
        data_line = tn("fig.data", totals.total, lang, with_data=totals.with_data, items=totals.total, without=totals.by_status["onbekend"])
        assert esc(data_line, fmt) in text
        # a decision names the items it is about by id and title
        import yaml
        decisions = yaml.safe_load((demo_root / "regions" / "vlaanderen" / "decisions.yaml").read_text(encoding="utf-8"))
        refs = [r for x in decisions if str(x["date"]).startswith(str(year)) for r in x.get("items", [])]
        assert refs
        for ref in refs:
            title = loaded.data.items[("ssw-2020-2024", ref)].title
            assert esc(f"{ref} {title[:25]}", fmt).replace('<span class="id">', "") in text.replace('<span class="id">', "").replace("</span>", ""), ref
        # the as-of sentence belongs to the header; prose elsewhere names plain dates
        from ssw.report.frame import as_of_text
        assert text.count(esc(as_of_text(dt.date(year, 12, 31), "year-end", year, lang), fmt)) == 1
        # the stuurgroep's message for the year, as recorded (fictitious demo entry)
        assert "De platformen rapporteren regelmatiger" in text
    if kind == "tussentijds":
        assert "Tussentijdse evaluatie op de Sociaalwerkconferentie 2022" in text
        for key in ("report.sec.good_practices", "report.gp.why", "report.gp.factors", "report.sec.platform_work"):
            assert esc(t(key, lang), fmt) in text, key
        assert "vaste contactpersoon aan beide kanten" in text  # a critical success factor
        regional = sum(1 for p in loaded.data.platforms.values() if p.level == "regionaal")
        said = t("report.int.figures", lang, platforms=tn("n.regional-platforms", regional, lang), own="\0", gp="\0").split("\0")[0]
        assert regional == 6 and esc(said, fmt) in text  # the regional platforms, not vlaanderen
        work = text.split(esc(t("report.sec.platform_work", lang), fmt))[-1]
        flemish = loaded.data.platforms["vlaanderen"].name
        assert all(p.name in work for p in loaded.data.platforms.values() if p.level == "regionaal")
        assert flemish not in work
        # for the public: no compliance grid, no file paths, no command hints
        assert esc(t("report.sec.obligations", lang), fmt) not in text
        visible = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
        assert "regions/" not in visible and ".yaml" not in visible and not re.search(r"--[a-z]", visible)
        assert not re.search(r"\bssw (report|record|validate|status|show)\b", visible)
        # as of the conference, not 31 December
        assert ("2022-10-20" in text or "20 oktober 2022" in text or "20 October 2022" in text)
        assert "31 december 2022" not in text and "31 December 2022" not in text
    if kind == "eindevaluatie":
        plan = loaded.data.plans["ssw-2020-2024"].file
        for named in [*plan.krachtlijnen, *plan.impactdomeinen, *plan.speerpunten]:
            assert esc(named.title, fmt) in text, named.id
        themes = [i for (p, _), i in loaded.data.items.items() if p == "ssw-2020-2024" and i.kind == "theme"]
        for theme in themes:
            assert esc(theme.title, fmt) in text, theme.id
        for key in ("report.sec.trend", "report.sec.platforms_compare", "report.sec.continues", "report.fin.notes"):
            assert esc(t(key, lang), fmt) in text, key
        assert "Regionale platformen zijn een vaste ontmoetingsplek geworden" in text  # the recorded effect
        # every item once with its title: 4.6.1.5 is one row, later only referred to
        title = loaded.data.items[("ssw-2020-2024", "4.6.1.5")].title
        assert text.count(esc(title, fmt)) == 1
    # the one note with markup shows as text
    if year == 2023:
        assert "<b>vergadering" not in text
        expected = ("&lt;b&gt;vergadering&lt;/b&gt; &amp;" if fmt == "md"
                    else "Verslag &lt;b&gt;vergadering&lt;/b&gt; &amp; &#34;opvolging&#34;")
        assert expected in text


@pytest.mark.parametrize("kind", KINDS)
def test_a_subject_without_a_judgement_says_so(demo_root: Path, kind: str) -> None:
    """Without an entry in evaluations.yaml the report says "nog geen oordeel" and never
    computes a verdict; with one it shows the recorded rating and reasoning."""
    (demo_root / "regions" / "vlaanderen" / "evaluations.yaml").unlink()
    code, text, err = report(demo_root, "--kind", kind, "--year", str(year_of(kind)))
    assert code == 0, err
    assert t("report.eval.none", "nl") in text
    for rating in ("op-koers", "aandacht", "achter"):
        assert t(f"report.rating.{rating}", "nl") not in text


def test_audience_decides_internal_detail(demo_root: Path) -> None:
    _, public, _ = report(demo_root, "--year", "2023", "--audience", "publiek")
    _, internal, _ = report(demo_root, "--year", "2023")
    appendix = t("report.appendix", "nl", year=2023)
    assert appendix in internal and appendix not in public
    assert t("report.sec.obligations", "nl") in internal and t("report.sec.obligations", "nl") not in public
    assert ".yaml" in internal and ".yaml" not in public
    # the public reads the speerpunten; the grid of coverage gaps is the stuurgroep's
    assert f"\n## {t('report.speerpunten', 'nl')}\n" in public
    coverage = f"\n## {t('report.sec.coverage', 'nl', year=2023)}\n"
    assert coverage in internal and coverage not in public
    code, _, err = report(demo_root, "--audience", "iedereen")
    assert code == 2 and "--audience" in err


def esc(text: str, fmt: str) -> str:
    if fmt == "html":
        return text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
    return rp.md_inline(text)


def test_data_object_is_plain_and_numbers_come_from_status(demo_root: Path) -> None:
    root = find_root(str(demo_root))
    loaded = load(root)
    data = rp.build_report_data(loaded, root, 2023, "jaaroverzicht", "nl")

    def plain(value: object) -> None:
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value)
            for v in value.values():
                plain(v)
        elif isinstance(value, list):
            for v in value:
                plain(v)
        else:
            assert value is None or isinstance(value, (str, int, float, bool)), type(value)

    plain(data)
    rep = st.compute_status(loaded.data, None, dt.date(2023, 12, 31), 6)
    assert data["overview"]["counts"]["by_status"] == rep.totals.by_status
    assert [th["counts"]["by_status"] for th in data["themes"]] == [row.counts.by_status for row in rep.rows]
    assert [sp["counts"]["by_status"] for sp in data["speerpunten"]] == [c.by_status for _, c in rep.speerpunten]
    antwerpen = next(r for r in data["regions"] if r["id"] == "antwerpen")
    region = st.compute_status(loaded.data, None, dt.date(2023, 12, 31), 6, st.Filters(region="antwerpen"))
    assert antwerpen["counts"]["by_status"] == region.totals.by_status
    assert data["as_of"]["iso"] == "2023-12-31" and data["as_of"]["reason"] == "year-end"
    assert all(u["date"]["iso"].startswith("2023") for u in data["appendix"])
    assert {u["source"] for u in data["appendix"]} >= {"regions/antwerpen/updates/2023.yaml:22"}
    assert list(data) == ["schema", "lang", "kind", "audience", "year", "title", "year_note", "plan", "as_of", "window", "period",
                          "stale_months", "statuses", "provenance", "problems", "milestones", "sections",
                          *data["sections"]]
    assert data["sections"] == ["overview", "regions", "speerpunten", "themes", "stale_late", "decisions",
                                "follow_ups", "changes", "obligations", "coverage", "amendments", "inferred", "appendix"]


# -- escaping --------------------------------------------------------------------------------


def test_injected_markup_shows_as_text(demo_root: Path) -> None:
    log = demo_root / "regions" / "antwerpen" / "updates" / "2023.yaml"
    text = log.read_text(encoding="utf-8")
    text = text.replace("note: 'Verslag <b>vergadering</b> & \"opvolging\"'",
                        "note: '<script>alert(1)</script> | [klik](javascript:alert(2)) <img src=x onerror=alert(3)>'")
    text = text.replace("author: Voorzitter Antwerpen (fictief)", "author: '<i>Chair</i> & co'", 1)
    log.write_text(text, encoding="utf-8")
    actions = demo_root / "regions" / "antwerpen" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace("title: ", "title: <u>x</u> ", 1), encoding="utf-8")
    for fmt in ("md", "html"):
        code, out, err = report(demo_root, "--year", "2023", "--format", fmt)
        assert code == 0, err
        for raw in ("<script", "<img", "<i>", "<u>", "[klik](" if fmt == "md" else 'href="javascript'):
            assert raw not in out, (fmt, raw)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&lt;i&gt;Chair&lt;/i&gt; &amp; co" in out
        assert "&lt;u&gt;x&lt;/u&gt;" in out
    _, md, _ = report(demo_root, "--year", "2023")
    row = next(line for line in md.splitlines() if "&lt;script&gt;" in line and line.startswith("| 2023"))
    assert "\\| \\[klik\\]" in row  # the pipe cannot split the table cell, no link syntax
    assert row.count(" | ") == 6  # still seven cells


def test_markdown_filters() -> None:
    assert rp.md_inline("a <b> & c\n  d") == "a &lt;b&gt; &amp; c d"
    assert rp.md_inline("# *x* _y_ `z` \\") == "\\# \\*x\\* \\_y\\_ \\`z\\` \\\\"
    assert rp.md_cell("x | y\nz") == "x \\| y<br>z"
    assert rp.md_block("# kop\n- lijst\n1. een\ngewoon\n\nnieuw") == "\\# kop\\\n\\- lijst\\\n1\\. een\\\ngewoon\n\nnieuw"
    assert rp.md_block("a\nb", indent=2) == "a\\\n  b"
    assert rp.safe_url("javascript:alert(1)") is None and rp.safe_url("https://example.org/a") == "https://example.org/a"


# -- golden Markdown and reproducibility -----------------------------------------------------


def normalise(text: str) -> str:
    """Only the commit hash differs between machines: it is replaced, nothing else."""
    return re.sub(r"\bcommit [0-9a-f]{7,40}\b", "commit <commit>", text)


@pytest.mark.parametrize("kind, year, lang", [("jaaroverzicht", 2023, "nl"), ("jaaroverzicht", 2023, "en"),
                                              ("tussentijds", 2022, "nl"), ("eindevaluatie", 2024, "nl")])
def test_golden_markdown(demo_history: Path, update_golden: bool, kind: str, year: int, lang: str) -> None:
    code, text, err = report(demo_history, "--kind", kind, "--year", str(year), "--lang", lang)
    assert code == 0, err
    assert (re.search(r"commit [0-9a-f]{12} ", text) is not None) == (kind != "tussentijds")  # public: no commit
    assert TODAY[:4] in text
    golden = GOLDEN / f"{kind}-{year}.{lang}.md"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(normalise(text), encoding="utf-8", newline="\n")
    assert golden.is_file(), f"{golden.name} is missing: run pytest --update-golden"
    assert normalise(text) == golden.read_text(encoding="utf-8"), f"run pytest --update-golden if {golden.name} should change"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_two_builds_are_byte_identical(demo_git: Path, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    assert report(demo_git, "--format", fmt, out=first)[0] == 0
    assert report(demo_git, "--format", fmt, out=second)[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_provenance_commit_and_uncommitted_changes(demo_git: Path) -> None:
    sha = git(demo_git.parents[1], "rev-parse", "HEAD")
    _, text, _ = report(demo_git, "--year", "2023")
    assert f"commit {sha[:12]} {t('report.prov.clean')}" in text
    assert t("report.prov.valid", "nl") in text and "23 november 2026" in text
    # reports/ does not count as a change; data does
    (demo_git / "reports").mkdir()
    (demo_git / "reports" / "old.md").write_text("x", encoding="utf-8")
    assert t("report.prov.clean") in report(demo_git, "--year", "2023")[1]
    log = demo_git / "regions" / "antwerpen" / "updates" / "2023.yaml"
    log.write_text(log.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert t("report.prov.dirty") in report(demo_git, "--year", "2023")[1]


def test_provenance_outside_git(demo_root: Path) -> None:
    _, text, _ = report(demo_root, "--year", "2023", "--lang", "en")
    assert t("report.prov.no-git", "en") in text


# -- defaults, output paths, options -------------------------------------------------------------


def test_defaults_plan_has_ended(demo_root: Path) -> None:
    result = run(["report", "--root", str(demo_root)])
    assert result.exit_code == 0, result.output
    out = demo_root / "reports" / "ssw-2020-2024-jaaroverzicht-2024.nl.md"
    assert out.is_file() and str(out) in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Jaaroverzicht 2024 — Actieplan Sterk Sociaal Werk 2020-2024\n")
    # which year it took is said to the one who ran it, not printed in the document
    note = "liep af op 31 december 2024: zonder --year toont dit rapport het laatste jaar van het plan, 2024."
    assert note in result.stderr and note not in text and "--year" not in text
    result = run(["report", "--root", str(demo_root), "--kind", "tussentijds", "--format", "html", "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = (demo_root / "reports" / "ssw-2020-2024-tussentijds-2022.en.html").read_text(encoding="utf-8")
    # the interim evaluation is for the public: no command hints; its status date is the
    # day of the stuurgroep's interim judgement, as the plan dates the conference by year only
    assert "--year" not in html and "State of affairs on 20 October 2022" in html
    result = run(["report", "--root", str(demo_root), "--kind", "tussentijds", "--audience", "stuurgroep", "--out", "-"])
    assert ("Zonder --year toont dit rapport 2022, het jaar van de mijlpaal "
            "'Tussentijdse evaluatie op de Sociaalwerkconferentie 2022'.") in result.stderr


def test_out_options(demo_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run(["report", "--root", str(demo_root), "--year", "2022", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "ssw-2020-2024-jaaroverzicht-2022.nl.md").is_file()
    result = run(["report", "--root", str(demo_root), "--out", str(tmp_path / "missing" / "r.md")])
    assert result.exit_code == 2 and "bestaat niet" in result.stderr
    result = run(["report", "--root", str(demo_root), "--out", "-", "--format", "html"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert not (demo_root / "reports").exists()


@pytest.mark.parametrize("args, code", [(["--year", "2019"], 2), (["--year", "2031"], 2), (["--kind", "maand"], 2),
                                         (["--format", "pdf"], 2), (["--templates", "/nonexistent/x"], 2),
                                         (["--plan", "nope"], 2), (["--as-of", "gisteren"], 2)])
def test_bad_options(demo_root: Path, args: list[str], code: int) -> None:
    result = run(["report", "--root", str(demo_root), "--out", "-", *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and result.stderr.startswith("ssw: ")


def test_sam_plan_report(demo_root: Path) -> None:
    code, text, err = report(demo_root, "--plan", "sam-2021-2025", "--format", "html")
    assert code == 0, err
    assert "Meerjarenplan SAM 2021-2025" in text and "sam.grondrechten" in text


# -- invalid data -----------------------------------------------------------------------------


def test_allow_invalid_marks_the_broken_platform(demo_root: Path) -> None:
    log = demo_root / "regions" / "limburg" / "updates" / "2022.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("status: ", "status: klaar-", 1), encoding="utf-8")
    code, _, err = report(demo_root, "--year", "2022")
    assert code == 1 and "regions/limburg/updates/2022.yaml:" in err and "Traceback" not in err
    for fmt in ("md", "html"):
        code, text, err = report(demo_root, "--year", "2022", "--allow-invalid", "--format", fmt)
        assert code == 0, err
        limburg = region_section(text, fmt, "limburg", "Limburg")
        assert esc(t("report.region.incomplete", "nl"), fmt) in limburg
        assert "regions/limburg/updates/2022.yaml" in limburg and "klaar-" in limburg
        antwerpen = region_section(text, fmt, "antwerpen", "Antwerpen")
        assert esc(t("report.region.incomplete", "nl"), fmt) not in antwerpen
        assert "1 probleem, gemaakt met --allow-invalid" in text


def region_section(text: str, fmt: str, pid: str, name: str) -> str:
    start = f"### Regionaal platform Sterk Sociaal Werk {name}\n" if fmt == "md" else f'id="region-{pid}"'
    end = "\n### " if fmt == "md" else "</section>"
    return text.split(start, 1)[1].split(end, 1)[0]


def test_allow_invalid_with_a_broken_platform_file(demo_root: Path) -> None:
    (demo_root / "regions" / "brussel" / "platform.yaml").write_text("id: brussel\nname: [\n", encoding="utf-8")
    code, text, err = report(demo_root, "--year", "2023", "--allow-invalid", "--lang", "en")
    assert code == 0, err
    assert "### brussel" in text and "regions/brussel/platform.yaml" in text


# -- templates --------------------------------------------------------------------------------


def test_templates_override_file_by_file(demo_root: Path, tmp_path: Path) -> None:
    write(demo_root, "templates/partials/footer.md.j2", "ROOT FOOTER {{ year }}\n")
    write(demo_root, "templates/partials/decisions.md.j2", "ROOT DECISIONS\n")
    own = tmp_path / "own"
    write(own, "partials/footer.md.j2", "OWN FOOTER {{ provenance.build_date.iso }}\n")
    code, text, _ = report(demo_root, "--year", "2023")
    assert code == 0 and text.rstrip().endswith("ROOT FOOTER 2023") and "ROOT DECISIONS" in text
    assert "## " + t("report.sec.overview", "nl") in text  # the rest still comes from the package
    code, text, _ = report(demo_root, "--year", "2023", "--templates", str(own))
    assert code == 0 and text.rstrip().endswith(f"OWN FOOTER {TODAY}") and "ROOT DECISIONS" in text


def test_root_template_replaces_a_whole_kind(demo_root: Path) -> None:
    write(demo_root, "templates/jaaroverzicht.html.j2",
          "{% extends 'partials/layout.html.j2' %}{% block body %}{% include 'partials/overview.html.j2' %}"
          "<p>{{ plan.title }} &amp; {{ '<x>' }}</p>{% endblock %}\n")
    code, text, _ = report(demo_root, "--year", "2023", "--format", "html")
    assert code == 0 and "Actieplan Sterk Sociaal Werk 2020-2024 &amp; &lt;x&gt;" in text
    assert 'id="appendix"' not in text and 'id="overview"' in text


@pytest.mark.parametrize("body, where", [("{% if %}\n", "jaaroverzicht.md.j2:1"),
                                         ("{{ nope.deeper }}\n", "jaaroverzicht.md.j2"),
                                         ("{{ ''.__class__.__mro__ }}\n", "jaaroverzicht.md.j2"),
                                         ("{% include 'partials/absent.md.j2' %}\n", "absent")])
def test_template_errors_are_messages(demo_root: Path, body: str, where: str) -> None:
    write(demo_root, "templates/jaaroverzicht.md.j2", body)
    result = run(["report", "--root", str(demo_root), "--out", "-"])
    assert result.exit_code == 1
    assert result.stderr.startswith("ssw: fout in sjabloon") and where in result.stderr
    assert "Traceback" not in result.output


def test_extra_section_registry(demo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A section is a builder in the ordered registry plus its partial: it shows where it is
    listed, only in the kinds it names."""
    from ssw.report import sections

    def platforms(ctx: rp.ReportContext) -> dict:
        return {"year": ctx.year, "platforms": len(ctx.report.regions)}

    at = [s.name for s in sections.SECTIONS].index("appendix")
    extra = sections.Section("platform_count", platforms, ("jaaroverzicht",))
    monkeypatch.setattr(sections, "SECTIONS", (*sections.SECTIONS[:at], extra, *sections.SECTIONS[at:]))
    own = tmp_path / "own"
    write(own, "partials/platform_count.md.j2", "## Count\n\n{{ platform_count.platforms }} platforms in {{ platform_count.year }}\n")
    code, text, err = report(demo_root, "--year", "2023", "--templates", str(own))
    assert code == 0, err
    assert "## Count\n\n7 platforms in 2023\n" in text
    assert text.index("## Count") < text.index("## " + t("report.appendix", "nl", year=2023))
    code, text, err = report(demo_root, "--kind", "eindevaluatie", "--year", "2024", "--templates", str(own))
    assert code == 0 and "## Count" not in text


def test_templates_ship_with_the_package() -> None:
    import importlib.resources

    base = importlib.resources.files("ssw.templates")
    names = {p.name for p in base.iterdir()} | {f"partials/{p.name}" for p in base.joinpath("partials").iterdir()}
    for kind in KINDS:
        assert {f"{kind}.md.j2", f"{kind}.html.j2"} <= names
    assert "report.css" in names and "partials/layout.md.j2" in names and "partials/layout.html.j2" in names
    assert (REPO / "templates" / "report.css").is_file()


# -- HTML: self-contained, accessible, printable ------------------------------------------------------


def test_html_is_self_contained_and_accessible(demo_root: Path) -> None:
    code, html, _ = report(demo_root, "--year", "2023", "--format", "html", "--lang", "en")
    assert code == 0
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            'style-src \'unsafe-inline\'; img-src data:">') in html
    assert "<title>Annual overview 2023 — Actieplan Sterk Sociaal Werk 2020-2024</title>" in html
    assert "<script" not in html.lower() and " on" + "error=" not in html
    assert not re.search(r"""\b(src|srcset|action|poster)=""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:|//)", html) and "@import" not in html
    external = re.findall(r'href="([^"#][^"]*)"', html)
    assert all(h.startswith(("https://", "http://", "mailto:", "data:")) for h in external)
    assert all(h.startswith("https://example.org/") or h == "data:," for h in external)  # only links from the data
    assert html.count("<h1>") == 1 and re.search(r"<h2[^>]*>", html)
    svgs = re.findall(r"<svg[^>]*role=\"img\"[^>]*>\s*<title>", html)
    assert len(svgs) >= 10 and all("aria-label=" in s for s in svgs)
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert "@media print" in html and "break-before: page" in html
    for status in st.STATUSES:
        assert f'id="ssw-p-{status}"' in html  # a fill pattern per status: readable in black and white


def test_html_headings_nest(demo_root: Path) -> None:
    for kind in KINDS:
        code, html, _ = report(demo_root, "--kind", kind, "--year", str(year_of(kind)), "--format", "html")
        assert code == 0
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), kind


@pytest.mark.parametrize("sandboxed", [False, True])
def test_a_data_key_wins_over_a_dict_method(tmp_path: Path, sandboxed: bool) -> None:
    """Templates read plain data: `c.items` is the key `items`, not dict.items, with our
    templates and with a user's sandboxed ones alike; the sandbox still guards the rest."""
    env = rp.environment([tmp_path] if sandboxed else [])
    assert env.from_string("{{ c.items | join(',') }}|{{ c.count }}").render(c={"items": [1, 2], "count": 3}) == "1,2|3"
    assert env.from_string("{{ c.keys() | list | length }}").render(c={"a": 1}) == "1"
    if sandboxed:
        from jinja2.exceptions import SecurityError

        with pytest.raises(SecurityError):
            env.from_string("{{ c.__class__.__mro__[1].__subclasses__() }}").render(c={"a": 1})


ROW_CASES = [
    {"id": "1.1", "title": "A & <b>", "status": "lopend", "status_label": "lopend", "symbol": "▶", "te_laat": True,
     "stil": True, "due": {"iso": "2023-06"}, "last_update": None, "stale_platforms": ["Gent", "Brugge"],
     "stil_where": ["gent 2022-05-01", "brugge 2022-06-01"]},
    {"id": "1.2", "title": "B", "status": "gerealiseerd", "status_label": "gerealiseerd", "symbol": "✔", "te_laat": False,
     "stil": False, "due": None, "last_update": {"iso": "2023-02-01"}, "stale_platforms": [], "stil_where": []},
]


@pytest.mark.parametrize("cols", [("status", "last"), ("due",), ("last", "platforms"), ("status", "due", "last", "platforms")])
@pytest.mark.parametrize("item", ROW_CASES, ids=["late-quiet", "plain"])
def test_inlined_row_markup_matches_its_macros(item: dict, cols: tuple) -> None:
    """item_row and update_item spell out status(), flags() and date() inline for speed;
    they must render exactly what the macros would."""
    env = rp.environment()
    head = '{% autoescape true %}{% import "partials/macros.html.j2" as m with context %}'
    inlined = env.from_string(head + "{{ m.item_row(i, cols) }}{% endautoescape %}").render(i=item, cols=cols, statuses=[])
    composed = env.from_string(head + (
        '<tr><th scope="row" class="id">{{ i.id }}</th><td>{{ i.title }}</td><td class="nowrap">'
        '{{ m.status(i) }}{{ m.flags(i) }}</td>'
        '{% if "due" in cols %}<td class="nowrap">{{ m.date(i.due) }}</td>{% endif %}'
        '{% if "last" in cols %}<td class="nowrap">{{ m.date(i.last_update) }}</td>{% endif %}'
        '{% if "platforms" in cols %}<td>{{ i.stale_platforms | join(", ") }}</td>{% endif %}</tr>{% endautoescape %}'
    )).render(i=item, cols=cols, statuses=[])
    assert inlined == composed
    assert ("&lt;b&gt;" in inlined) == ("<b>" in item["title"])


@pytest.mark.parametrize("show_platform", [True, False])
def test_inlined_update_markup_matches_its_macros(show_platform: bool) -> None:
    env = rp.environment()
    head = '{% autoescape true %}{% import "partials/macros.html.j2" as m with context %}'
    u = {"date": {"iso": "2023-03-01", "text": "1 maart 2023"}, "platform_name": "Gent", "item": "4.1.1", "target": "4.1.1",
         "item_title": "Titel <x>", "status": "lopend", "status_label": "lopend", "symbol": "▶", "note": "n & m",
         "author": "An", "links": ["https://example.org/a"]}
    inlined = env.from_string(head + "{{ m.update_item(u, sp) }}{% endautoescape %}").render(u=u, sp=show_platform, statuses=[])
    composed = env.from_string(head + (
        '<li>{{ m.long_date(u.date) }}{% if sp %} · {{ u.platform_name }}{% endif %} · <span class="id">{{ u.item or u.target }}</span>'
        '{% if u.item_title %} <span class="muted">({{ u.item_title | truncate(80) }})</span>{% endif %} → {{ m.status(u) }}'
        '{% if u.note %}: {{ u.note }}{% endif %}{% if u.author %} <span class="author">— {{ u.author }}</span>{% endif %}'
        '{% for l in u.links %} {{ m.link(l) }}{% endfor %}</li>{% endautoescape %}'
    )).render(u=u, sp=show_platform, statuses=[])
    assert inlined == composed


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_final_evaluation_names_each_items_status_as_status_does(demo_root: Path, lang: str) -> None:
    """The outcome column of the final evaluation is the item's status at the end, in the
    words every other table uses (a postponed item is never 'still open')."""
    import json

    code, text, err = report(demo_root, "--kind", "eindevaluatie", "--lang", lang)
    assert code == 0, err
    status = json.loads(run(["status", "--root", str(demo_root), "--as-of", "2024-12-31", "--format", "json"]).stdout)
    expected = {i["id"]: i["status"] for i in status["items"] if i["plan"] == "ssw-2020-2024"}
    section = text.split(f"\n## {t('report.sec.final_themes', lang)}\n", 1)[1].split("\n## ", 1)[0]
    seen = 0
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and cells[0] in expected:
            assert cells[-1].endswith(t(f"status.{expected[cells[0]]}", lang)), line
            seen += 1
    assert seen == len(expected)


def test_a_quiet_platform_in_an_item_row_says_its_own_status_and_date(demo_root: Path) -> None:
    """A regional item's row shows the item's overall status; where it flags platforms as
    quiet, each is named with that platform's own status and last date (as `status` has them)."""
    import json

    _, text, _ = report(demo_root, "--year", "2023")
    items = {i["id"]: i for i in json.loads(run(["status", "--root", str(demo_root), "--as-of", "2023-12-31",
                                                   "--format", "json"]).stdout)["items"]}
    found = 0
    for item_id, where in re.findall(r"^\| (\d[\d.]*) \|[^\n]*?stil \(([^)]*:[^)]*)\)", text, flags=re.M):
        for part in re.findall(r"([a-z-]+): \S+ ([^,]+), (\d{4}-\d\d(?:-\d\d)?)", where):
            platform, label, date = part
            own = items[item_id]["platforms"][platform]
            assert own["stil"] and label == t(f"status.{own['status']}", "nl") and own["date"] == date, (item_id, part)
            found += 1
    assert found >= 2


def test_the_document_bound_grows_with_the_data_not_with_the_template(demo_root: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A runaway template stops at the bound; a data set large enough to need a longer
    document (a plan a hundred times the real one) gets a bound in proportion to its rows."""
    from ssw.report import render

    monkeypatch.setattr(render, "MAX_OUTPUT", 20_000)
    monkeypatch.setattr(render, "OUTPUT_PER_ROW", 1)
    code, _, err = report(demo_root, "--year", "2023")
    assert code == 1 and "20000" in err.replace(".", "").replace(" ", "")
    monkeypatch.setattr(render, "OUTPUT_PER_ROW", 2_000)  # the demo's rows allow its ~0.3 MB
    code, text, err = report(demo_root, "--year", "2023")
    assert code == 0, err
    assert len(text) > 20_000
