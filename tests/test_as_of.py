"""As-of discipline: a view as of a date shows nothing that happened after it.

Every report kind is rendered for every year of the demo data, in Markdown and HTML;
no date after the report's as-of date may appear, except on the provenance line (the
build date) and dates announced in advance (the plan's period and milestones, the
follow-up deadline a decision set), which are not events."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from conftest import REPO, run
from ssw.i18n import MONTHS

DEMO = REPO / "examples" / "demo"
MONTH = {name.lower(): i + 1 for lang in ("nl", "en") for i, name in enumerate(MONTHS[lang])}
ISO = re.compile(r"(?<![\d-])(20\d\d)-(\d\d)(?:-(\d\d))?(?![\d-])")
TEXT = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTH) + r") (20\d\d)\b", re.IGNORECASE)
def dates_in(line: str) -> list[dt.date]:
    found = [dt.date(int(y), int(m), int(d or 1)) for y, m, d in ISO.findall(line)]
    found += [dt.date(int(y), MONTH[mon.lower()], int(d or 1)) for d, mon, y in TEXT.findall(line)]
    return found


def announced() -> set[dt.date]:
    """Dates known in advance, not events: the plan's period and milestones, and the
    follow-up deadlines the stuurgroep set when it decided (shown with the decision)."""
    import yaml

    plan = yaml.safe_load((REPO / "plan" / "ssw-2020-2024" / "plan.yaml").read_text(encoding="utf-8"))
    decisions = yaml.safe_load((DEMO / "regions" / "vlaanderen" / "decisions.yaml").read_text(encoding="utf-8"))
    values = [plan["period"]["start"], plan["period"]["end"], *(m["date"] for m in plan.get("milestones", [])),
              *(d["follow_up"] for d in decisions if "follow_up" in d)]
    return {day for value in values for day in dates_in(str(value))}


@pytest.mark.parametrize("kind", ["jaaroverzicht", "tussentijds", "eindevaluatie"])
@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023, 2024])
def test_no_report_shows_what_came_after_its_as_of(kind: str, year: int) -> None:
    as_of = dt.date(year, 12, 31)  # every demo year has ended (SSW_TODAY is in 2026)
    allowed = announced()
    for fmt in ("md", "html"):
        result = run(["--root", str(DEMO), "report", "--kind", kind, "--year", str(year), "--format", fmt, "--out", "-"])
        assert result.exit_code == 0, result.output
        text = html.unescape(re.sub(r"<[^>]+>", " ", result.stdout)) if fmt == "html" else result.stdout
        for line in text.splitlines():
            if "gemaakt op" in line and "validatie" in line:
                continue  # the provenance line: the build date
            late = [d for d in dates_in(line) if d > as_of and d not in allowed]
            assert not late, f"{kind} {year} {fmt}: {late} after {as_of} in: {line.strip()[:200]}"


def test_an_own_action_is_dropped_on_its_date() -> None:
    """oost-vlaanderen.2023.1 is dropped in February 2024: a 2023 view still counts it."""
    import json

    def amendments(as_of: str) -> dict:
        result = run(["--root", str(DEMO), "agenda", "--as-of", as_of, "--format", "json"])
        assert result.exit_code == 0, result.output
        cov = run(["--root", str(DEMO), "coverage", "--year", as_of[:4], "--format", "json"])
        return json.loads(cov.stdout)["amendments"]

    assert "oost-vlaanderen.2023.1" in amendments("2023-12-31")["added_actions"]
    assert "oost-vlaanderen.2023.1" in amendments("2024-12-31")["dropped_actions"]


def test_bare_true_asks_for_the_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import copy_demo_root

    root = copy_demo_root(tmp_path)
    actions = root / "regions" / "oost-vlaanderen" / "actions.yaml"
    actions.write_text(actions.read_text(encoding="utf-8").replace("dropped: 2024-02", "dropped: true"), encoding="utf-8")
    decisions = root / "regions" / "vlaanderen" / "decisions.yaml"
    decisions.write_text(decisions.read_text(encoding="utf-8").replace("done: 2021-07-01", "done: yes"), encoding="utf-8")
    result = run(["--root", str(root), "validate"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    line_no = actions.read_text(encoding="utf-8").splitlines().index("  dropped: true") + 1
    assert any(x.startswith(f"regions/oost-vlaanderen/actions.yaml:{line_no}:12: error: 'dropped'") and "2024-03-01" in x
               for x in lines), result.stdout
    assert any(x.startswith("regions/vlaanderen/decisions.yaml:") and "'done'" in x for x in lines), result.stdout


@pytest.mark.parametrize("as_of", ["2021-06-30", "2022-10-20", "2023-12-31"])
def test_status_as_of_a_day_knows_only_the_own_actions_added_by_then(as_of: str) -> None:
    """An own action added later did not exist yet: `status --as-of` neither counts nor lists it."""
    import yaml

    day = dt.date.fromisoformat(as_of)
    by_hand: dict[str, int] = {}
    for path in sorted((DEMO / "regions").glob("*/actions.yaml")):
        for action in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if dates_in(str(action["date"]))[0] <= day:
                by_hand[path.parent.name] = by_hand.get(path.parent.name, 0) + 1
    result = run(["--root", str(DEMO), "status", "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    shown = {r["id"]: len(r["own_actions"]) for r in json.loads(result.stdout)["regions"] if r["own_actions"]}
    assert shown == by_hand
