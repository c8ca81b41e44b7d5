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
    return {p.stem: list(csv.reader(io.StringIO(p.read_bytes().decode("utf-8"), newline="")))
            for p in sorted(folder.glob("*.csv"))}


DATE_SHOWN = {"yyyy": "%Y", "yyyy-mm": "%Y-%m", "yyyy-mm-dd": "%Y-%m-%d"}


def shown(cell) -> str:
    """An xlsx cell as a spreadsheet shows it, written like the CSV cell."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime(DATE_SHOWN[cell.number_format])
    return str(value)


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
        rows = [[shown(c) for c in row] for row in ws.iter_rows()]
        assert rows == csvs[sheet], sheet
        assert all(cell.font.b for cell in ws[1]) and ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        headers = [c.value for c in ws[1]]
        if "id" in headers:
            col = headers.index("id") + 1
            cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
            assert cells and all(c.data_type == "s" and isinstance(c.value, str) for c in cells), sheet
        assert all(ws.column_dimensions[c].width <= 62 for c in ws.column_dimensions)
    themes = csvs["themes"]
    assert themes[[r[0] for r in themes].index("4.10")][:3] == ["4.10", "ssw-2020-2024", "theme"]
    assert len(csvs["updates"]) - 1 == len(load(find_root(str(demo_root))).data.updates)


def test_xlsx_cells_are_typed(demo_root: Path, tmp_path: Path) -> None:
    """Dates are dates (a partial date its first day, shown as far as the data goes),
    counts numbers, booleans booleans, ids text; every column has a fitted width."""
    from openpyxl import load_workbook

    theme = demo_root.parents[1] / "plan" / "ssw-2020-2024" / "themes" / "4.6.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('due: "2022"', 'due: "2022-05"', 1), encoding="utf-8")  # 4.6.1.5
    book = tmp_path / "typed.xlsx"
    assert run(["export", "--root", str(demo_root), "--format", "xlsx", "--out", str(book)]).exit_code == 0
    wb = load_workbook(book)

    def rows(sheet: str) -> dict[str, dict]:
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        return {str(r[0].value): dict(zip(headers, r)) for r in ws.iter_rows(min_row=2)}

    plan = rows("plans")["ssw-2020-2024"]
    assert isinstance(plan["start"].value, dt.datetime) and plan["start"].value.date() == dt.date(2020, 1, 1)
    exported = export_json(demo_root)["plans"][0]
    for count in ("items", "with_data", "without_data", "realised", "progress_pct", "late", "past_due_no_data",
                  "carried"):
        assert type(plan[count].value) is int and plan[count].value == exported[count], count
    assert plan["themes"].value.endswith("4.9; 4.10; 4.11")

    themes = rows("themes")
    assert "4.10" in themes and themes["4.10"]["id"].data_type == "s"
    initiatives = rows("initiatives")
    assert initiatives["4.1.1.2"]["id"].value == "4.1.1.2" and initiatives["4.1.1.2"]["parent"].value == "4.1.1"
    year_due, month_due = initiatives["4.6.2.3"]["due"], initiatives["4.6.1.5"]["due"]
    assert (year_due.value.date(), year_due.number_format) == (dt.date(2022, 1, 1), "yyyy")
    assert (month_due.value.date(), month_due.number_format) == (dt.date(2022, 5, 1), "yyyy-mm")
    flags = [r[c].value for r in initiatives.values() for c in ("stil", "te_laat", "past_due_no_data")]
    assert flags and all(type(v) is bool for v in flags) and True in flags and False in flags
    ws = wb["updates"]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(headers, row))
        assert isinstance(cells["date"].value, dt.datetime) and type(cells["line"].value) is int
        assert isinstance(cells["item"].value, str) and cells["item"].data_type == "s"

    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        widths = {h: ws.column_dimensions[c.column_letter].width for h, c in zip(headers, ws[1])}
        assert all(8 <= w <= 62 for w in widths.values()), ws.title
    items = wb["initiatives"]
    widths = {c.value: items.column_dimensions[c.column_letter].width for c in items[1]}
    longest_id = max(len(i) for i in initiatives)
    assert widths["id"] == max(8, longest_id + 2) and widths["past_due_no_data"] == len("past_due_no_data") + 2
    assert widths["title"] == 60 < max(len(r["title"].value) for r in initiatives.values())  # long text: bounded


def read_excel_csvs(folder: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_excel_csv_is_the_plain_csv_for_belgian_spreadsheets(demo_root: Path, tmp_path: Path) -> None:
    """`--excel`: BOM, `;`, CRLF; read back with `;` it holds exactly the rows of the plain CSV."""
    log = demo_root / "regions" / "antwerpen" / "updates" / "2023.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace(
        "note: Online platform getest door tien sociaal werkers.", 'note: "a; b, c\\r\\nregel twee"', 1), encoding="utf-8")
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    assert run(["export", "--root", str(demo_root), "--format", "csv", "--out", str(plain)]).exit_code == 0
    result = run(["export", "--root", str(demo_root), "--format", "csv", "--excel", "--out", str(excel)])
    assert result.exit_code == 0, result.output
    plain_rows, raw = read_csvs(plain), read_excel_csvs(excel)
    assert sorted(raw) == sorted(plain_rows) == sorted(ex.SHEETS)
    for sheet, data in raw.items():
        assert data.startswith(b"\xef\xbb\xbf"), sheet
        text = data.decode("utf-8-sig")
        header, _, _ = text.partition("\r\n")
        assert header == ";".join(plain_rows[sheet][0]) and "\n" not in header, sheet
        assert list(csv.reader(io.StringIO(text, newline=""), delimiter=";")) == plain_rows[sheet], sheet
    assert any(r[6] == "a; b, c\r\nregel twee" for r in plain_rows["updates"])


@pytest.mark.parametrize("excel", [[], ["--excel"]], ids=["plain", "excel"])
def test_csv_variants_neutralise_formula_cells(demo_root: Path, tmp_path: Path, excel: list[str]) -> None:
    log = demo_root / "regions" / "antwerpen" / "updates" / "2023.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace(
        "note: Online platform getest door tien sociaal werkers.", "note: =1+1;@SUM(A1)", 1), encoding="utf-8")
    out = tmp_path / "csv"
    assert run(["export", "--root", str(demo_root), "--format", "csv", *excel, "--out", str(out)]).exit_code == 0
    text = (out / "updates.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
    assert any(r["note"] == "'=1+1;@SUM(A1)" for r in rows)
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for r in rows for v in r.values() if v)


def test_excel_goes_with_csv_only(demo_root: Path) -> None:
    result = run(["export", "--root", str(demo_root), "--format", "xlsx", "--excel"])
    assert result.exit_code == 2 and "--excel" in result.stderr and "Traceback" not in result.output


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
