"""`ssw show ID --as-of DATE` is a view as of that date: nothing that happened after it.

Every kind of thing `show` can name (theme, action, initiative, own action, SAM goal,
action and contribution, regional and Flemish platform, organisation) is shown on the demo
data as of several days; no date after the day may appear, except dates announced in
advance (the plan's period and milestones, due dates, follow-up deadlines)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_as_of import DEMO, announced, dates_in

from conftest import run

IDS = ["4.3", "4.3.1", "4.8.2.1", "oost-vlaanderen.2023.1", "limburg.2021.1", "sam-2021-2025:sam.grondrechten",
       "sam-2021-2025:sam.stek", "sam-2021-2025:sam.bijdrage.impact", "antwerpen", "vlaanderen", "oost-vlaanderen",
       "socius", "sam"]
DAYS = ["2020-06-30", "2021-06-30", "2022-12-31", "2023-12-31", "2024-01-31"]
DUE = ("vervaldatum", "due")  # the label of an item's due date: announced, not an event


def show(ident: str, as_of: str, lang: str = "nl") -> list[str]:
    result = run(["--root", str(DEMO), "--lang", lang, "show", ident, "--as-of", as_of])
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines() if result.exit_code == 0 else []


@pytest.mark.parametrize("as_of", DAYS)
def test_show_as_of_a_day_shows_nothing_after_it(as_of: str) -> None:
    day = dt.date.fromisoformat(as_of)
    allowed = announced()
    shown = 0
    for ident in IDS:
        lines = show(ident, as_of)
        shown += bool(lines)
        for line in lines:
            if line.strip().startswith(DUE):
                continue
            late = [d for d in dates_in(line) if d > day and d not in allowed]
            assert not late, f"show {ident} --as-of {as_of}: {late} in: {line.strip()[:200]}"
    assert shown >= len(IDS) - 3  # only own actions added later are missing


@pytest.mark.parametrize("lang, words", [("nl", "stand op 31 december 2023"), ("en", "as of 31 December 2023")])
def test_show_says_it_is_a_view_as_of_a_day(lang: str, words: str) -> None:
    for ident in ("4.8.2.1", "antwerpen", "socius"):
        assert words in "\n".join(show(ident, "2023-12-31", lang)[:3])
    plain = run(["--root", str(DEMO), "--lang", lang, "show", "4.8.2.1"])
    assert plain.exit_code == 0 and "stand op" not in plain.stdout and "as of" not in plain.stdout


def test_an_own_action_dropped_later_is_not_dropped_yet() -> None:
    """oost-vlaanderen.2023.1 was added in May 2023 and dropped in February 2024."""
    before = "\n".join(show("oost-vlaanderen.2023.1", "2023-12-31"))
    after = "\n".join(show("oost-vlaanderen.2023.1", "2024-12-31"))
    assert "geschrapt" not in before and "geschrapt" in after
    assert "oost-vlaanderen.2023.1" not in "\n".join(show("oost-vlaanderen", "2023-01-31"))
    assert "oost-vlaanderen.2023.1" in "\n".join(show("oost-vlaanderen", "2023-12-31"))


def test_an_own_action_added_later_did_not_exist_yet() -> None:
    result = run(["--root", str(DEMO), "show", "oost-vlaanderen.2023.1", "--as-of", "2022-12-31"])
    assert result.exit_code == 1
    assert "oost-vlaanderen.2023.1" in result.output and "nog niet" in result.output


def test_a_platform_shows_only_the_focus_chosen_by_then() -> None:
    lines = show("antwerpen", "2021-06-30")
    years = {int(line.split()[1].rstrip(":")) for line in lines if line.startswith("focus ")}
    assert years and max(years) <= 2021
    assert any(line.startswith("focus 2024") for line in show("antwerpen", "2024-12-31"))
