"""Export: the whole resolved data set as plain rows, for JSON, CSV and xlsx.

`build_export` returns one JSON-ready dict: plans, items (every plan item and regional
action, with its derived status), platforms, organisations, updates (which carry their
source `file` and `line` instead of an id), signals and decisions. Keys and enum values
are never translated; ids are always strings.

`tables` flattens it into the sheets of the xlsx file (and the CSV files, one per
sheet, same rows, same headers): lists are joined with "; ", other values keep their type.

Cell types. CSV is text: booleans `true`/`false`, dates as in the data (`2022`,
`2022-05`, `2022-05-03`). The xlsx file types its cells so that a spreadsheet sorts and
filters them: ids are ALWAYS text (`4.10` never becomes 4.1, `4.1.1.2` never a date),
counts are numbers, booleans are booleans, dates are dates. A partial date is stored as
its first day (as it sorts, spec 6) with a number format that shows only what the data
says: `2022` as `yyyy`, `2022-05` as `yyyy-mm`, a full date as `yyyy-mm-dd`. So the
cell reads exactly like the CSV and a date filter still works. Every other text cell
goes through `spreadsheet_cell` (formula neutralisation).

CSV comes in two variants (`CsvStyle`): plain (UTF-8, `,`, LF) for tools and diffs, and
`EXCEL` (UTF-8 with BOM, `;`, CRLF) that Excel and LibreOffice open in columns with a
Belgian or Dutch locale, where `,` is the decimal separator. Same rows, same cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssw import dataset as d
from ssw import status as st
from ssw.escape import json_text, spreadsheet_cell
from ssw.figures import figures_dict, headline
from ssw.ids import natural_key
from ssw.loader import Loaded
from ssw.plans import lineage
from ssw.problems import SswError
from ssw.root import Root

FORMATS = ("json", "csv", "xlsx")
SCHEMA = 1

#: sheet -> item kinds it holds (plan items by level)
ITEM_SHEETS = {
    "themes": ("theme", "goal"),
    "actions": ("action", "sam-action", "contribution"),
    "initiatives": ("initiative",),
    "regional-actions": ("regional-action",),
}
SHEETS = ("plans", "themes", "actions", "initiatives", "regional-actions", "platforms", "organisations",
          "updates", "signals", "decisions", "meetings")

ITEM_COLUMNS = ("id", "plan", "kind", "parent", "theme", "themes", "platform", "title", "text", "scope", "due",
                "milestone", "date", "lead", "partners", "krachtlijnen", "speerpunten", "status", "platform_status",
                "stil", "te_laat", "past_due_no_data", "last_update", "dropped", "vervolg_van")
COLUMNS: dict[str, tuple[str, ...]] = {
    "plans": ("id", "family", "title", "start", "end", "as_of", "as_of_reason", "items", "with_data", "without_data",
              "realised", "progress_pct", "late", "past_due_no_data", "source", "themes", "speerpunten",
              "krachtlijnen", "milestones", "follows", "carried", "file"),
    **{sheet: ITEM_COLUMNS for sheet in ITEM_SHEETS},
    "platforms": ("id", "name", "level", "province", "chair", "chair_organisation", "bodies", "focus", "file"),
    "organisations": ("id", "name", "aliases", "kind", "url"),
    "updates": ("platform", "date", "target", "plan", "item", "status", "note", "author", "links", "file", "line"),
    "signals": ("id", "platform", "type", "date", "title", "text", "themes", "items", "status", "file"),
    "decisions": ("id", "date", "text", "items", "meeting", "follow_up", "done", "file"),
    "meetings": ("id", "date", "body", "overviews", "minutes", "note", "file"),
}
#: columns holding ids: written as text cells in xlsx
ID_COLUMNS = {"id", "plan", "parent", "theme", "themes", "platform", "target", "item", "items", "lead", "partners",
              "milestone", "milestones", "speerpunten", "krachtlijnen", "bodies", "chair_organisation", "vervolg_van",
              "meeting", "follows"}
#: columns holding counts: numbers in xlsx (`items` in `plans` counts, elsewhere it lists ids)
COUNT_COLUMNS = {"plans": {"items", "with_data", "without_data", "realised", "progress_pct", "late",
                           "past_due_no_data", "carried"}, "updates": {"line"}}
#: columns holding a date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: date cells in xlsx
DATE_COLUMNS = {"start", "end", "as_of", "due", "date", "last_update", "dropped", "follow_up", "done"}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_FORMATS = {1: "yyyy", 2: "yyyy-mm", 3: "yyyy-mm-dd"}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def build_export(loaded: Loaded, root: Root, plan_id: str | None = None) -> dict[str, Any]:
    """The whole data set as plain data. Statuses per plan as of min(today, plan end)."""
    ds = loaded.data
    plans = [p for p in sorted(ds.plans.values(), key=lambda p: (p.start, p.id)) if plan_id in (None, p.id)]
    states: dict[tuple[str, str], st.ItemState] = {}
    plan_rows = []
    for plan in plans:
        as_of, reason = st.default_as_of(plan)
        own = {k: s for k, s in st.item_states(ds, as_of, root.stale_months).items() if k[0] == plan.id}
        states.update(own)
        fig = headline(sorted((s for s in own.values() if s.item.kind != "regional-action"),
                              key=lambda s: natural_key(s.item.id)), plan.id, as_of)
        figures = {k: v for k, v in figures_dict(fig).items() if k in COLUMNS["plans"]}
        f = plan.file
        follows, carried = lineage(ds, plan.id)
        plan_rows.append({
            "id": f.id, "family": f.family, "title": f.title, "start": str(f.period.start), "end": str(f.period.end),
            "as_of": as_of.isoformat(), "as_of_reason": reason, **figures, "source": f.source, "themes": list(plan.themes),
            "speerpunten": [s.id for s in f.speerpunten], "krachtlijnen": [k.id for k in f.krachtlijnen],
            "milestones": [m.id for m in f.milestones], "follows": follows, "carried": carried, "file": plan.path,
        })
    wanted = {p.id for p in plans}
    items = [_item(ds, item, states.get(key)) for key, item in _sorted_items(ds) if item.plan in wanted]
    return {
        "schema": SCHEMA,
        "plans": plan_rows,
        "items": items,
        "platforms": [_platform(ds, pid) for pid in sorted(ds.platforms)],
        "organisations": [
            {"id": o.id, "name": o.name, "aliases": list(o.aliases), "kind": o.kind, "url": o.url}
            for o in sorted(ds.organisations.values(), key=lambda o: o.id)
        ],
        "updates": [_update(ds, rec) for rec in sorted(ds.updates, key=lambda r: (r.path, r.index))
                    if plan_id is None or (rec.item is not None and rec.item[0] == plan_id)],
        "signals": [_signal(e) for e in sorted(ds.signals, key=lambda e: (e.path, e.index))],
        "decisions": [_decision(e) for e in sorted(ds.decisions, key=lambda e: (e.path, e.index))],
        "meetings": [_meeting(e) for e in sorted(ds.meetings, key=lambda e: (e.path, e.index))],
    }


def _sorted_items(ds: d.Dataset) -> list[tuple[tuple[str, str], d.Item]]:
    return sorted(ds.items.items(), key=lambda kv: (kv[0][0], natural_key(kv[0][1])))


def _item(ds: d.Dataset, item: d.Item, state: st.ItemState | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": item.id, "plan": item.plan, "kind": item.kind, "parent": item.parent, "theme": item.theme,
        "themes": list(item.themes), "platform": item.platform, "title": item.title, "text": item.text,
        "scope": item.scope, "due": _str(item.due), "milestone": item.milestone, "date": _str(item.date),
        "lead": item.lead, "partners": list(item.partners), "krachtlijnen": list(item.krachtlijnen),
        "speerpunten": list(item.speerpunten),
        "status": state.status if state else None,
        "platform_status": {p: s.status for p, s in state.platforms.items()} if state else {},
        "stil": state.stil if state else None,
        "te_laat": state.te_laat if state else None,
        "past_due_no_data": state.past_due if state else None,
        "last_update": _str(state.last.date) if state and state.last else None,
        "dropped": _str(item.dropped),
        "vervolg_van": item.vervolg_van,  # "OLD-PLAN:ID" of the item this one continues
    }
    return row


def _platform(ds: d.Dataset, pid: str) -> dict[str, Any]:
    p = ds.platforms[pid]
    return {
        "id": p.id, "name": p.name, "level": p.level, "province": p.province,
        "chair": p.chair.name if p.chair else None,
        "chair_organisation": p.chair.organisation if p.chair else None,
        "bodies": [b.id for b in p.bodies],
        "focus": [{"year": f.year, "themes": list(f.themes)} for f in sorted(p.focus, key=lambda f: f.year)],
        "file": ds.platform_paths.get(pid),
    }


def _update(ds: d.Dataset, rec: d.UpdateRec) -> dict[str, Any]:
    u = rec.update
    return {
        "platform": rec.platform, "date": str(u.date), "target": u.target,
        "plan": rec.item[0] if rec.item else None, "item": rec.item[1] if rec.item else None,
        "status": u.status.value, "note": u.note, "author": u.author, "links": list(u.links),
        "file": rec.path, "line": rec.line or None,
    }


def _signal(e: d.Entry) -> dict[str, Any]:
    s = e.model
    return {"id": s.id, "platform": e.platform, "type": s.type, "date": str(s.date), "title": s.title, "text": s.text,
            "themes": list(s.themes), "items": list(s.items), "status": s.status, "file": e.path}


def _decision(e: d.Entry) -> dict[str, Any]:
    m = e.model
    return {"id": m.id, "date": str(m.date), "text": m.text, "items": list(m.items), "meeting": m.meeting,
            "follow_up": _str(m.follow_up), "done": _str(m.done), "file": e.path}


def _meeting(e: d.Entry) -> dict[str, Any]:
    m = e.model
    return {"id": m.id, "date": str(m.date), "body": m.body,
            "overviews": [{"year": o.year, "presented": list(o.presented)} for o in m.overviews],
            "minutes": m.minutes, "note": m.note, "file": e.path}


# -- formats ---------------------------------------------------------------------------------


def to_json(data: dict[str, Any]) -> str:
    return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _flat(column: str, value: Any) -> Any:
    """One cell: lists joined with '; ', mappings as 'key=value'; other values as they are."""
    if value is None:
        return None
    if column == "focus":
        return "; ".join(f"{f['year']}: {', '.join(f['themes'])}" for f in value)
    if column == "overviews":
        return "; ".join(f"{o['year']}: {', '.join(o['presented'])}" for o in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def tables(data: dict[str, Any]) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """sheet -> (headers, rows), in SHEETS order; the same for xlsx and CSV."""
    sources: dict[str, list[dict[str, Any]]] = {
        "plans": data["plans"],
        **{sheet: [i for i in data["items"] if i["kind"] in kinds] for sheet, kinds in ITEM_SHEETS.items()},
        "platforms": data["platforms"],
        "organisations": data["organisations"],
        "updates": data["updates"],
        "signals": data["signals"],
        "decisions": data["decisions"],
        "meetings": data["meetings"],
    }
    out = {}
    for sheet in SHEETS:
        headers = COLUMNS[sheet]
        out[sheet] = (headers, [[_flat(c, row.get(c)) for c in headers] for row in sources[sheet]])
    return out


@dataclass(frozen=True)
class CsvStyle:
    """How a CSV file is written: separator, line end, and whether it starts with a BOM."""

    delimiter: str = ","
    lineterminator: str = "\n"
    bom: bool = False


PLAIN = CsvStyle()
#: `--excel`: what Excel and LibreOffice with a Belgian/Dutch locale open in columns
EXCEL = CsvStyle(delimiter=";", lineterminator="\r\n", bom=True)


def text_cell(value: Any) -> str:
    """A value as CSV text: empty for none, booleans `true`/`false`, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_cell(value if isinstance(value, str) else str(value))


def csv_text(headers: Sequence[str], rows: list[list[Any]], style: CsvStyle = PLAIN) -> str:
    """CSV with formula cells neutralised (`spreadsheet_cell`). A row holding a carriage
    return or a line feed is fully quoted, whatever the line terminator."""
    buf = io.StringIO()
    if style.bom:
        buf.write("\ufeff")
    plain = csv.writer(buf, delimiter=style.delimiter, lineterminator=style.lineterminator)
    quoted = csv.writer(buf, delimiter=style.delimiter, lineterminator=style.lineterminator,
                        quoting=csv.QUOTE_ALL)
    plain.writerow(headers)
    for row in rows:
        cells = [text_cell(v) for v in row]
        (quoted if any("\r" in c or "\n" in c for c in cells) else plain).writerow(cells)
    return buf.getvalue()


def write_csv_dir(data: dict[str, Any], folder: Path, style: CsvStyle = PLAIN) -> list[Path]:
    """One `<sheet>.csv` per xlsx sheet in `folder` (created if its parent exists)."""
    from ssw.safepath import out_folder

    out_folder(folder)
    written = []
    for sheet, (headers, rows) in tables(data).items():
        path = folder / f"{sheet}.csv"
        write_file(path, csv_text(headers, rows, style))
        written.append(path)
    return written


def xlsx_cell(sheet: str, column: str, value: Any) -> tuple[Any, str | None]:
    """(typed value, number format) of one xlsx cell: ids text, dates dates (a partial
    date its first day, shown as `yyyy` or `yyyy-mm`), numbers and booleans as they are,
    other text neutralised. The format is None for the default ("General")."""
    if value is None:
        return None, None
    if column in COUNT_COLUMNS.get(sheet, ()) and isinstance(value, int):
        return value, "0"
    if column in ID_COLUMNS:
        return spreadsheet_cell(str(value)), "@"
    if isinstance(value, (bool, int, float)):
        return value, None
    text = str(value)
    if column in DATE_COLUMNS and (m := _DATE.fullmatch(text)):
        parts = [int(p) for p in m.groups() if p is not None]
        try:
            day = dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
        except ValueError:
            return spreadsheet_cell(text), "@"
        return day, _DATE_FORMATS[len(parts)]
    return spreadsheet_cell(text), None


def to_xlsx(data: dict[str, Any]) -> bytes:
    """One sheet per level: bold header, autofilter, frozen top row, fitted widths, typed cells."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise SswError("err.xlsx") from None
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for sheet, (headers, rows) in tables(data).items():
        ws = wb.create_sheet(sheet)
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font = bold
        widths = [len(h) for h in headers]
        for r_i, row in enumerate(rows, start=2):
            for c_i, raw in enumerate(row, start=1):
                column = headers[c_i - 1]
                value, number_format = xlsx_cell(sheet, column, raw)
                if value is None:
                    continue
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = ws.cell(row=r_i, column=c_i, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula ("=...") or a number
                if number_format:
                    cell.number_format = number_format
                shown = max(text_cell(raw).split("\n"), key=len)
                widths[c_i - 1] = max(widths[c_i - 1], len(shown))
        for c_i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c_i)].width = max(8, min(width + 2, 60))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_file(path: Path, content: str | bytes) -> None:
    """Write an output file: a regular file is replaced atomically, a FIFO or device is
    written into, a link or other file is refused (ssw.safepath.write_output)."""
    from ssw.safepath import write_output

    write_output(path, content)
