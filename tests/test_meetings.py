"""The yearly account as recorded fact: meetings.yaml, its validation, the three codes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run, write

MEETINGS = "regions/vlaanderen/meetings.yaml"


def validate(root: Path, *args: str) -> tuple[int, str]:
    result = run(["validate", "--root", str(root), *args])
    return result.exit_code, result.stdout


def test_real_meetings_file_validates(real_root: Path) -> None:
    write(real_root, MEETINGS, """
    - id: stuurgroep.2023-03
      date: 2023-03-14
      body: stuurgroep
      overviews:
        - year: 2022
          presented: [antwerpen, brussel]
      minutes: https://example.org/verslag.pdf
    """)
    code, out = validate(real_root)
    assert code == 0, out
    data = json.loads(run(["status", "--root", str(real_root), "--format", "json"]).stdout)["obligations"]
    cells = {p["id"]: p["years"]["2022"]["state"] for p in data["platforms"]}
    assert cells == {"antwerpen": "reported", "brussel": "reported", "limburg": "missing", "oost-vlaanderen": "missing",
                     "vlaams-brabant": "missing", "west-vlaanderen": "missing"}
    assert {p["years"]["2021"]["state"] for p in data["platforms"]} == {"no-data"}


def test_meeting_problems_point_at_their_line(real_root: Path) -> None:
    write(real_root, MEETINGS, """
    - id: stuurgroep.2023-03
      date: 2023-03-14
      body: stuurgroup
      overviews:
        - year: 2024
          presented: [antwerpen, gent, antwerpen]
    - id: stuurgroep.2023-05
      date: 2023-05-02
      body: stuurgroep
      verslag: x
    - id: stuurgroep.2023-03
      date: 2023-06-02
      body: stuurgroep
    """)
    write(real_root, "regions/vlaanderen/decisions.yaml", """
    - id: besluit.2023.1
      date: 2023-03-14
      text: Iets.
      meeting: stuurgroep.2023-04
    """)
    code, out = validate(real_root)
    assert code == 1
    lines = out.splitlines()

    def at(where: str, gist: str, path: str = MEETINGS) -> None:
        assert any(line.startswith(f"{path}:{where}: error: ") and gist in line for line in lines), (where, out)

    at("3:9", "stuurgroup")  # unknown body, with the close match
    at("5:13", "2024")  # an overview of a year after the meeting
    at("6:30", "gent")  # not a regional platform
    at("6:36", "antwerpen")  # presented twice
    at("10:3", "verslag")  # unknown key
    at("11:7", "stuurgroep.2023-03")  # duplicate id
    at("4:12", "stuurgroep.2023-04", "regions/vlaanderen/decisions.yaml")  # the decision's meeting does not exist
    assert "Traceback" not in out


def test_demo_meetings_give_all_three_codes() -> None:
    data = json.loads(run(["--root", str(REPO / "examples" / "demo"), "status", "--format", "json"]).stdout)
    states = {c["state"] for p in data["obligations"]["platforms"] for c in p["years"].values()}
    assert states == {"reported", "missing", "no-data"}
    english = json.loads(run(["--root", str(REPO / "examples" / "demo"), "status", "--format", "json", "--lang", "en"]).stdout)
    assert english["obligations"] == data["obligations"]


def test_no_update_count_rule_is_left() -> None:
    """The plan has no "3 updates a year" rule: nothing says so any more."""
    for path in [REPO / "README.md", REPO / "docs" / "insight.md", *(REPO / "ssw").rglob("*.py"),
                 *(REPO / "templates").rglob("*.j2")]:
        text = path.read_text(encoding="utf-8")
        assert "min_updates" not in text and "≥ 3 updates" not in text and "3 or more updates" not in text, path
