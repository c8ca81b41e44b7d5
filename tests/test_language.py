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
           "list", "did", "you", "mean", "got", "unexpected", "extra", "expected", "should",
           "valid", "input", "must", "be", "mapping", "key", "values", "line", "quote", "theme",
           "action", "initiative", "null", "bool", "which", "where", "when", "empty"}
DUTCH = {"de", "het", "een", "van", "voor", "niet", "geen", "zijn", "wordt", "worden", "bestand",
         "bestanden", "verplicht", "standaard", "gebruik", "opties", "argumenten", "opdrachten",
         "opdracht", "fout", "toon", "hulp", "uitleg", "waarde", "ongeldige", "onbekende", "ontbreekt",
         "optie", "probleem", "problemen", "regel", "sleutel", "bedoelde", "je", "met", "zonder",
         "naar", "bij", "ook", "elk", "welke", "dat", "die", "dit", "moet", "mag", "kan", "tekst",
         "datum", "map", "jaar", "thema", "actie", "initiatief", "leeg", "lijst", "verwacht", "hier",
         "staat", "tussen", "aanhalingstekens", "schrijf", "verwijder", "getal", "waar"}
# Words that are data, not language: ids, enum values, names, command and option names.
NOT_LANGUAGE = re.compile(r": error: |\b\w+_\w+\b|--?[\w-]+|\bssw(?: [a-z-]+)?|\b[\w.-]+\.(?:yaml|md|html|json|toml)\b|https?://\S+|"
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


# -- validate: every problem class, in either language -------------------------------------

LOG = "regions/antwerpen/updates/2023.yaml"
MORE_CASES = [
    ("empty-note", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note:\n'),
    ("wrong-type", '- date: 2023-03-14\n  target: [1]\n  status: lopend\n  note: x\n'),
    ("missing-colon", '- date: 2023-03-14\n  target "4.2.2.2"\n  status: lopend\n'),
    ("colon-in-value", '- date: 2023-03-14\n  note: a: b\n'),
    ("indentation", '- date: 2023-03-14\n- note: x\n  target: "4.2.2.2"\n x: 1\n'),
    ("unclosed-bracket", '- date: 2023-03-14\n  links: [a, b\n'),
    ("bad-start", '- date: 2023-03-14\n  note: @x\n'),
    ("curly-quotes", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: “lopend”\n  note: x\n'),
    ("missing-space", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status:lopend\n'),
    ("control", '- date: 2023-03-14\n  note: "a\x07b"\n'),
    ("bad-escape", '- date: 2023-03-14\n  note: "a\\qb"\n'),
    ("not-a-list", 'date: 2023-03-14\n'),
]


def validate_cases() -> list[tuple[str, str]]:
    from test_validate import CASES

    return [(name, text) for name, text, _where, _gist in CASES] + MORE_CASES


@pytest.mark.parametrize("lang,flag", LANGS, ids=["nl", "en"])
def test_validate_output_of_every_problem_class_is_in_one_language(real_root, lang: str, flag: list[str]) -> None:
    seen = set()
    for name, text in validate_cases():
        (real_root / LOG).parent.mkdir(parents=True, exist_ok=True)
        (real_root / LOG).write_text(text, encoding="utf-8")
        for fmt in ("text", "json"):
            result = run([*flag, "--root", str(real_root), "validate", "--format", fmt])
            assert result.exit_code == 1, (name, result.output)
            if fmt == "json":
                import json

                payload = json.loads(result.stdout)
                seen.update(p["code"] for p in payload["problems"])
                text_out = "\n".join(f"{p['message']} {p['hint']}" for p in payload["problems"])
            else:
                text_out = result.output
            assert_only(lang, text_out)
    assert len(seen) >= 20, seen


def test_every_problem_sentence_in_the_catalogue_is_in_its_language() -> None:
    from babel.messages.pofile import read_po

    from ssw import i18n

    for lang in ("nl", "en"):
        with i18n.catalogue_path(lang).open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key.split(".")[0] in ("problem", "hint", "yaml", "type", "kind", "cli", "pyd"):
                forms = [message.string] if isinstance(message.string, str) else list(message.string)
                for form in forms:
                    assert_only(lang, re.sub(r"\{[^{}]*\}", " ", form))


def test_three_mistakes_in_one_file_show_in_one_run(real_root) -> None:
    """A tab, word-processor quotes and a missing space after a colon: one syntax error
    used to hide the rest of the file."""
    (real_root / LOG).parent.mkdir(parents=True, exist_ok=True)
    (real_root / LOG).write_text(
        '- date: 2023-03-14\n'
        '\ttarget: "4.2.2.2"\n'
        '  status: lopend\n'
        '  note: “Eerste bijeenkomst”\n'
        '- date: 2023-04-02\n'
        '  target: "4.2.2.2"\n'
        '  status:gerealiseerd\n', encoding="utf-8")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(LOG + ":")]
    assert [line.split(": error: ")[0] for line in lines] == [f"{LOG}:2:1", f"{LOG}:4:9", f"{LOG}:7:10"], result.output
    assert "tab" in lines[0] and "aanhalingstekens" in lines[1] and "spatie" in lines[2]
    assert result.output.splitlines()[-1] == "3 problemen in 1 bestand"


@pytest.mark.parametrize("args", [
    ["status", "--as-of", "2023-02-30"], ["show", "4.1", "--as-of", "nonsense"], ["regions", "--as-of", "x"],
    ["agenda", "--as-of", "1800-01-01"], ["report", "--as-of", "2023-13"], ["report", "--audience", "iedereen"],
    ["coverage", "--year", "nonsense"], ["export", "--format", "pdf"],
])
def test_an_option_refused_before_any_work_speaks_the_commands_language(args: list[str]) -> None:
    """`--lang en` after the command counts even when another option is refused first."""
    from conftest import REPO

    english = run(["--root", str(REPO), *args, "--lang", "en"])
    dutch = run(["--root", str(REPO), *args])
    assert english.exit_code == dutch.exit_code == 2, (english.output, dutch.output)
    assert english.output != dutch.output
    assert not re.search(r"\b(ongeldige|bestaat niet|heeft geen|valt buiten|kies uit|schrijf)\b", english.output), english.output
