"""The one message catalogue: every user-facing sentence, in Dutch and English.

THE MESSAGES ARE NO LONGER IN THIS FILE. They live in two gettext catalogues:

    ssw/locale/nl/LC_MESSAGES/ssw.po    Dutch, the default (and the list of keys)
    ssw/locale/en/LC_MESSAGES/ssw.po    English (--lang en)

A msgid is the symbolic key the code uses (`problem.tab`, `out.valid`, ...), a msgstr the
sentence, with `{name}` placeholders filled by `t(key, lang, name=...)`. Keys are stable;
machine-readable output (codes, JSON keys, enum values) never goes through here, so it is
the same in every language.

Add a message: append an entry to BOTH files (same msgid, same placeholders; a test checks)
and call `t("your.key", lang, ...)`:

    msgid "out.thing-done"
    msgstr "{thing} is klaar"

A message with a count gets plural forms (nl and en both have two: n == 1 and the rest); `t()`
picks the form from the `count` parameter, `tn(key, n, lang)` from `n`:

    msgid "n.files"
    msgid_plural "n.files"
    msgstr[0] "{count} bestand"
    msgstr[1] "{count} bestanden"

Help texts of commands and options: pass the key to `ssw.cli.h()`; the words are put in
when the language of the run is known. The CLI framework's own words (usage line, headings,
usage errors, metavars) are the `cli.*` and `metavar.*` entries (see ssw/cli/framework.py).

Several counts in one sentence: give each its own `n.*` noun (`n.files`, `n.items`, ...)
and pass the results as parameters (see `out.valid`).

Translate, extract, update and compile with Babel (`pip install -e '.[test]'` brings it).
Dutch is the source language and the keys are symbolic (many are built at run time, like
`problem.<code>`), so the template is made from the Dutch catalogue, not from the code:

    pybabel extract -F babel.cfg -k t -k tn -o /tmp/ssw-code.pot .  # keys the code names literally
    python -m ssw.i18n template                            # ssw/locale/ssw.pot from nl
    pybabel update -i ssw/locale/ssw.pot -d ssw/locale -D ssw -l en --no-fuzzy-matching --no-wrap
    pybabel compile -d ssw/locale -D ssw --statistics       # optional, see below

`pybabel update` adds new keys to en with an empty msgstr, to be translated. The `.mo` files
are never committed: a regular install compiles them (setup.py's build step), and when a
`.po` is newer than its `.mo` (a source checkout, an editable install, a fresh edit) ssw
compiles it once into its cache folder (`SSW_CACHE_DIR`, else `$XDG_CACHE_HOME/ssw`, else
`~/.cache/ssw`; see `ssw.cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import io
import struct
import sys
from pathlib import Path
from typing import Any

from ssw.cache import cache_dir

LANGUAGES = ("nl", "en")  # the first is the default
DOMAIN = "ssw"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


#: A message in every compiled catalogue: the SHA-256 of the `.po` it was compiled from.
DIGEST_KEY = "ssw.source-digest"


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of one `.po` catalogue (Babel, imported only when needed).

    setup.py's build step does the same (it cannot import ssw)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = po.read_bytes()
    catalog = read_po(io.BytesIO(source))
    catalog.add(DIGEST_KEY, hashlib.sha256(source).hexdigest())
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _parse_mo(data: bytes) -> dict[Any, str]:
    """msgid -> msgstr, and (msgid, form) -> msgstr for plural entries."""
    translations = gettext.GNUTranslations(io.BytesIO(data))
    return dict(translations._catalog)  # type: ignore[attr-defined]  # the parsed .mo


@functools.cache
def _catalogue(lang: str) -> dict[Any, str]:
    po, mo = catalogue_path(lang), catalogue_path(lang, ".mo")
    if not po.exists():  # an installed wheel: only the compiled catalogue ships
        return _parse_mo(mo.read_bytes())
    digest = hashlib.sha256(po.read_bytes()).hexdigest()
    cached = cache_dir() / "locale" / f"{lang}-{digest[:16]}.mo"
    for candidate in (mo, cached):  # built beside the .po (editable install), or cached
        try:
            catalogue = _parse_mo(candidate.read_bytes())
        except (OSError, UnicodeError, struct.error):  # absent, or not a .mo
            continue
        if catalogue.get(DIGEST_KEY) == digest:
            return catalogue
    from ssw.atomic import write_atomic

    data = compile_po(po)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, data)
    except OSError:
        pass  # a read-only cache: compile again next time
    return _parse_mo(data)


def _template(key: str, lang: str, count: Any = None) -> str | None:
    catalogue = _catalogue("en" if lang == "en" else "nl")
    if key in catalogue:
        return catalogue[key]
    if (key, 0) in catalogue:
        form = 0 if count == 1 else 1  # nl and en: "nplurals=2; plural=(n != 1)"
        return catalogue.get((key, form))
    return None


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def has(key: str, lang: str = "nl") -> bool:
    return _template(key, lang, 2) is not None


def t(key: str, lang: str = "nl", /, **params: Any) -> str:
    """The sentence for `key` in `lang` with `params` filled in; the key itself when unknown.

    A plural entry takes its form from the `count` parameter."""
    template = _template(key, lang, params.get("count"))
    return key if template is None else _fill(template, params)


def tn(key: str, n: int, lang: str = "nl", /, **params: Any) -> str:
    """`t()` for a plural entry, with the count `n` (also available as `{count}`)."""
    template = _template(key, lang, n)
    return key if template is None else _fill(template, {"count": n, **params})


#: Problem parameters that hold machine words (a kind, a type, a parser reason): they are
#: put into words here, so the problem itself stays the same in every language.
WORD_PARAMS = {"kind": "kind", "old_kind": "kind", "got": "type", "expected_type": "type", "reason": "yaml"}


def _in_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    out = dict(params)
    for name, prefix in WORD_PARAMS.items():
        value = params.get(name)
        if isinstance(value, str) and has(f"{prefix}.{value}", lang):
            out[name] = t(f"{prefix}.{value}", lang, **params)
    return out


def problem_message(code: str, lang: str, params: dict[str, Any]) -> str:
    """A problem about some kind of thing (`what`: item, theme, ...) has a sentence per kind
    (`problem.unknown-ref.item`), so the noun is in the language and its article agrees
    ("onbekend item", "onbekende organisatie"); the plain `problem.<code>` otherwise."""
    what = params.get("what")
    key = f"problem.{code}.{what}" if isinstance(what, str) else ""
    if not (key and has(key, lang)):
        key = f"problem.{code}"
    return t(key, lang, **_in_words(params, lang))


def problem_hint(code: str, lang: str, params: dict[str, Any]) -> str:
    reason = params.get("reason")
    if code == "yaml-syntax" and isinstance(reason, str) and has(f"hint.yaml.{reason}", lang):
        return t(f"hint.yaml.{reason}", lang, **params)
    if code == "unknown-key" and not params.get("suggestion"):
        return t("hint.unknown-key.none", lang, **params) if params.get("valid") else ""
    if code == "unknown-ref" and not params.get("suggestion"):
        return ""
    key = f"hint.{code}"
    return t(key, lang, **_in_words(params, lang)) if has(key, lang) else ""


MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}


def format_date(value: Any, lang: str = "nl") -> str:
    """`14 maart 2023` / `14 March 2023`; partial dates keep their precision."""
    from ssw.dates import PartialDate

    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if not isinstance(value, PartialDate):
        return str(value)
    months = MONTHS["en" if lang == "en" else "nl"]
    if value.day:
        return f"{value.day} {months[value.month - 1]} {value.year}"
    if value.month:
        return f"{months[value.month - 1]} {value.year}"
    return str(value.year)


def write_template(out: Path | None = None) -> Path:
    """ssw/locale/ssw.pot: every key of the Dutch catalogue with empty translations."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    with catalogue_path("nl").open("rb") as fh:
        source = read_po(fh)
    template = Catalog(domain=DOMAIN, project="ssw", fuzzy=False)
    for message in source:
        if message.id:
            template.add(message.id, "" if isinstance(message.id, str) else ("", ""))
    out = out or LOCALE_DIR / f"{DOMAIN}.pot"
    with out.open("wb") as fh:
        write_po(fh, template, width=0, no_location=True)
    return out


if __name__ == "__main__":
    if sys.argv[1:] != ["template"]:
        sys.exit("usage: python -m ssw.i18n template")
    print(write_template())
