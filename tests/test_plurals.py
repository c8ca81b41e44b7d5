"""Real plural forms: a count of one is never followed by a plural noun ("1 updates",
"1 items"), and no output falls back on "(en)" / "(s)" to dodge the choice, in Dutch or
English. Every output is made by the real CLI on data where the counts are 1: the
repository's own data (one dated update) plus one of each change, committed in git."""

from __future__ import annotations

import functools
import html
import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from conftest import copy_real_root, run, write

# A count of exactly one followed by a plural noun, in either language.
PLURAL_NOUNS = ("updates", "items", "acties", "actions", "eigen acties", "own actions", "problemen", "problems",
                "bestanden", "files", "gaten", "gaps", "statuswijzigingen", "status changes", "nieuwe updates",
                "new updates", "signalen", "signals", "goede praktijken", "good practices", "regionale platformen",
                "regional platforms", "commits", "ontbreken")
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:" + "|".join(re.escape(n) for n in PLURAL_NOUNS) + r")\b")
DODGES = ("(en)", "(s)", "(e)", "signaal/signalen")
# Dutch verbs that must follow their count: "3 ontbreekt" is as wrong as "1 ontbreken" (a
# year before the verb is not a count: "Jaaroverzicht 2024 ontbreekt").
MANY_SINGULAR = re.compile(r"(?<![\d.,])(?:0|[2-9]|[1-9]\d{1,2}) ontbreekt\b")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def ones(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The real data in git; then one own action, and a commit later exactly one of each
    change: a status change by one update, an own action added, one dropped, one signal."""
    root = copy_real_root(tmp_path_factory.mktemp("plurals") / "root")
    git(root, "init", "-q")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    action = """
        - id: antwerpen.2023.1
          date: 2023-01
          title: Lerend netwerk (fictief)
          text: Fictief, voor de test.
          themes: ["4.2"]
        """
    write(root, "regions/antwerpen/actions.yaml", action)
    before = commit(root, "one own action")
    write(root, "regions/antwerpen/actions.yaml", action + "  dropped: 2023-06\n")
    write(root, "regions/limburg/actions.yaml", """
        - id: limburg.2022.1
          date: 2022-05
          title: Buurtdag (fictief)
          text: Fictief, voor de test.
          themes: ["4.9"]
        """)
    write(root, "regions/limburg/signals.yaml", """
        - id: limburg.praktijk.1
          type: goede-praktijk
          date: 2022-06
          title: Buurtloket (fictief)
          text: Fictief, voor de test.
          themes: ["4.1"]
        """)
    write(root, "regions/limburg/updates/2023.yaml", """
        - date: 2023-03-02
          target: "4.7.2.1"
          status: lopend
          note: Fictief, voor de test.
        """)
    after = commit(root, "one of each change")
    assert run(["--root", str(root), "validate"]).exit_code == 0
    return root, before, after


def outputs(root: Path, before: str, after: str, lang: str) -> dict[str, str]:
    """What a user reads, command by command, with counts of one in it."""
    commands = {
        "status": ["status"], "status 4.11": ["status", "--theme", "4.11"], "agenda": ["agenda"],
        "coverage": ["coverage", "--year", "2023"], "regions": ["regions"], "validate": ["validate"],
        "changes": ["changes", "--since", before, "--until", after],
    }
    for kind, year in (("jaaroverzicht", "2023"), ("jaaroverzicht", "2021"), ("tussentijds", "2022"),
                       ("eindevaluatie", "2024")):
        for fmt in ("md", "html"):
            commands[f"report {kind} {year} {fmt}"] = ["report", "--kind", kind, "--year", year, "--format", fmt,
                                                       "--out", "-"]
    found = {}
    for name, args in commands.items():
        result = run(["--root", str(root), "--lang", lang, *args], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (name, result.output)
        found[name] = " ".join(html.unescape(result.stdout).split())
    return found


@pytest.fixture(scope="module")
def read(ones: tuple[Path, str, str]) -> Callable[[str], Mapping[str, str]]:
    """The outputs in one language, made once for the two tests that read them."""
    return functools.cache(lambda lang: MappingProxyType(outputs(*ones, lang)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_count_of_one_takes_the_singular_and_nothing_says_en_or_s(read: Callable[[str], Mapping[str, str]],
                                                                     lang: str) -> None:
    for name, text in read(lang).items():
        assert not ONE_PLURAL.findall(text), (name, ONE_PLURAL.findall(text))
        assert not [d for d in DODGES if d in text], (name, [d for d in DODGES if d in text])
        assert not MANY_SINGULAR.findall(text), (name, MANY_SINGULAR.findall(text))


@pytest.mark.parametrize("lang, words", [
    ("nl", ["1 statuswijziging ·", "1 nieuwe update ·", "1 nieuwe eigen actie ·", "1 geschrapte eigen actie ·",
            "1 nieuw signaal", "van 1 item met gegevens", "1 item ·", "1 eigen actie", "1 goede praktijk"]),
    ("en", ["1 status change ·", "1 new update ·", "1 new own action ·", "1 dropped own action ·", "1 new signal",
            "of 1 item with data", "1 item ·", "1 own action", "1 good practice"]),
])
def test_the_counts_of_one_are_there_in_their_singular(read: Callable[[str], Mapping[str, str]], lang: str,
                                                       words: list[str]) -> None:
    """The test above cannot pass by printing no counts: the singulars are in the output."""
    everything = " ".join(read(lang).values())
    for word in words:
        assert word in everything, word
