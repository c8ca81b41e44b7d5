"""Input that used to be accepted as something it is not, or that ended in an internal
error: numbers YAML 1.1 reads in surprising ways, ids given twice, dates and option
values outside what a calendar or a file can hold. Each is now a message with a place."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run

LOG = "regions/antwerpen/updates/2023.yaml"
PLAN = "plan/ssw-2020-2024/plan.yaml"
SAM = "plan/sam-2021-2025/plan.yaml"


def _update(date: str = "2023-03-14", status: str = "lopend", extra: str = "") -> str:
    return f'- date: {date}\n  target: "4.2.2.2"\n  status: {status}\n{extra}  note: x\n'


def _put(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _validate(root: Path) -> str:
    result = run(["--root", str(root), "validate", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    return result.output


# -- numbers YAML 1.1 reads as 2023 -------------------------------------------------------

@pytest.mark.parametrize("written", ["33:43", "0x7e7", "03747", "2_023", "+2023", "0o3747", "0b11111100111",
                                     "1:33:43", "2_0_2_3"])
def test_odd_number_forms_are_not_a_year(real_root: Path, written: str) -> None:
    _put(real_root, LOG, _update(date=written))
    out = _validate(real_root)
    assert f"{LOG}:1:9: error: '{written}' is not a date" in out


@pytest.mark.parametrize("written", ["0x7e7", "+2023", "33:43"])
def test_odd_number_forms_are_not_a_focus_year(real_root: Path, written: str) -> None:
    path = real_root / "regions/antwerpen/platform.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\nfocus:\n  - year: {written}\n    themes: [\"4.2\"]\n", encoding="utf-8")
    out = _validate(real_root)
    assert "regions/antwerpen/platform.yaml:" in out and "year" in out


def test_plain_numbers_and_ids_still_read(real_root: Path) -> None:
    _put(real_root, LOG, _update(date="2023"))
    assert run(["--root", str(real_root), "validate"]).exit_code == 0


@pytest.mark.parametrize("date", ["0000-01-01", "0001-05-01", "1066", "9999-12-31"])
def test_years_outside_the_calendar_are_reported(real_root: Path, date: str) -> None:
    _put(real_root, LOG, _update(date=date))
    out = _validate(real_root)
    assert f"{LOG}:1:9: error: '{date}': year " in out and "outside 1900-2999" in out


# -- ids given twice ----------------------------------------------------------------------

class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)


def _line_at(root: Path, out: str, rel: str) -> str:
    m = re.search(re.escape(rel) + r":(\d+):(\d+): error: ", out)
    assert m, out
    return (root / rel).read_text(encoding="utf-8").splitlines()[int(m.group(1)) - 1]


@pytest.mark.parametrize(("rel", "field"), [(PLAN, "krachtlijnen"), (PLAN, "milestones"), (PLAN, "speerpunten"),
                                            (PLAN, "impactdomeinen"), (SAM, "goals"), (SAM, "actions"),
                                            (SAM, "contributions")])
def test_duplicate_ids_in_a_plan_are_reported_at_the_second(real_root: Path, rel: str, field: str) -> None:
    path = real_root / rel
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text, dates included
    if not data.get(field):
        pytest.skip(f"{rel} has no {field}")
    copy = dict(data[field][-1])
    copy["title"] = "Tweede met hetzelfde id"
    data[field].append(copy)
    path.write_text(_dump(data), encoding="utf-8")
    out = _validate(real_root)
    assert f"'{copy['id']}'" in out and "already" in out
    line = _line_at(real_root, out, rel)
    assert copy["id"] in line and "id:" in line  # the second one's own line
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines.index(line) > lines.index(next(x for x in lines if x == line)) or lines.count(line) == 2


def test_a_goal_and_an_action_cannot_share_an_id(real_root: Path) -> None:
    path = real_root / SAM
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["actions"][0]["id"] = data["goals"][0]["id"]
    path.write_text(_dump(data), encoding="utf-8")
    out = _validate(real_root)
    assert f"'{data['goals'][0]['id']}'" in out


def test_duplicate_own_action_ids_keep_the_first_and_report_the_second(demo_root: Path) -> None:
    path = demo_root / "regions/antwerpen/actions.yaml"
    text = path.read_text(encoding="utf-8")
    first_id = re.search(r"^- id: (\S+)", text, re.M).group(1)
    path.write_text(text + f"- id: {first_id}\n  date: 2023-04\n  title: Tweede\n  themes: [\"4.2\"]\n", encoding="utf-8")
    out = _validate(demo_root)
    line_no = len(text.splitlines()) + 1
    assert f"regions/antwerpen/actions.yaml:{line_no}:7: error: id '{first_id}' " in out


def test_duplicate_own_action_ids_across_platforms(demo_root: Path) -> None:
    text = (demo_root / "regions/antwerpen/actions.yaml").read_text(encoding="utf-8")
    first_id = re.search(r"^- id: (\S+)", text, re.M).group(1)
    _put(demo_root, "regions/limburg/actions.yaml", f"- id: {first_id}\n  date: 2023-04\n  title: X\n  themes: [\"4.2\"]\n")
    out = _validate(demo_root)
    assert f"regions/limburg/actions.yaml:1:7: error: id '{first_id}'" in out


def test_duplicate_focus_years_are_reported_at_the_second(demo_root: Path) -> None:
    path = demo_root / "regions/antwerpen/platform.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    year = re.search(r"- year: (\d{4})", text).group(1)
    path.write_text(text + f"\n  - year: {year}\n    themes: [\"4.9\"]\n", encoding="utf-8")
    out = _validate(demo_root)
    line_no = len(text.splitlines()) + 1
    assert f"regions/antwerpen/platform.yaml:{line_no}:11: error: focus year {year} is already listed" in out


# -- keys and values YAML would read as something else --------------------------------------

@pytest.mark.parametrize("key", ["null", "true", "~", "yes", "12", "4.10"])
def test_odd_keys_are_reported_as_typed_where_they_stand(real_root: Path, key: str) -> None:
    _put(real_root, LOG, _update(extra=f"  {key}: x\n"))
    out = _validate(real_root)
    assert f"{LOG}:4:3: error: unknown key '{key}'" in out


@pytest.mark.parametrize("value", ["=", "<<"])
def test_yaml_value_and_merge_indicators_are_plain_values(real_root: Path, value: str) -> None:
    _put(real_root, LOG, _update(status=value))
    out = _validate(real_root)
    assert f"{LOG}:3:11: error: invalid value '{value}' for 'status'" in out and "unsafe" not in out


def test_merge_key_does_not_merge(real_root: Path) -> None:
    _put(real_root, LOG, _update(extra='  <<: {author: "x"}\n'))
    out = _validate(real_root)
    assert f"{LOG}:4:3: error: unknown key '<<'" in out


# -- internal errors become messages ------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["status", "--as-of", "0001-01-01"], ["status", "--as-of", "0000-01-01"], ["regions", "--as-of", "0001-01-01"],
    ["agenda", "--as-of", "0001-12-31"], ["coverage", "--as-of", "0001-01-01"], ["show", "4.2.2.2", "--as-of", "0002-01-01"],
    ["report", "--as-of", "0001-01-01", "--out", "-"], ["status", "--as-of", "9999-12-31"],
])
def test_dates_outside_the_calendar_are_usage_errors(demo_root: Path, args: list[str]) -> None:
    result = run(["--root", str(demo_root), *args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output


SURROGATE = "x\udcff"  # what Python makes of the byte 0xff in a command-line argument


@pytest.mark.parametrize("args", [
    ["status", "--status", SURROGATE], ["status", "--krachtlijn", SURROGATE], ["status", "--speerpunt", SURROGATE],
    ["status", "--region", SURROGATE], ["status", "--partner", SURROGATE], ["status", "--theme", SURROGATE],
    ["status", f"--status={SURROGATE}"], ["show", SURROGATE], ["agenda", "--plan", SURROGATE],
    ["record", "4.2.2.2", "--region", "antwerpen", "--status", SURROGATE, "--note", "x", "--date", "2023-03"],
    ["record", SURROGATE, "--region", "antwerpen", "--status", "lopend", "--note", "x", "--date", "2023-03"],
    ["add-action", "--region", "antwerpen", "--title", "x", "--theme", SURROGATE, "--date", "2023-03"],
    ["report", "--templates", SURROGATE], ["--root", SURROGATE, "status"],
])
def test_non_utf8_option_values_are_usage_errors(demo_root: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in (demo_root / "regions").rglob("*.yaml")}
    result = run(["--root", str(demo_root), *args, "--lang", "en"] if args[0] != "--root" else [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "not valid UTF-8" in result.output and "internal error" not in result.output
    assert {p: p.read_bytes() for p in (demo_root / "regions").rglob("*.yaml")} == before


def test_an_empty_plans_folder_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "regions").mkdir()
    for args in (["status"], ["regions"], ["agenda"], ["coverage"], ["report", "--out", "-"], ["show", "4.2"]):
        result = run(["--root", str(tmp_path), *args, "--lang", "en"])
        assert result.exit_code in (1, 2) and "internal error" not in result.output, (args, result.output)
        assert result.output.strip()


@pytest.mark.parametrize("config", ['plan = ""', 'plan = "  "', 'plan = []', 'plan = ["../plan", ""]',
                                   "stale_months = 100000000", "stale_months = 0", "stale_months = -3",
                                   'stale_months = "6"', "stale_months = 6.5", "stale_months = true"])
def test_bad_config_values_are_messages(demo_root: Path, config: str) -> None:
    path = demo_root / "ssw.toml"
    text = path.read_text(encoding="utf-8")
    key = config.split(" =")[0]
    kept = [line for line in text.splitlines() if not line.startswith(key)]
    path.write_text("\n".join([*kept, config]) + "\n", encoding="utf-8")
    for args in (["status"], ["validate"], ["agenda"]):
        result = run(["--root", str(demo_root), *args, "--lang", "en"])
        assert result.exit_code == 1 and "ssw.toml" in result.output, (args, result.output)
        assert "internal error" not in result.output
        assert f"ssw.toml:{len(kept) + 1}:1: invalid value for {key}; write e.g. {key} = " in result.output


@pytest.mark.parametrize(("config", "said"), [
    ("stale_months = 6\nplan = [\n", ":2:9: ongeldige configuratie: dit is geen geldige TOML"),
    ("stale_months = 6\nstale_months = 7\n", ":2:17: ongeldige configuratie: dit is geen geldige TOML"),
    ("# de plannen\nplannen = \"plan\"\n", ":2:1: onbekende instelling 'plannen' (geldig: plan, stale_months)"),
    ("[plan]\nmap = \"x\"\n", ":1:1: ongeldige waarde voor plan; schrijf bv. plan = \"../plan\""),
])
def test_a_broken_config_is_pointed_at_in_dutch(demo_root: Path, config: str, said: str) -> None:
    (demo_root / "ssw.toml").write_text(config, encoding="utf-8")
    result = run(["--root", str(demo_root), "status"])
    assert result.exit_code == 1 and f"ssw.toml{said}" in result.output, result.output


def test_status_theme_refuses_an_unknown_theme_like_other_filters(demo_root: Path) -> None:
    for value in ("9.99", "4.2.1", "x"):
        result = run(["--root", str(demo_root), "status", "--theme", value, "--lang", "en"])
        assert result.exit_code == 2 and "4.1, 4.2" in result.output and "4.11" in result.output
    assert run(["--root", str(demo_root), "status", "--theme", "4.10"]).exit_code == 0


def test_a_reader_that_stops_early_gets_no_internal_error(real_root: Path) -> None:
    """`ssw validate | head -1` on a tree with pages of problems: the pipe breaks under ssw,
    which stops quietly instead of reporting an internal error."""
    log = real_root / "regions" / "antwerpen" / "updates" / "2023.yaml"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("".join(f'- date: 2023-01-{1 + n % 28:02d}\n  target: "4.2.1.2"\n  status: lopend\n  typo{n}: x\n'
                           for n in range(2000)), encoding="utf-8")
    env = {**os.environ, "SSW_TODAY": "2026-11-23", "SSW_LANG": "", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "ssw", "--root", str(real_root), "validate"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert b"2023.yaml" in first
    assert "interne fout" not in err and "Traceback" not in err and "Exception" not in err, err


@pytest.mark.parametrize("value", ["morgen", "2024-13-01", "31-12-2024"])
def test_an_ssw_today_that_is_no_date_is_said_not_ignored(value: str) -> None:
    result = run(["status", "--root", str(REPO)], env={"SSW_TODAY": value})
    assert result.exit_code == 2
    assert f"SSW_TODAY={value} is geen datum: schrijf JJJJ-MM-DD" in result.output
