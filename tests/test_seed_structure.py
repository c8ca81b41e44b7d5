"""plan/ *is* the action plan: walk the seed text's structure and find every theme,
action and initiative in plan/, in the plan's own words, in order. A lost or
invented item fails here."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, SEEDS

PLAN_SEED = SEEDS / "004_3b4b73d0ccd3f5e2.txt"
THEMES = REPO / "plan" / "ssw-2020-2024" / "themes"

pytestmark = pytest.mark.skipif(not PLAN_SEED.is_file(), reason=f"seed text not found at {PLAN_SEED} (shared/ absent)")


def norm(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def seed_structure() -> dict[str, dict[str, list[str]]]:
    """theme id -> action number -> initiative texts, read from chapter 4 of the seed."""
    lines = PLAN_SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("4.1. VERMAATSCHAPPELIJ"))
    end = next(i for i, line in enumerate(lines) if i > start and line.strip() == "Hoofdstuk")
    themes: dict[str, dict[str, list[str]]] = {}
    theme = action = None
    in_list = False
    for line in lines[start:end]:
        text = line.strip()
        heading = re.match(r"^(4\.\d+)\. [A-Z]", text)
        if heading:
            theme, action, in_list = heading.group(1), None, False
            themes[theme] = {}
            continue
        act = re.match(r"^Actie (\d+):", text)
        if act and theme:
            action, in_list = act.group(1), False
            themes[theme][action] = []
            continue
        if text == "Mogelijke initiatieven":
            in_list = True
            continue
        if in_list and text and action:
            themes[theme][action].append(text)
    return themes


def plan_structure() -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for path in THEMES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = {a["id"].rsplit(".", 1)[1]: [i["text"] for i in a.get("initiatives", [])] for a in data["actions"]}
    return out


def test_seed_parser_sees_the_whole_chapter() -> None:
    seed = seed_structure()
    assert list(seed) == [f"4.{n}" for n in range(1, 12)]
    assert sum(len(actions) for actions in seed.values()) == 17


def test_every_theme_and_action_of_the_seed_is_in_the_plan() -> None:
    seed, plan = seed_structure(), plan_structure()
    assert sorted(plan, key=lambda t: int(t.split(".")[1])) == list(seed)
    for theme, actions in seed.items():
        assert list(plan[theme]) == list(actions), theme


def test_every_initiative_is_in_the_plan_in_its_own_words_and_order() -> None:
    """Page breaks split a few initiatives over two lines in the seed: the plan joins them."""
    seed, plan = seed_structure(), plan_structure()
    for theme, actions in seed.items():
        for action, seed_lines in actions.items():
            joined = norm(" ".join(seed_lines))
            texts = [norm(t) for t in plan[theme][action]]
            assert norm(" ".join(texts)) == joined, f"{theme}.{action}"
            for text in texts:
                assert text in joined, f"{theme}.{action}: not in the seed: {text}"


def test_action_titles_are_the_seed_headings() -> None:
    seed_text = norm(PLAN_SEED.read_text(encoding="utf-8"))
    for path in THEMES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for action in data["actions"]:
            n = action["id"].rsplit(".", 1)[1]
            assert f"Actie {n}: {norm(action['title'])}" in seed_text, action["id"]


def test_initiatives_counted_per_action() -> None:
    plan = plan_structure()
    counts = {f"{t}.{a}": len(i) for t, acts in plan.items() for a, i in acts.items()}
    assert counts["4.1.1"] == 6 and counts["4.5.1"] == 5  # one list each, across the repeated heading
    assert counts["4.11.1"] == 0  # the plan lists no initiatives here
    assert sum(counts.values()) == 76
