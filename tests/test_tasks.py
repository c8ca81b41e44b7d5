"""Chapter 3 as data: the Vlaams Platform's four tasks and the regional platforms' tasks,
word for word from the plan, printed by `ssw show` of a platform."""

from __future__ import annotations

from conftest import REPO, SEEDS, run

PLAN_TEXT = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8") if SEEDS.is_dir() else ""


def show(platform: str) -> str:
    result = run(["--root", str(REPO), "show", platform])
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_the_vlaams_platform_shows_its_four_tasks() -> None:
    out = show("vlaanderen")
    for title in ("Concretisering, monitoring en bijsturing van het actieplan Sterk Sociaal Werk",
                  "Dynamiek behouden en valoriseren", "Dialoog aangaan met beleidsmakers",
                  "Organisatie van een nieuwe sociaalwerkconferentie in 2022"):
        assert f"- {title}" in out
        assert not PLAN_TEXT or f"- {title}" in PLAN_TEXT  # the plan's own words
    assert "Uitwisseling van goede praktijken" not in out  # a regional task


def test_a_regional_platform_shows_the_regional_tasks() -> None:
    out = show("antwerpen")
    assert "- Voeding geven aan het Vlaams Platform Sterk Sociaal Werk:" in out
    assert "* Input geven voor een volgende Sociaalwerkconferentie in 2022." in out
    assert "Dialoog aangaan met beleidsmakers" not in out
