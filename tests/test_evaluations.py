"""The stuurgroep's evaluations (regions/vlaanderen/evaluations.yaml): validated like any
hand-edited file, shown in reports where they apply, never invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run, write
from ssw.i18n import t

EVALUATIONS = "regions/vlaanderen/evaluations.yaml"


def entry(id_: str, **fields: str) -> str:
    base = {"moment": "jaaroverzicht", "year": "2023", "date": "2023-12-14", "by": "Stuurgroep", "rating": "op-koers",
            "reasoning": "Zo is het."}
    base.update(fields)
    return f"- id: {id_}\n" + "".join(f"  {k}: {v}\n" for k, v in base.items() if v != "")


@pytest.mark.parametrize("fields, code, where", [
    ({"theme": '"4.1"', "platform": "antwerpen"}, "meer dan één onderwerp", "platform"),
    ({"year": ""}, "year ontbreekt", None),
    ({"year": "2031"}, "year ontbreekt of valt buiten ssw-2020-2024", "year"),
    ({"moment": "eindevaluatie", "year": "2023"}, "year bij moment eindevaluatie", "year"),
    ({"theme": '"4.99"'}, "'4.99'", "theme"),
    ({"speerpunt": "nergens"}, "'nergens'", "speerpunt"),
    ({"krachtlijn": "snelheid"}, "onbekende krachtlijn 'snelheid'", "krachtlijn"),
    ({"impactdomein": "geluk"}, "onbekend impactdomein 'geluk'", "impactdomein"),
    ({"platform": "gent"}, "onbekend platform 'gent'", "platform"),
    ({"rating": "goed"}, "ongeldige waarde 'goed'", "rating"),
])
def test_bad_evaluations_are_reported_with_position(demo_root: Path, fields: dict, code: str, where: str | None) -> None:
    write(demo_root, EVALUATIONS, entry("x.1", **fields))
    result = run(["validate", "--root", str(demo_root)])
    assert result.exit_code == 1, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith(EVALUATIONS))
    assert code in line and "error:" in line and "Traceback" not in result.output
    if where is not None:
        text = (demo_root / EVALUATIONS).read_text(encoding="utf-8").splitlines()
        row = int(line.split(":")[1])
        assert text[row - 1].lstrip().startswith(where), (line, text[row - 1])


def test_one_judgement_per_subject_and_moment(demo_root: Path) -> None:
    write(demo_root, EVALUATIONS, entry("x.1", theme='"4.1"') + entry("x.2", theme='"4.1"', rating="achter"))
    result = run(["validate", "--root", str(demo_root)])
    assert result.exit_code == 1 and "al een oordeel (x.1)" in result.stdout


def test_a_recorded_judgement_shows_where_it_applies(demo_root: Path) -> None:
    write(demo_root, EVALUATIONS, entry("x.1", platform="brussel", rating="achter", reasoning="Trekker gezocht.")
          + entry("x.2", year="2022", platform="brussel", rating="op-koers", reasoning="Vorig jaar."))
    result = run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-"])
    assert result.exit_code == 0, result.output
    brussel = result.stdout.split("### Regionaal platform Sterk Sociaal Werk Brussel", 1)[1].split("\n### ", 1)[0]
    assert t("report.rating.achter", "nl") in brussel and "Trekker gezocht." in brussel
    assert "Vorig jaar." not in result.stdout  # the 2022 judgement belongs to the 2022 report
    antwerpen = result.stdout.split("### Regionaal platform Sterk Sociaal Werk Antwerpen", 1)[1].split("\n### ", 1)[0]
    assert t("report.eval.none", "nl") in antwerpen


def test_a_judgement_given_after_the_as_of_date_is_not_shown(demo_root: Path) -> None:
    write(demo_root, EVALUATIONS, entry("x.1", platform="brussel", date="2024-02-15", reasoning="Pas in februari."))
    result = run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-"])
    assert result.exit_code == 0 and "Pas in februari." not in result.stdout
    result = run(["report", "--root", str(demo_root), "--year", "2023", "--as-of", "2024-03-01", "--out", "-"])
    assert result.exit_code == 0 and "Pas in februari." in result.stdout


def test_a_rating_is_never_drawn_with_a_status_mark(demo_root: Path) -> None:
    """A judgement 'achter' and a status 'gepland' side by side must not share a mark."""
    from ssw.symbols import SYMBOLS

    text = run(["report", "--root", str(demo_root), "--year", "2023", "--out", "-"]).stdout
    for rating in ("op-koers", "aandacht", "achter"):
        label = t(f"report.rating.{rating}", "nl")
        marks = {line.split(label)[0].rsplit(" ", 2)[-2] for line in text.splitlines() if f" {label}**" in line}
        assert marks and not marks & set(SYMBOLS.values()), (rating, marks)


def test_the_final_evaluation_shows_the_last_word_where_no_final_word_was_given(demo_root: Path) -> None:
    """A theme judged in a yearly overview but not at the end: the final evaluation says there
    is no final judgement yet and shows the last one, named by its moment; never a verdict of its own."""
    import yaml

    entries = yaml.safe_load((demo_root / EVALUATIONS).read_text(encoding="utf-8"))
    final = {e.get("theme") for e in entries if e["moment"] == "eindevaluatie"}
    last: dict[str, dict] = {}  # per theme judged only in yearly overviews, the latest judgement
    for e in sorted(entries, key=lambda e: str(e["date"])):
        if e["moment"] == "jaaroverzicht" and e.get("theme") and e["theme"] not in final:
            last[e["theme"]] = e
    yearly = list(last.values())
    assert yearly, "the demo data has a theme judged only in a yearly overview"
    text = run(["report", "--root", str(demo_root), "--kind", "eindevaluatie", "--out", "-"]).stdout
    for e in yearly:
        section = text.split(f"\n### {e['theme']} ", 1)[1].split("\n### ", 1)[0]
        assert t("report.eval.earlier", "nl", moment=f"jaaroverzicht {e['year']}") in section
        assert t(f"report.rating.{e['rating']}", "nl") in section and e["reasoning"].split("\n")[0][:40] in section
        assert t("report.eval.none", "nl") not in section
