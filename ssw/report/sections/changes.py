"""Changes: what the git history says changed in the report year (`ssw.changes`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ssw.dates import DateError, PartialDate
from ssw.i18n import format_date, t
from ssw.ids import natural_key
from ssw.problems import SswError
from ssw.report.context import ReportContext
from ssw.report.plain import date_dict, platform_label, status_ref


def build(ctx: ReportContext) -> dict[str, Any]:
    """What the git history says changed in the report year: the committed data at the
    last commit on or before 31 December of the year before, against the last commit on
    or before 31 December of the year (`ssw changes --since Y-1-12-31 --until Y-12-31`).
    Outside git, or when the history does not reach back that far, the section says so."""
    from ssw import changes as ch

    since, until = f"{ctx.year - 1}-12-31", f"{ctx.year}-12-31"
    frame: dict[str, Any] = {"year": ctx.year, "since_date": date_dict(dt.date(ctx.year - 1, 12, 31), ctx.lang),
                             "until_date": date_dict(dt.date(ctx.year, 12, 31), ctx.lang)}
    try:
        result = ch.changes_between(ctx.root, since, until)
    except SswError as exc:
        reason = {
            "err.no-git": t("report.ch.no-git", ctx.lang),
            "ch.err.no-commits": t("report.ch.no-commits", ctx.lang),
            "ch.err.no-commit-before": t("report.ch.no-history", ctx.lang, date=format_date(
                dt.date.fromisoformat(exc.params.get("value", since)), ctx.lang)),
        }.get(exc.key) or t("report.ch.git-error", ctx.lang, reason=exc.message(ctx.lang))
        return {**frame, "available": False, "reason_code": exc.key, "reason": reason}
    except (OSError, ValueError) as exc:  # never fail the whole report over the history
        return {**frame, "available": False, "reason_code": "err.git",
                "reason": t("report.ch.git-error", ctx.lang, reason=str(exc)[:200] or type(exc).__name__)}

    ds, lang, plan_id = ctx.loaded.data, ctx.lang, ctx.plan.id
    status = [c for c in result.status_changes if c.plan == plan_id]
    updates = [c for c in result.updates if c.plan in (plan_id, "")]
    added = [c for c in result.actions_added if c.plan == plan_id]
    dropped = [c for c in result.actions_dropped if c.plan == plan_id]
    every = status + updates + added + dropped + result.signals

    def who(c: Any) -> str | None:
        return c.by.name if c.by else None

    def when(value: Any) -> dict[str, str] | None:
        """A date from the history as {iso, text}; a date the data got wrong stays as written."""
        if not value:
            return None
        try:
            return ctx.date(PartialDate.parse(value))
        except DateError:
            return {"iso": str(value), "text": str(value)}

    themes: dict[str | None, list[Any]] = {}
    for c in status:
        themes.setdefault(c.theme, []).append(c)
    theme_rows = []
    for theme in sorted(themes, key=lambda x: (x is None, natural_key(x or ""))):
        rows = sorted(themes[theme], key=lambda c: (natural_key(c.id), c.platform))
        theme_rows.append({
            "id": theme,
            "title": result.theme_titles.get(theme or "", ""),
            "changes": [{"id": c.id, "title": c.title, "kind": c.data.get("kind"), "platform": c.platform,
                         "platform_name": platform_label(ds, c.platform),
                         "from": status_ref(c.data["from"], lang), "to": status_ref(c.data["to"], lang),
                         "date": when(c.data.get("date")), "by": who(c)} for c in rows],
        })

    def action(c: Any) -> dict[str, Any]:
        return {"id": c.id, "title": c.title, "platform": c.platform, "platform_name": platform_label(ds, c.platform),
                "date": when(c.data.get("date")), "dropped": bool(c.data.get("dropped")), "by": who(c)}

    totals = {"status_changes": len(status), "updates": len(updates), "actions_added": len(added),
              "actions_dropped": len(dropped), "signals": len(result.signals), "all": len(every)}
    authors: dict[str, int] = {}
    for commit in result.commits:
        authors[commit.author] = authors.get(commit.author, 0) + 1
    return {
        **frame,
        "available": True,
        "since": {"commit": result.since.commit[:12], "date": date_dict(result.since.date, lang)},
        "until": {"commit": result.until.commit[:12], "date": date_dict(result.until.date, lang)},
        "same_commit": result.since.commit == result.until.commit,
        "problems": dict(result.problems),
        "totals": totals,
        "summary_text": ch.summary_text(totals, lang),
        "themes": theme_rows,
        "actions_added": [action(c) for c in added],
        "actions_dropped": [action(c) for c in dropped],
        "signals": [{"id": c.id, "title": c.title, "platform": c.platform, "platform_name": platform_label(ds, c.platform),
                     "type": c.data.get("type"), "type_label": t(f"report.type.{c.data.get('type')}", lang),
                     "date": when(c.data.get("date")), "by": who(c)} for c in result.signals],
        "committed_by": sorted({name for c in every if (name := who(c))}),
        "commits": len(result.commits),
        "authors": [{"name": name, "commits": n} for name, n in sorted(authors.items())],
    }
