"""`ssw validate --format github|gitlab`: the problems a chair sees on the forge are the
problems `validate` finds, placed on the right file of the repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, run

LOG = "regions/antwerpen/updates/2023.yaml"
ACTIONS = "regions/limburg/actions.yaml"
THEME = "plan/ssw-2020-2024/themes/4.1.yaml"  # beside the demo root, not under it

Key = tuple[str, int, int, str]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def broken_demo(demo_root: Path) -> Path:
    """The demo root (in `<repo>/examples/demo`) with several problems in two of its files
    and one in the plan it reuses from the repository's top (whose references then fail too)."""
    append(demo_root / LOG, '- date: 2023-02-30\n  target: "4.2.2.2"\n  status: lopend\n  note: x\n'
                            '- date: 2023-03-01\n  target: "4.2.2.9"\n  status: lopend\n  note: x\n'
                            '- date: 2023-03-02\n  target: "4.2.2.2"\n  stauts: lopend\n  note: x\n')
    append(demo_root / ACTIONS, '- id: limburg.2024.9\n  title: Zonder thema\n  krachtlijn: nergens\n')
    theme = demo_root.parents[1] / THEME
    theme.write_text(theme.read_text(encoding="utf-8").replace("challenge:", "challange:", 1), encoding="utf-8")
    return demo_root


def validate(root: Path, fmt: str, lang: str = "nl") -> tuple[int, str]:
    result = run(["--root", str(root), "validate", "--format", fmt, "--lang", lang])
    return result.exit_code, result.stdout


def top_path(root: Path, rel: str) -> str:
    """A root-relative path as the forge sees it: relative to the repository's top."""
    top = root.parents[1]
    return Path(os.path.relpath(os.path.normpath(root / rel), top)).as_posix()


# -- the documented grammar of a GitHub workflow command ------------------------------------

COMMAND = re.compile(r"^::(?P<command>[a-z]+) (?P<props>[^:]*)::(?P<data>.*)$")


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], text)


def parse_github(out: str) -> list[dict[str, str]]:
    """Every `::error …` line, its properties and message unescaped. Properties may not hold
    a raw `:` or `,` and no line may hold a raw `\\r`: the split below would then go wrong."""
    parsed = []
    for line in out.split("\n"):
        if not line.startswith("::"):
            continue
        match = COMMAND.match(line)
        assert match, line
        assert "\r" not in line
        props = dict(pair.split("=", 1) for pair in match["props"].split(","))
        parsed.append({"command": match["command"], **{k: unescape(v) for k, v in props.items()},
                       "message": unescape(match["data"])})
    return parsed


def text_keys(root: Path, out: str) -> set[Key]:
    keys = set()
    for line in out.splitlines():
        match = re.match(r"^(.+?):(\d+):(\d+): error: ", line)
        if match:
            message_code = None  # the text format names no code: matched by position below
            keys.add((top_path(root, match[1]), int(match[2]), int(match[3]), message_code))
    return keys


def json_problems(root: Path, lang: str = "nl") -> list[dict]:
    code, out = validate(root, "json", lang)
    return json.loads(out)["problems"]


def test_every_format_lists_the_same_problems(broken_demo: Path) -> None:
    problems = json_problems(broken_demo)
    # a list, not a set: two problems at one place (two keys missing from one entry) are two
    expected = sorted((top_path(broken_demo, p["path"]), p["line"], p["column"], p["code"]) for p in problems)
    paths = {path for path, *_ in expected}
    assert {f"examples/demo/{LOG}", f"examples/demo/{ACTIONS}", THEME} <= paths, paths
    assert len([key for key in expected if key[0] == f"examples/demo/{LOG}"]) >= 3, expected

    code, out = validate(broken_demo, "github")
    assert code == 1
    github = parse_github(out)
    assert sorted((a["file"], int(a["line"]), int(a["col"]), a["title"]) for a in github) == expected
    assert len(github) == len(problems) and {a["command"] for a in github} == {"error"}

    code, out = validate(broken_demo, "gitlab")
    assert code == 1
    gitlab = json.loads(out)
    assert sorted((i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in gitlab) \
        == sorted((path, line, code_) for path, line, _, code_ in expected)

    code, out = validate(broken_demo, "text")
    assert code == 1
    assert text_keys(broken_demo, out) == {(path, line, col, None) for path, line, col, _ in expected}
    assert len([line for line in out.splitlines() if ": error: " in line]) == len(expected)


def test_clean_demo_root_gives_nothing_to_annotate(demo_root: Path) -> None:
    code, out = validate(demo_root, "github")
    assert code == 0 and parse_github(out) == [] and "geen problemen" in out
    code, out = validate(demo_root, "gitlab")
    assert code == 0 and json.loads(out) == []


def test_github_lines_follow_the_documented_escaping(demo_root: Path) -> None:
    """`%`, CR and LF escaped in the message; also `:` and `,` in the properties (a file
    name holding them); message and hint in the chosen language."""
    weird = "regions/antwerpen/updates/2023,a:b.yaml"  # not a log's name: reported by its name
    (demo_root / weird).write_text("# a copy\n", encoding="utf-8")
    with (demo_root / "regions/antwerpen/updates/2023.yaml").open("a", encoding="utf-8") as log:
        log.write('- date: 2023-03-14\n  target: "4.2.2.2"\n  status: "kl\\r\\naar 100%, echt: ja"\n  note: x\n')
    for lang in ("nl", "en"):
        problems = json_problems(demo_root, lang)
        code, out = validate(demo_root, "github", lang)
        assert code == 1
        github = parse_github(out)
        assert len(github) == len(problems) >= 1
        by_place = {(a["file"], int(a["line"]), int(a["col"])): a for a in github}
        for p in problems:
            annotation = by_place[(top_path(demo_root, p["path"]), p["line"], p["column"])]
            assert annotation["title"] == p["code"]
            assert annotation["message"] == f"{p['message']} ({p['hint']})" if p["hint"] else p["message"]
        assert any("\r\n" in a["message"] and "100%" in a["message"] for a in github), github
        assert any(a["file"] == f"examples/demo/{weird}" for a in github), github
    assert "ongeldige waarde" in validate(demo_root, "github", "nl")[1]
    assert "invalid value" in validate(demo_root, "github", "en")[1]


# The Code Quality format as GitLab documents it (the fields it requires).
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^(/|\\.\\./)"}},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def test_gitlab_report_is_valid_and_its_fingerprints_unique_and_stable(broken_demo: Path) -> None:
    # Two problems of the same kind in the same file, with the same values: still two fingerprints.
    append(broken_demo / LOG, '- date: 2023-03-03\n  target: "4.2.2.2"\n  stauts: lopend\n  note: x\n')
    first = json.loads(validate(broken_demo, "gitlab")[1])
    jsonschema.validate(first, CODE_QUALITY)
    fingerprints = [i["fingerprint"] for i in first]
    assert len(fingerprints) == len(set(fingerprints)) == len(json_problems(broken_demo))
    second = json.loads(validate(broken_demo, "gitlab")[1])
    assert [i["fingerprint"] for i in second] == fingerprints
    english = json.loads(validate(broken_demo, "gitlab", "en")[1])
    assert [i["fingerprint"] for i in english] == fingerprints
    assert english[0]["description"] != first[0]["description"]


def test_outside_a_repository_paths_are_relative_to_the_root(real_root: Path) -> None:
    append(real_root / "regions/antwerpen/platform.yaml", "stauts: x\n")
    annotations = parse_github(validate(real_root, "github")[1])
    assert [a["file"] for a in annotations] == ["regions/antwerpen/platform.yaml"]


# -- the example CI of both forges ----------------------------------------------------------

CI = REPO / "examples" / "ci"


@pytest.mark.parametrize("file,schema", [("github-actions.yml", "vendor.github-workflows"),
                                         (".gitlab-ci.yml", "vendor.gitlab-ci")])
def test_example_ci_passes_the_forges_published_schema(file: str, schema: str) -> None:
    """check-jsonschema ships the schemas of SchemaStore: no network needed."""
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(CI / file)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_example_ci_reports_problems_in_the_forges_format() -> None:
    github = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in github["jobs"].values() for step in job["steps"]]
    assert any("ssw validate --format github" in r for r in runs), runs
    gitlab = yaml.safe_load((CI / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = [job for job in gitlab.values() if isinstance(job, dict) and "script" in job]
    validate_job = next(job for job in jobs if any("ssw validate --format gitlab" in s for s in job["script"]))
    report = validate_job["artifacts"]["reports"]["codequality"]
    assert any(f"> {report}" in s for s in validate_job["script"])
    assert validate_job["artifacts"]["when"] == "always"  # the report matters most when the job fails


def test_merge_request_template_asks_the_three_questions() -> None:
    """Chapter 5 of the action plan: the chairs' yearly overview answers these, in its words."""
    text = (CI / "merge_request_template.md").read_text(encoding="utf-8")
    for question in ("Welke acties zijn er ondernomen?", "Wat is de stand van zaken?",
                     "Op welke thema(s) wordt momenteel ingezoomd?"):
        assert question in text
