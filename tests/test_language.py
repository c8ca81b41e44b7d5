"""Only Dutch in Dutch mode, only English with --lang en: the help of every command (the
CLI framework's own words included), its usage errors, and validate's output."""

from __future__ import annotations

import re

import pytest
from conftest import run

ENGLISH = {"the", "and", "with", "without", "show", "this", "message", "exit", "usage", "options",
           "arguments", "commands", "command", "required", "default", "try", "error", "missing",
           "such", "option", "invalid", "value", "for", "not", "to", "from", "or", "example",
           "date", "folder", "number", "found", "file", "files", "problem", "problems", "str", "int",
           "list", "did", "you", "mean", "got", "unexpected", "extra", "argument", "expected", "should",
           "valid", "input", "must", "be", "mapping", "key", "values", "line", "quote", "theme",
           "action", "initiative", "null", "bool", "which", "where", "when", "empty"}
DUTCH = {"de", "het", "een", "van", "voor", "niet", "geen", "zijn", "wordt", "worden", "bestand",
         "bestanden", "verplicht", "standaard", "gebruik", "opties", "argumenten", "opdrachten",
         "opdracht", "fout", "toon", "hulp", "uitleg", "waarde", "ongeldige", "onbekende", "ontbreekt",
         "optie", "probleem", "problemen", "regel", "sleutel", "bedoelde", "je", "met", "zonder",
         "naar", "bij", "ook", "elk", "welke", "dat", "die", "dit", "moet", "mag", "kan", "tekst",
         "datum", "map", "jaar", "thema", "actie", "initiatief", "leeg", "lijst", "verwacht", "hier",
         "staat", "tussen", "aanhalingstekens", "gebruik", "schrijf", "verwijder", "getal", "waar"}
# Words that are data, not language: ids, enum values, names, command and option names.
NOT_LANGUAGE = re.compile(r"--?[\w-]+|\bssw(?: [a-z-]+)?|\b[\w.-]+\.(?:yaml|md|html|json|toml)\b|https?://\S+|"
                          r"<[\w|]+>|'[^'\n]*'|\"[^\"\n]*\"|\b[A-Z_]{2,}\b")


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", NOT_LANGUAGE.sub(" ", text))}


def assert_only(lang: str, text: str) -> None:
    text = re.sub(r"\b(?:%s)\b" % "|".join(command_names()), " ", text)  # command names are names
    wrong = words(text) & (ENGLISH if lang == "nl" else DUTCH)
    assert not wrong, f"{'English' if lang == 'nl' else 'Dutch'} words {sorted(wrong)} in:\n{text}"


def command_paths() -> list[list[str]]:
    """Every command, also those in sub-groups (`plan new`)."""
    from ssw.cli import app

    paths, todo = [], [([], app)]
    while todo:
        prefix, typer_app = todo.pop()
        for c in typer_app.registered_commands:
            paths.append([*prefix, c.name or c.callback.__name__.replace("_", "-")])
        for g in typer_app.registered_groups:
            paths.append([*prefix, g.name])
            todo.append(([*prefix, g.name], g.typer_instance))
    return sorted(paths)


def command_names() -> list[str]:
    return sorted({name for path in command_paths() for name in path})


LANGS = [("nl", []), ("en", ["--lang", "en"])]


@pytest.mark.parametrize("lang,flag", LANGS, ids=["nl", "en"])
def test_help_of_every_command_is_in_one_language(lang: str, flag: list[str]) -> None:
    names = command_names()
    assert {"validate", "status", "show", "record"} <= set(names)
    for args in [["--help"], *[[*path, "--help"] for path in command_paths()]]:
        result = run([*flag, *args])
        assert result.exit_code == 0, result.output
        assert_only(lang, result.stdout)
    heading = {"nl": ("Gebruik:", "Opties:", "Toon deze hulp"), "en": ("Usage:", "Options:", "Show this help")}[lang]
    assert all(word in run([*flag, "record", "--help"]).stdout for word in heading)


USAGE_ERRORS = [
    (["status", "--bogus"], "--bogus"),
    (["status", "--regio", "x"], "--region"),
    (["show"], "ID"),
    (["stat"], "status"),
    (["coverage", "--year", "abc"], "--year"),
    (["agenda", "--stale-after", "0"], "1"),
    (["validate", "xyz"], "xyz"),
    (["status", "--stale=3"], "--stale"),
    (["record", "4.2.2.2", "--status"], "--status"),
]


@pytest.mark.parametrize("lang,flag", LANGS, ids=["nl", "en"])
def test_usage_errors_speak_the_language_and_exit_2(lang: str, flag: list[str]) -> None:
    for args, gist in USAGE_ERRORS:
        result = run([*flag, *args])
        assert result.exit_code == 2, (args, result.output)
        assert gist in result.output, (args, result.output)
        assert_only(lang, result.output)
    assert run([*flag, "status", "--bogus"]).output.splitlines()[-1] == \
        {"nl": "Fout: onbekende optie --bogus", "en": "Error: unknown option --bogus"}[lang]
