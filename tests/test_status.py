"""`ssw status`, `show` and `regions` on the demo data, against numbers worked out by
hand from the demo's logs (examples/demo/regions/*/updates/*.yaml)."""

from __future__ import annotations

import csv
import io
import json
import re

from conftest import REPO, run

DEMO = str(REPO / "examples" / "demo")


def status_json(*args: str) -> dict:
    result = run(["--root", DEMO, "status", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def item(data: dict, item_id: str) -> dict:
    return next(i for i in data["items"] if i["id"] == item_id)


def theme(data: dict, theme_id: str) -> dict:
    return next(t for t in data["themes"] if t["id"] == theme_id)


def test_ended_plan_is_seen_from_its_end() -> None:
    data = status_json()
    assert (data["plan"], data["as_of"], data["as_of_reason"]) == ("ssw-2020-2024", "2024-12-31", "plan-end")


def test_theme_roll_up_by_hand() -> None:
    # 4.5: .1 .4 .5 realised by vlaanderen (2020-10-15, 2022-10-04, 2023-09-19); .3 realised in all five
    # provinces (2021); .2 never reported -> 4 gerealiseerd, 1 onbekend, progress 4/5.
    counts = theme(status_json(), "4.5")["counts"]
    assert (counts["gerealiseerd"], counts["onbekend"], counts["total"]) == (4, 1, 5)
    assert counts["progress"] == 0.8


def test_regional_item_mixes_platforms() -> None:
    # 4.8.2.1: antwerpen, limburg, west-vlaanderen gerealiseerd in 2024; brussel lopend since 2023-05-25.
    state = item(status_json(), "4.8.2.1")
    assert state["platforms"]["brussel"] == {"status": "lopend", "date": "2023-05-25", "stil": True}
    assert {p: v["status"] for p, v in state["platforms"].items()} == {
        "antwerpen": "gerealiseerd", "brussel": "lopend", "limburg": "gerealiseerd", "west-vlaanderen": "gerealiseerd"}
    assert state["status"] == "lopend" and state["stil"] is True


def test_as_of_looks_from_another_day() -> None:
    # End of 2022: antwerpen, limburg and west-vlaanderen had reported lopend in 2022; brussel nothing yet.
    data = status_json("--as-of", "2022-12-31")
    assert data["as_of_reason"] == "given"
    state = item(data, "4.8.2.1")
    assert state["status"] == "lopend" and sorted(state["platforms"]) == ["antwerpen", "limburg", "west-vlaanderen"]
    assert item(data, "4.5.1.5")["status"] == "onbekend"  # realised only on 2023-09-19


def test_late_and_stale_lists() -> None:
    data = status_json()
    assert data["late"] == ["4.1.1.6", "4.3.1.5", "4.6.1.5", "4.7.2.4"]
    assert data["past_due_no_data"] == []  # every past-due item of the demo has data
    assert [(q["id"], q["platform"]) for q in data["stale"]] == [
        ("4.2.3.2", "vlaanderen"), ("4.4.1.8", "west-vlaanderen"), ("4.7.2.4", "vlaanderen"), ("4.8.1.4", "vlaanderen"),
        ("4.8.2.1", "brussel"), ("4.9.1.2", "oost-vlaanderen"), ("4.10.1.3", "vlaanderen")]


def test_region_filter_shows_that_regions_status() -> None:
    data = status_json("--region", "Brussel", "--stale")
    assert [i["id"] for i in data["items"]] == ["4.8.2.1"]
    assert data["items"][0]["status"] == "lopend"
    assert [r["id"] for r in data["regions"]] == ["brussel"]


def test_filters_combine() -> None:
    # Krachtlijn politiserend: action 4.1.1 (6 initiatives), 4.2.1.2, action 4.2.2 (3), 4.9.1 (7), 4.10.1 (4).
    assert status_json("--krachtlijn", "politiserend")["totals"]["total"] == 21
    superdivers = status_json("--speerpunt", "superdivers")
    assert superdivers["totals"]["total"] == 8 and {t["id"] for t in superdivers["themes"]} == {"4.3"}
    vivel = status_json("--partner", "vivel")
    assert [i["id"] for i in vivel["items"]] == ["4.6.1.2"] and vivel["items"][0]["status"] == "gerealiseerd"
    unknown = status_json("--status", "onbekend")
    assert unknown["totals"]["total"] == unknown["totals"]["onbekend"] == 23
    both = status_json("--theme", "4.7", "--late")
    assert [i["id"] for i in both["items"]] == ["4.7.2.4"]


def test_csv_has_one_row_per_item() -> None:
    result = run(["--root", DEMO, "status", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 77
    row = next(r for r in rows if r["id"] == "4.8.2.1")
    assert row["status"] == "lopend" and "brussel=lopend" in row["platforms"] and row["stil"] == "true"


def test_table_in_both_languages() -> None:
    nl = run(["--root", DEMO, "status"]).stdout
    en = run(["--root", DEMO, "status", "--lang", "en"]).stdout
    assert "stand op 31 december 2024, het einde van het plan" in nl and "Speerpunten" in nl
    assert "as of 31 December 2024, the end of the plan" in en and "Spearheads" in en
    assert "★4.10" in nl and "23 onbekend" in nl


def test_machine_output_does_not_change_with_language() -> None:
    nl = run(["--root", DEMO, "status", "--format", "json"]).stdout
    en = run(["--root", DEMO, "status", "--format", "json", "--lang", "en"]).stdout
    assert nl == en


def test_bad_filter_values_are_usage_errors() -> None:
    result = run(["--root", DEMO, "status", "--region", "gent"])
    assert result.exit_code == 2 and "antwerpen" in result.output
    assert run(["--root", DEMO, "status", "--status", "klaar"]).exit_code == 2
    assert run(["--root", DEMO, "status", "--as-of", "2024-13-01"]).exit_code == 2
    assert run(["--root", DEMO, "status", "--plan", "nope"]).exit_code == 2
    theme = run(["--root", DEMO, "status", "--theme", "4.12"])
    assert theme.exit_code == 2 and "--theme" in theme.output and "4.11" in theme.output
    assert run(["--root", DEMO, "status", "--theme", "4.11"]).exit_code == 0


def test_sam_plan_by_goal() -> None:
    data = status_json("--plan", "sam-2021-2025")
    assert item(data, "sam.stek")["status"] == "gerealiseerd"
    assert {t["id"] for t in data["themes"]} == {"sam.grondrechten", "sam.inclusie", "sam.samenwerken-en-netwerken"}


def test_show_initiative_with_history() -> None:
    result = run(["--root", DEMO, "show", "4.8.2.1"])
    out = result.stdout
    assert result.exit_code == 0
    assert "Initiatief 4.8.2.1" in out and "regionale platformen" in out
    history = out[out.index("Geschiedenis"):]
    assert history.index("24 oktober 2024") < history.index("25 mei 2023")  # newest first
    assert 'Verslag <b>vergadering</b> & "opvolging"' in out
    assert "regions/antwerpen/updates/2023.yaml:" in out


def test_show_action_lists_its_initiatives_in_plan_words() -> None:
    out = run(["--root", DEMO, "show", "4.8.1"]).stdout
    assert "sociaal werkers worden versterkt in het inzetten op rechtenverkenning" in out
    for n in range(1, 8):
        assert f"4.8.1.{n}" in out


def test_show_platform_and_organisation() -> None:
    platform = run(["--root", DEMO, "show", "limburg"]).stdout
    assert "limburg.2024.1" in platform and "Voorzitter Limburg (fictief)" in platform
    org = run(["--root", str(REPO), "show", "socius", "--lang", "en"]).stdout
    assert "4.10.1" in org and "lead" in org


def test_unknown_id_suggests_close_matches() -> None:
    result = run(["--root", DEMO, "show", "4.8.21"])
    assert result.exit_code == 1
    assert "onbekende id '4.8.21'" in result.output and "4.8.2.1" in result.output


def test_regions_table_and_json() -> None:
    out = run(["--root", DEMO, "regions"]).stdout
    assert "Voorzitter Antwerpen (fictief)" in out and "brussel" in out
    data = json.loads(run(["--root", DEMO, "regions", "--format", "json"]).stdout)
    brussel = next(r for r in data["regions"] if r["id"] == "brussel")
    assert brussel["last_update"] == "2023-05-25" and brussel["updates_in_year"] == 0


def test_fits_in_80_columns() -> None:
    for args in (["status"], ["regions"], ["show", "4.8.2.1"], ["status", "--lang", "en"]):
        out = run(["--root", DEMO, *args], env={"COLUMNS": "80"}).stdout
        assert max(len(line) for line in out.splitlines()) <= 80, args


# -- the yearly account: a compact line per regional platform, and the JSON key ---------------


def test_status_shows_the_yearly_account_per_platform() -> None:
    # From the demo's meetings.yaml: overviews of 2020 (brussel absent), 2021 and 2022 (all),
    # 2023 (limburg and west-vlaanderen absent); no meeting for 2024's overviews -> no data.
    out = run(["--root", DEMO, "status"], env={"COLUMNS": "80"}).stdout.splitlines()
    head = next(i for i, line in enumerate(out) if line.startswith("Jaarlijkse verantwoording (jaaroverzicht"))
    assert out.index("Platformen") < head < out.index("Stil: geen update sinds meer dan 6 maanden")
    lines = [line for line in out[head + 1: head + 9] if line.startswith("  ")][:6]
    assert lines[0] == "  antwerpen        2020 ✔ 2021 ✔ 2022 ✔ 2023 ✔ 2024 –"
    assert lines[1] == "  brussel          2020 ✗ 2021 ✔ 2022 ✔ 2023 ✔ 2024 –"
    assert lines[2] == "  limburg          2020 ✔ 2021 ✔ 2022 ✔ 2023 ✗ 2024 –"
    assert [line.split()[0] for line in lines] == ["antwerpen", "brussel", "limburg", "oost-vlaanderen",
                                                   "vlaams-brabant", "west-vlaanderen"]  # vlaanderen has no account
    # the same states as ssw.obligations, which `agenda` shows as a matrix
    from ssw.loader import load
    from ssw.obligations import obligations
    from ssw.root import find_root

    ob = obligations(load(find_root(DEMO)).data)
    symbols = {"reported": "✔", "missing": "✗", "no-data": "–"}
    for line, platform in zip(lines, ob.platforms, strict=True):
        assert line.split()[1:] == [x for year, cell in ob.row(platform) for x in (str(year), symbols[cell.state])]


def test_status_account_of_a_year_not_over_and_of_one_region() -> None:
    out = run(["--root", DEMO, "status", "--as-of", "2023-06-30", "--lang", "en"], env={"COLUMNS": "80"}).stdout
    assert "· * year not over\n" in out
    # seen from 30 June 2023, the meeting of 2024-03-21 has not happened: 2023 has no data yet
    assert "  antwerpen        2020 ✔ 2021 ✔ 2022 ✔ 2023* –\n" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    region = run(["--root", DEMO, "status", "--region", "limburg"], env={"COLUMNS": "80"}).stdout
    assert "  limburg  2020 ✔ 2021 ✔ 2022 ✔ 2023 ✗ 2024 –\n" in region and "  antwerpen " not in region
    narrow = run(["--root", DEMO, "status"], env={"COLUMNS": "40"}).stdout
    assert "  brussel          2020-2024 ✗✔✔✔–\n" in narrow  # symbols only when the years do not fit


def test_real_data_has_no_account_findings() -> None:
    """The real repository records no meeting: every platform-year is no-data, none ✗."""
    data = json.loads(run(["--root", str(REPO), "status", "--format", "json"]).stdout)
    states = {c["state"] for p in data["obligations"]["platforms"] for c in p["years"].values()}
    assert states == {"no-data"}
    out = run(["--root", str(REPO), "status"]).stdout
    account = [line for line in out.splitlines() if line.startswith("  ") and " 2020 " in line]
    assert len(account) >= 6 and not any("✗" in line or "✔" in line for line in account)


def test_status_json_has_the_obligations() -> None:
    data = status_json()
    ob = data["obligations"]
    assert ob["plan"] == "ssw-2020-2024" and ob["as_of"] == "2024-12-31"
    assert ob["rule"]["source"] == "regions/vlaanderen/meetings.yaml"
    assert [y["year"] for y in ob["years"]] == [2020, 2021, 2022, 2023, 2024] and all(y["complete"] for y in ob["years"])
    assert [y["meetings"] for y in ob["years"]][-2:] == [["stuurgroep.2024-03"], []]
    brussel = next(p for p in ob["platforms"] if p["id"] == "brussel")
    assert brussel["years"]["2024"] == {"state": "no-data", "meeting": None, "date": None}
    assert brussel["years"]["2020"] == {"state": "missing", "meeting": None, "date": None}
    assert brussel["years"]["2023"] == {"state": "reported", "meeting": "stuurgroep.2024-03", "date": "2024-03-21"}
    english = status_json("--lang", "en")["obligations"]
    assert english == ob  # machine codes are the same in every language
    assert [p["id"] for p in status_json("--region", "brussel")["obligations"]["platforms"]] == ["brussel"]
    assert status_json("--region", "vlaanderen")["obligations"]["platforms"] == []
    early = status_json("--as-of", "2022-03-01")["obligations"]
    assert [(y["year"], y["complete"]) for y in early["years"]] == [(2020, True), (2021, True), (2022, False)]
    # obligations is one key more than report_dict's own (carried: items continued from an earlier plan)
    assert list(data) == ["plan", "as_of", "as_of_reason", "stale_months", "filters", "totals", "themes",
                          "speerpunten", "regions", "figures", "stale", "late", "past_due_no_data", "items", "carried",
                          "obligations"]


def status_text(root: str, *args: str) -> str:
    result = run(["--root", root, "status", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_the_filter_line_names_the_options_as_typed_in_the_users_language() -> None:
    """No `themes=4.3` or `stale=True`: a sentence with the options the user typed."""
    args = ("--theme", "4.3", "--theme", "4.5", "--status", "onbekend", "--region", "antwerpen", "--stale")
    typed = "--theme 4.3, --theme 4.5, --region antwerpen, --status onbekend"
    nl, en = status_text(DEMO, *args), status_text(DEMO, *args, "--lang", "en")
    assert f"Gefilterd op {typed} en --stale." in nl
    assert f"Filtered by {typed} and --stale." in en
    for text in (nl, en):
        assert not re.search(r"\w=\w", text) and "True" not in text and "themes" not in text
    assert "Gefilterd op --late." in status_text(DEMO, "--late")
    assert "Gefilterd" not in status_text(DEMO) and "Filtered" not in status_text(DEMO, "--lang", "en")


def test_a_filter_that_leaves_no_items_says_so_instead_of_a_percentage() -> None:
    """The real data has no late item: no `0 van 0 items gerealiseerd (0%)`, no 0% speerpunt."""
    real = str(REPO)
    for lang, words in (("nl", "Geen items die aan de filter voldoen"), ("en", "No items match the filter")):
        text = status_text(real, "--late", "--lang", lang)
        assert words in text and "%" not in text, text
        assert ("Platformen" if lang == "nl" else "Platforms") in text  # what is not about items stays
    data = json.loads(run(["--root", real, "status", "--late", "--format", "json"]).stdout)
    assert data["filters"]["late"] is True and data["items"] == []
    assert (data["figures"]["items"], data["totals"]["total"], data["figures"]["realised"]) == (0, 0, 0)
    rows = list(csv.reader(io.StringIO(run(["--root", real, "status", "--late", "--format", "csv"]).stdout)))
    assert len(rows) == 1 and rows[0][0] == "id"
    some = status_text(real, "--theme", "4.3")  # a filter leaving items: speerpunten without any are left out
    assert "superdivers" in some and "draagvlak" not in some and "0 van 0" not in some
