"""The plan's two footnotes, dropped by the first transcription, are data again: shown by
`ssw show` of the item they belong to, word for word from the plan."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, SEEDS, run

THEMES = REPO / "plan" / "ssw-2020-2024" / "themes"


def flat(text: str) -> str:
    return " ".join(text.split())


def footnotes() -> list[tuple[str, dict, str]]:
    """(item id, footnote, the item's own text) for every footnote in the plan's themes."""
    found = []
    for path in sorted(THEMES.glob("*.yaml")):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(theme["id"], note, theme.get("text", "")) for note in theme.get("footnotes", [])]
        for action in theme.get("actions", []):
            found += [(action["id"], note, action.get("text", "")) for note in action.get("footnotes", [])]
    return found


def test_the_plans_two_footnotes_are_there_and_shown() -> None:
    notes = footnotes()
    assert {note["mark"] for _, note, _ in notes} == {"¹", "²"}
    for item_id, note, own_text in notes:
        assert flat(note["after"]) in flat(own_text)  # the mark's place exists in the item's text
        result = run(["--root", str(REPO), "show", item_id])
        assert result.exit_code == 0, result.output
        out = "".join(result.stdout.split())
        assert "Voetnoten" in out and "".join(note["text"].split()) in out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_the_footnotes_are_the_plans_words() -> None:
    plan_text = flat(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    for _, note, _ in footnotes():
        assert f"{note['mark']} {flat(note['text'])}" in plan_text
        assert f"{flat(note['after'])}{note['mark']}" in plan_text
