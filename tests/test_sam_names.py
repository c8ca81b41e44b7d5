"""SAM's own names for the plan's eight challenges (seed 001), mapped to themes 4.1-4.8
and printed by `ssw show 4.x`, with the reason the mapping is a reading."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, SEEDS, run

THEMES = {f"4.{n}": yaml.safe_load((REPO / "plan" / "ssw-2020-2024" / "themes" / f"4.{n}.yaml").read_text(encoding="utf-8"))
          for n in range(1, 9)}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("theme_id", sorted(THEMES))
def test_show_of_a_theme_prints_sams_name_and_why(theme_id: str) -> None:
    result = run(["--root", str(REPO), "show", theme_id])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert f"Naam bij SAM {THEMES[theme_id]['sam_name']} (afgeleid:" in out


def test_the_eight_names_are_eight_different_ones() -> None:
    assert len({theme["sam_name"] for theme in THEMES.values()}) == 8


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_sams_names_are_sams_words_in_sams_order() -> None:
    page = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    for n in range(1, 9):
        assert f" {n}. {THEMES[f'4.{n}']['sam_name']}\n" in page
