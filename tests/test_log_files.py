"""A chair's log is `regions/<platform>/updates/<year>.yaml` holding that year's updates.
A copy next to it, a misnamed log or an entry in the wrong year's log is an error that names
the file and says what to do; a copy is never read as data (no update shown twice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

UPDATES = "regions/antwerpen/updates"
ENTRY = '- date: {date}\n  target: "4.8.2.1"\n  status: lopend\n  note: Knelpunten in beeld gebracht.\n'


def log(root: Path, name: str, date: str = "2023-03-14") -> Path:
    path = root / UPDATES / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY.format(date=date), encoding="utf-8")
    return path


@pytest.mark.parametrize("name,gist_nl,gist_en", [
    ("2023 - Copy.yaml", "kopie van het logboek regions/antwerpen/updates/2023.yaml", "copy of the log"),
    ("2023 (1).yml", "kopie van het logboek regions/antwerpen/updates/2023.yaml", "copy of the log"),
    ("kopie.yaml", "een logboek heet naar zijn jaar", "named after its year"),
    ("2023.yml", "tweede logboek voor hetzelfde jaar", "second log for the same year"),
])
def test_a_copy_or_misnamed_log_is_named_and_never_read(real_root: Path, name: str, gist_nl: str, gist_en: str) -> None:
    log(real_root, "2023.yaml")
    copy = log(real_root, name)
    copy.write_text(copy.read_text(encoding="utf-8").replace("lopend", "klaar"), encoding="utf-8")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith(f"{UPDATES}/{name}:"))
    assert ": error: " in line and gist_nl in line and "verwijder" in line
    assert run(["--lang", "en", "--root", str(real_root), "validate"]).output.count(gist_en) == 1
    # never read as data: its broken entry is not reported, only the file itself
    assert "klaar" not in result.output and "1 probleem in 1 bestand" in result.output


def test_a_misnamed_log_alone_is_still_reported(real_root: Path) -> None:
    log(real_root, "2023.yaml.bak.yaml")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1 and f"{UPDATES}/2023.yaml.bak.yaml:" in result.output
    assert "hernoem het naar 2023.yaml" in result.output


def test_an_update_dated_in_another_year_than_its_log(real_root: Path) -> None:
    path = log(real_root, "2024.yaml", date="2024-02-01")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(ENTRY.format(date="2023-05-01"))
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1
    assert f"{UPDATES}/2024.yaml:5:9: error: een update van 2023 in het logboek van 2024" in result.output
    assert f"verplaats de update naar {UPDATES}/2023.yaml" in result.output
    assert "1 probleem in 1 bestand" in result.output
    english = run(["--lang", "en", "--root", str(real_root), "validate"]).output
    assert "an update of 2023 in the log of 2024" in english


def test_partial_dates_and_yml_logs_of_their_own_year_are_fine(real_root: Path) -> None:
    log(real_root, "2023.yml", date="2023-05")
    log(real_root, "2022.yaml", date="2022")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 0, result.output


def test_validate_from_a_subfolder_prints_paths_an_editor_opens_from_there(real_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = log(real_root, "2023.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("lopend", "klaar"), encoding="utf-8")
    monkeypatch.chdir(real_root / UPDATES)
    result = run(["validate"])
    assert result.exit_code == 1
    assert result.output.startswith("2023.yaml:3:11: error: ongeldige waarde 'klaar'"), result.output
    assert (Path.cwd() / "2023.yaml").is_file()  # the printed path opens from here
    monkeypatch.chdir(real_root / "regions" / "limburg")
    assert run(["validate"]).output.startswith("../antwerpen/updates/2023.yaml:3:11: error:")
    # from the root itself, and for the forges, paths stay as they were
    monkeypatch.chdir(real_root)
    assert run(["validate"]).output.startswith(f"{UPDATES}/2023.yaml:3:11: error:")
    monkeypatch.chdir(real_root / UPDATES)
    assert f"file={UPDATES}/2023.yaml," in run(["validate", "--format", "github"]).output


@pytest.mark.parametrize("entry,where", [
    ('- date: 2023-03-14\n  target "4.8.2.1"\n  status: lopend\n  note: x\n', "2:3"),
    ('- date: 2023-03-14\n  target: "4.8.2.1"\n  status lopend\n  note: x\n', "3:3"),
    ('- date: 2023-03-14\n  target: "4.8.2.1"\n  status: lopend\n  note x\n', "4:3"),
    ('- date 2023-03-14\n  target: "4.8.2.1"\n  status: lopend\n  note: x\n', "1:3"),
])
def test_a_missing_colon_is_reported_on_the_line_that_lacks_it(real_root: Path, entry: str, where: str) -> None:
    path = real_root / UPDATES / "2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(entry, encoding="utf-8")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1
    assert f"{UPDATES}/2023.yaml:{where}: error: hier ontbreekt een dubbele punt na de sleutel" in result.output


def test_one_mistake_in_platform_yaml_is_one_problem_not_a_cascade(demo_root: Path) -> None:
    platform = demo_root / "regions" / "limburg" / "platform.yaml"
    platform.write_text(platform.read_text(encoding="utf-8") + "voorzitter: Jan\n", encoding="utf-8")
    result = run(["--root", str(demo_root), "validate"])
    assert result.exit_code == 1
    assert "regions/limburg/platform.yaml:" in result.output and "onbekende sleutel 'voorzitter'" in result.output
    assert "onbekend platform" not in result.output and "onbekend regionaal platform" not in result.output
    assert "1 probleem in 1 bestand" in result.output
    # a folder that really is no platform is still named
    stray = demo_root / "regions" / "gent" / "updates" / "2023.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text('- date: 2023-03-14\n  target: "4.8.2.1"\n  status: lopend\n  note: x\n', encoding="utf-8")
    assert "onbekend platform 'gent'" in run(["--root", str(demo_root), "validate"]).output


def test_a_missing_colon_shows_with_the_other_mistakes_of_the_file(real_root: Path) -> None:
    """A tab stops the parse; the key without its colon above it is still named, with the
    word-processor quotes and the second missing colon further down."""
    path = real_root / UPDATES / "2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('- date: 2023-03-14\n  target "4.8.2.1"\n\tstatus: lopend\n  note: “Knelpunten”\n  author Jan\n',
                    encoding="utf-8")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 1
    for where, gist in (("2:3", "ontbreekt een dubbele punt"), ("3:1", "tab"), ("4:9", "tekstverwerker"),
                        ("5:3", "ontbreekt een dubbele punt")):
        assert f"{UPDATES}/2023.yaml:{where}: error: " in result.output and gist in result.output, result.output
    assert "4 problemen in 1 bestand" in result.output


def test_a_note_over_two_indented_lines_is_no_missing_colon(real_root: Path) -> None:
    path = real_root / UPDATES / "2023.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('- date: 2023-03-14\n  target: "4.8.2.1"\n  status: lopend\n  note: dit is een lange\n'
                    '    tekst over twee regels\n  author: Jan\n', encoding="utf-8")
    result = run(["--root", str(real_root), "validate"])
    assert result.exit_code == 0, result.output
