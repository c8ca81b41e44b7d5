"""Inferences are marked: where the data is the transcriber's reading, it carries `basis:`
and every output says *afgeleid* / *inferred* with that basis."""

from __future__ import annotations

import json

import yaml

from conftest import REPO, run
from ssw.i18n import t

REGIONAL = ["4.1.1.2", "4.2.2.2", "4.4.1.8", "4.5.1.3", "4.7.2.1", "4.8.2.1", "4.8.2.2", "4.8.2.4", "4.9.1.2"]
# Initiatives that name the regional platforms but stay Flemish: the platforms are informed,
# give feedback that "we" process, or receive the app (4.8.2.3); 4.2.2.3's action names them.
FLEMISH_BY_CHOICE = ["4.2.2.1", "4.2.2.3", "4.5.1.4", "4.8.2.3"]


def ok(*args: str) -> str:
    result = run(["--root", str(REPO), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_regional_scope_choice_has_a_basis() -> None:
    items = {i["id"]: i for i in json.loads(ok("status", "--format", "json"))["items"]}
    assert sorted((i for i in items if items[i]["scope"] == "regionaal"), key=lambda x: [int(p) for p in x.split(".")]) == REGIONAL
    for item_id in REGIONAL + FLEMISH_BY_CHOICE + ["4.6.2.3"]:
        assert items[item_id]["inferred"] is True and items[item_id]["basis"], item_id
    for item_id in FLEMISH_BY_CHOICE:
        assert items[item_id]["scope"] == "vlaams" and items[item_id]["basis"].startswith("Vlaams"), item_id
    assert items["4.1.1.1"]["inferred"] is False and items["4.1.1.1"]["basis"] is None  # the seed's own words


def test_every_initiative_naming_the_regional_platforms_says_why_its_scope_is_what_it_is() -> None:
    """The class, not the list: wherever the plan's own words name the regional platforms,
    the scope (regional or Flemish) is a reading, and `show` prints its reason."""
    items = {i["id"]: i for i in json.loads(ok("status", "--format", "json"))["items"]}
    named = [i for i, v in items.items() if "regionale platform" in v["title"] or "regionaal platform" in v["title"]]
    assert "4.8.2.3" in named and "4.1.1.2" in named
    for item_id in named:
        assert items[item_id]["inferred"] is True, item_id
        word = "Regionaal" if items[item_id]["scope"] == "regionaal" else "Vlaams"
        assert items[item_id]["basis"].startswith(word), item_id
    shown = " ".join(ok("show", "4.8.2.3").split())
    assert f"{t('show.inferred', 'nl')}" in shown and "ontvangen de platformen de app" in shown


def test_show_prints_afgeleid_with_the_basis() -> None:
    out = " ".join(ok("show", "4.6.2.3").split())
    assert f"{t('show.inferred', 'nl')} Vervaldatum 2022 afgeleid" in out
    english = " ".join(ok("show", "4.10.1", "--lang", "en").split())
    assert t("show.inferred", "en") in english and "Socius" in english
    swipe = " ".join(ok("show", "4.2.1.2").split())
    assert f"{t('show.inferred', 'nl')}: Status en platform afgeleid" in swipe


def test_only_the_seed_worded_sam_link_goes_without_basis() -> None:
    plan = yaml.safe_load((REPO / "plan" / "sam-2021-2025" / "plan.yaml").read_text(encoding="utf-8"))
    linked = [a for a in plan["actions"] + plan["contributions"] if a.get("themes")]
    assert [a["id"] for a in linked if not a.get("basis")] == ["sam.duurzaamheid"]
    contacts = [c for o in yaml.safe_load((REPO / "plan" / "organisations.yaml").read_text(encoding="utf-8"))
                for c in o.get("contacts", []) if c.get("themes")]
    assert contacts and all(c.get("basis") for c in contacts)


def test_reports_list_what_is_inferred() -> None:
    import html

    for fmt, lang in (("md", "nl"), ("html", "en")):
        text = html.unescape(ok("report", "--format", fmt, "--lang", lang, "--out", "-"))
        assert t("report.sec.inferred", lang) in text
        section = text[text.rindex(t("report.sec.inferred", lang)):]
        assert "4.6.2.3" in section and "4.8.2.3" in section and "4.2.1.2" in section


# English function words that Dutch never uses as words; the seeds' own quotes are cut out
# first (they stay word for word), so only the transcriber's reasoning is judged.
ENGLISH_WORDS = {"the", "of", "and", "not", "this", "that", "refers", "read", "as", "its", "by", "which",
                 "without", "only", "lists", "names", "says", "linked", "matched", "sharing", "where",
                 "does", "how", "often", "page", "plan's", "chapter", "section", "from", "with", "there"}
SEED_QUOTE = r"(?<![\w])'[^'\n]*'(?![\w])|\([^()]*\.\.\.[^()]*\)"


def _reasoning(node: object, where: str) -> list[tuple[str, str]]:
    """Every `basis` / `*_basis` value in a loaded YAML document, with where it stands."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and (key == "basis" or key.endswith("_basis")) and isinstance(value, str):
                found.append((f"{where}.{key}", value))
            else:
                found += _reasoning(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _reasoning(value, f"{where}[{i}]")
    return found


def test_every_basis_is_written_in_dutch() -> None:
    """Users read the reasoning verbatim after *afgeleid*: the real data and the examples
    give it in Dutch, never in English (issue 14)."""
    import re

    files = [p for top in ("plan", "regions", "examples") for p in sorted((REPO / top).rglob("*.yaml"))]
    values = [v for f in files for v in _reasoning(yaml.safe_load(f.read_text(encoding="utf-8")), str(f.relative_to(REPO)))]
    assert len(values) > 60  # the check reads the data at all
    english = []
    for where, text in values:
        words = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ']+", re.sub(SEED_QUOTE, " ", text))}
        if words & ENGLISH_WORDS:
            english.append(f"{where}: {sorted(words & ENGLISH_WORDS)}: {text}")
    assert not english, "English reasoning:\n" + "\n".join(english)


def test_show_gives_the_reasoning_in_dutch() -> None:
    for target, words in (("vlaanderen", "verwijst naar het jaarlijkse overzicht"), ("antwerpen", "talenten van de voorzitters"),
                          ("4.3", "zonder paragraafnummers")):
        shown = " ".join(ok("show", target).split())
        assert f"{t('show.inferred', 'nl')}" in shown and words in shown, target
        assert " refers " not in shown and " the " not in shown, target
