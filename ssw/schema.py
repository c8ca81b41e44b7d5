"""JSON Schema of every file kind, for editors (YAML language server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ssw import models as m


def schema_for(kind: str) -> dict[str, Any]:
    from pydantic import TypeAdapter

    model, is_list = m.KINDS[kind]
    schema = TypeAdapter(list[model] if is_list else model).json_schema()  # type: ignore[valid-type]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ssw {kind}"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    from ssw.safepath import out_folder, write_output

    out_folder(folder, parents=True)
    written = []
    for kind in m.KINDS:
        path = folder / f"{kind}.schema.json"
        write_output(path, schema_text(kind))  # a regular file replaced atomically, never a link
        written.append(path)
    return written
