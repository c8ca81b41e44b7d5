"""Successor plans as a coach and a chair use them, after the first trial: refusals that
keep a family one line of plans, messages that say where the fix is, plain Dutch words,
real plural forms and 60 columns. Every test goes through the real CLI, in a real git
repository (the `repo` fixture of test_plans: the demo root with the real plan beside it
and a plans folder of its own)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from test_plans import CREATE, NEW, OLD, git, repo, ssw, tree_digest  # noqa: F401  (repo is a fixture)

from conftest import copy_demo_root

THIRD = ["plan", "new", "ssw-2030-2034", "--title", "Derde plan", "--start", "2030-01-01", "--end", "2034-12-31"]


def assert_refused_untouched(root: Path, args: list[str], message: str, env: dict[str, str] | None = None) -> None:
    top = root.parents[1]
    before = tree_digest(top)
    status_before = git(top, "status", "--porcelain", "--untracked-files=all")
    result = ssw(root, *args, env=env)
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert tree_digest(top) == before
    assert git(top, "status", "--porcelain", "--untracked-files=all") == status_before


@pytest.mark.parametrize("args, message", [
    (["plan", "new", "ssw", "--title", "T", "--start", "2030", "--end", "2034"], "ongeldige plan-id 'ssw'"),
    (["plan", "new", "ssw-", "--title", "T", "--start", "2030", "--end", "2034"], "ongeldige plan-id"),
    (["plan", "new", "ssw-2030", "--title", "Eerste regel\nTweede regel", "--start", "2030", "--end", "2034"],
     "één regel gewone tekst"),
    (["plan", "new", "ssw-2030", "--title", "Titel \x1b[31mrood", "--start", "2030", "--end", "2034"],
     "geen regeleinden of stuurtekens"),
    (["plan", "new", "ssw-2030", "--title", "x" * 2001, "--start", "2030", "--end", "2034"],
     "--title is te lang (2001 tekens, limiet 2000)"),
])
def test_a_bad_id_or_title_is_a_usage_error_and_writes_nothing(repo: Path, args: list[str], message: str) -> None:
    assert_refused_untouched(repo, args, message)


def test_a_plan_is_followed_once_and_by_the_plan_right_after_it(repo: Path) -> None:
    """A second successor of the same plan would fork the family: two plans claiming the
    same items, `show` naming one continuation and the final evaluation another."""
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    top = repo.parents[1]
    git(top, "add", "-A")
    git(top, "commit", "-qm", "successor")
    late = {"SSW_TODAY": "2030-02-01"}
    for extra in (["--from", OLD, "--carry-over"], ["--from", OLD]):
        assert_refused_untouched(repo, [*THIRD, *extra],
                                 f"{OLD} heeft al een vervolgplan ({NEW})", env=late)
    english = ssw(repo, "--lang", "en", *THIRD, "--from", OLD, env=late)
    assert english.exit_code == 2 and f"--from {NEW}" in english.stderr
    # the plan right before it is accepted
    accepted = ssw(repo, *THIRD, "--from", NEW, "--carry-over", env=late)
    assert accepted.exit_code == 0, accepted.output
    assert ssw(repo, "validate", env=late).exit_code == 0


def test_a_successor_skips_no_plan_of_its_family(repo: Path) -> None:
    assert ssw(repo, *CREATE).exit_code == 0  # a plan without predecessor in between
    top = repo.parents[1]
    git(top, "add", "-A")
    git(top, "commit", "-qm", "plan in between")
    assert_refused_untouched(repo, [*THIRD, "--from", OLD], f"{NEW} komt ertussen",
                             env={"SSW_TODAY": "2030-02-01"})


@pytest.mark.parametrize("today", ["2024-12-20", "2024-12-31"])
def test_carry_over_waits_for_the_old_plans_last_day(repo: Path, today: str) -> None:
    """What carries over is what was not finished on the old plan's last day: not known before."""
    assert_refused_untouched(repo, [*CREATE, "--from", OLD, "--carry-over"], f"{OLD} loopt nog tot 2024-12-31",
                             env={"SSW_TODAY": today})
    # --from alone (the frame, no items) is fine before the end
    early = ssw(repo, *CREATE, "--from", OLD, env={"SSW_TODAY": today})
    assert early.exit_code == 0, early.output


def test_plan_new_never_writes_outside_the_data_folder(tmp_path: Path) -> None:
    """The demo root reads the real plans from ../../plan: a fictitious successor made
    there would land among the real plans."""
    root = copy_demo_root(tmp_path / "repo")
    top = tmp_path / "repo"
    (top / ".git").rmdir()
    git(top, "init", "-q")
    git(top, "config", "user.email", "test@example.org")
    git(top, "config", "user.name", "Test")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    for lang, words in (("nl", "ligt buiten de data-map"), ("en", "lies outside the data folder")):
        assert_refused_untouched(root, ["--lang", lang, *CREATE, "--from", OLD, "--carry-over"], words)
    assert not (top / "plan" / NEW).exists()


def test_counts_have_real_plural_forms(repo: Path) -> None:
    one = ssw(repo, "plan", "new", "sam-2026-2030", "--title", "Meerjarenplan SAM 2026-2030", "--start", "2026",
              "--end", "2030")
    assert one.exit_code == 0, one.output
    assert "(1 bestand," in one.stdout and "1 bestanden" not in one.stdout
    english = ssw(repo, "--lang", "en", *CREATE)
    assert english.exit_code == 0 and "(1 file," in english.stdout and "1 files" not in english.stdout


def test_english_output_says_realised_and_dropped(repo: Path) -> None:
    made = ssw(repo, "--lang", "en", *CREATE, "--from", OLD, "--carry-over")
    assert made.exit_code == 0, made.output
    report = ssw(repo, "--lang", "en", "report", "--plan", OLD, "--kind", "eindevaluatie", "--out", "-")
    assert report.exit_code == 0, report.output
    helps = [ssw(repo, "--lang", "en", "plan", "new", "--help").stdout]
    for text in (made.stdout, report.stdout, *helps):
        assert not re.search(r"\b(gerealiseerd|geschrapt) or\b|not gerealiseerd", text), text
    assert "realised or dropped" in made.stdout


def _too_wide(text: str, width: int = 60) -> list[str]:
    return [line for line in text.splitlines()
            if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) > width]


def test_plans_and_status_of_both_plans_fit_60_columns(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    narrow = {"COLUMNS": "60"}
    for lang in ("nl", "en"):
        for args in (["plans"], ["status"], ["status", "--plan", OLD], ["show", "4.8.2.1"],
                     ["show", f"{OLD}:4.8.2.1"]):
            result = ssw(repo, "--lang", lang, *args, env=narrow)
            assert result.exit_code == 0, result.output
            assert _too_wide(result.stdout) == [], (lang, args)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, words, hint", [
    # an item of another kind: the theme 4.8 would "continue" in an initiative
    (f"vervolg_van: {OLD}:4.8.2.1\n", f"vervolg_van: {OLD}:4.8\n",
     "4.8.2.1 is een initiatief, maar vervolg_van 'ssw-2020-2024:4.8' is een thema", "van dezelfde soort"),
    # two items continuing one: the old item would have two continuations
    (f"vervolg_van: {OLD}:4.8.2.1\n", f"vervolg_van: {OLD}:4.8.2.2\n",
     f"'{OLD}:4.8.2.2' wordt al voortgezet door", "in één item verder"),
    # an unknown plan is named as a plan, in Dutch
    (f"vervolg_van: {OLD}:4.8.1\n", "vervolg_van: ssw-2015-2019:4.8.1\n", "onbekend plan 'ssw-2015-2019'", ""),
    # not of the form plan-id:id
    (f"vervolg_van: {OLD}:4.8.1\n", 'vervolg_van: "4.8.1"\n', "'4.8.1' is geen verwijzing naar een item van een ander plan",
     "plan-id:id"),
])
def test_validate_checks_what_an_item_continues(repo: Path, old: str, new: str, words: str, hint: str) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    theme = repo / "plan" / NEW / "themes" / "4.8.yaml"
    _edit(theme, old, new)
    result = ssw(repo, "validate")
    assert result.exit_code == 1, result.output
    line = next(line for line in result.stdout.splitlines() if words in line)
    path, line_no, col = line.split(":")[:3]
    assert path == f"plan/{NEW}/themes/4.8.yaml"
    assert "vervolg_van" in theme.read_text(encoding="utf-8").splitlines()[int(line_no) - 1]
    assert hint in line
    english = ssw(repo, "--lang", "en", "validate")
    assert english.exit_code == 1 and "onbekend" not in english.stdout and " een " not in english.stdout


def test_unknown_things_are_named_in_dutch(repo: Path) -> None:
    """The thing that is unknown is a Dutch noun with its own article, never a field name."""
    (repo / "regions" / "vlaanderen" / "updates").mkdir(parents=True, exist_ok=True)
    (repo / "regions" / "vlaanderen" / "updates" / "2024.yaml").write_text(
        '- date: 2024-03-01\n  target: "4.99.1.1"\n  status: lopend\n  note: x\n', encoding="utf-8")
    result = ssw(repo, "validate")
    assert result.exit_code == 1
    assert "onbekend item '4.99.1.1'" in result.stdout
    assert not re.search(r"onbekende (item|theme|organisation|goal|milestone|body|meeting|regional)", result.stdout)
    assert "unknown item '4.99.1.1'" in ssw(repo, "--lang", "en", "validate").stdout


def test_a_date_outside_the_plan_names_the_plan_of_that_date(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    log = repo / "regions" / "antwerpen" / "updates" / "2025.yaml"
    before = log.read_bytes() if log.exists() else None
    recorded = ssw(repo, "record", f"{OLD}:4.8.2.1", "--region", "antwerpen", "--status", "lopend", "--date",
                   "2025-03-01", "--note", "oude id, nieuwe datum")
    assert recorded.exit_code == 2
    assert f"op die datum loopt 4.8.2.1 in {NEW}" in recorded.output and "schrijf de kale id '4.8.2.1'" in recorded.output
    assert (log.read_bytes() if log.exists() else None) == before
    # a milestone of the new plan outside its period: no advice to point at another plan
    plan = repo / "plan" / NEW / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "milestones:\n  - id: conferentie\n    title: Conferentie\n"
                    "    date: 2022-10-01\n", encoding="utf-8")
    line = next(line for line in ssw(repo, "validate").stdout.splitlines() if "2022-10-01" in line)
    assert "plan-id:id" not in line and "mijlpaal of vervaldatum" in line


def test_show_of_an_unknown_plan_qualified_id_points_at_where_it_is(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    export = json.loads(ssw(repo, "status", "--plan", OLD, "--format", "json").stdout)
    finished = next(i["id"] for i in export["items"] if i["status"] == "gerealiseerd")
    left = ssw(repo, "show", f"{NEW}:{finished}")  # finished in the old plan: not carried over
    assert left.exit_code == 1 and f"{OLD}:{finished}" in left.stderr
    typo = ssw(repo, "show", f"{NEW}:4.8.2.9")
    assert typo.exit_code == 1 and f"{NEW}:4.8.2." in typo.stderr.split("?")[0].split(";")[-1]


def test_changes_tell_the_old_item_from_its_continuation(repo: Path) -> None:
    """A late 2024 update on the old item and a 2025 update on the carried one are changes to
    two items with one id: `changes` names each plan, never one item going back and forth."""
    top = repo.parents[1]
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    git(top, "add", "-A")
    git(top, "commit", "-qm", "successor")
    git(top, "tag", "stuurgroep-1")
    for date, status in (("2024-11-15", "uitgesteld"), ("2025-03-01", "lopend")):
        result = ssw(repo, "record", "4.8.2.1", "--region", "antwerpen", "--status", status, "--date", date,
                     "--note", f"update {date}", "--commit")
        assert result.exit_code == 0, result.output
    shown = ssw(repo, "changes", "--since", "stuurgroep-1")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert any(f"{OLD}:4.8.2.1" in line and "uitgesteld" in line for line in lines), shown.stdout
    assert any(f"{NEW}:4.8.2.1" in line and "lopend" in line for line in lines), shown.stdout
    assert not any(" 4.8.2.1 " in f" {line} " for line in lines if "→" in line or "2025-03-01" in line)
    data = json.loads(ssw(repo, "changes", "--since", "stuurgroep-1", "--format", "json").stdout)
    assert {(c["plan"], c["id"]) for c in data["updates"]} == {(OLD, "4.8.2.1"), (NEW, "4.8.2.1")}


def test_export_names_each_plans_predecessor_as_plans_does(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    listed = {p["id"]: p for p in json.loads(ssw(repo, "plans", "--format", "json").stdout)["plans"]}
    exported = {p["id"]: p for p in json.loads(ssw(repo, "export", "--format", "json", "--out", "-").stdout)["plans"]}
    assert exported[NEW]["follows"] == listed[NEW]["follows"] == OLD
    assert exported[NEW]["carried"] == listed[NEW]["carried"] > 0
    assert exported[OLD]["follows"] is None and exported[OLD]["carried"] == 0
    out = repo.parents[1] / "csv"
    assert ssw(repo, "export", "--format", "csv", "--out", str(out)).exit_code == 0
    header, *rows = (out / "plans.csv").read_text(encoding="utf-8").splitlines()
    assert "follows" in header.split(",") and any(row.startswith(f"{NEW},") and f",{OLD}," in row for row in rows)


def test_history_lines_keep_a_space_before_the_author(repo: Path) -> None:
    """`show` of a carried item lists the old plan's history: status, a dash, the author."""
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    for width in ("100", "60"):
        shown = ssw(repo, "show", "4.8.2.1", env={"COLUMNS": width})
        assert shown.exit_code == 0, shown.output
        history = [line for line in shown.stdout.splitlines() if "antwerpen" in line and "—" in line]
        assert history, shown.stdout
        assert all(re.search(r"\w — \S", line) for line in history), history


def test_final_evaluation_does_not_contradict_a_late_update(repo: Path) -> None:
    """An update for the old period recorded after the successor was made (4.8.2.1
    gerealiseerd in november 2024) shows in the status column; the section's sentence does
    not claim every listed item was unfinished at the end."""
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    late = ssw(repo, "record", "4.8.2.1", "--region", "brussel", "--status", "gerealiseerd", "--date", "2024-11-20",
               "--note", "laat geregistreerd")
    assert late.exit_code == 0, late.output
    for lang, claim in (("nl", "die op het einde van dit plan niet gerealiseerd"), ("en", "that were not realised or dropped at this plan's end")):
        report = ssw(repo, "--lang", lang, "report", "--plan", OLD, "--kind", "eindevaluatie", "--out", "-")
        assert report.exit_code == 0, report.output
        section = report.stdout.split(f"{NEW}:4.8.2.1")[0].rsplit("## ", 1)[-1]
        assert claim not in section
        row = next(line for line in report.stdout.splitlines() if line.startswith("| 4.8.2.1 |") and NEW in line)
        assert "✔" in row
