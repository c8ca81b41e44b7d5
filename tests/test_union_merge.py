"""Git's union merge of two branches that each recorded an update: whatever the two
updates share, the merged log either holds both whole or fails `validate`. Never one
valid entry standing for two (docs/data-format.md: unique first line, note last)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_record_git import LOG, TODAY, git, home, isolate_git, log_entries, make_repo, repo, ssw  # noqa: F401  (fixtures home, repo)

from conftest import copy_real_root, run, write

BASE = ("--status", "lopend", "--date", "2023-03-14", "--note", "Overleg met het OCMW")

# Each pair differs in one field only (or in none): the ways a union merge used to fuse.
PAIRS = {
    "link": (("--link", "https://example.org/a"), ("--link", "https://example.org/b")),
    "link-or-none": (("--link", "https://example.org/a"), ()),
    "two-links": (("--link", "https://example.org/a", "--link", "https://example.org/b"), ("--link", "https://example.org/a")),
    "author": (("--author", "Voorzitter A"), ("--author", "Voorzitter B")),
    "author-or-none": (("--author", "Voorzitter A"), ()),
    "status": (("--status", "gerealiseerd"), ()),
    "date": (("--date", "2023-03-15"), ()),
    "note": (("--note", "Ander overleg"), ()),
    "identical": ((), ()),
}


def _options(extra: tuple[str, ...]) -> list[str]:
    options = dict(zip(BASE[::2], BASE[1::2], strict=True))
    rest: list[str] = []
    for key, value in zip(extra[::2], extra[1::2], strict=True):
        if key in options:
            options[key] = value
        else:
            rest += [key, value]
    return [part for pair in options.items() for part in pair] + rest


def _record_on(repo_: object, branch: str, extra: tuple[str, ...]) -> None:
    git(repo_, "checkout", "-q", "-b", branch, "main")
    done = ssw(repo_, "record", "4.2.2.2", "--region", "antwerpen", *_options(extra), "--commit")
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def before_merge(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Per pair, the repository just before the merge: the real data in git, a first update
    recorded and committed on main, then one branch per side of the pair, each with its
    update recorded and committed. Made once per pair; each test merges its own copy."""
    base = tmp_path_factory.mktemp("union")
    with pytest.MonkeyPatch.context() as mp:
        isolate_git(mp, base / "home")
        seeded = make_repo(base / "seeded")
        seed = ssw(seeded, "record", "4.2.2.2", "--region", "antwerpen", "--status", "gepland", "--date", "2023-01",
                   "--note", "Start", "--commit")
        assert seed.returncode == 0, seed.stderr
    made: dict[str, Path] = {}

    def repository(pair: str) -> Path:
        if pair not in made:
            with pytest.MonkeyPatch.context() as mp:
                isolate_git(mp, base / f"home-{pair}")
                branched = shutil.copytree(seeded, base / pair, symlinks=True)
                left, right = PAIRS[pair]
                _record_on(branched, "links", left)
                _record_on(branched, "rechts", right)
            made[pair] = branched
        return made[pair]

    return repository


@pytest.mark.parametrize("into", ["links", "rechts"])
@pytest.mark.parametrize("pair", list(PAIRS))
def test_union_merge_keeps_both_updates_or_fails_validate(before_merge: Callable[[str], Path], home: Path,
                                                          tmp_path: Path, pair: str, into: str) -> None:
    repo = shutil.copytree(before_merge(pair), tmp_path / "repo", symlinks=True)
    left, right = PAIRS[pair]
    other = "rechts" if into == "links" else "links"
    git(repo, "checkout", "-q", into)
    merged = subprocess.run(["git", "merge", "--no-edit", other], cwd=repo, capture_output=True, text=True, check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr  # merge=union: never a conflict
    result = run(["validate", "--root", str(repo)], env={"SSW_TODAY": TODAY})
    if result.exit_code == 0:  # valid: then both recorded updates are there, whole
        got = log_entries(repo / LOG)
        assert len(got) == 3, got
        expected = [dict(zip(_options(side)[::2], _options(side)[1::2], strict=False)) for side in (left, right)]
        for want in expected:
            assert any(e["note"] == want["--note"] and str(e["date"]) == want["--date"]
                       and e["status"] == want["--status"] for e in got[1:]), (want, got)
        links = sorted(link for e in got[1:] for link in e.get("links", []))
        assert links == sorted(v for side in (left, right) for k, v in zip(side[::2], side[1::2], strict=True)
                               if k == "--link")
        authors = sorted(e["author"] for e in got[1:] if "author" in e)
        assert authors == sorted(v for side in (left, right) for k, v in zip(side[::2], side[1::2], strict=True)
                                 if k == "--author")
    else:
        assert result.exit_code == 1 and f"{LOG}:" in result.output, result.output


def test_recorded_updates_start_with_a_unique_id(repo: object) -> None:
    for _ in range(2):
        done = ssw(repo, "record", "4.2.2.2", "--region", "antwerpen", *BASE)
        assert done.returncode == 0, done.stderr
    text = (repo / LOG).read_text(encoding="utf-8")
    firsts = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(firsts) == 2 and firsts[0] != firsts[1] and all(f.startswith("- id: 2023-03-14.") for f in firsts)


def test_a_duplicate_update_id_is_reported_at_the_second(repo: object) -> None:
    entry = '- id: 2023-03-14.abc\n  date: 2023-03-14\n  target: "4.2.2.2"\n  status: lopend\n  note: x\n'
    path = repo / LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(entry + entry.replace("note: x", "note: y"), encoding="utf-8")
    result = run(["validate", "--root", str(repo), "--lang", "en"], env={"SSW_TODAY": TODAY})
    assert result.exit_code == 1
    assert f"{LOG}:6:7: error: update id '2023-03-14.abc' already used (in {LOG}:1)" in result.output


def test_an_update_with_an_id_keeps_the_shape_the_merge_rests_on(tmp_path: Path) -> None:
    """id first and note last, for every update that has an id (older hand-typed updates
    without one are read as they are)."""
    root = copy_real_root(tmp_path / "root")
    write(root, "regions/antwerpen/updates/2023.yaml", """
        - date: 2023-01-02
          note: zonder id mag dit
          target: "4.2.2.2"
          status: lopend
        - date: 2023-01-04
          id: 2023-01-04.abcdef
          target: "4.2.2.2"
          status: lopend
          note: id niet eerst
        - id: 2023-01-05.abcdef
          date: 2023-01-05
          target: "4.2.2.2"
          note: note niet laatst
          status: lopend
        """)
    result = run(["validate", "--root", str(root)])
    assert result.exit_code == 1
    log = "regions/antwerpen/updates/2023.yaml"
    assert f"{log}:6:7: error: id is niet de eerste sleutel van deze update" in result.stdout
    assert f"{log}:13:9: error: note is niet de laatste sleutel van deze update" in result.stdout
    assert ":2:" not in result.stdout and "2 problemen in 1 bestand" in result.stdout
