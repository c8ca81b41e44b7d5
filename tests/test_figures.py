"""The same figure is the same number everywhere.

The headline figures of the demo data are computed here by hand, straight from the YAML
files (no ssw module involved), and every output is held against them: `status` as
table, JSON and CSV, each report kind in Markdown and HTML, `export` (JSON, CSV),
`coverage` and `agenda`. Missing data is never a finding: no *te laat* without data.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from conftest import REPO, run, write
from ssw.i18n import t, tn

DEMO = REPO / "examples" / "demo"
END = dt.date(2024, 12, 31)  # the SSW plan's end: every view's as-of date on the demo data


def _first_day(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@functools.cache
def _plan_items() -> Mapping[str, str]:
    """id -> scope of every trackable item: initiatives, and actions without them (the
    repository's plan, which no test changes: read once)."""
    items = {}
    for path in sorted((REPO / "plan" / "ssw-2020-2024" / "themes").glob("*.yaml")):
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        for action in theme["actions"]:
            for ini in action.get("initiatives", []):
                items[ini["id"]] = ini.get("scope", "vlaams")
            if not action.get("initiatives"):
                items[action["id"]] = action.get("scope", "vlaams")
    return MappingProxyType(items)


@functools.cache
def _updates(root: Path) -> tuple[tuple[str, tuple[dict[str, Any], ...]], ...]:
    """(path, its entries) of every update log of `root`: the repository's own roots, which
    no test changes, read once."""
    assert root in (REPO, DEMO), root
    return tuple((str(path), tuple(yaml.safe_load(path.read_text(encoding="utf-8")) or []))
                 for path in sorted((root / "regions").glob("*/updates/*.yaml")))


def _overall(statuses: list[str]) -> str:
    """The README's rule for a regional item, written out again."""
    if not statuses:
        return "onbekend"
    present = set(statuses)
    if len(present) == 1:
        return statuses[0]
    if "gerealiseerd" in present and present - {"gerealiseerd", "geschrapt"}:
        return "lopend"
    return next(s for s in ("lopend", "gepland", "uitgesteld", "gerealiseerd", "geschrapt") if s in present)


def by_hand(root: Path = DEMO, as_of: dt.date = END) -> dict[str, int]:
    items = _plan_items()
    latest: dict[tuple[str, str], tuple[tuple[dt.date, str, int], str]] = {}
    for path, entries in _updates(root):
        for index, u in enumerate(entries):
            when = _first_day(u["date"])
            if u["target"] not in items or when > as_of:
                continue
            key, order = (u["target"], Path(path).parts[-3]), (when, path, index)
            if key not in latest or order >= latest[key][0]:
                latest[key] = (order, u["status"])
    status = {i: _overall([s for (target, _), (_, s) in sorted(latest.items()) if target == i]) for i in items}
    realised = sum(1 for s in status.values() if s == "gerealiseerd")
    with_data = sum(1 for s in status.values() if s != "onbekend")
    return {"items": len(items), "with_data": with_data, "without_data": len(items) - with_data,
            "realised": realised, "pct": (200 * realised + len(items)) // (2 * len(items))}


@pytest.fixture(scope="module")
def fig() -> dict[str, int]:
    found = by_hand()
    assert found["items"] == 77 and 0 < found["with_data"] < found["items"]  # the demo has gaps on purpose
    return found


def ok(*args: str) -> str:
    result = run(["--root", str(DEMO), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def data_line(f: dict[str, int], lang: str = "nl") -> str:
    return tn("fig.data", f["items"], lang, with_data=f["with_data"], items=f["items"], without=f["without_data"])


def one_line(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_status_table_json_and_csv(fig: dict[str, int]) -> None:
    table = one_line(ok("status"))
    assert data_line(fig) in table
    assert tn("fig.progress", fig["items"], "nl", realised=fig["realised"], items=fig["items"], pct=fig["pct"]) in table
    data = json.loads(ok("status", "--format", "json"))
    assert {k: data["figures"][k] for k in ("items", "with_data", "without_data", "realised", "progress_pct")} == {
        "items": fig["items"], "with_data": fig["with_data"], "without_data": fig["without_data"],
        "realised": fig["realised"], "progress_pct": fig["pct"]}
    totals = data["totals"]
    assert (totals["total"], totals["with_data"], totals["gerealiseerd"], totals["progress_pct"]) == (
        fig["items"], fig["with_data"], fig["realised"], fig["pct"])
    rows = list(csv.DictReader(io.StringIO(ok("status", "--format", "csv"))))
    assert len(rows) == fig["items"]
    assert sum(r["status"] == "gerealiseerd" for r in rows) == fig["realised"]
    assert sum(r["status"] != "onbekend" for r in rows) == fig["with_data"]


@pytest.mark.parametrize("kind", ["jaaroverzicht", "tussentijds", "eindevaluatie"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_report_kind(fig: dict[str, int], kind: str, fmt: str) -> None:
    text = one_line(ok("report", "--kind", kind, "--year", "2024", "--format", fmt, "--out", "-"))
    assert data_line(fig) in text
    assert tn("report.summary.progress", fig["items"], "nl", done=fig["realised"], base=fig["items"], pct=fig["pct"]) in text


def test_reports_of_an_earlier_year_use_that_years_figures() -> None:
    earlier = by_hand(as_of=dt.date(2022, 12, 31))
    text = one_line(ok("report", "--kind", "jaaroverzicht", "--year", "2022", "--out", "-"))
    assert data_line(earlier) in text
    assert tn("report.summary.progress", earlier["items"], "nl", done=earlier["realised"], base=earlier["items"], pct=earlier["pct"]) in text
    # the interim evaluation stands on the conference day (the demo's interim judgement, 2022-10-20)
    conference = by_hand(as_of=dt.date(2022, 10, 20))
    text = one_line(ok("report", "--kind", "tussentijds", "--year", "2022", "--out", "-"))
    assert data_line(conference) in text


def test_export_json_and_csv(fig: dict[str, int], tmp_path: Path) -> None:
    plan = next(p for p in json.loads(ok("export", "--format", "json"))["plans"] if p["id"] == "ssw-2020-2024")
    assert (plan["items"], plan["with_data"], plan["realised"], plan["progress_pct"]) == (
        fig["items"], fig["with_data"], fig["realised"], fig["pct"])
    ok("export", "--format", "csv", "--out", str(tmp_path))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "plans.csv").read_text(encoding="utf-8")))}
    assert (rows["ssw-2020-2024"]["items"], rows["ssw-2020-2024"]["with_data"], rows["ssw-2020-2024"]["realised"]) == (
        str(fig["items"]), str(fig["with_data"]), str(fig["realised"]))


def test_coverage_and_agenda(fig: dict[str, int]) -> None:
    adopted = json.loads(ok("coverage", "--format", "json"))["amendments"]["adopted"]
    assert (adopted["total"], adopted["with_data"], adopted["gerealiseerd"], adopted["progress_pct"]) == (
        fig["items"], fig["with_data"], fig["realised"], fig["pct"])
    assert data_line(fig) in one_line(ok("coverage"))
    agenda = json.loads(ok("agenda", "--format", "json"))
    assert (agenda["figures"]["items"], agenda["figures"]["with_data"], agenda["unknown"]) == (
        fig["items"], fig["with_data"], fig["without_data"])
    assert data_line(fig) in one_line(ok("agenda"))


def test_english_says_the_same_numbers(fig: dict[str, int]) -> None:
    assert data_line(fig, "en") in one_line(ok("status", "--lang", "en"))


# -- missing data is never a finding -------------------------------------------------------


def test_real_data_flags_nothing_without_data() -> None:
    """On the real plan (one dated update): no item is te laat, the past-due items without
    data are listed apart, and the first lines say how many items have data."""
    real = by_hand(REPO)
    result = run(["--root", str(REPO), "status"])
    lines = result.stdout.splitlines()
    assert data_line(real) in one_line(" ".join(lines[:4]))
    data = json.loads(run(["--root", str(REPO), "status", "--format", "json"]).stdout)
    assert data["late"] == [] and "4.3.1.5" in data["past_due_no_data"]
    assert all(not i["te_laat"] for i in data["items"] if i["status"] == "onbekend")
    assert t("st.past-due", "nl") in result.stdout
    agenda = json.loads(run(["--root", str(REPO), "agenda", "--format", "json"]).stdout)
    assert agenda["late"] == [] and "4.3.1.5" in [x["id"] for x in agenda["past_due_no_data"]]


# -- stil per platform ---------------------------------------------------------------------


def test_quiet_is_per_platform(demo_root: Path) -> None:
    """Two platforms on one regional item: one recent, one quiet. Only the quiet one is
    listed, with its own status and its own last date, in status, agenda and reports."""
    write(demo_root, "regions/antwerpen/updates/2024.yaml",
          (demo_root / "regions/antwerpen/updates/2024.yaml").read_text(encoding="utf-8") + """
- date: 2024-12-01
  target: "4.5.1.3"
  status: lopend
  note: Recent, fictief.
""")
    write(demo_root, "regions/limburg/updates/2024.yaml",
          (demo_root / "regions/limburg/updates/2024.yaml").read_text(encoding="utf-8") + """
- date: 2024-01-10
  target: "4.5.1.3"
  status: gepland
  note: Stil sindsdien, fictief.
""")

    def cli(*args: str) -> str:
        result = run(["--root", str(demo_root), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    stale = [q for q in json.loads(cli("status", "--format", "json"))["stale"] if q["id"] == "4.5.1.3"]
    assert stale == [{"id": "4.5.1.3", "platform": "limburg", "status": "gepland", "last_update": "2024-01-10",
                     "status_basis": None}]
    line = next(x for x in cli("status").splitlines() if x.strip().startswith("4.5.1.3"))
    assert "limburg 2024-01-10" in line and "○" in line and "antwerpen" not in line
    quiet = [q for q in json.loads(cli("agenda", "--stale-after", "6", "--format", "json"))["quiet"] if q["id"] == "4.5.1.3"]
    assert [(q["platform"], q["status"], q["last_update"]) for q in quiet] == [("limburg", "gepland", "2024-01-10")]
    report = cli("report", "--year", "2024", "--out", "-")
    stale_part = report[report.index("### " + t("st.stale", "nl", months=6)):report.index("### " + t("st.late", "nl"))]
    row = next(x for x in stale_part.splitlines() if x.startswith("| 4.5.1.3 "))
    assert "2024-01-10" in row and "Limburg" in row and "○" in row
    assert "Antwerpen" not in row and "2024-12-01" not in row


# -- said once; a speerpunt without data is not a gap ---------------------------------------


def _header(text: str) -> str:
    """The lines before the first blank line: what a reader takes in first."""
    return text.split("\n\n", 1)[0]


def test_how_many_items_have_data_is_said_once() -> None:
    """The status header and the report summary name the items without data once (the
    data line), beside the count by status; no second sentence repeats it."""
    real = by_hand(REPO)
    without = str(real["without_data"])
    header = one_line(_header(run(["--root", str(REPO), "status"]).stdout))
    assert data_line(real) in header
    assert header.count(without) == 2, header  # "76 zonder gegevens" and "76 onbekend"
    for fmt in ("md", "html"):
        text = run(["--root", str(REPO), "report", "--year", "2024", "--format", fmt, "--out", "-"]).stdout
        # the yearly overview's first page: its key figures, up to the next section
        page = (text.split(f"\n## {t('report.sec.overview', 'nl')}\n", 1)[1].split("\n## ", 1)[0] if fmt == "md"
                else text.split('id="overview"', 1)[1].split("</section>", 1)[0])
        summary = one_line(page)
        assert summary.count(data_line(real)) == 1, summary
        assert summary.count(f"{without} van de {real['items']}") == 0, summary


def _speerpunt_has_data(root: Path, themes: list[str], as_of: dt.date) -> bool:
    """By hand: some update on or before `as_of` targets an item of the speerpunt's themes."""
    items = _plan_items()
    for _path, entries in _updates(root):
        for u in entries:
            if (u["target"] in items and _first_day(u["date"]) <= as_of
                    and any(u["target"].startswith(theme + ".") for theme in themes)):
                return True
    return False


@pytest.mark.parametrize(("root", "as_of"), [(REPO, "2024-12-31"), (DEMO, "2020-03-31"), (DEMO, "2020-12-31")])
def test_a_speerpunt_without_data_is_not_called_quiet(root: Path, as_of: str) -> None:
    """Missing data is never a finding: a speerpunt none of whose items has an update is
    listed as without data in agenda, coverage and reports, not as "zonder beweging"."""
    day = dt.date.fromisoformat(as_of)
    plan = yaml.safe_load((REPO / "plan" / "ssw-2020-2024" / "plan.yaml").read_text(encoding="utf-8"))
    no_data = [sp["id"] for sp in plan["speerpunten"] if not _speerpunt_has_data(root, sp["themes"], day)]
    agenda = json.loads(run(["--root", str(root), "agenda", "--as-of", as_of, "--format", "json"]).stdout)
    assert [sp["id"] for sp in agenda["no_data_speerpunten"]] == no_data
    assert not set(no_data) & {sp["id"] for sp in agenda["quiet_speerpunten"]}
    if as_of.endswith("12-31"):  # coverage looks from the end of its --year
        cov = json.loads(run(["--root", str(root), "coverage", "--year", as_of[:4], "--format", "json"]).stdout)
        assert cov["no_data_speerpunten"] == no_data and not set(no_data) & set(cov["quiet_speerpunten"])
    table = one_line(run(["--root", str(root), "coverage", "--year", as_of[:4]]).stdout) if as_of.endswith("12-31") else ""
    report = one_line(run(["--root", str(root), "report", "--year", as_of[:4], "--as-of", as_of, "--out", "-"]).stdout)
    if no_data:
        assert not table or t("cov.no-data-speerpunten", "nl", ids=", ".join(no_data)) in table
        titles = {sp["id"]: sp["title"] for sp in plan["speerpunten"]}  # the report names them by title
        assert t("report.cov.no-data", "nl", titles="; ".join(titles[sp] for sp in no_data)) in report
    for sp in no_data:  # never in the "nothing moving" sentence
        for text, key, name in ((table, "cov.quiet-speerpunten", sp), (report, "report.cov.quiet", titles[sp])):
            quiet_prefix = t(key, "nl", ids="", titles="").rstrip(".: ")
            assert not any(name in part.split(".")[0] for part in text.split(quiet_prefix)[1:]), text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_regional_item_marked_stil_in_a_report_names_the_quiet_platform(fmt: str) -> None:
    """A theme table row of a regional item shows the item's latest date (any platform);
    its *stil* flag names the quiet platforms with their own dates, those of `status`."""
    import re

    stale = json.loads(ok("status", "--as-of", "2023-12-31", "--format", "json"))["stale"]
    expected = {(q["id"], q["platform"], q["last_update"]) for q in stale}
    text = html.unescape(ok("report", "--year", "2023", "--format", fmt, "--out", "-"))
    flagged = set()
    for line in text.splitlines():
        row = re.match(r"\| ([\d.]+) \|", line) if fmt == "md" else re.search(r'class="id">([\d.]+)<', line)
        found = re.search(t("report.flag.stil", "nl") + r" \(([^)]*)\)", re.sub(r"<[^>]+>", "", line))
        if row and found:
            # "platform: <mark> <its own status>, <its own date>"
            for platform, date in re.findall(r"([a-z-]+): \S+ [^,]+, (\d{4}-[\d-]+)", found.group(1)):
                flagged.add((row.group(1), platform, date))
    assert flagged and flagged <= expected, flagged - expected
    # 4.4.1.8 at the end of 2023: west-vlaanderen moved in October, vlaams-brabant is the quiet one
    assert {(i, p) for i, p, _ in flagged if i == "4.4.1.8"} == {(i, p) for i, p, _ in expected if i == "4.4.1.8"}


def test_an_overall_status_derived_from_platforms_that_differ_says_so() -> None:
    """Three platforms ✔ and one ○ make a regional item *lopend*, which no platform reported:
    `status` JSON flags it as combined, `show` says so beside the status; a status every
    platform agrees on is not flagged."""
    items = json.loads(ok("status", "--as-of", "2023-12-31", "--format", "json"))["items"]
    combined = [i for i in items if len({p["status"] for p in i["platforms"].values()}) > 1]
    assert combined and all(i["combined"] for i in combined)
    assert not any(i["combined"] for i in items if i not in combined)
    label = t("show.combined", "nl", count=len(combined[0]["platforms"]))
    assert label in ok("show", combined[0]["id"], "--as-of", "2023-12-31")
    plain = next(i for i in items if i["platforms"] and i not in combined)
    assert t("show.combined", "nl", count=1).split(" 1 ")[0] not in ok("show", plain["id"], "--as-of", "2023-12-31")
