"""Successor plans: `ssw plan new`, `ssw plans`, bare ids resolved by date, a plan's own period.

Every test works in a real git repository in a tmp folder: the demo root with the real
plan beside it, its ssw.toml reading a second plans folder of its own.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_demo_root, run, write

OLD = "ssw-2020-2024"
NEW = "ssw-2025-2029"
CREATE = ["plan", "new", NEW, "--title", "Actieplan Sterk Sociaal Werk 2025-2029 (fictief)",
          "--start", "2025-01-01", "--end", "2029-12-31"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` (git's own folder aside) -> sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.relative_to(folder).parts}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: the real plan, the demo root reading it plus its own plans folder."""
    root = copy_demo_root(tmp_path / "repo")
    top = tmp_path / "repo"
    (top / ".git").rmdir()
    toml = root / "ssw.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('plan = "../../plan"', 'plan = ["../../plan", "plan"]'),
                    encoding="utf-8")
    git(top, "init", "-q")
    git(top, "config", "user.email", "test@example.org")
    git(top, "config", "user.name", "Test")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    return root


def ssw(root: Path, *args: str, env: dict[str, str] | None = None):
    return run(["--root", str(root), *args], env=env)


def open_at_end(root: Path) -> set[str]:
    """What `status` of the old plan calls not finished at its end (the user's view)."""
    result = ssw(root, "status", "--plan", OLD, "--as-of", "2024-12-31", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    return {i["id"] for i in items if i["id"][0].isdigit() and i["status"] not in ("gerealiseerd", "geschrapt")}


def test_successor_carries_over_what_was_not_finished_and_leaves_the_old_plan_alone(repo: Path) -> None:
    real_plan = repo.parents[1] / "plan"
    before = tree_digest(real_plan)
    expected = open_at_end(repo)
    result = ssw(repo, *CREATE, "--from", OLD, "--carry-over")
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} items meegenomen uit {OLD}" in result.stdout
    assert tree_digest(real_plan) == before  # the old plan byte for byte
    assert ssw(repo, "validate").exit_code == 0
    export = json.loads(ssw(repo, "status", "--plan", NEW, "--format", "json").stdout)
    carried = {i["id"] for i in export["items"]}
    assert carried == expected
    # an item with no data (onbekend) at the old plan's end was not finished: it carries over
    old_items = json.loads(ssw(repo, "status", "--plan", OLD, "--format", "json").stdout)["items"]
    no_data = {i["id"] for i in old_items if i["status"] == "onbekend"}
    finished = {i["id"] for i in old_items if i["status"] in ("gerealiseerd", "geschrapt")}
    assert no_data and no_data <= carried
    assert finished and not finished & carried
    theme = (repo / "plan" / NEW / "themes" / "4.8.yaml").read_text(encoding="utf-8")
    assert f'vervolg_van: {OLD}:4.8.2.1' in theme
    assert "due:" not in theme and "milestone:" not in theme


def test_record_on_a_carried_id_with_a_2025_date_lands_in_the_successor(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    result = ssw(repo, "record", "4.8.2.1", "--region", "antwerpen", "--status", "lopend",
                 "--note", "Knelpuntenbundel 2025 gestart", "--date", "2025-03-01")
    assert result.exit_code == 0, result.output
    assert ssw(repo, "validate").exit_code == 0
    new = ssw(repo, "show", "4.8.2.1").stdout  # today (2026) a bare id means the successor
    assert NEW in new and "Knelpuntenbundel 2025 gestart" in new
    assert f"{OLD}:4.8.2.1" in new  # where it comes from
    old_history = ssw(repo, "show", f"{OLD}:4.8.2.1").stdout
    assert "Knelpuntenbundel 2025 gestart" not in old_history.split("Geschiedenis")[1]
    assert f"{NEW}:4.8.2.1" in old_history  # the old item names its continuation
    # the successor shows the predecessor's history
    demo_note = ssw(repo, "show", f"{OLD}:4.8.2.1", "--lang", "en").stdout
    first_old_note = [line for line in demo_note.splitlines() if line.startswith("      ") and "regions/" not in line][0]
    assert first_old_note.strip() in new


def test_status_of_both_plans(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    old = ssw(repo, "status", "--plan", OLD)
    assert old.exit_code == 0 and "Actieplan Sterk Sociaal Werk 2020-2024" in old.stdout
    new = ssw(repo, "status", "--plan", NEW)
    assert new.exit_code == 0, new.output
    count = len(open_at_end(repo))
    assert f"waarvan {count} meegenomen uit {OLD} en 0 nieuw" in new.stdout
    default = ssw(repo, "status")  # today lies in the successor's period
    assert "2025-2029" in default.stdout.splitlines()[0]


@pytest.mark.parametrize("args, message", [
    ([*CREATE[:2], OLD, *CREATE[3:]], "bestaat al"),
    (["plan", "new", "ssw-2024-2028", "--title", "T", "--start", "2024-06-01", "--end", "2028-12-31"], "overlapt met ssw-2020-2024"),
    (["plan", "new", NEW, "--title", "T", "--start", "2029-01-01", "--end", "2025-12-31"], "ligt voor het begin"),
    ([*CREATE, "--from", "ssw-2015-2019", "--carry-over"], "onbekend plan 'ssw-2015-2019'"),
    (["plan", "new", "SSW 2025", "--title", "T", "--start", "2025", "--end", "2029"], "ongeldige plan-id"),
    (["plan", "new", "../ssw-2025", "--title", "T", "--start", "2025", "--end", "2029"], "ongeldige plan-id"),
    ([*CREATE, "--carry-over"], "--carry-over heeft --from"),
    ([*CREATE[:-1], "2029-02-30"], "ongeldige datum"),
    ([*CREATE, "--from", "sam-2021-2025"], "familie"),
])
def test_each_refusal_is_a_usage_error_and_writes_nothing(repo: Path, args: list[str], message: str) -> None:
    top = repo.parents[1]
    before = tree_digest(top)
    result = ssw(repo, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert tree_digest(top) == before
    assert git(top, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_plan_without_predecessor_validates_at_once(repo: Path) -> None:
    result = ssw(repo, "plan", "new", "sam-2026-2030", "--title", "Meerjarenplan SAM 2026-2030", "--start", "2026",
                 "--end", "2030")
    assert result.exit_code == 0, result.output
    assert ssw(repo, "validate").exit_code == 0
    listing = ssw(repo, "plans", "--format", "json")
    plans = {p["id"]: p for p in json.loads(listing.stdout)["plans"]}
    assert plans["sam-2026-2030"]["family"] == "sam"
    assert plans["sam-2026-2030"]["current"] and not plans["sam-2021-2025"]["current"]


def test_plans_on_the_repository_lists_exactly_the_two_real_plans() -> None:
    result = run(["--root", str(REPO), "plans", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(p["id"] for p in json.loads(result.stdout)["plans"]) == ["sam-2021-2025", "ssw-2020-2024"]
    table = run(["--root", str(REPO), "plans"]).stdout
    assert "✔ ssw-2020-2024" in table and "familie ssw" in table
    # the table says which plans have ended, as the JSON does, and only those
    ended = {p["title"] for p in json.loads(result.stdout)["plans"] if p["ended"]}
    for title in ("Actieplan Sterk Sociaal Werk 2020-2024", "Meerjarenplan SAM 2021-2025"):
        assert (f"{title} (afgelopen)" in table) == (title in ended), table
    during = run(["--root", str(REPO), "plans", "--lang", "en"], env={"SSW_TODAY": "2024-06-01"}).stdout
    assert "(ended)" not in during and "Actieplan Sterk Sociaal Werk 2020-2024\n" in during


def test_a_plans_own_period_holds_its_milestones_due_dates_and_own_actions(repo: Path) -> None:
    assert ssw(repo, *CREATE).exit_code == 0
    plan = repo / "plan" / NEW / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "milestones:\n  - id: conferentie\n    title: Conferentie\n"
                    "    date: 2022-10-01\n", encoding="utf-8")
    write(repo, f"plan/{NEW}/themes/4.1.yaml", """
        id: "4.1"
        title: Nieuw thema
        actions:
          - id: "4.1.1"
            title: Nieuwe actie
            due: 2031
        """)
    result = ssw(repo, "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    milestone = next(line for line in lines if "2022-10-01" in line)
    assert milestone.startswith(f"plan/{NEW}/plan.yaml:") and f"buiten de periode van {NEW}" in milestone
    line_no = int(milestone.split(":")[1])
    assert "date: 2022-10-01" in plan.read_text(encoding="utf-8").splitlines()[line_no - 1]
    assert any(line.startswith(f"plan/{NEW}/themes/4.1.yaml:6:") and "2031" in line for line in lines)


def test_add_action_on_an_ended_plan_asks_for_a_date_and_dates_lie_inside_the_plan(repo: Path) -> None:
    top = repo.parents[1]
    before = tree_digest(top)
    undated = ssw(repo, "add-action", "--region", "antwerpen", "--title", "Lerend netwerk", "--theme", "4.8")
    assert undated.exit_code == 2 and "--date" in undated.stderr and "ssw plan new" in undated.stderr
    late = ssw(repo, "add-action", "--region", "antwerpen", "--title", "Lerend netwerk", "--theme", "4.8",
               "--date", "2026-02-01")
    assert late.exit_code == 2 and f"buiten de periode van {OLD}" in late.output
    assert tree_digest(top) == before
    # once the successor exists, today's action joins it
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    added = ssw(repo, "add-action", "--region", "antwerpen", "--title", "Lerend netwerk", "--theme", "4.8")
    assert added.exit_code == 0, added.output
    shown = ssw(repo, "show", "antwerpen.2026.1")
    assert shown.exit_code == 0 and NEW in shown.stdout


def test_final_evaluation_lists_what_continues_and_changes_follow_the_successor(repo: Path) -> None:
    top = repo.parents[1]
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    git(top, "add", "-A")
    git(top, "commit", "-qm", "successor")
    git(top, "tag", "stuurgroep-1")
    out = top / "out"
    out.mkdir()
    for fmt in ("md", "html"):
        result = ssw(repo, "report", "--plan", OLD, "--kind", "eindevaluatie", "--format", fmt, "--out",
                     str(out / f"eind.{fmt}"))
        assert result.exit_code == 0, result.output
        text = (out / f"eind.{fmt}").read_text(encoding="utf-8")
        assert "Loopt verder in het vervolgplan" in text and f"{NEW}:4.8.2.1" in text
    new_report = ssw(repo, "report", "--kind", "jaaroverzicht", "--format", "md", "--out", str(out / "j.md"))
    assert new_report.exit_code == 0, new_report.output
    assert "Actieplan Sterk Sociaal Werk 2025-2029" in (out / "j.md").read_text(encoding="utf-8")
    recorded = ssw(repo, "record", "4.8.2.1", "--region", "antwerpen", "--status", "lopend", "--note",
                   "Vervolgtraject gestart", "--date", "2025-03-01", "--commit")
    assert recorded.exit_code == 0, recorded.output
    changes = ssw(repo, "changes", "--since", "stuurgroep-1", "--format", "json")
    assert changes.exit_code == 0, changes.output
    assert f"{NEW}" in changes.stdout and "4.8.2.1" in changes.stdout


def test_a_carried_theme_keeps_the_plans_footnotes_but_not_sams_name_for_the_old_challenge(repo: Path) -> None:
    """The footnotes belong to the text that is copied; SAM's page (seed 001) named the
    challenges of the 2020-2024 plan, so its name stays with the old theme."""
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    new = " ".join(ssw(repo, "show", "4.2").stdout.split())  # today a bare id means the successor
    old = " ".join(ssw(repo, "show", f"{OLD}:4.2").stdout.split())
    assert "Voetnoten" in new and "In 2011 getuigden 22 auteurs" in new
    assert "Naam bij SAM" not in new
    assert "Naam bij SAM Sterk Sociaal Werk en digitalisering" in old


EXAMPLE = REPO / "examples" / "successor"


def test_the_successor_example_validates_and_is_what_plan_new_makes(tmp_path: Path) -> None:
    """The fictitious successor in examples/ is exactly what `plan new --carry-over` writes
    from the example's own 2020-2024 logs (the later logs came after, by `record`)."""
    assert run(["--root", str(EXAMPLE), "validate"]).exit_code == 0
    listing = json.loads(run(["--root", str(EXAMPLE), "plans", "--format", "json"]).stdout)["plans"]
    assert [p["id"] for p in listing] == ["sam-2021-2025", OLD, NEW]
    import shutil

    top = tmp_path / "repo"
    shutil.copytree(REPO / "plan", top / "plan")
    shutil.copytree(EXAMPLE, top / "examples" / "successor")
    (top / ".git").mkdir()
    root = top / "examples" / "successor"
    shutil.rmtree(root / "plan" / NEW)
    for later in [*root.glob("regions/*/updates/202[5-9].yaml"), *root.glob("regions/*/actions.yaml")]:
        later.unlink()
    made = run(["--root", str(root), "plan", "new", NEW, "--title", "Actieplan Sterk Sociaal Werk 2025-2029 (fictief)",
                "--start", "2025-01-01", "--end", "2029-12-31", "--from", OLD, "--carry-over"])
    assert made.exit_code == 0, made.output
    assert tree_digest(root / "plan") == tree_digest(EXAMPLE / "plan")


def test_an_update_on_an_item_left_behind_says_where_it_is(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    finished = next(i["id"] for i in json.loads(ssw(repo, "status", "--plan", OLD, "--format", "json").stdout)["items"]
                    if i["status"] == "gerealiseerd" and i["scope"] == "vlaams")
    log = repo / "regions" / "vlaanderen" / "updates" / "2025.yaml"
    before = tree_digest(repo.parents[1])
    result = ssw(repo, "record", finished, "--region", "vlaanderen", "--status", "lopend", "--note", "x", "--date", "2025-05-01")
    assert result.exit_code == 1
    assert f"{finished} staat niet in {NEW}" in result.stderr and f"'{OLD}:{finished}'" in result.stderr
    assert not log.exists() and tree_digest(repo.parents[1]) == before


def test_a_failure_while_writing_leaves_no_half_plan(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All or nothing: the files go into a temporary folder that is renamed into place; when
    that fails, the temporary folder goes and nothing of the plan stays."""
    from ssw import plans as plans_module

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    top = repo.parents[1]
    before = tree_digest(top)
    monkeypatch.setattr(plans_module.os, "rename", fail)
    result = ssw(repo, *CREATE, "--from", OLD, "--carry-over")
    assert result.exit_code == 1 and "geen ruimte meer op het apparaat" in result.stderr and "No space" not in result.stderr
    assert tree_digest(top) == before
    assert git(top, "status", "--porcelain", "--untracked-files=all", "--ignored") == ""


def test_export_names_what_each_carried_item_continues(repo: Path) -> None:
    assert ssw(repo, *CREATE, "--from", OLD, "--carry-over").exit_code == 0
    data = json.loads(ssw(repo, "export", "--format", "json").stdout)
    rows = [r for sheet in data.values() if isinstance(sheet, list) for r in sheet
            if isinstance(r, dict) and r.get("plan") == NEW and r.get("id") == "4.8.2.1"]
    assert rows and rows[0]["vervolg_van"] == f"{OLD}:4.8.2.1"
