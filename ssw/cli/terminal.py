"""Rendering for the terminal (part of the CLI layer: the only other module using rich)."""

from __future__ import annotations

import re
import sys
from typing import IO, TYPE_CHECKING, Any

from ssw.i18n import format_date, t, tn
from ssw.problems import Problem
from ssw.symbols import OB_SYMBOLS, SYMBOLS

if TYPE_CHECKING:  # the core's types, for reading and for mypy: imported only by the checker
    import datetime as dt

    from ssw.agenda import Agenda
    from ssw.amendments import Amendments
    from ssw.changes import Change, Changes, Point
    from ssw.coverage import Coverage
    from ssw.dataset import Dataset, Item
    from ssw.figures import Counts
    from ssw.loader import Loaded
    from ssw.models import Organisation
    from ssw.obligations import Obligations
    from ssw.plans import PlanInfo
    from ssw.status import ItemState, StatusReport


def print_problems(problems: list[Problem], lang: str, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    for problem in problems:
        print(problem.format(lang), file=out)


def print_option_problems(options: list[tuple[str, Problem]], lang: str, stream: IO[str] | None = None) -> None:
    """`ssw: --status: ...`: a wrong value on the command line, named by its option."""
    out = stream or sys.stdout
    for option, problem in options:
        hint = problem.hint(lang)
        text = f"ssw: {option}: {problem.message(lang)}"
        print(f"{text} ({hint})" if hint else text, file=out)


def print_validation(loaded: Loaded, lang: str, fmt: str) -> None:
    import json

    problems = loaded.problems
    if fmt == "gitlab":
        from ssw.forge import gitlab_report

        print(json.dumps(gitlab_report(loaded.root, problems, lang), ensure_ascii=False, indent=2))
        return
    if fmt == "github":
        from ssw.forge import github_lines

        for line in github_lines(loaded.root, problems, lang):
            print(line)
    elif fmt == "json":
        file_count = len({p.path for p in problems})
        payload = {"ok": not problems, "count": len(problems), "files": file_count,
                   "problems": [p.as_dict(lang) for p in problems]}
        from ssw.escape import json_text

        print(json_text(json.dumps(payload, ensure_ascii=False, indent=2)))
        return
    else:
        from dataclasses import replace

        print_problems([replace(p, path=loaded.root.shown(p.path)) for p in problems], lang)
    if problems:
        files = tn("n.files", len({p.path for p in problems}), lang)
        print(t("out.problem-count", lang, count=len(problems), files=files))
    else:
        ds = loaded.data
        # "parts": every theme, action, initiative… of every plan, not `status`'s items of one plan
        print(t("out.valid", lang, files=tn("n.files", loaded.files, lang), plans=tn("n.plans", len(ds.plans), lang),
                parts=tn("n.plan-parts", len(ds.items), lang), updates=tn("n.updates", len(ds.updates), lang)))


# -- output: plain lines with style hints; rich only on a colour terminal -------------------

COLOURS = {"gerealiseerd": "green", "lopend": "cyan", "gepland": "blue", "uitgesteld": "yellow", "geschrapt": "red", "onbekend": "dim"}

Segment = tuple[str, str]  # (text, rich style or "")


_DATE_WORDS = re.compile(r"\b(?:\d{1,2} )?[^\W\d_]+ \d{4}\b")


class Out:
    """Collects lines of styled segments. Plain text when piped or NO_COLOR; rich on a
    colour terminal. Layout is the same either way, so one code path serves both."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        import os
        import shutil

        self.stream = stream or sys.stdout
        self.colour = self.stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.width = shutil.get_terminal_size((80, 24)).columns if self.stream.isatty() else _env_width()
        self.lines: list[list[Segment]] = []

    @property
    def plain(self) -> bool:
        return not self.colour

    def line(self, *segments: str | Segment) -> None:
        self.lines.append([(s, "") if isinstance(s, str) else s for s in segments])

    def wrap(self, text: str, indent: str = "", style: str = "") -> None:
        """Wrapped at word boundaries; a written-out date (`31 december 2024`) stays on one line."""
        import textwrap

        text = _DATE_WORDS.sub(lambda m: m.group().replace(" ", "\u00a0"), " ".join(text.split()))
        for part in textwrap.wrap(text, width=max(20, self.width - len(indent))) or [""]:
            self.line((indent + part.replace("\u00a0", " "), style))

    def blank(self) -> None:
        self.lines.append([])

    def flush(self) -> None:
        if self.colour:
            from rich.console import Console
            from rich.text import Text

            con = Console(file=self.stream, highlight=False, soft_wrap=True)
            for segments in self.lines:
                con.print(Text.assemble(*[(text, style or "") for text, style in segments]))
        else:
            self.stream.write("".join("".join(text for text, _ in segs) + "\n" for segs in self.lines))
        self.lines = []


def _env_width() -> int:
    import os

    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def fit(text: str, width: int) -> str:
    """One line, cut with an ellipsis, padded to `width`."""
    text = " ".join(str(text).split())
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…"
    return text.ljust(width)


def table(out: Out, headers: list[str], rows: list[list[str]], flex: int | None = None,
          right: set[int] | None = None, styles: list[list[str]] | None = None,
          optional: tuple[int, ...] = ()) -> None:
    """A plain column table; column `flex` takes what the width leaves (its text is cut,
    never a date's); the `optional` columns go, in that order, while the table is wider
    than the terminal."""
    right = right or set()
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def total() -> int:
        return sum(w for i, w in enumerate(widths) if i != flex) + (10 if flex is not None else 0) + len(widths) - 1

    keep = list(range(len(headers)))
    for column in optional:
        if total() <= out.width:
            break
        widths[column] = -1  # dropped
    keep = [i for i in keep if widths[i] >= 0]
    if len(keep) < len(headers):
        headers = [headers[i] for i in keep]
        rows = [[r[i] for i in keep] for r in rows]
        styles = [[s[i] for i in keep] for s in styles] if styles else None
        right = {keep.index(i) for i in right if i in keep}
        flex = keep.index(flex) if flex in keep else None
        widths = [widths[i] for i in keep]
    if flex is not None:
        others = sum(w for i, w in enumerate(widths) if i != flex) + len(widths) - 1
        widths[flex] = max(10, min(widths[flex], out.width - others))

    def cells(values: list[str], row_styles: list[str] | None) -> list[Segment]:
        segs: list[Segment] = []
        for i, value in enumerate(values):
            text = fit(value, widths[i]) if i == flex else str(value)
            text = text.rjust(widths[i]) if i in right else text.ljust(widths[i])
            segs.append((text, row_styles[i] if row_styles else ""))
            if i < len(values) - 1:
                segs.append((" ", ""))
        return segs

    out.line(*cells(headers, ["bold"] * len(headers)))
    for r_i, row in enumerate(rows):
        out.line(*cells(row, styles[r_i] if styles else None))


def bar(counts: Counts, width: int, plain: bool) -> str:
    full, empty = ("#", ".") if plain else ("█", "░")
    done = round(counts.progress * width)
    return full * done + empty * (width - done)


def as_of_line(rep: StatusReport, lang: str) -> str:
    from ssw.i18n import format_date

    return t(f"asof.{rep.as_of_reason}", lang, date=format_date(rep.as_of, lang))


def _count_parts(counts: Counts, lang: str) -> str:
    return " · ".join(f"{counts.by_status[s]} {t('status.' + s, lang)}" for s in counts.by_status)


def _short(text: str, width: int) -> str:
    return fit(text, width).rstrip()


OB_COLOURS = {"reported": "green", "missing": "red", "no-data": "dim"}


def print_status(rep: StatusReport, lang: str, other_plans: list[str], obligations: Obligations | None = None) -> None:
    """`obligations` (ssw.obligations.Obligations, optional): one compact line per regional
    platform under the platforms block, e.g. `antwerpen        2020 ◐ 2021 ✔ 2022 ◐`."""
    from ssw.status import STATUSES

    out = Out()
    out.wrap(f"{rep.plan.file.title} — {as_of_line(rep, lang)}", style="bold")
    typed = rep.filters.options()
    if typed:
        out.wrap(t("st.filtered", lang, filters=and_list(typed, lang)))
    fig = rep.figures
    if not fig.items:  # no percentage over nothing: say there is nothing, then what is not about items
        out.wrap(t("st.no-items-filtered" if typed else "st.no-items", lang), style="yellow")
        _platforms_block(out, rep, lang, obligations)
        _other_plans(out, other_plans, lang)
        out.flush()
        return
    # how many items have data is said once, first, and stands out when most have none
    mostly_unknown = fig.without_data and fig.without_data * 2 >= fig.items
    out.wrap(tn("fig.data", fig.items, lang, with_data=fig.with_data, items=fig.items, without=fig.without_data),
             style="yellow" if mostly_unknown else "")
    out.wrap(tn("fig.progress", fig.items, lang, realised=fig.realised, items=fig.items, pct=fig.progress_pct))
    out.wrap(tn("st.summary", rep.totals.total, lang, total=rep.totals.total, parts=_count_parts(rep.totals, lang)))
    if rep.carried.total:
        new_items = rep.totals.total - rep.carried.total
        key = "st.carried" if new_items else "st.carried-all"
        out.wrap(t(key, lang, carried=rep.carried.total, old=", ".join(rep.carried_from), new=new_items,
                   parts=_count_parts(rep.carried, lang)))
    out.blank()
    headers = ([t("st.col.id", lang), t("st.col.theme", lang), t("st.col.progress", lang)] + [SYMBOLS[s] for s in STATUSES]
               + [t("st.col.data", lang)])
    rows, styles = [], []
    for row in rep.rows:
        star = "★" if row.item.speerpunten else " "
        c = row.counts
        rows.append([f"{star}{row.item.id}", row.item.title, f"{bar(c, 10, out.plain)} {c.progress_pct:3d}%"]
                    + [str(c.by_status[s]) for s in STATUSES] + [f"{c.with_data}/{c.total}"])
        styles.append(["bold", "", "green"] + [COLOURS[s] for s in STATUSES] + ["dim"])
    table(out, headers, rows, flex=1, right=set(range(3, 4 + len(STATUSES))), styles=styles)
    out.wrap(t("st.legend", lang), style="dim")
    out.wrap(t("fig.legend", lang), style="dim")

    speerpunten = [(sp, counts) for sp, counts in rep.speerpunten if counts.total]  # none left by the filter: no 0% line
    if speerpunten:
        out.blank()
        out.line((t("st.speerpunten", lang), "bold"))
        id_w = max(len(sp.id) for sp, _ in speerpunten)
        for sp, counts in speerpunten:
            tail = (f"{counts.progress_pct:3d}%  " + " ".join(f"{SYMBOLS[s]}{counts.by_status[s]}" for s in STATUSES)
                    + f"  {counts.with_data}/{counts.total}")
            head = f"★ {sp.id:<{id_w}} {', '.join(sp.themes):<6} "
            wide = len(head) + 11 + len(tail) <= out.width
            out.line(head + (bar(counts, 10, out.plain) + " " if wide else "") + tail)
    _platforms_block(out, rep, lang, obligations)
    out.blank()
    out.line((t("st.stale", lang, months=rep.stale_months), "bold"))
    if not rep.stale:
        out.line("  " + t("st.none", lang))
    inferred = f" ({t('show.inferred', lang)})"  # a reading of the sources: `show ID` gives its basis
    for q in rep.stale:
        item_line(out, q.state.item, q.status, f"{q.platform} {q.last.date}" + (inferred if q.last.update.basis else ""))
    for title_key, states in (("st.late", rep.late), ("st.past-due", rep.past_due)):
        if title_key == "st.past-due" and not states:
            continue
        out.blank()
        out.line((t(title_key, lang), "bold"))
        if not states:
            out.line("  " + t("st.none", lang))
        for s in states:
            item_line(out, s.item, s.status, t("st.due", lang, due=str(s.item.due)) + (inferred if s.item.basis else ""))
    _other_plans(out, other_plans, lang)
    out.flush()


def _platforms_block(out: Out, rep: StatusReport, lang: str, obligations: Obligations | None) -> None:
    if not rep.regions:
        return
    out.blank()
    out.line((t("st.regions", lang), "bold"))
    regions_table(out, rep, lang, with_chair=False)
    for r in rep.regions:
        if r.incomplete:
            out.line((f"  {r.platform}: " + t("st.incomplete", lang, files=", ".join(r.incomplete)), "red"))
    if obligations is not None:
        _obligation_lines(out, obligations, lang)


def _other_plans(out: Out, other_plans: list[str], lang: str) -> None:
    if other_plans:
        out.blank()
        out.wrap(t("st.other-plans", lang, plans=", ".join(other_plans)), style="dim")


def and_list(parts: list[str], lang: str) -> str:
    """`a`, `a en b`, `a, b en c` (English: `and`)."""
    if len(parts) < 2:
        return "".join(parts)
    return t("list.and", lang, rest=", ".join(parts[:-1]), last=parts[-1])


def _obligation_lines(out: Out, ob: Obligations, lang: str) -> None:
    """The yearly account, one line per regional platform: `2020 ◐ 2021 ✔ ...` (a `*` marks
    a year not over yet); when the years do not fit the width, the symbols alone after
    the first and last year (`2020-2029 ◐✔◐✔✔◐✔◐✔✔`)."""
    if not ob.platforms or not ob.years:
        return
    name_w = max(len(p) for p in ob.platforms)
    open_years = [y for y in ob.years if not ob.complete(y)]
    out.blank()
    out.wrap(t("st.obligations", lang, open=t("st.obligations.open", lang) if open_years else ""),
             style="bold")
    label = {y: f"{y}{'' if ob.complete(y) else '*'}" for y in ob.years}
    wide = 3 + name_w + sum(len(label[y]) + 3 for y in ob.years) <= out.width
    for p in ob.platforms:
        segments: list[str | Segment] = [f"  {p:<{name_w}} "]
        if wide:
            for year, cell in ob.row(p):
                segments += [f" {label[year]} ", (OB_SYMBOLS[cell.state], OB_COLOURS[cell.state])]
        else:
            segments.append(f" {label[ob.years[0]]}-{label[ob.years[-1]]} ")
            segments += [(OB_SYMBOLS[cell.state], OB_COLOURS[cell.state]) for _, cell in ob.row(p)]
        out.line(*segments)


def item_line(out: Out, item: Item, status: str, detail: str) -> None:
    """`  4.7.2.1    ▶ title…  oost-vlaanderen 2024-03-07`: id, status, title, detail. The
    title is cut to fit; the detail (a date, a platform) never is: when the line has no room
    left for a title, the detail goes on its own line below."""
    head = f"  {item.id:<10} "
    room = out.width - len(head) - 2 - len(detail) - 2
    if room >= 12:
        out.line(head, (SYMBOLS[status], COLOURS[status]), f" {_short(item.title, room)}  ", (detail, "dim"))
        return
    out.line(head, (SYMBOLS[status], COLOURS[status]), f" {_short(item.title, max(10, out.width - len(head) - 2))}")
    out.wrap(detail, indent=" " * (len(head) + 2), style="dim")


def _head_line(out: Out, head: str, status: str, text: str) -> None:
    """`head ▶ text…` on one line, the text cut to fit; when a long id leaves no room for
    it, the text goes on its own line below, so no line is wider than the terminal."""
    room = out.width - len(head) - 3
    if room >= 10:
        out.line(head, (SYMBOLS[status], COLOURS[status]), f" {_short(text, room)}")
        return
    out.line(head.rstrip() + " ", (SYMBOLS[status], COLOURS[status]))
    out.line("      " + _short(text, max(10, out.width - 6)))


def status_csv(rep: StatusReport) -> str:
    from ssw.export import csv_text
    from ssw.ids import natural_key
    from ssw.status import state_dict

    fields = ["id", "plan", "kind", "theme", "title", "scope", "status", "due", "stil", "te_laat", "past_due_no_data",
              "last_update",
              "lead", "partners", "krachtlijnen", "speerpunten", "platforms"]
    rows = []
    for state in sorted(rep.states.values(), key=lambda s: natural_key(s.item.id)):
        row = state_dict(state, rep.filters.region)
        for key in ("partners", "krachtlijnen", "speerpunten"):
            row[key] = ";".join(row[key])
        row["platforms"] = ";".join(f"{p}={v['status']}" for p, v in row["platforms"].items())
        row["stil"] = str(row["stil"]).lower()
        row["te_laat"] = str(row["te_laat"]).lower()
        row["past_due_no_data"] = str(row["past_due_no_data"]).lower()
        rows.append([row[k] for k in fields])
    return csv_text(fields, rows)


# -- show ------------------------------------------------------------------------------


def _as_of_head(out: Out, day: dt.date | None, lang: str) -> None:
    """`show --as-of`: say that this is a view as of a day (nothing after it is shown)."""
    if day is not None:
        out.line((t("show.as-of", lang, date=format_date(day, lang)), "yellow"))


def print_item(ds: Dataset, item: Item, state: ItemState | None, lang: str, day: dt.date | None = None) -> None:
    from ssw import lookup
    from ssw.i18n import format_date

    out = Out()
    out.line((t("show.title", lang, kind=t("kind." + item.kind, lang).capitalize(), id=item.id), "bold"))
    _as_of_head(out, day, lang)
    out.wrap(item.title)
    if item.text:
        for para in item.text.strip().split("\n\n"):
            out.blank()
            out.wrap(para)
    out.blank()
    fields: list[tuple[str, str]] = [("show.plan", item.plan)]
    if item.vervolg_van:
        fields.append(("show.vervolg-van", item.vervolg_van))
    continuation = ds.continuation(item)
    if continuation is not None:
        fields.append(("show.vervolg-in", f"{continuation.plan}:{continuation.id}"))
    if item.parent:
        parent = ds.items.get((item.plan, item.parent))
        fields.append(("show.parent", f"{item.parent} {parent.title if parent else ''}"))
    if item.themes:
        fields.append(("show.themes", ", ".join(item.themes)))
    if item.kind in ("initiative", "action"):
        fields.append(("show.scope", t("scope." + item.scope, lang)))
    if item.due:
        fields.append(("show.due", format_date(item.due, lang)))
    if item.lead:
        fields.append(("show.lead", _org_name(ds, item.lead)))
    if item.lead_source:
        fields.append(("show.lead-source", item.lead_source))
    if item.partners:
        fields.append(("show.partners", ", ".join(_org_name(ds, p) for p in item.partners)))
    if item.sam_name:
        basis = f" ({t('show.inferred', lang)}: {item.sam_name_basis})" if item.sam_name_basis else ""
        fields.append(("show.sam-name", item.sam_name + basis))
    if item.krachtlijnen:
        fields.append(("show.krachtlijnen", ", ".join(item.krachtlijnen)))
    if item.speerpunten:
        fields.append(("show.speerpunten", ", ".join(item.speerpunten)))
    if item.basis:
        fields.append(("show.inferred", item.basis))
    if state is not None:
        flags = [t("show.stil", lang)] * state.stil + [t("show.te-laat", lang)] * state.te_laat
        from ssw.status import is_combined

        if is_combined(state):  # the platforms disagree: the overall status is derived
            flags.insert(0, t("show.combined", lang, count=len(state.platforms)))
        fields.append(("show.status", t("status." + state.status, lang) + (f" ({', '.join(flags)})" if flags else "")))
    width = max(len(t(k, lang)) for k, _ in fields)
    for key, value in fields:
        label = f"{t(key, lang):<{width}}  "
        first, *rest = _wrapped(value, out.width - len(label)) or [""]
        out.line((label, "bold"), first)
        for more in rest:
            out.line(" " * len(label) + more)
    if item.footnotes:
        out.blank()
        out.line((t("show.footnotes", lang), "bold"))
        for note in item.footnotes:
            out.wrap(f"{note.mark} ({note.after}{note.mark}) {note.text}", indent="  ")
    if item.children:
        out.blank()
        out.line((t("show.children", lang), "bold"))
        for child_id in item.children:
            child = ds.items.get((item.plan, child_id))
            if child is not None:
                out.line(f"  {child_id:<10} {_short(child.title, out.width - 13)}")
    if state is not None and item.regional and state.platforms:
        out.blank()
        out.line((t("show.per-platform", lang), "bold"))
        for p, ps in state.platforms.items():
            flag = f" ({t('show.stil', lang)})" if ps.stil else ""
            out.line(f"  {p:<16} ", (f"{SYMBOLS[ps.status]} {t('status.' + ps.status, lang)}", COLOURS[ps.status]),
                     f"  {format_date(ps.last.date, lang)}{flag}")
    if item.trackable:
        out.blank()
        out.line((t("show.history", lang), "bold"))
        _history(out, ds, item, lang)
        for old in lookup.predecessors(ds, item):
            out.blank()
            plan = ds.plans.get(old.plan)
            out.line((t("show.predecessor-history", lang, plan=old.plan, end=str(plan.end) if plan else "?"), "bold"))
            _history(out, ds, old, lang)
    decisions = lookup.decisions_for(ds, item)
    if decisions:
        out.blank()
        out.line((t("show.decisions", lang), "bold"))
        for e in decisions:
            out.wrap(f"{format_date(e.model.date, lang)}  {e.model.id}: {e.model.text}", indent="  ")
    out.flush()


def _history(out: Out, ds: Dataset, item: Item, lang: str) -> None:
    from ssw import lookup
    from ssw.i18n import format_date

    recs = lookup.history(ds, item)
    if not recs:
        out.line("  " + t("show.no-history", lang))
    for rec in recs:
        u = rec.update
        head = f"  {format_date(u.date, lang)}  {rec.platform}  "
        label = f"{SYMBOLS[u.status.value]} {t('status.' + u.status.value, lang)}"
        # fit() joins whitespace, so the space before the dash stays outside it
        who = " " + _short(f"— {u.author}", out.width - len(head) - len(label) - 1) if u.author else ""
        out.line(head, (label, COLOURS[u.status.value]), who)
        if u.note:
            out.wrap(u.note, indent="      ")
        if u.basis:
            out.wrap(f"{t('show.inferred', lang)}: {u.basis}", indent="      ", style="yellow")
        for link in u.links:
            out.line(("      " + link, "underline"))
        out.line((f"      {rec.path}:{rec.line}", "dim"))


def _wrapped(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(str(text).split()), width=max(20, width))


def _org_name(ds: Dataset, org_id: str) -> str:
    org = ds.organisations.get(org_id)
    return f"{org.name} ({org_id})" if org else org_id


def _bullet(out: Out, mark: str, text: str) -> None:
    """A list entry: the mark on its first line, the rest hanging under its text."""
    first, *rest = _wrapped(text, out.width - len(mark)) or [""]
    out.line(mark + first)
    for more in rest:
        out.line(" " * len(mark) + more)


def print_platform(ds: Dataset, platform_id: str, lang: str, rep: StatusReport, day: dt.date | None = None) -> None:
    from ssw import lookup
    from ssw.i18n import format_date

    out = Out()
    p = ds.platforms[platform_id]
    out.line((f"{t('kind.platform', lang).capitalize()} {platform_id}", "bold"))
    _as_of_head(out, day, lang)
    out.line(p.name)
    out.line(f"{t('show.chair', lang)}: {p.chair.name if p.chair else t('show.unknown-chair', lang)}")
    for focus in p.focus:
        out.line(f"{t('show.focus', lang)} {focus.year}: {', '.join(focus.themes)}")
    plan = ds.default_plan(day)
    tasks = [task for task in (plan.file.tasks if plan else []) if task.level == p.level]
    if plan is not None and tasks:
        out.blank()
        out.line((t("show.tasks", lang, plan=plan.id), "bold"))
        for task in tasks:
            _bullet(out, "  - ", task.title)
            if task.text:
                out.wrap(task.text, indent="    ", style="dim")
            for sub in task.items:
                _bullet(out, "    * ", sub)
    obligations = [ob for ob in (plan.file.obligations if plan else []) if ob.level == p.level]
    if plan is not None and obligations:
        out.blank()
        out.line((t("show.obligations", lang, plan=plan.id), "bold"))
        for ob in obligations:
            _bullet(out, "  - ", f"{t('obligation.every.' + ob.every, lang)}: {ob.text}")
            if ob.basis:
                out.wrap(f"{t('show.inferred', lang)}: {ob.basis}", indent="    ", style="dim")
    for body in p.bodies:
        out.blank()
        out.line((body.name, "bold"))
        if body.text:
            out.wrap(body.text)
        for member in body.members:
            out.wrap(member.text, indent="  - ")
    region = next((r for r in rep.regions if r.platform == platform_id), None)
    if region and region.own_actions:
        out.blank()
        out.line((t("kind.regional-action", lang).capitalize(), "bold"))
        for s in region.own_actions:
            _head_line(out, f"  {s.item.id:<20} ", s.status, s.item.title)
    out.blank()
    out.line((t("show.history", lang), "bold"))
    recs = lookup.platform_updates(ds, platform_id)
    if not recs:
        out.line("  " + t("show.no-history", lang))
    for rec in recs:
        u = rec.update
        head = f"  {format_date(u.date, lang):<18} {u.target:<14} "
        _head_line(out, head, u.status.value, u.note)
    out.flush()


def print_organisation(ds: Dataset, org: Organisation, lang: str, day: dt.date | None = None) -> None:
    from ssw import lookup
    from ssw.ids import natural_key

    out = Out()
    out.line((f"{t('kind.organisation', lang).capitalize()} {org.id}", "bold"))
    _as_of_head(out, day, lang)
    out.line(org.name)
    if org.aliases:
        out.line(f"{t('show.aliases', lang)}: {', '.join(org.aliases)}")
    if org.contacts:
        out.blank()
        out.line((t("show.contacts", lang), "bold"))
        for c in org.contacts:
            themes = f" [{', '.join(c.themes)}]" if c.themes else ""
            out.wrap(f"{c.name}: {', '.join(c.topics)}{themes}", indent="  ")
            if c.basis:
                out.wrap(f"{t('show.inferred', lang)}: {c.basis}", indent="    ", style="yellow")
    items = lookup.organisation_items(ds, org.id)
    out.blank()
    out.line((t("show.items", lang), "bold"))
    if not items:
        out.line("  " + t("st.none", lang))
    for item in sorted(items, key=lambda i: (i.plan, natural_key(i.id))):
        role = t("show.lead", lang) if item.lead == org.id else t("show.partners", lang)
        out.line(f"  {item.id:<24} {role:<8} {_short(item.title, max(10, out.width - 36))}")
    out.flush()


# -- regions ---------------------------------------------------------------------------


def regions_table(out: Out, rep: StatusReport, lang: str, with_chair: bool = True) -> None:
    year = rep.as_of.year
    headers = [t("rg.col.platform", lang)] + ([t("rg.col.chair", lang)] if with_chair else []) + [
        t("rg.col.last", lang), t("rg.col.focus", lang, year=year), t("rg.col.updates", lang, year=year),
        t("rg.col.signals", lang)] + ([] if with_chair else [t("rg.col.own", lang)])
    rows = []
    for r in rep.regions:
        last = str(r.last_update.date) if r.last_update else "—"
        rows.append([r.platform] + ([r.chair or "—"] if with_chair else []) + [last, ", ".join(r.focus) or "—",
                    str(r.updates_in_year), str(r.open_signals)] + ([] if with_chair else [str(len(r.own_actions))]))
    n = len(headers)
    optional = (n - 1,) if with_chair else (n - 1, n - 2)  # own actions, signals: dates and focus stay
    table(out, headers, rows, flex=1 if with_chair else 2, right={n - 1, n - 2} | (set() if with_chair else {n - 3}),
          optional=optional)


def print_regions(rep: StatusReport, lang: str) -> None:
    out = Out()
    out.line((as_of_line(rep, lang), "bold"))
    regions_table(out, rep, lang)
    out.flush()


def print_plans(found: list[PlanInfo], lang: str, day: dt.date) -> None:
    """`ssw plans`: per plan its id, family, period (and whether it has ended), title and
    predecessor; ✔ marks what a bare id of its family means today."""
    from ssw.i18n import format_date

    out = Out()
    width = max((len(p.id) for p in found), default=0)
    for p in found:
        mark = ("✔ ", "green") if p.current else ("  ", "")
        out.line(mark, (f"{p.id:<{width}}", "bold"), f"  {t('plans.family', lang)} {p.family}  {p.start} – {p.end}")
        out.wrap(p.title + (f" ({t('plans.ended', lang)})" if p.ended else ""), indent="  ")
        if p.follows:
            out.wrap(t("plans.follows-line", lang, plan=p.follows, count=p.carried), indent="  ")
    out.blank()
    out.wrap(t("plans.legend", lang, today=format_date(day, lang)))
    out.wrap(t("plans.footer", lang))
    out.flush()


# -- changes, coverage, agenda (ssw.cli.insight) ---------------------------------------------

# -- rendering: changes -------------------------------------------------------------------


def _point(point: Point, lang: str) -> str:
    return t("ch.point", lang, value=point.value, commit=point.commit[:7], date=format_date(point.date, lang))


def _status(value: str, lang: str) -> str:
    return t("status." + value, lang)


def _describe(change: Change, lang: str, shared: frozenset[str] = frozenset()) -> str:
    """One change in a line; an id that changed in two plans (a carried item and the one it
    continues) is written `plan-id:id`, so the two are never read as one item."""
    data = change.data
    ident = f"{change.plan}:{change.id}" if change.id in shared and change.plan else change.id
    if change.kind == "status":
        when = f" ({data['date']})" if data.get("date") else ""
        return f"{ident}  {_status(data['from'], lang)} → {_status(data['to'], lang)}{when}"
    if change.kind == "update":
        note = f": {data['note']}" if data.get("note") else ""
        target = ident if ":" not in data["target"] else data["target"]
        return f"{data['date']} {target} {SYMBOLS[data['status']]} {_status(data['status'], lang)}{note}"
    if change.kind == "signal":
        return f"{change.id} [{t('report.type.' + data['type'], lang)}] {change.title}"
    return f"{change.id} {change.title}"


def print_changes(ch: Changes, lang: str) -> None:
    from ssw.changes import changes_dict, groups, summary_text

    out = Out()
    out.wrap(t("ch.title", lang, since=_point(ch.since, lang), until=_point(ch.until, lang)), style="bold")
    out.wrap(t("ch.as-of", lang, date=format_date(ch.as_of, lang)), style="dim")
    for side in ("since", "until"):
        if ch.problems[side]:
            out.wrap(t("ch.problems", lang, count=ch.problems[side], point=getattr(ch, side).value), style="yellow")
    totals = changes_dict(ch)["totals"]
    out.wrap(summary_text(totals, lang))
    if totals["committed_by"]:
        out.wrap(t("ch.committers", lang, names=", ".join(totals["committed_by"])))
    if ch.empty:
        out.blank()
        out.line(t("ch.none", lang))
    labels = {k: t("ch.kind." + k, lang) for k in ("status", "update", "action-added", "action-dropped", "signal")}
    label_w = max(len(v) for v in labels.values())
    names = [c.by.name for c in ch.all() if c.by]
    plans_of: dict[str, set[str]] = {}
    for c in ch.all():
        if c.plan and c.kind in ("status", "update"):
            plans_of.setdefault(c.id, set()).add(c.plan)
    shared = frozenset(i for i, found in plans_of.items() if len(found) > 1)
    name_w = min(16, max((len(n) for n in names), default=0))
    for theme, platforms in groups(ch):
        out.blank()
        title = ch.theme_titles.get(theme or "", "")
        head = f"{theme}  {title}" if theme else t("ch.no-theme", lang)
        out.line((fit(head, out.width).rstrip(), "bold"))
        for platform, items in platforms:
            out.line(f"  {platform}")
            for c in items:
                room = max(10, out.width - 4 - label_w - 2 - (name_w + 2 if name_w else 0))
                style = COLOURS.get(c.data.get("to") or c.data.get("status") or "", "")
                who = fit(c.by.name if c.by else "—", name_w) if name_w else ""
                out.line(f"    {labels[c.kind]:<{label_w}}  ", (fit(_describe(c, lang, shared), room), style),
                         (f"  {who}".rstrip(), "dim"))
    if ch.commits:
        out.blank()
        out.line((t("ch.commits", lang, count=len(ch.commits)), "bold"))
        author_w = min(20, max(len(commit.author) for commit in ch.commits))
        for commit in ch.commits:
            head = f"  {commit.date} {commit.sha[:7]} {fit(commit.author, author_w)} "
            out.line(head, (fit(commit.subject, max(10, out.width - len(head))).rstrip(), "dim"))
    out.flush()


# -- rendering: coverage -----------------------------------------------------------------


def short_codes(platforms: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Column headers that fit 80 columns: `oost-vlaanderen` -> OV, `antwerpen` -> ANT."""
    codes: dict[str, str] = {}
    for p in platforms:
        parts = [x for x in p.split("-") if x]
        code = "".join(x[0] for x in parts).upper() if len(parts) > 1 else p[:3].upper()
        base, n = code, 1
        while code in codes.values():
            n += 1
            code = f"{base}{n}"
        codes[p] = code
    return codes


def print_coverage(cov: Coverage, amended: Amendments, lang: str) -> None:
    out = Out()
    out.wrap(t("cov.title", lang, year=cov.year, date=format_date(cov.as_of, lang)), style="bold")
    out.wrap(t("cov.rule", lang, year=cov.year), style="dim")
    codes = short_codes(cov.platforms)
    if not cov.lines():
        out.line(t("cov.no-tags", lang, plan=cov.plan))
    for dimension, lines in (("speerpunt", cov.speerpunten), ("krachtlijn", cov.krachtlijnen)):
        if not lines:
            continue
        out.blank()
        headers = [t("cov.col." + dimension, lang)] + [codes[p] for p in cov.platforms] + [t("cov.col.total", lang)]
        rows, styles = [], []
        for ln in lines:
            rows.append([ln.id] + [str(len(ln.cells[p].active)) if ln.cells[p].active else "—" for p in cov.platforms]
                        + [str(len(ln.total))])
            styles.append(["bold"] + ["" if ln.cells[p].active else "red" for p in cov.platforms]
                          + ["" if ln.total else "red"])
        table(out, headers, rows, right=set(range(1, len(headers))), styles=styles)
    out.wrap(t("cov.legend", lang) + " " + ", ".join(f"{c} = {p}" for p, c in codes.items()), style="dim")
    out.blank()
    out.line((t("cov.gaps", lang), "bold"))
    quiet = cov.quiet_speerpunten()
    if quiet:
        out.wrap(t("cov.quiet-speerpunten", lang, ids=", ".join(ln.id for ln in quiet)), indent="  ", style="red")
    no_data = cov.no_data_speerpunten()
    if no_data:
        out.wrap(t("cov.no-data-speerpunten", lang, ids=", ".join(ln.id for ln in no_data)), indent="  ", style="dim")
    for ln in cov.speerpunten:
        if ln.total and ln.gaps:
            out.wrap(f"{ln.id}: " + t("cov.nothing-in", lang, platforms=", ".join(ln.gaps)), indent="  ")
    if cov.focus_gaps:
        by_platform: dict[str, list[str]] = {}
        for p, theme in cov.focus_gaps:
            by_platform.setdefault(p, []).append(theme)
        for p, themes in by_platform.items():
            out.wrap(t("cov.focus-gap", lang, platform=p, year=cov.year, themes=", ".join(themes)), indent="  ", style="yellow")
    if not quiet and not no_data and not cov.focus_gaps and not any(ln.gaps for ln in cov.speerpunten):
        out.line("  " + t("st.none", lang))
    out.blank()
    out.line((t("am.title", lang, date=format_date(amended.as_of, lang)), "bold"))
    for key, counts in (("am.adopted", amended.adopted), ("am.amended", amended.amended)):  # each with its own data line
        out.wrap(tn(key, counts.total, lang, done=counts.realised, total=counts.total, pct=counts.progress_pct), indent="  ")
        out.wrap(tn("fig.data", counts.total, lang, with_data=counts.with_data, items=counts.total,
                    without=counts.without_data), indent="    ", style="dim")
    if amended.dropped_items:
        out.wrap(t("am.dropped-items", lang, ids=", ".join(amended.dropped_items)), indent="  ", style="dim")
    if amended.added_actions:
        out.wrap(t("am.added-actions", lang, ids=", ".join(amended.added_actions)), indent="  ", style="dim")
    if amended.dropped_actions:
        out.wrap(t("am.dropped-actions", lang, ids=", ".join(amended.dropped_actions)), indent="  ", style="dim")
    out.flush()


# -- rendering: agenda ------------------------------------------------------------------




def print_agenda(ag: Agenda, lang: str) -> None:
    out = Out()
    out.wrap(t("ag.title", lang, asof=t(f"asof.{ag.as_of_reason}", lang, date=format_date(ag.as_of, lang))), style="bold")
    fig = ag.figures
    out.wrap(tn("fig.data", fig.items, lang, with_data=fig.with_data, items=fig.items, without=fig.without_data))
    if ag.empty:
        out.line(t("ag.empty", lang))

    def section(key: str, count: int, **params: Any) -> None:
        out.blank()
        out.wrap(t(key, lang, count=count, **params), style="bold")
        if not count:
            out.line("  " + t("st.none", lang))

    section("ag.quiet", len(ag.quiet), months=ag.stale_after)
    for q in ag.quiet:
        item_line(out, q.item, q.status, t("ag.quiet-since", lang, platform=q.platform, date=str(q.last), months=q.months))
    if ag.unknown:
        out.wrap(t("ag.unknown", lang, count=ag.unknown), indent="  ", style="dim")
    section("ag.late", len(ag.late), months=ag.late_after)
    for x in ag.late:
        item_line(out, x.item, x.status, t("ag.late-since", lang, due=str(x.due), months=x.months))
    if ag.past_due:
        out.blank()
        out.line((t("st.past-due", lang), "bold"))
        for item in ag.past_due:
            item_line(out, item, "onbekend", t("st.due", lang, due=str(item.due)))
    section("ag.follow-ups", len(ag.follow_ups))
    for f in ag.follow_ups:
        due = t("ag.follow-up-due", lang, date=format_date(f.due, lang)) if f.due else t("ag.follow-up-none", lang)
        flag = (" — " + t("ag.overdue", lang)) if f.overdue else ""
        items = f" [{', '.join(f.items)}]" if f.items else ""
        if len(f"  {f.id}  {due}{flag}{items}") <= out.width:
            out.line(f"  {f.id}  ", (due + flag, "red" if f.overdue else ""), (items, "dim"))
        else:  # the items below, whole: the date is never cut
            out.line(f"  {f.id}  ", (due + flag, "red" if f.overdue else ""))
            out.wrap(items.strip(), indent="      ", style="dim")
        out.wrap(f"{format_date(f.date, lang)}: {f.text}", indent="      ")
    section("ag.not-reported", len(ag.not_reported), year=ag.year)
    for p, cell in ag.not_reported:
        out.line(f"  {p:<16} ", (f"{OB_SYMBOLS[cell.state]} {t('ob.' + cell.state, lang)}", OB_COLOURS[cell.state]))
    if ag.year in ag.obligations.years and not ag.obligations.recorded(ag.year):
        out.wrap(t("report.ob.no-data", lang, year=ag.year), indent="  ", style="dim")
    if ag.year in ag.obligations.years and not ag.obligations.complete(ag.year):
        out.wrap(t("ag.year-open", lang, year=ag.year), indent="  ", style="dim")
    quiet_sp = ag.coverage.quiet_speerpunten() if ag.coverage else []
    section("ag.quiet-speerpunten", len(quiet_sp), year=ag.year)
    for ln in quiet_sp:
        out.line(f"  ★ {ln.id:<18} ", (fit(ln.title, max(10, out.width - 23)).rstrip(), "dim"))
    no_data_sp = ag.coverage.no_data_speerpunten() if ag.coverage else []
    if no_data_sp:
        out.wrap(t("ag.no-data-speerpunten", lang, ids=", ".join(ln.id for ln in no_data_sp)), indent="  ", style="dim")
    section("ag.signals", len(ag.open_signals))
    for e in ag.open_signals:
        head = f"  {e.model.date!s:<10} {e.platform:<16} "
        out.line(head, fit(f"{e.model.id}: {e.model.title}", max(10, out.width - len(head))).rstrip())
    print_obligations(out, ag.obligations, lang)
    out.flush()


def print_obligations(out: Out, ob: Obligations, lang: str) -> None:
    """The platforms × years matrix of the yearly account (also usable by `status`)."""
    if not ob.years or not ob.platforms:
        return
    out.blank()
    out.line((t("ob.title", lang), "bold"))
    headers = [t("rg.col.platform", lang)] + [str(y) + ("" if ob.complete(y) else "*") for y in ob.years]
    rows, styles = [], []
    for p in ob.platforms:
        cells = ob.row(p)
        rows.append([p] + [OB_SYMBOLS[c.state] for _, c in cells])
        styles.append([""] + [OB_COLOURS[c.state] for _, c in cells])
    table(out, headers, rows, right=set(range(1, len(headers))), styles=styles)
    out.wrap(t("ob.legend", lang), style="dim")
