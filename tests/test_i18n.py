"""The message catalogue: gettext .po files (nl, en) compiled with Babel, plurals by count."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from conftest import REPO, run, write
from ssw import i18n

PLACEHOLDER = re.compile(r"\{(\w+)[^{}]*\}")


def catalogue(lang: str):
    with i18n.catalogue_path(lang).open("rb") as fh:
        return read_po(fh)


def entries(lang: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """key -> (is a plural entry, its forms)."""
    out = {}
    for message in catalogue(lang):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = (message.string,) if isinstance(message.string, str) else tuple(message.string)
        out[key] = (not isinstance(message.id, str), forms)
    return out


def test_both_catalogues_have_the_same_keys_placeholders_and_plurals() -> None:
    nl, en = entries("nl"), entries("en")
    assert nl.keys() == en.keys()
    for key, (plural, forms) in nl.items():
        assert en[key][0] == plural, key
        assert all(forms) and all(en[key][1]), f"{key} is not translated"
        nl_names = {name for form in forms for name in PLACEHOLDER.findall(form)}
        en_names = {name for form in en[key][1] for name in PLACEHOLDER.findall(form)}
        assert nl_names == en_names, key


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    known = entries("nl").keys()
    named: set[str] = set()
    for path in sorted((REPO / "ssw").rglob("*.py")):
        for _line, _func, message, _comments in extract_from_file(
                "python", str(path), keywords={"t": (1,), "tn": (1,)}):
            key = message if isinstance(message, str) else None
            if key and re.fullmatch(r"[a-z][\w.-]*\.[\w.-]*\w", key):  # not a prefix like "cov.col."
                named.add(key)
    for path in sorted((REPO / "templates").rglob("*.j2")):
        named.update(re.findall(r"""\bt\(\s*["']([a-z][\w.-]*\.[\w.-]*\w)["']""", path.read_text("utf-8")))
    assert len(named) > 100
    assert sorted(named - known) == []


def test_plural_forms_follow_the_count(real_root: Path) -> None:
    log = "regions/antwerpen/updates/2023.yaml"
    write(real_root, log, "- date: 2023-03-01\n  target: \"4.2.2.2\"\n  status: klaar\n  note: x\n")
    one = run(["--root", str(real_root), "validate"]).output.strip().splitlines()[-1]
    assert one == "1 probleem in 1 bestand"
    assert run(["--root", str(real_root), "--lang", "en", "validate"]).output.strip().splitlines()[-1] \
        == "1 problem in 1 file"
    write(real_root, "regions/limburg/updates/2022.yaml", "- date: 2022-01-01\n  status: klaar\n")
    more = run(["--root", str(real_root), "validate"]).output.strip().splitlines()[-1]
    assert re.fullmatch(r"[3-9] problemen in 2 bestanden", more), more
    assert i18n.tn("n.files", 1, "nl") == "1 bestand" and i18n.tn("n.files", 0, "en") == "0 files"


def test_an_edited_po_is_compiled_once_into_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    po = locale / "nl" / "LC_MESSAGES" / "ssw.po"
    po.write_text(po.read_text("utf-8").replace('"tab in de inspringing"', '"een tab, vervang door spaties"'), "utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setenv("SSW_CACHE_DIR", str(tmp_path / "cache"))
    i18n._catalogue.cache_clear()
    try:
        assert i18n.t("problem.tab", "nl") == "een tab, vervang door spaties"
        assert len(list((tmp_path / "cache" / "locale").glob("nl-*.mo"))) == 1
        i18n._catalogue.cache_clear()
        monkeypatch.setattr(i18n, "compile_po", lambda po: pytest.fail("compiled twice"))
        assert i18n.t("problem.tab", "nl") == "een tab, vervang door spaties"
    finally:
        i18n._catalogue.cache_clear()


@pytest.mark.slow
def test_a_wheel_ships_compiled_catalogues_not_sources(tmp_path: Path) -> None:
    """A non-editable install: setup.py's build step compiles the .po files into the wheel."""
    build = tmp_path / "src"
    shutil.copytree(REPO, build, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "*.mo", "tests", "benchmarks", "reports", "__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(build)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("ssw-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n for n in names if "/locale/" in n) == [
        "ssw/locale/en/LC_MESSAGES/ssw.mo", "ssw/locale/nl/LC_MESSAGES/ssw.mo"]
    import gettext
    data = zipfile.ZipFile(wheel).read("ssw/locale/en/LC_MESSAGES/ssw.mo")
    assert gettext.GNUTranslations(io.BytesIO(data)).ngettext("err.problems", "err.problems", 2) == "{count} problems found"
