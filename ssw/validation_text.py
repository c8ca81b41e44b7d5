"""The validation library's (pydantic's) errors in the catalogue's words.

pydantic's own messages are English ("Input should be a valid integer"); its error
*types* are stable, so each known type has a catalogue entry `pyd.<type>` filled with the
error's context (`ge`, `max_length`, ...). An unknown type gets one plain sentence, never
pydantic's English in Dutch output.
"""

from __future__ import annotations

from typing import Any

from ssw.i18n import has, t


def pydantic_error(error: dict[str, Any], lang: str) -> str:
    kind = str(error.get("type", ""))
    key = f"pyd.{kind}"
    params = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, (str, int, float))}
    if has(key, lang):
        return t(key, lang, **params)
    if lang == "en":
        return str(error.get("msg", "")) or t("pyd.other", lang)
    return t("pyd.other", lang)
