"""The README's example of `ssw status` is what the command prints today; its code layout
names every module and package of `ssw/`, and nothing that is not there."""

from __future__ import annotations

import re

from conftest import REPO, run

START, END = "<!-- status-example:start -->", "<!-- status-example:end -->"


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text[text.index(START) + len(START) : text.index(END)]
    match = re.search(r"```text\n(.*?)```", block, re.S)
    assert match, "README has no ```text block between the status-example markers"
    return match.group(1)


def test_readme_status_example_matches_the_command() -> None:
    result = run(["--root", str(REPO / "examples" / "demo"), "status"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert readme_example() == result.stdout, "README example is stale: run `python tests/test_readme.py`"


def test_readme_code_layout_matches_the_package() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Code layout", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `ssw/([^`/]+/?)` \|", section, re.M)
    present = [p.name + ("/" if p.is_dir() else "") for p in (REPO / "ssw").iterdir()
               if p.name != "__pycache__" and (p.is_dir() or p.suffix == ".py")]
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert sorted(listed) == sorted(present)


if __name__ == "__main__":  # rewrite the README block from the command's output
    out = run(["--root", str(REPO / "examples" / "demo"), "status"], env={"COLUMNS": "80"}).stdout
    path = REPO / "README.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n```text\n{out}```\n{END}{tail}", encoding="utf-8")
