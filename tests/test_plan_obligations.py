"""Chapters 3 and 5 as data: what the plan asks again and again (the chairs' yearly
planning, the yearly overview at the stuurgroep, the speerpunt follow-up), word for word
from the plan, printed by `ssw show` of the platform it concerns."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, SEEDS, run

PLAN = yaml.safe_load((REPO / "plan" / "ssw-2020-2024" / "plan.yaml").read_text(encoding="utf-8"))
OBLIGATIONS = PLAN["obligations"]


def flat(text: str) -> str:
    return " ".join(text.split())


def show(platform: str) -> str:
    result = run(["--root", str(REPO), "show", platform])
    assert result.exit_code == 0, result.output
    return flat(result.stdout)


def test_chapters_3_and_5_give_the_yearly_planning_overview_and_speerpunt_follow_up() -> None:
    texts = " ".join(ob["text"] for ob in OBLIGATIONS)
    for words in ("jaarplanning opmaken", "op de stuurgroep jaarlijks een overzicht geven",
                  "de acties rond de vier speerpunten, geregeld op de stuurgroep"):
        assert words in texts


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[ob["id"] for ob in OBLIGATIONS])
def test_each_obligation_is_shown_on_its_own_level_only(ob: dict) -> None:
    own, other = ("vlaanderen", "antwerpen") if ob["level"] == "vlaams" else ("antwerpen", "vlaanderen")
    assert flat(ob["text"]) in show(own)
    assert flat(ob["text"]) not in show(other)


def test_the_recurrence_is_said_in_english_too() -> None:
    result = run(["--root", str(REPO), "--lang", "en", "show", "vlaanderen"])
    assert result.exit_code == 0, result.output
    assert "regularly: Daarnaast zal de voortgang" in flat(result.stdout)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[ob["id"] for ob in OBLIGATIONS])
def test_each_obligation_is_the_plans_own_words(ob: dict) -> None:
    plan_text = flat(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    assert flat(ob["text"]) in plan_text
