"""`ssw export` on the demo data: JSON objects with ids, CSV per sheet, xlsx = the CSVs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import run

from ssw import export as ex
from ssw import status as st
from ssw.loader import load
from ssw.root import find_root


def export_json(root: Path, *args: str) -> dict:
    result = run(["export", "--root", str(root), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_holds_the_whole_data_set(demo_root: Path) -> None:
    data = export_json(demo_root)
    assert list(data) == ["schema", "plans", "items", "platforms", "organisations", "updates", "signals", "decisions",
                          "meetings"]
    assert [p["id"] for p in data["plans"]] == ["ssw-2020-2024", "sam-2021-2025"]
    for key in ("items", "platforms", "organisations", "signals", "decisions"):
        assert data[key] and all(isinstance(row["id"], str) for row in data[key]), key
    ids = [i["id"] for i in data["items"]]
    assert "4.10" in ids and "4.1" in ids and 4.1 not in ids  # ids stay text
    assert len(ids) == len(load(find_root(str(demo_root))).data.items)
    theme = next(i for i in data["items"] if i["id"] == "4.8")
    assert theme["kind"] == "theme" and theme["status"] is None and "4.8.2" not in theme["themes"]
    for u in data["updates"]:
        assert "id" not in u and u["file"].startswith("regions/") and isinstance(u["line"], int) and u["line"] >= 1
    quoted = next(u for u in data["updates"] if "<b>" in u["note"])
    assert quoted["note"] == 'Verslag <b>vergadering</b> & "opvolging"'
    assert (quoted["file"], quoted["line"]) == ("regions/antwerpen/updates/2023.yaml", 22)


def test_json_statuses_are_the_status_model(demo_root: Path) -> None:
    data = export_json(demo_root)
    loaded = load(find_root(str(demo_root)))
    states = st.item_states(loaded.data, dt.date(2024, 12, 31), 6)
    for row in data["items"]:
        if row["plan"] != "ssw-2020-2024":
            continue
        state = states.get((row["plan"], row["id"]))
        if state is None:
            assert row["status"] is None  # themes and actions with initiatives take no updates
        else:
            assert (row["status"], row["stil"], row["te_laat"]) == (state.status, state.stil, state.te_laat), row["id"]
            assert row["platform_status"] == {p: s.status for p, s in state.platforms.items()}
    item = next(i for i in data["items"] if i["id"] == "4.8.2.1")
    assert item["status"] == "lopend" and item["platform_status"]["brussel"] == "lopend"


def test_json_is_the_same_in_every_language(demo_root: Path) -> None:
    assert export_json(demo_root, "--lang", "en") == export_json(demo_root, "--lang", "nl")


def test_plan_filter(demo_root: Path) -> None:
    data = export_json(demo_root, "--plan", "sam-2021-2025")
    assert [p["id"] for p in data["plans"]] == ["sam-2021-2025"]
    assert {i["plan"] for i in data["items"]} == {"sam-2021-2025"}
    assert all(u["plan"] == "sam-2021-2025" for u in data["updates"])
    assert run(["export", "--root", str(demo_root), "--plan", "nope"]).exit_code == 2


def test_csv_needs_a_folder(demo_root: Path) -> None:
    result = run(["export", "--root", str(demo_root), "--format", "csv"])
    assert result.exit_code == 2 and "--out" in result.stderr and "Traceback" not in result.output


def read_csvs(folder: Path) -> dict[str, list[list[str]]]:
    return {p.stem: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8")))) for p in sorted(folder.glob("*.csv"))}


def test_xlsx_holds_the_same_rows_as_the_csvs(demo_root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder, book = tmp_path / "csv", tmp_path / "export.xlsx"
    assert run(["export", "--root", str(demo_root), "--format", "csv", "--out", str(folder)]).exit_code == 0
    assert run(["export", "--root", str(demo_root), "--format", "xlsx", "--out", str(book)]).exit_code == 0
    csvs = read_csvs(folder)
    assert sorted(csvs) == sorted(ex.SHEETS)
    wb = load_workbook(book)
    assert wb.sheetnames == list(ex.SHEETS)
    for sheet in ex.SHEETS:
        ws = wb[sheet]
        rows = [["" if v is None else ("true" if v is True else "false" if v is False else str(v)) for v in row]
                for row in ws.iter_rows(values_only=True)]
        assert rows == csvs[sheet], sheet
        assert all(cell.font.b for cell in ws[1]) and ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        headers = [c.value for c in ws[1]]
        if "id" in headers:
            col = headers.index("id") + 1
            cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
            assert cells and all(c.data_type == "s" and isinstance(c.value, str) for c in cells), sheet
        assert all(ws.column_dimensions[c].width <= 62 for c in ws.column_dimensions)
    themes = csvs["themes"]
    assert ["4.10", "ssw-2020-2024", "theme"] == themes[[r[0] for r in themes].index("4.10")][:3]
    assert len(csvs["updates"]) - 1 == len(load(find_root(str(demo_root))).data.updates)


def test_xlsx_never_writes_formulas(demo_root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    log = demo_root / "regions" / "antwerpen" / "updates" / "2023.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("note: Online platform", "note: =1+1 Online platform", 1),
                   encoding="utf-8")
    book = tmp_path / "x.xlsx"
    assert run(["export", "--root", str(demo_root), "--format", "xlsx", "--out", str(book)]).exit_code == 0
    ws = load_workbook(book)["updates"]
    notes = [c for c in ws["G"] if isinstance(c.value, str) and c.value.startswith("'=1+1")]  # OWASP: a leading quote
    assert notes and all(c.data_type == "s" for c in notes)


def test_default_xlsx_path_and_refusals(demo_root: Path, tmp_path: Path) -> None:
    result = run(["export", "--root", str(demo_root), "--format", "xlsx"])
    assert result.exit_code == 0 and (demo_root / "reports" / "ssw-export.xlsx").is_file()
    assert run(["export", "--root", str(demo_root), "--format", "pdf"]).exit_code == 2
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    result = run(["export", "--root", str(demo_root), "--format", "csv", "--out", str(file)])
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_refuses_invalid_data(demo_root: Path, tmp_path: Path, fmt: str) -> None:
    (demo_root / "regions" / "limburg" / "signals.yaml").write_text("- id: [\n", encoding="utf-8")
    result = run(["export", "--root", str(demo_root), "--format", fmt, "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "regions/limburg/signals.yaml:" in result.stderr
