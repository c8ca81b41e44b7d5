"""`ssw validate` through the real CLI: each class of broken hand edit is caught,
pointed at path:line:col, and explained; the repository's own data is clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run, write

LOG = "regions/antwerpen/updates/2023.yaml"


def put(root: Path, text: str) -> None:
    put_bytes(root, text.encode("utf-8"))


def put_bytes(root: Path, data: bytes) -> None:
    (root / LOG).parent.mkdir(parents=True, exist_ok=True)
    (root / LOG).write_bytes(data)


def validate(root: Path, *extra: str) -> tuple[int, str]:
    result = run(["--root", str(root), "validate", *extra])
    return result.exit_code, result.output


def test_repository_data_is_clean() -> None:
    code, out = validate(REPO)
    assert code == 0, out
    assert "geen problemen" in out


def test_the_summary_counts_plans_and_their_parts_not_status_items(real_root: Path) -> None:
    """`status` counts the items of one plan ("77 items"); validate counts every part of
    every plan it read, and says so in other words, so nobody compares the two."""
    plans = sorted(p.name for p in (real_root / "plan").iterdir() if (p / "plan.yaml").is_file())
    code, out = validate(real_root)
    assert code == 0
    assert f"{len(plans)} plannen met samen " in out and " onderdelen;" in out
    assert " items" not in out
    english = run(["validate", "--root", str(real_root), "--lang", "en"]).stdout
    assert f"{len(plans)} plans with " in english and " parts in all" in english


def test_demo_data_is_clean() -> None:
    code, out = validate(REPO / "examples" / "demo")
    assert code == 0, out


def update(body: str) -> str:
    return f"""
    - date: 2023-03-14
      target: "4.2.2.2"
    {body}
    """


CASES = [
    # (name, file text, expected line:col, gist of the message)
    ("yaml-syntax", '- date: 2023-03-14\n  target: "4.2.2.2\n  status: lopend\n', None, "YAML"),
    ("tab", '- date: 2023-03-14\n\ttarget: "4.2.2.2"\n', "2:1", "tab"),
    ("duplicate-key", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  status: gerealiseerd\n', "4:3", "'status'"),
    ("unknown-key", '- date: 2023-03-14\n  target: "4.2.2.2"\n  stauts: lopend\n', "3:3", "status"),
    ("missing-key", '- date: 2023-03-14\n  target: "4.2.2.2"\n', "1:3", "'status'"),
    ("bad-value", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: klaar\n', "3:11", "gepland"),
    ("read-as-number", "- date: 2023-03-14\n  target: 4.10\n  status: lopend\n  note: x\n", "2:11", '"4.10"'),
    ("read-as-bool", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: yes\n', "4:9", "true"),
    ("date-day", '- date: 2023-02-30\n  target: "4.2.2.2"\n  status: lopend\n', "1:9", "28"),
    ("date-outside-plan", '- date: 2019-05-01\n  target: "4.2.2.2"\n  status: lopend\n  note: x\n', "1:9", "2020-01-01"),
    ("date-in-future", '- date: 2026-12-01\n  target: "ssw-2020-2024:4.2.2.2"\n  status: lopend\n  note: x\n', None, "2026-12-01"),
    ("unknown-ref", '- date: 2023-03-14\n  target: "4.2.2.9"\n  status: lopend\n  note: x\n', "2:11", "4.2.2.2"),
    ("not-trackable", '- date: 2023-03-14\n  target: "4.2.2"\n  status: lopend\n  note: x\n', "2:11", "4.2.2.1"),
    ("flemish-item", '- date: 2023-03-14\n  target: "4.2.1.1"\n  status: lopend\n  note: x\n', "2:11", "vlaanderen"),
    ("expected-list", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  links: https://example.org\n', "4:10", "lijst"),
    ("bad-url", '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  links:\n    - javascript:alert(1)\n', "5:7", "http"),
    ("alias", '- &a\n  date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n- *a\n', None, "alias"),
    ("unsafe-tag", '- !!python/object/apply:os.system ["touch PWNED"]\n', "1:3", "python"),
    ("empty-file", "", None, "leeg"),
    ("merge-conflict", '<<<<<<< HEAD\n- date: 2023-03-14\n=======\n- date: 2023-03-15\n>>>>>>> other\n', "1:1", "conflict"),
]


@pytest.mark.parametrize("name,text,where,gist", CASES, ids=[c[0] for c in CASES])
def test_problem_class_is_reported_with_position(real_root: Path, name: str, text: str, where: str | None, gist: str) -> None:
    put(real_root, text)
    code, out = validate(real_root)
    assert code == 1, out
    lines = [line for line in out.splitlines() if line.startswith(LOG + ":")]
    assert lines, out
    if where:
        assert any(line.startswith(f"{LOG}:{where}: error: ") for line in lines), out
    assert gist.lower() in out.lower(), out
    assert "Traceback" not in out
    assert not (real_root / "PWNED").exists()


def test_unknown_key_suggests_the_closest(real_root: Path) -> None:
    put(real_root, '- date: 2023-03-14\n  target: "4.2.2.2"\n  stauts: lopend\n')
    out = validate(real_root)[1]
    assert "onbekende sleutel 'stauts'" in out and "bedoelde je 'status'?" in out


def test_number_read_id_says_quote_it(real_root: Path) -> None:
    put(real_root, "- date: 2023-03-14\n  target: 4.10\n  status: lopend\n  note: x\n")
    out = validate(real_root, "--lang", "en")[1]
    assert "4.10 was read as the number 4.1" in out and 'quote it: "4.10"' in out


def test_all_problems_at_once_then_a_count(real_root: Path) -> None:
    write(real_root, LOG, """
    - date: 2023-02-30
      target: "4.2.2.2"
      status: lopend
      note: x
    - date: 2023-03-01
      target: "4.2.2.2"
      status: klaar
      note: x
    """)
    write(real_root, "regions/limburg/updates/2022.yaml", "- date: 2022-01-01\n\ttarget: x\n")
    code, out = validate(real_root)
    assert code == 1
    assert f"{LOG}:1:9: error:" in out and f"{LOG}:7:11: error:" in out
    assert "regions/limburg/updates/2022.yaml:2:1: error:" in out
    assert out.strip().splitlines()[-1].startswith("3 ")


def test_duplicate_ids_across_files(real_root: Path) -> None:
    write(real_root, "regions/antwerpen/signals.yaml", """
    - id: antwerpen.signaal.1
      type: signaal
      date: 2023-05
      title: Drempel
    """)
    write(real_root, "regions/limburg/signals.yaml", """
    - id: antwerpen.signaal.1
      type: goede-praktijk
      date: 2023-06
      title: Praktijk
    """)
    code, out = validate(real_root)
    assert code == 1 and "antwerpen.signaal.1" in out and "bestaat al" in out


def test_unknown_partner_is_a_dangling_reference(real_root: Path) -> None:
    path = real_root / "plan/ssw-2020-2024/themes/4.6.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[vivel]", "[vivell]", 1), encoding="utf-8")
    code, out = validate(real_root)
    assert code == 1 and "onbekende organisatie 'vivell'" in out and "vivel" in out
    assert "plan/ssw-2020-2024/themes/4.6.yaml:" in out


def test_not_utf8_is_refused_with_its_line(real_root: Path) -> None:
    put_bytes(real_root, '- date: 2023-03-14\n  note: "caf\xe9"\n'.encode("latin-1"))
    code, out = validate(real_root)
    assert code == 1 and f"{LOG}:2:" in out and "UTF-8" in out


def test_utf8_bom_is_accepted(real_root: Path) -> None:
    put_bytes(real_root, b"\xef\xbb\xbf" + b'- date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: x\n')
    assert validate(real_root)[0] == 0


def test_alias_bomb_is_refused_fast(real_root: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    put(real_root, bomb)
    code, out = validate(real_root)
    assert code == 1 and "aliassen" in out


def test_json_format_lists_the_same_problems(real_root: Path) -> None:
    put(real_root, '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: klaar\n  note: x\n')
    result = run(["--root", str(real_root), "validate", "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["count"] == 1
    problem = data["problems"][0]
    assert problem["path"] == LOG and (problem["line"], problem["column"]) == (3, 11)
    assert problem["code"] == "bad-value" and "gepland" in problem["hint"]


def test_unknown_file_in_regions(real_root: Path) -> None:
    write(real_root, "regions/antwerpen/notes.yaml", "a: 1\n")
    code, out = validate(real_root)
    assert code == 1 and "regions/antwerpen/notes.yaml:1:1: error:" in out


def test_usage_errors_exit_2() -> None:
    assert run(["validate", "--format", "xml", "--root", str(REPO)]).exit_code == 2
    assert run(["validate", "--nope"]).exit_code == 2
    assert run(["--lang", "fr", "validate", "--root", str(REPO)]).exit_code == 2


def test_no_root_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["validate"])
    assert result.exit_code == 1 and "geen ssw-map gevonden" in result.output


def test_root_from_env_and_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["validate"], env={"SSW_ROOT": str(REPO)}).exit_code == 0
    monkeypatch.chdir(REPO / "regions")
    assert run(["validate"]).exit_code == 0


def test_global_options_before_and_after_the_command(real_root: Path) -> None:
    put(real_root, '- date: 2023-03-14\n  target: "4.2.2.2"\n  status: klaar\n  note: x\n')
    before = run(["--lang", "en", "--root", str(real_root), "validate"]).output
    after = run(["validate", "--lang", "en", "--root", str(real_root)]).output
    assert before == after and "invalid value" in before


def test_themes_of_an_unreadable_plan_are_one_line_at_the_plan(real_root: Path) -> None:
    """A copied plan folder whose plan.yaml keeps the old id: the plan file's own problems
    say why, one line says its themes do not count; no theme is called 'without a plan'."""
    import shutil

    shutil.copytree(real_root / "plan" / "ssw-2020-2024", real_root / "plan" / "ssw-2025-2029")
    code, out = validate(real_root)
    assert code == 1
    assert "heeft geen plan.yaml" not in out
    assert out.count("plan/ssw-2025-2029/plan.yaml:1:1: error: de thema's in deze map tellen niet mee") == 1
    assert "plan/ssw-2025-2029/plan.yaml:1:5: error: id 'ssw-2020-2024' past niet bij de map 'ssw-2025-2029'" in out
    (real_root / "plan" / "ssw-2025-2029" / "plan.yaml").unlink()
    code, out = validate(real_root)
    themes = len(list((real_root / "plan" / "ssw-2025-2029" / "themes").glob("*.yaml")))
    assert out.count("thema zonder plan: map ssw-2025-2029 heeft geen plan.yaml") == themes


def test_a_copied_theme_file_reports_every_duplicate_id_at_its_own_line(real_root: Path) -> None:
    import shutil

    themes = real_root / "plan" / "ssw-2020-2024" / "themes"
    shutil.copy(themes / "4.2.yaml", themes / "4.2 kopie.yaml")
    data = yaml.safe_load((themes / "4.2.yaml").read_text(encoding="utf-8"))
    ids = [data["id"]] + [a["id"] for a in data["actions"]] + [i["id"] for a in data["actions"] for i in a.get("initiatives", [])]
    code, out = validate(real_root)
    duplicates = [line for line in out.splitlines() if "bestaat al" in line]
    assert code == 1 and len(duplicates) == len(ids)
    assert sorted(line.split(": error")[0] for line in duplicates) == sorted({line.split(": error")[0] for line in duplicates})
    assert {f"id '{i}' bestaat al" for i in ids} == {line.split("error: ")[1].split(" (in ")[0] for line in duplicates}


def test_two_keys_missing_from_one_entry_are_two_problems(real_root: Path) -> None:
    """Problems at one place that say different things are all told (none merged away)."""
    write(real_root, "regions/limburg/actions.yaml", "- id: limburg.2024.1\n  title: Zonder datum en thema\n")
    code, out = validate(real_root)
    assert code == 1
    assert "regions/limburg/actions.yaml:1:3: error: sleutel 'date' ontbreekt" in out
    assert "regions/limburg/actions.yaml:1:3: error: sleutel 'themes' ontbreekt" in out
