"""`ssw record` and `ssw add-action` through the CLI: the documented shape, every other byte
kept, notes that read back exactly, and every refusal leaving the files untouched."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_real_root, run, write
from ssw import record as core
from ssw.yamlfile import parse

TODAY = "2023-06-01"
LOG = "regions/antwerpen/updates/2023.yaml"
EXISTING = """\
# Logboek Antwerpen 2023 — met de hand begonnen.

- date: 2023-01-10          # eerste overleg
  target: '4.2.2.2'
  status: "gepland"
  note: >-
    Gevouwen tekst
    over twee regels.

# tussenkop
- {date: 2023-02, target: "4.8.2.1", status: lopend, note: 'it''s fine'}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_real_root(tmp_path / "root")


def rec(root: Path, *args: str, env: dict[str, str] | None = None) -> object:
    return run(["record", "--root", str(root), *args], env={"SSW_TODAY": TODAY, **(env or {})})


def entries(path: Path) -> list[dict]:
    result = parse(path.read_bytes().decode("utf-8-sig"), "x")
    assert not result.problems, result.problems
    return result.data


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "regions").rglob("*")) if p.is_file()}


# -- writing ------------------------------------------------------------------------------


def test_record_creates_the_log_in_the_documented_shape(root: Path) -> None:
    result = rec(root, "4.2.2.2", "--region", "Antwerpen", "--status", "lopend", "--date", "2023-03-14",
                 "--note", "Eerste bijeenkomst rond digitaal sociaal werk.", "--author", "Voorzitter Antwerpen",
                 "--link", "https://example.org/verslag", "--link", "https://example.org/foto's")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"geregistreerd in {LOG}:2: 4.2.2.2 → lopend\n"
    text = (root / LOG).read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    assert header.startswith("# Voortgangslogboek van Regionaal platform Sterk Sociaal Werk Antwerpen, 2023")
    first, body = body.split("\n", 1)
    assert re.fullmatch(r"- id: 2023-03-14\.[a-z2-9]{6}", first)  # unique first line (union merges)
    assert body == (
        "  date: 2023-03-14\n"
        '  target: "4.2.2.2"\n'
        "  status: lopend\n"
        "  author: Voorzitter Antwerpen\n"
        "  links:\n"
        "    - https://example.org/verslag\n"
        "    - https://example.org/foto's\n"
        "  note: Eerste bijeenkomst rond digitaal sociaal werk.\n"
    )
    assert run(["validate", "--root", str(root)], env={"SSW_TODAY": TODAY}).exit_code == 0


def test_without_date_a_running_plan_records_today(root: Path) -> None:
    assert rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--note", "x").exit_code == 0
    assert entries(root / LOG)[-1]["date"] == TODAY


def test_second_record_appends_and_reports_its_line(root: Path) -> None:
    rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "gepland", "--date", "2023-01", "--note", "a")
    before = (root / LOG).read_bytes()
    result = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-05", "--note", "b")
    assert result.exit_code == 0, result.output
    assert f"{LOG}:7:" in result.stdout
    after = (root / LOG).read_bytes()
    assert after.startswith(before)
    assert after.decode().splitlines()[6].startswith("- id: 2023-05.") and after.decode().splitlines()[7] == "  date: 2023-05"


@pytest.mark.parametrize("variant", ["lf", "crlf", "no-final-newline", "bom", "crlf-bom-no-final-newline"])
def test_every_existing_byte_is_kept(root: Path, variant: str) -> None:
    text = EXISTING
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if "no-final-newline" in variant:
        data = data.rstrip(b"\r\n")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    path = root / LOG
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    note = 'Vergadering: #2 "gepland" \'s avonds <script>alert(1)</script> – café ✓\ntweede regel # geen commentaar'
    result = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14", "--note", note)
    assert result.exit_code == 0, result.output
    new = path.read_bytes()
    assert new.startswith(data)
    added = new[len(data):]
    newline = b"\r\n" if "crlf" in variant else b"\n"
    if "no-final-newline" in variant:
        assert added.startswith(newline)
    assert added.endswith(newline)
    if "crlf" in variant:
        assert added.count(b"\n") == added.count(b"\r\n")
    else:
        assert b"\r" not in added
    assert new.count(b"\xef\xbb\xbf") == ("bom" in variant)
    got = entries(path)
    assert len(got) == 3
    assert got[0]["note"] == "Gevouwen tekst over twee regels." and got[1]["note"] == "it's fine"
    assert got[-1].pop("id").startswith("2023-03-14.")  # the unique first line
    assert got[-1] == {"date": "2023-03-14", "target": "4.2.2.2", "status": "lopend", "note": note}


NOTES = [
    "gewoon een zin.",
    "Vergadering: verslag volgt",
    "Vergadering #2 gepland",
    "\"dubbel\" en 'enkel' en `backtick`",
    "<script>alert('x')</script> & <b>",
    "- lijkt op een lijst",
    "? vraag",
    "&anker *alias !tag %procent @at |pijp >groter",
    "yes", "no", "on", "null", "~", "12", "4.10", "2023-03-14", "1e3", "0x1F",
    "  spaties vooraan en achteraan  ",
    "regel 1\nregel 2\n\nregel 4\n",
    "windows\r\nregel",
    "tab\tin de tekst",
    "é ü ß ŉ 中文 العربية 😀",
    "\u2028lijnscheider\u2029 en \x85NEL",
    "\ufeffBOM vooraan",
    "bel\x07 en escape\x1b",
    "=======",
    "<<<<<<< HEAD",
    "# geen commentaar",
    "einde met dubbele punt:",
    "x" * 5000,
]


@pytest.mark.parametrize("note", NOTES, ids=range(len(NOTES)))
def test_notes_read_back_exactly(root: Path, note: str) -> None:
    result = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", note)
    assert result.exit_code == 0, result.output
    got = entries(root / LOG)[-1]
    assert got["note"] == note
    # also for other YAML tools (PyYAML's standard safe loader, YAML 1.1 resolution)
    assert yaml.safe_load((root / LOG).read_text(encoding="utf-8"))[-1]["note"] == note
    assert (root / LOG).read_text(encoding="utf-8").count("\n") == 6  # header + one key per line (id first)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_any_text_round_trips_as_a_scalar(value: str) -> None:
    for rendered, wrap in ((core.scalar(value), "k: {}\n"), (core.scalar(value, flow=True), "k: [{}]\n"),
                           (core.double_quoted(value), "k: {}\n")):
        assert "\n" not in rendered
        text = wrap.format(rendered)
        result = parse(text, "x")
        assert not result.problems
        data = result.data["k"]
        assert (data[0] if isinstance(data, list) else data) == value
        standard = yaml.safe_load(text)["k"]
        assert (standard[0] if isinstance(standard, list) else standard) == value


def test_plain_when_safe_quoted_otherwise() -> None:
    assert core.scalar("Eerste bijeenkomst.") == "Eerste bijeenkomst."
    assert core.scalar("yes") == '"yes"'
    assert core.scalar("a: b") == '"a: b"'
    assert core.scalar("a #b") == '"a #b"'
    assert core.scalar("a,b", flow=True) == '"a,b"'
    assert core.double_quoted("a\nb") == '"a\\nb"'


def test_planned_allows_a_future_date_with_status_gepland(root: Path) -> None:
    result = rec(root, "4.2.2.2", "--region", "antwerpen", "--planned", "--date", "2023-09-15", "--note", "Studiedag")
    assert result.exit_code == 0, result.output
    assert entries(root / LOG)[-1]["status"] == "gepland"
    assert run(["validate", "--root", str(root)], env={"SSW_TODAY": TODAY}).exit_code == 0


def test_records_a_regional_action_of_its_own_platform(root: Path) -> None:
    added = run(["add-action", "--root", str(root), "--region", "antwerpen", "--title", "Lerend netwerk",
                 "--theme", "4.2", "--date", "2023-02"], env={"SSW_TODAY": TODAY})
    assert added.exit_code == 0, added.output
    result = rec(root, "antwerpen.2023.1", "--region", "antwerpen", "--status", "lopend", "--date", "2023-04", "--note", "x")
    assert result.exit_code == 0, result.output
    other = rec(root, "antwerpen.2023.1", "--region", "limburg", "--status", "lopend", "--date", "2023-04", "--note", "x")
    assert other.exit_code == 1 and "eigen actie van antwerpen" in other.output


def test_english_messages(root: Path) -> None:
    ok = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x", "--lang", "en")
    assert ok.stdout.startswith(f"recorded in {LOG}:2: 4.2.2.2 → lopend")
    bad = rec(root, "4.2.2.9", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x", "--lang", "en")
    assert bad.exit_code == 1
    assert "unknown item '4.2.2.9'" in bad.output and "did you mean" in bad.output
    assert f"nothing written to {LOG}: correct what is shown above" in bad.output
    ended = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--note", "x", "--lang", "en",
                env={"SSW_TODAY": "2026-01-10"})
    assert "has ended (2024-12-31): say when it happened with --date" in ended.output


def test_keeps_permission_bits(root: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permission bits")
    path = root / LOG
    path.parent.mkdir(parents=True)
    path.write_text("# log\n", encoding="utf-8")
    path.chmod(0o640)
    assert rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_log_gets_ordinary_permissions(root: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permission bits")
    assert rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x").exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((root / LOG).stat().st_mode) == 0o666 & ~mask


def test_temp_files_left_by_a_killed_writer_are_removed(root: Path) -> None:
    path = root / LOG
    path.parent.mkdir(parents=True)
    path.write_text("# log\n", encoding="utf-8")
    stale = path.parent / ".2023.yaml.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    assert rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x").exit_code == 0
    assert not stale.exists()


def test_a_held_lock_times_out_with_a_message(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    path = root / LOG
    path.parent.mkdir(parents=True)
    path.write_text("# log\n", encoding="utf-8")
    before = snapshot(root)
    monkeypatch.setattr(core, "LOCK_TIMEOUT", 0.3)
    with FileLock(str(core.lock_path(path))):
        result = rec(root, "4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x")
    assert result.exit_code == 1
    assert "bezet door een ander ssw-proces" in result.output
    assert snapshot(root) == before


def test_no_lock_file_is_left_in_the_data_tree(root: Path) -> None:
    """In a data repository without ssw's .gitignore, `git add regions/antwerpen` must not
    stage a lock: the lock lives in ssw's cache folder."""
    for args in (["4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03", "--note", "x"],
                 ["4.2.2.2", "--region", "antwerpen", "--status", "klaar", "--date", "2023-04", "--note", "x"]):
        rec(root, *args)
    left = [p for p in root.rglob("*") if "lock" in p.name.lower()]
    assert left == []
    assert core.lock_path(root / LOG) == core.lock_path(root / "regions" / ".." / LOG)  # one lock per file


def test_a_file_broken_after_loading_is_refused_under_the_lock(root: Path) -> None:
    """The check that counts runs with the lock held, on the file as it is then."""
    from ssw.loader import load
    from ssw.root import open_root

    path = root / LOG
    path.parent.mkdir(parents=True)
    path.write_text("- date: 2023-01-10\n  target: \"4.2.2.2\"\n  status: lopend\n  note: x\n", encoding="utf-8")
    loaded = load(open_root(root))
    assert loaded.ok
    path.write_text("- date: 2023-01-10\n  target: \"4.2.2.2\"\n  status: lopend\n  status: gepland\n  note: x\n", encoding="utf-8")
    before = path.read_bytes()
    req = core.UpdateRequest("4.2.2.2", "antwerpen", "lopend", "x", "2023-03")
    with pytest.raises(core.SswError) as exc:
        core.record_update(loaded, req)
    assert exc.value.key == "err.record-refused"
    assert [(p.code, p.line) for p in exc.value.problems] == [("duplicate-key", 4)]
    assert path.read_bytes() == before


# -- refusals -------------------------------------------------------------------------------

BASE = ("4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14", "--note", "x")

REFUSALS = [
    # (name, args, env today, exit code, expected fragments of the output)
    # 2: a command-line value is missing, malformed or outside what the option allows (usage);
    # 1: the ids given do not exist or do not fit the data (as `ssw show` answers an unknown id)
    ("unknown target", ("4.2.2.9", *BASE[1:]), TODAY, 1, ["ssw: ID: onbekend item '4.2.2.9'", "4.2.2.2"]),
    ("theme", ("4.2", *BASE[1:]), TODAY, 1, ["kies een van: 4.2.1, 4.2.2"]),
    ("action with initiatives", ("4.2.2", *BASE[1:]), TODAY, 1, ["kies een van: 4.2.2.1, 4.2.2.2, 4.2.2.3"]),
    ("regional initiative by vlaanderen", ("4.2.2.2", "--region", "vlaanderen", *BASE[3:]), TODAY, 1,
     ["4.2.2.2 wordt door de regionale platformen uitgevoerd, niet door vlaanderen"]),
    ("flemish initiative by a region", ("4.2.1.2", *BASE[1:]), TODAY, 1, ["4.2.1.2 is een Vlaamse actie"]),
    ("bad status", (*BASE[:4], "klaar", *BASE[5:]), TODAY, 2, ["ssw: --status: ongeldige waarde 'klaar' voor 'status'", "gerealiseerd"]),
    ("impossible date", (*BASE[:6], "2023-02-30", "--note", "x"), TODAY, 2, ["ssw: --date: '2023-02-30': maand 2 heeft geen dag 30"]),
    ("future date", (*BASE[:6], "2023-09-01", "--note", "x"), TODAY, 2, ["ligt in de toekomst"]),
    ("future gepland without --planned", (*BASE[:4], "gepland", "--date", "2023-09", "--note", "x"), TODAY, 2,
     ["ligt in de toekomst", "--planned"]),
    ("ended plan without --date", BASE[:5] + BASE[7:], "2026-01-10", 2,
     ["ssw-2020-2024 is afgelopen (2024-12-31)", "--date"]),
    ("date before the plan", (*BASE[:6], "2019-05", "--note", "x"), TODAY, 2,
     ["valt buiten de periode van ssw-2020-2024 (2020-01-01 tot 2024-12-31)"]),
    ("bad link", (*BASE, "--link", "javascript:alert(1)"), TODAY, 2, ["geen toegelaten link"]),
    ("unknown region", ("4.2.2.2", "--region", "Gent", *BASE[3:]), TODAY, 2, ["onbekend platform 'Gent'", "antwerpen, brussel"]),
    ("date not a date", (*BASE[:6], "14/03/2023", "--note", "x"), TODAY, 2, ["ongeldige datum '14/03/2023'"]),
    ("planned but lopend", (*BASE, "--planned"), TODAY, 2, ["--planned", "niet 'lopend'"]),
    ("no status", BASE[:3] + BASE[5:], TODAY, 2, ["--status"]),
    ("no note (not a terminal)", BASE[:-2], TODAY, 2, ["--note"]),
    ("blank note", (*BASE[:-1], "   "), TODAY, 2, ["--note"]),
]


@pytest.mark.parametrize(("args", "today", "code", "fragments"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_refusals_leave_every_file_untouched(root: Path, args: tuple, today: str, code: int, fragments: list[str]) -> None:
    write(root, "regions/antwerpen/updates/2022.yaml", "# log\n")
    before = snapshot(root)
    result = rec(root, *args, env={"SSW_TODAY": today})
    assert result.exit_code == code, result.output
    for fragment in fragments:
        assert fragment in result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before  # not even a lock file or a folder


def test_an_invalid_log_is_refused_and_its_line_named(root: Path) -> None:
    path = write(root, LOG, """
        - date: 2023-01-10
          target: "4.2.2.2"
        <<<<<<< HEAD
          status: lopend
        =======
          status: gepland
        >>>>>>> other
        """)
    before = snapshot(root)
    result = rec(root, *BASE)
    assert result.exit_code == 1
    assert f"{LOG}:3:1: error: git-conflictmarkering '<<<<<<<'" in result.output
    assert f"niets geschreven: {LOG} is nu al ongeldig" in result.output
    assert snapshot(root) == before
    assert path.read_bytes() == before[LOG]


def test_an_invalid_other_file_stops_record_like_every_command(root: Path) -> None:
    write(root, "regions/limburg/updates/2023.yaml", '- date: 2023-01-10\n  target: "4.2.2.2"\n  stauts: lopend\n')
    before = snapshot(root)
    result = rec(root, *BASE)
    assert result.exit_code == 1
    assert "regions/limburg/updates/2023.yaml:3:3: error: onbekende sleutel 'stauts'" in result.output
    assert snapshot(root) == before


# -- the editor -----------------------------------------------------------------------------


def test_without_note_a_terminal_opens_the_editor(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssw.cli import record as cli_record

    seen = {}

    def fake_edit(text: str, cwd: object) -> str:
        seen["text"] = text
        return text + "Verslag van de stuurgroep.\n# nog een commentaar\n"

    monkeypatch.setattr(cli_record, "_is_terminal", lambda: True)
    monkeypatch.setattr(cli_record, "_edit", fake_edit)
    result = rec(root, *BASE[:-2])
    assert result.exit_code == 0, result.output
    assert seen["text"].startswith("# Schrijf de notitie voor 4.2.2.2 (antwerpen, lopend)")
    assert entries(root / LOG)[-1]["note"] == "Verslag van de stuurgroep."

    monkeypatch.setattr(cli_record, "_edit", lambda text, cwd: text)  # saved without writing anything
    before = snapshot(root)
    empty = rec(root, *BASE[:-2])
    assert empty.exit_code == 1 and "lege notitie" in empty.output
    assert snapshot(root) == before


def test_the_editor_opens_only_for_a_request_that_can_be_recorded(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No status, no date after the plan ended, an unknown-to-the-log date: said before the
    note is typed. Whatever fails after it was typed gives the note back."""
    from ssw.cli import record as cli_record

    opened = []
    monkeypatch.setattr(cli_record, "_is_terminal", lambda: True)
    monkeypatch.setattr(cli_record, "_edit", lambda text, cwd: opened.append(text) or text + "Lang verslag.\n")
    before = snapshot(root)
    no_status = run(["record", "--root", str(root), "4.2.2.2", "--region", "antwerpen", "--date", "2023-03-14"],
                    env={"SSW_TODAY": TODAY})
    no_date = run(["record", "--root", str(root), "4.2.2.2", "--region", "antwerpen", "--status", "lopend"],
                  env={"SSW_TODAY": "2026-11-23"})  # the plan has ended: which day, then?
    assert no_status.exit_code == 2 and "--status" in no_status.output
    assert no_date.exit_code != 0 and "--date" in no_date.output
    assert opened == [] and snapshot(root) == before
    unknown = run(["record", "--root", str(root), "4.2.2.99", "--region", "antwerpen", "--status", "lopend",
                   "--date", "2023-03-14"], env={"SSW_TODAY": TODAY})
    assert unknown.exit_code == 1 and snapshot(root) == before
    assert len(opened) == 1  # an unknown target shows only once the entry is validated:
    assert "je notitie is niet bewaard" in unknown.stderr and "Lang verslag." in unknown.stderr  # the note comes back


# -- add-action -----------------------------------------------------------------------------

ACTIONS = "regions/antwerpen/actions.yaml"


def add(root: Path, *args: str) -> object:
    return run(["add-action", "--root", str(root), "--region", "antwerpen", *args], env={"SSW_TODAY": TODAY})


def test_add_action_appends_with_the_next_free_id(root: Path) -> None:
    first = add(root, "--title", "Lerend netwerk: digitaal", "--theme", "4.2", "--krachtlijn", "Verbindend", "--date", "2023-02")
    assert first.exit_code == 0, first.output
    assert first.stdout == f"eigen actie antwerpen.2023.1 toegevoegd in {ACTIONS}:2\n"
    second = add(root, "--title", "Tweede", "--theme", "4.2", "--theme", "4.8", "--text", "yes", "--speerpunt", "draagvlak")
    assert second.exit_code == 0, second.output
    assert "antwerpen.2023.2" in second.stdout
    third = add(root, "--title", "Vorig jaar", "--theme", "4.1", "--date", "2022-11")
    assert "antwerpen.2022.1" in third.stdout
    body = (root / ACTIONS).read_text(encoding="utf-8").split("\n", 1)[1]
    assert body.startswith(
        "- id: antwerpen.2023.1\n"
        "  date: 2023-02\n"
        '  title: "Lerend netwerk: digitaal"\n'
        '  themes: ["4.2"]\n'
        "  krachtlijnen: [verbindend]\n"
        "  speerpunten: []\n"
        "- id: antwerpen.2023.2\n"
        f"  date: {TODAY}\n"
        "  title: Tweede\n"
        '  text: "yes"\n'
        '  themes: ["4.2", "4.8"]\n'
    )
    assert run(["validate", "--root", str(root)], env={"SSW_TODAY": TODAY}).exit_code == 0


def test_add_action_refuses_unknown_themes_and_tags(root: Path) -> None:
    add(root, "--title", "Eerste", "--theme", "4.2")
    before = snapshot(root)
    result = add(root, "--title", "Derde", "--theme", "4.99", "--krachtlijn", "snelheid")
    assert result.exit_code == 2
    assert "onbekend thema '4.99'" in result.output and "onbekende krachtlijn 'snelheid'" in result.output
    assert f"niets geschreven in {ACTIONS}: verbeter wat hierboven staat" in result.output
    assert snapshot(root) == before
    no_theme = add(root, "--title", "Zonder thema")
    assert no_theme.exit_code == 2 and "'themes' heeft minstens één element nodig" in no_theme.output
    assert snapshot(root) == before


def test_next_action_id_skips_other_years_and_odd_ids() -> None:
    from types import SimpleNamespace as NS

    given_ = [NS(id="antwerpen.2023.1"), NS(id="antwerpen.2023.7"), NS(id="antwerpen.2022.9"), NS(id="antwerpen.2023.x"), None]
    assert core.next_action_id("antwerpen", 2023, given_) == "antwerpen.2023.8"
    assert core.next_action_id("antwerpen", 2024, given_) == "antwerpen.2024.1"


def test_help_has_an_example() -> None:
    for command in ("record", "add-action"):
        result = run([command, "--help"])
        assert result.exit_code == 0 and "Voorbeeld: ssw " in result.stdout


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


OPTION_VALUES = [
    # (wrong value on the command line, the option the error must name)
    (("4.2.2.2", "--region", "antwerpen", "--status", "klaar", "--date", "2023-03-14", "--note", "x"), "--status"),
    (("4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-13-01", "--note", "x"), "--date"),
    (("4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2019-05-01", "--note", "x"), "--date"),
    (("4.2.2.2", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14", "--note", "x",
      "--link", "geen-url"), "--link"),
    (("4.2.2.99", "--region", "antwerpen", "--status", "lopend", "--date", "2023-03-14", "--note", "x"), "ID"),
]


@pytest.mark.parametrize(("args", "option"), OPTION_VALUES, ids=[a[1] + ":" + " ".join(a[0][3:7]) for a in OPTION_VALUES])
def test_a_wrong_value_on_the_command_line_names_its_option_not_a_file_position(root: Path, args: tuple, option: str) -> None:
    write(root, LOG, '- date: 2023-01-10\n  target: "4.2.2.2"\n  status: lopend\n  note: x\n')
    before = snapshot(root)
    result = rec(root, *args)
    # a wrong option value is a usage error (2) as in `ssw status`; an unknown id answers 1 as `ssw show`
    assert result.exit_code == (1 if option == "ID" else 2), result.output
    assert f"ssw: {option}: " in result.output
    # no position in a file: the entry was never written, its lines do not exist
    assert not re.search(r"\.yaml:\d+:\d+", result.output), result.output
    assert "verbeter wat hierboven staat" in result.output
    english = rec(root, *args, "--lang", "en")
    assert f"ssw: {option}: " in english.output and "correct what is shown above" in english.output
    assert snapshot(root) == before


def test_add_action_names_the_options_of_unknown_themes_and_tags(root: Path) -> None:
    result = add(root, "--title", "Derde", "--theme", "4.99", "--krachtlijn", "snelheid")
    assert result.exit_code == 2
    assert "ssw: --theme: onbekend thema '4.99'" in result.output
    assert "ssw: --krachtlijn: onbekende krachtlijn 'snelheid'" in result.output
    assert not re.search(r"\.yaml:\d+:\d+", result.output), result.output
