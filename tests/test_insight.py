"""`ssw changes`, `coverage` and `agenda` on a git repository with a scripted history.

The repository (built once per module in a tmp folder) holds the real plan in `plan/`
and a root `data/` beside it (`ssw.toml: plan = "../plan"`, like examples/demo), so the
root is a subfolder of the work tree. Its history, with fixed dates and four authors:

  C1 2023-01-10 Beheer SAM     platforms; antwerpen 4.8.2.1 gepland (2023-01-05);
                               vlaanderen 4.5.1.1 lopend (2023-01-09); limburg.2023.1;
                               decisions besluit.2023.0 (done), .1 (follow-up 2023-09-30),
                               .2 (no follow-up date)
  C2 2023-05-02 An Antwerpen   antwerpen 4.2.2.2 lopend (2023-04-20)   <- tag stuurgroep-2023-05
  C3 2023-06-15 An Antwerpen   antwerpen 4.2.2.2 gepland (2023-03-01, backfilled: no status
                               change), 4.8.2.1 lopend (2023-06-12)
  C4 2023-07-03 Lies Limburg   limburg.2023.2 (theme 4.10) added, lopend (2023-07-03)
  C5 2023-09-20 Wim West       signal west-vlaanderen.signaal.1 (theme 4.8)
  C6 2023-09-28 Vera Vlaanderen vlaanderen 4.5.1.1 gerealiseerd, 4.3.1.5 geschrapt (2023-09-27)
  C7 2023-10-05 Lies Limburg   limburg.2023.1 dropped                <- tag stuurgroep-2023-11
  C8 2023-12-01 An Antwerpen   antwerpen 4.8.2.1 gerealiseerd (2023-11-30)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_real_root, run
from ssw import lookup
from ssw.loader import load
from ssw.root import find_root

AN = ("An Antwerpen", "an@antwerpen.example")
LIES = ("Lies Limburg", "lies@limburg.example")
WIM = ("Wim West", "wim@west.example")
VERA = ("Vera Vlaanderen", "vera@vlaanderen.example")
SAM = ("Beheer SAM", "beheer@sam.example")


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=repo, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=True)
    return done.stdout


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text.lstrip("\n"))


def _commit(repo: Path, who: tuple[str, str], when: str, message: str) -> None:
    _git(repo, "add", "-A")
    stamp = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    _git(repo, "-c", f"user.name={who[0]}", "-c", f"user.email={who[1]}", "commit", "-q", "-m", message, env=stamp)


def _update(date: str, target: str, status: str, note: str) -> str:
    return f'- date: {date}\n  target: "{target}"\n  status: {status}\n  note: {note}\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copytree(REPO / "plan", repo / "plan")
    data = repo / "data"
    for platform in (REPO / "regions").iterdir():
        _append(data / "regions" / platform.name / "platform.yaml", (platform / "platform.yaml").read_text(encoding="utf-8"))
    _append(data / "ssw.toml", 'plan = "../plan"\n')
    regions = data / "regions"
    _append(regions / "antwerpen" / "platform.yaml", 'focus:\n  - year: 2023\n    themes: ["4.2", "4.4"]\n')

    _append(regions / "antwerpen/updates/2023.yaml", _update("2023-01-05", "4.8.2.1", "gepland", "Knelpunten inventariseren."))
    _append(regions / "vlaanderen/updates/2023.yaml", _update("2023-01-09", "4.5.1.1", "lopend", "Statement in voorbereiding."))
    _append(regions / "limburg/actions.yaml", """
- id: limburg.2023.1
  date: 2023-01
  title: Intervisie in kleine gemeenten
  themes: ["4.9"]
  krachtlijnen: [verbindend]
""")
    _append(regions / "vlaanderen/decisions.yaml", """
- id: besluit.2023.0
  date: 2023-01-09
  text: Het jaarverslag wordt goedgekeurd.
  done: 2023-01-09
- id: besluit.2023.1
  date: 2023-01-09
  text: Elke regio brengt de knelpunten rond rechtenverkenning in beeld.
  items: ["4.8.2"]
  follow_up: 2023-09-30
- id: besluit.2023.2
  date: 2023-01-09
  text: De kerngroep zoekt een trekker voor de vorming.
  items: ["4.9"]
""")
    _append(regions / "vlaanderen/meetings.yaml", """
- id: stuurgroep.2023-01
  date: 2023-01-09
  body: stuurgroep
  overviews:
    - year: 2022
      presented: [antwerpen, limburg]
- id: stuurgroep.2024-02
  date: 2024-02-01
  body: stuurgroep
  overviews:
    - year: 2023
      presented: [brussel]
""")
    _commit(repo, SAM, "2023-01-10T10:00:00+01:00", "Start: plan en platformen")
    _append(regions / "antwerpen/updates/2023.yaml", _update("2023-04-20", "4.2.2.2", "lopend", "Eerste bijeenkomst."))
    _commit(repo, AN, "2023-05-02T09:00:00+02:00", "antwerpen: 4.2.2.2 lopend")
    _git(repo, "tag", "stuurgroep-2023-05")
    _append(regions / "antwerpen/updates/2023.yaml", _update("2023-03-01", "4.2.2.2", "gepland", "Vergeten aankondiging."))
    _append(regions / "antwerpen/updates/2023.yaml", _update("2023-06-12", "4.8.2.1", "lopend", "Knelpunten in beeld."))
    _commit(repo, AN, "2023-06-15T17:30:00+02:00", "antwerpen: twee updates")
    _append(regions / "limburg/actions.yaml", """
- id: limburg.2023.2
  date: 2023-07
  title: Vormingsreeks politiserend werken
  themes: ["4.10"]
  krachtlijnen: [politiserend]
""")
    _append(regions / "limburg/updates/2023.yaml", _update("2023-07-03", "limburg.2023.2", "lopend", "Eerste vorming."))
    _commit(repo, LIES, "2023-07-03T12:00:00+02:00", "limburg: eigen actie limburg.2023.2")
    _append(regions / "west-vlaanderen/signals.yaml", """
- id: west-vlaanderen.signaal.1
  type: signaal
  date: 2023-09
  title: Wachttijden bij rechtenonderzoek
  themes: ["4.8"]
  status: open
""")
    _commit(repo, WIM, "2023-09-20T08:00:00+02:00", "west-vlaanderen: signaal")
    _append(regions / "vlaanderen/updates/2023.yaml", _update("2023-09-27", "4.5.1.1", "gerealiseerd", "Statement goedgekeurd."))
    _append(regions / "vlaanderen/updates/2023.yaml", _update("2023-09-27", "4.3.1.5", "geschrapt", "Evenement geschrapt."))
    _commit(repo, VERA, "2023-09-28T16:00:00+02:00", "vlaanderen: 4.5.1.1 en 4.3.1.5")
    actions = regions / "limburg/actions.yaml"
    text = actions.read_text(encoding="utf-8")
    actions.write_text(text.replace("  krachtlijnen: [verbindend]\n", "  krachtlijnen: [verbindend]\n  dropped: 2023-10-05\n"), encoding="utf-8")
    _commit(repo, LIES, "2023-10-05T10:00:00+02:00", "limburg: limburg.2023.1 geschrapt")
    _git(repo, "tag", "stuurgroep-2023-11")
    _append(regions / "antwerpen/updates/2023.yaml", _update("2023-11-30", "4.8.2.1", "gerealiseerd", "Verslag bezorgd."))
    _commit(repo, AN, "2023-12-01T11:00:00+01:00", "antwerpen: 4.8.2.1 gerealiseerd")
    return repo


def cli(repo: Path, *args: str, lang: str = "nl", columns: str = "100") -> tuple[int, str, str]:
    result = run(["--root", str(repo / "data"), "--lang", lang, *args], env={"COLUMNS": columns})
    return result.exit_code, result.stdout, result.stderr


def cli_json(repo: Path, *args: str) -> dict:
    code, out, err = cli(repo, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _status_changes(data: dict) -> set[tuple[str, str, str, str, str]]:
    return {(c["id"], c["platform"], c["from"], c["to"], c["committed_by"]["name"]) for c in data["status_changes"]}


BETWEEN_MEETINGS = {
    ("4.8.2.1", "antwerpen", "gepland", "lopend", "An Antwerpen"),
    ("limburg.2023.2", "limburg", "onbekend", "lopend", "Lies Limburg"),
    ("4.5.1.1", "vlaanderen", "lopend", "gerealiseerd", "Vera Vlaanderen"),
    ("4.3.1.5", "vlaanderen", "onbekend", "geschrapt", "Vera Vlaanderen"),
}


# -- changes -------------------------------------------------------------------------------


def test_changes_between_the_two_meetings(repo: Path) -> None:
    data = cli_json(repo, "changes", "--since", "stuurgroep-2023-05", "--until", "stuurgroep-2023-11")
    assert (data["since"]["date"], data["until"]["date"], data["as_of"]) == ("2023-05-02", "2023-10-05", "2023-10-05")
    assert data["since"]["commit"] == _git(repo, "rev-parse", "stuurgroep-2023-05").strip()
    assert _status_changes(data) == BETWEEN_MEETINGS
    overall = next(c for c in data["status_changes"] if c["id"] == "4.8.2.1")
    assert overall["overall"] == {"from": "gepland", "to": "lopend"} and overall["date"] == "2023-06-12"
    # New updates in date order; the backfilled 2023-03-01 one is new data though dated before the meeting.
    assert [(u["date"], u["target"], u["status"], u["committed_by"]["name"]) for u in data["updates"]] == [
        ("2023-03-01", "4.2.2.2", "gepland", "An Antwerpen"),
        ("2023-06-12", "4.8.2.1", "lopend", "An Antwerpen"),
        ("2023-07-03", "limburg.2023.2", "lopend", "Lies Limburg"),
        ("2023-09-27", "4.5.1.1", "gerealiseerd", "Vera Vlaanderen"),  # same day: file order
        ("2023-09-27", "4.3.1.5", "geschrapt", "Vera Vlaanderen"),
    ]
    first = data["updates"][0]
    assert (first["path"], first["line"]) == ("regions/antwerpen/updates/2023.yaml", 9)
    assert first["committed_by"]["date"] == "2023-06-15" and first["committed_by"]["email"] == AN[1]
    added, dropped = data["regional_actions"]["added"], data["regional_actions"]["dropped"]
    assert [(a["id"], a["committed_by"]["name"]) for a in added] == [("limburg.2023.2", "Lies Limburg")]
    assert [(a["id"], a["line"], a["committed_by"]["date"]) for a in dropped] == [("limburg.2023.1", 6, "2023-10-05")]
    assert [(s["id"], s["platform"], s["theme"], s["committed_by"]["name"]) for s in data["signals"]] == [
        ("west-vlaanderen.signaal.1", "west-vlaanderen", "4.8", "Wim West")]
    assert [c["author"] for c in data["commits"]] == ["Lies Limburg", "Vera Vlaanderen", "Wim West", "Lies Limburg", "An Antwerpen"]
    assert data["commits"][0]["files"] == ["regions/limburg/actions.yaml"]
    assert [t["theme"] for t in data["by_theme"]] == ["4.2", "4.3", "4.5", "4.8", "4.9", "4.10"]
    theme_48 = next(t for t in data["by_theme"] if t["theme"] == "4.8")
    assert (theme_48["status_changes"], theme_48["updates"], theme_48["signals"]) == (1, 1, 1)
    assert theme_48["committed_by"] == ["An Antwerpen", "Wim West"]
    limburg = next(p for p in data["by_platform"] if p["platform"] == "limburg")
    assert (limburg["actions_added"], limburg["actions_dropped"], limburg["committed_by"]) == (1, 1, ["Lies Limburg"])
    assert data["totals"]["committed_by"] == ["An Antwerpen", "Lies Limburg", "Vera Vlaanderen", "Wim West"]
    assert data["problems"] == {"since": 0, "until": 0}


def test_dates_mean_the_last_commit_on_or_before_that_day(repo: Path) -> None:
    by_tags = cli_json(repo, "changes", "--since", "stuurgroep-2023-05", "--until", "stuurgroep-2023-11")
    by_dates = cli_json(repo, "changes", "--since", "2023-05-31", "--until", "2023-10-31")
    assert (by_dates["since"]["commit"], by_dates["until"]["commit"]) == (by_tags["since"]["commit"], by_tags["until"]["commit"])
    assert by_dates["since"]["kind"] == "date" and by_dates["as_of"] == "2023-10-31"
    assert _status_changes(by_dates) == BETWEEN_MEETINGS
    # 2023-05-01 is the day before C2: only C2's update lies between it and C2's day.
    one = cli_json(repo, "changes", "--since", "2023-05-01", "--until", "2023-05-02")
    assert _status_changes(one) == {("4.2.2.2", "antwerpen", "onbekend", "lopend", "An Antwerpen")}
    assert [c["subject"] for c in one["commits"]] == ["antwerpen: 4.2.2.2 lopend"]


def test_changes_until_head_by_default(repo: Path) -> None:
    data = cli_json(repo, "changes", "--since", "stuurgroep-2023-11")
    assert data["until"]["value"] == "HEAD" and data["until"]["date"] == "2023-12-01"
    assert _status_changes(data) == {("4.8.2.1", "antwerpen", "lopend", "gerealiseerd", "An Antwerpen")}
    assert data["status_changes"][0]["overall"] == {"from": "lopend", "to": "gerealiseerd"}
    assert data["regional_actions"] == {"added": [], "dropped": []} and data["signals"] == []
    same = cli_json(repo, "changes", "--since", "HEAD")
    assert same["status_changes"] == [] and same["commits"] == []


def test_changes_table_in_both_languages_fits_80_columns(repo: Path) -> None:
    code, out, _ = cli(repo, "changes", "--since", "stuurgroep-2023-05", "--until", "stuurgroep-2023-11", columns="80")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Wijzigingen van stuurgroep-2023-05 (")
    assert "4 statuswijzigingen · 5 nieuwe updates · 1 nieuwe eigen actie · 1 geschrapte eigen actie · 1 nieuw signaal" in " ".join(lines[:5])
    assert max(len(line) for line in lines) <= 80
    i = lines.index("  antwerpen", lines.index(next(x for x in lines if x.startswith("4.8 "))))
    assert lines[i + 1].split() [:5] == ["status", "4.8.2.1", "gepland", "→", "lopend"]
    assert lines[i + 1].rstrip().endswith("An Antwerpen")
    assert any(x.split()[:3] == ["✗", "actie", "limburg.2023.1"] for x in lines)
    limburg = lines.index("  limburg", lines.index(next(x for x in lines if x.startswith("4.10 "))))
    assert [x.split()[1] for x in lines[limburg + 1:limburg + 4]] == ["actie", "limburg.2023.2", "2023-07-03"]
    assert "Commits (5)" in lines
    code, out, _ = cli(repo, "changes", "--since", "stuurgroep-2023-05", "--until", "stuurgroep-2023-11", lang="en")
    assert code == 0 and out.startswith("Changes from stuurgroep-2023-05 (")
    assert "gepland → lopend" not in out and "planned → ongoing" in out and "Committed by: An Antwerpen" in out


@pytest.mark.parametrize("args, words", [
    (["--since", "nope"], "'nope' voor --since is geen datum"),
    (["--since", "2023-05-01", "--until", "v9"], "'v9' voor --until"),
    (["--since", "2022-12-31"], "geen commit op of voor 2022-12-31"),
    (["--since", "2023-02-30"], "'2023-02-30': maand 2 heeft geen dag 30"),  # as --as-of says it
    (["--since", "3000-01-01"], "jaar 3000 valt buiten 1900-2999"),
    (["--since", "--format"], ""),
    (["--since", "stuurgroep-2023-11", "--until", "stuurgroep-2023-05"], "draai ze om"),
    (["--since", "HEAD", "--format", "xml"], "--format"),
    ([], "--since"),
])
def test_bad_points_are_usage_errors(repo: Path, args: list[str], words: str) -> None:
    code, out, err = cli(repo, "changes", *args)
    assert code == 2, out + err
    assert words in err and "Traceback" not in err


def test_changes_outside_git_says_so(tmp_path: Path) -> None:
    root = copy_real_root(tmp_path / "nogit")
    result = run(["--root", str(root), "changes", "--since", "HEAD"])
    assert result.exit_code == 1 and "geen git-repository" in result.stderr


# -- agenda and the yearly account -------------------------------------------------------------


def test_agenda_at_the_end_of_2023(repo: Path) -> None:
    data = cli_json(repo, "agenda", "--as-of", "2023-12-31", "--stale-after", "6")
    assert (data["as_of"], data["stale_after"], data["late_after"]) == ("2023-12-31", 6, 6)
    # 4.2.2.2: antwerpen's latest is 2023-04-20 (lopend), older than 2023-06-30; the others moved later or are final.
    assert [(q["id"], q["platform"], q["last_update"], q["months"]) for q in data["quiet"]] == [("4.2.2.2", "antwerpen", "2023-04-20", 8)]
    # Due 2022 (expired 2022-12-31, 12 months before) but no data: never late, listed apart;
    # 4.3.1.5 (due 2020) was geschrapt.
    assert data["late"] == []
    assert [x["id"] for x in data["past_due_no_data"]] == ["4.1.1.6", "4.6.1.5", "4.6.2.3", "4.7.2.4"]
    assert [(f["id"], f["follow_up"], f["overdue"]) for f in data["follow_ups"]] == [
        ("besluit.2023.1", "2023-09-30", True), ("besluit.2023.2", None, False)]
    assert data["not_reported"]["year"] == 2023 and data["not_reported"]["complete"] is True
    # 2023's overviews are taken in 2024: no data yet, so no platform is listed as missing
    assert data["not_reported"]["recorded"] is False and data["not_reported"]["platforms"] == []
    # superdivers has data (4.3.1.5 geschrapt) and nothing moving: quiet; no item of 4.6 or
    # 4.7 has an update: no data, which is not a finding
    assert [s["id"] for s in data["quiet_speerpunten"]] == ["superdivers"]
    assert [s["id"] for s in data["no_data_speerpunten"]] == ["multidisciplinair", "hybridisering"]
    assert [s["id"] for s in data["open_signals"]] == ["west-vlaanderen.signaal.1"]
    assert data["unknown"] == data["figures"]["without_data"] == 73  # 77 plan items, 4 with updates (the 5th is on an own action)
    assert data["figures"]["items"] == 77  # own actions are counted apart, as amendments


def test_obligations_matrix(repo: Path) -> None:
    """From the recorded meetings: 2022's overviews were taken on 2023-01-09 (antwerpen and
    limburg presented); 2023's on 2024-02-01, after the as-of date; none for 2020-2021."""
    ob = cli_json(repo, "agenda", "--as-of", "2023-12-31")["obligations"]
    assert [y["year"] for y in ob["years"]] == [2020, 2021, 2022, 2023]
    rows = {p["id"]: p["years"] for p in ob["platforms"]}
    assert sorted(rows) == ["antwerpen", "brussel", "limburg", "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen"]
    assert rows["antwerpen"]["2022"] == {"state": "reported", "meeting": "stuurgroep.2023-01", "date": "2023-01-09"}
    assert rows["brussel"]["2022"]["state"] == "missing"
    assert {r["2021"]["state"] for r in rows.values()} == {r["2023"]["state"] for r in rows.values()} == {"no-data"}
    later = cli_json(repo, "agenda", "--as-of", "2024-06-30")["obligations"]
    brussel = next(p for p in later["platforms"] if p["id"] == "brussel")
    assert brussel["years"]["2023"]["state"] == "reported"
    antwerpen = next(p for p in later["platforms"] if p["id"] == "antwerpen")
    assert antwerpen["years"]["2023"]["state"] == "missing"
    mid = cli_json(repo, "agenda", "--as-of", "2023-05-01")
    assert mid["obligations"]["years"][-1] == {"year": 2023, "complete": False, "meetings": []}


def test_agenda_thresholds_are_options(repo: Path) -> None:
    data = cli_json(repo, "agenda", "--as-of", "2023-12-31", "--late-after", "12")
    assert data["quiet"] == [] and data["late"] == []  # default 12 months quiet; due 2022 is exactly 12 months late
    code, _, err = cli(repo, "agenda", "--stale-after", "0")
    assert code == 2 and "--stale-after" in err


def test_agenda_table(repo: Path) -> None:
    code, out, _ = cli(repo, "agenda", "--as-of", "2023-12-31", "--stale-after", "6", columns="80")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith("Voorstellen voor de agenda van de stuurgroep — stand op 31 december 2023")
    assert "Stil: geen update sinds meer dan 6 maanden (1)" in lines
    assert any("besluit.2023.1  opvolging tegen 30 september 2023 — over tijd [4.8.2]" in x for x in lines)
    assert "Jaarlijkse verantwoording per platform" in lines
    row = next(x for x in lines if x.startswith("antwerpen ") and "✔" in x)
    assert row.split() == ["antwerpen", "–", "–", "✔", "–"]
    assert next(x for x in lines if x.startswith("brussel ") and "✗" in x).split() == ["brussel", "–", "–", "✗", "–"]


# -- coverage and amendments ------------------------------------------------------------------


def test_coverage_2023(repo: Path) -> None:
    data = cli_json(repo, "coverage", "--year", "2023")
    assert (data["year"], data["as_of"]) == (2023, "2023-12-31")
    assert data["active"]["antwerpen"] == ["4.2.2.2", "4.8.2.1"]
    assert data["active"]["limburg"] == ["limburg.2023.2"]  # limburg.2023.1 is dropped: out of scope
    assert data["active"]["vlaanderen"] == ["4.5.1.1"]  # 4.3.1.5 was geschrapt: not moving
    sp = {s["id"]: s for s in data["speerpunten"]}
    assert sp["draagvlak"]["items"] == ["limburg.2023.2"]  # via its theme 4.10
    assert sp["draagvlak"]["platforms"]["limburg"] == {"active": 1, "items": ["limburg.2023.2"], "possible": 1, "gap": False}
    assert sp["draagvlak"]["platforms"]["antwerpen"]["possible"] == 0
    assert sp["superdivers"]["platforms"]["vlaanderen"] == {"active": 0, "items": [], "possible": 8, "gap": True}
    assert data["quiet_speerpunten"] == ["superdivers"]  # has data (4.3.1.5 geschrapt), nothing moving
    assert data["no_data_speerpunten"] == ["multidisciplinair", "hybridisering"]  # no update at all: not a finding
    kl = {k["id"]: k for k in data["krachtlijnen"]}
    assert kl["politiserend"]["items"] == ["4.2.2.2", "limburg.2023.2"]
    assert kl["politiserend"]["gaps"] == ["brussel", "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen", "vlaanderen"]
    assert kl["nabijheid"]["platforms"]["antwerpen"]["items"] == ["4.2.2.2"]
    assert data["focus_gaps"] == [{"platform": "antwerpen", "theme": "4.4"}]
    am = data["amendments"]
    assert (am["adopted"]["total"], am["adopted"]["gerealiseerd"], am["adopted"]["geschrapt"]) == (77, 2, 1)
    assert (am["amended"]["total"], am["amended"]["gerealiseerd"], am["amended"]["geschrapt"]) == (77, 2, 0)
    assert am["dropped_items"] == ["4.3.1.5"] and am["added_actions"] == ["limburg.2023.2"]
    assert am["dropped_actions"] == ["limburg.2023.1"]
    assert am["adopted"]["progress"] == round(2 / 77, 4)


def test_coverage_of_an_earlier_year_and_bad_years(repo: Path) -> None:
    data = cli_json(repo, "coverage", "--year", "2022")
    # nothing moves in 2022 and no speerpunt has an update yet: no data, not four findings
    assert all(not ids for ids in data["active"].values()) and data["quiet_speerpunten"] == []
    assert len(data["no_data_speerpunten"]) == 4
    code, _, err = cli(repo, "coverage", "--year", "2019")
    assert code == 2 and "2020" in err and "2024" in err


def test_coverage_table(repo: Path) -> None:
    code, out, _ = cli(repo, "coverage", "--year", "2023", lang="en", columns="80")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "Coverage 2023 — as of 31 December 2023"
    assert lines[lines.index(next(x for x in lines if x.startswith("spearhead")))].split() == [
        "spearhead", "ANT", "BRU", "LIM", "OV", "VB", "WV", "VLA", "total"]
    assert next(x for x in lines if x.startswith("draagvlak")).split() == ["draagvlak", "—", "—", "1", "—", "—", "—", "—", "1"]
    assert any("antwerpen: focus themes 2023 with nothing moving: 4.4" in x for x in lines)
    assert any("as adopted: 2 of 77 items realised (3%)" in x for x in lines)


# -- decisions on items --------------------------------------------------------------------------


def test_decisions_concern_ancestors_and_descendants(repo: Path) -> None:
    ds = load(find_root(str(repo / "data"))).data
    plan = "ssw-2020-2024"

    def about(item_id: str) -> list[str]:
        return [e.model.id for e in lookup.decisions_for(ds, ds.items[(plan, item_id)])]

    # besluit.2023.1 names action 4.8.2: it concerns its initiatives and its theme.
    assert about("4.8.2") == ["besluit.2023.1"]
    assert about("4.8.2.1") == ["besluit.2023.1"]
    assert about("4.8") == ["besluit.2023.1"]
    assert about("4.8.1.1") == []
    # besluit.2023.2 names theme 4.9: every initiative under it.
    assert about("4.9.1.2") == ["besluit.2023.2"]
    assert about("4.2.2.2") == []


def test_root_at_the_top_and_invalid_data_in_history(tmp_path: Path) -> None:
    root = copy_real_root(tmp_path / "top")
    _git(root, "init", "-q")
    _commit(root, SAM, "2023-01-10T10:00:00+01:00", "echte gegevens")
    log = root / "regions/vlaanderen/updates/2023.yaml"
    _append(log, "- date: 2023-02-01\n  target: [broken\n")
    _commit(root, VERA, "2023-02-02T10:00:00+01:00", "kapot")
    log.write_text(_update("2023-02-01", "4.5.1.1", "lopend", "Hersteld."), encoding="utf-8")
    _commit(root, VERA, "2023-02-03T10:00:00+01:00", "hersteld")
    result = run(["--root", str(root), "changes", "--since", "HEAD~1", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["problems"] == {"since": 1, "until": 0}
    assert [(u["target"], u["path"], u["line"], u["committed_by"]["name"]) for u in data["updates"]] == [
        ("4.5.1.1", "regions/vlaanderen/updates/2023.yaml", 1, "Vera Vlaanderen")]
    table_out = run(["--root", str(root), "changes", "--since", "HEAD~1"]).stdout
    assert "Let op: de gegevens bij HEAD~1 bevatten 1 probleem;" in table_out
    clean = json.loads(run(["--root", str(root), "changes", "--since", "HEAD~2", "--format", "json"]).stdout)
    assert clean["problems"] == {"since": 0, "until": 0} and len(clean["status_changes"]) == 1


def test_coverage_gives_each_side_of_the_amended_plan_its_own_data_count() -> None:
    """'38 van 83 gerealiseerd' stands with how many of those 83 have data, as the adopted
    plan's figure does: every percentage with its denominator and its data."""
    from ssw.amendments import amendments
    from ssw.i18n import tn
    from ssw.root import find_root

    demo = REPO / "examples" / "demo"
    ds = load(find_root(str(demo))).data
    am = amendments(ds, "ssw-2020-2024", __import__("datetime").date(2024, 12, 31), 6)
    result = run(["--root", str(demo), "coverage", "--year", "2024"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for counts in (am.adopted, am.amended):
        line = tn("fig.data", counts.total, "nl", with_data=counts.with_data, items=counts.total, without=counts.without_data)
        assert " ".join(line.split()) in text
    assert am.adopted.total != am.amended.total
