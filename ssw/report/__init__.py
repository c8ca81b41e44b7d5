"""Reports: one plain data object built from the status model, rendered by templates.

- `frame`: which plan, year and status date a report shows, and why;
- `context.ReportContext`: the one context object every section builder gets (the
  frame, the status model computed once, helpers that make plain data);
- `sections`: the ordered section registry; each section is a small module whose
  `build(ctx)` returns the data of its template partial `partials/<name>.<fmt>.j2`;
- `build.build_report_data`: the frame plus every section of the report's kind;
- `render.render_report`: the data object through `<kind>.<fmt>.j2`.

Python passes plain data (dicts, lists, strings, numbers) only; templates own the look
and the wording (through `t` of the one message catalogue). Every number comes from the
core modules (`ssw.status`, `ssw.obligations`, `ssw.coverage`, ...), never from here.
"""

from __future__ import annotations

from ssw.report.build import (
    AUDIENCES,
    KINDS,
    SCHEMA,
    build_report_data,
    default_out_name,
)
from ssw.report.context import ReportContext
from ssw.report.frame import check_year, default_year, pick_plan, report_as_of
from ssw.report.markdown import md_block, md_cell, md_inline, safe_url, text_bar
from ssw.report.plain import counts_dict
from ssw.report.render import FORMATS, environment, output_bound, render_report, template_name
from ssw.report.sections import SECTIONS, Section
from ssw.symbols import SYMBOLS

__all__ = [
    "AUDIENCES", "FORMATS", "KINDS", "SCHEMA", "SECTIONS", "SYMBOLS", "ReportContext", "Section", "build_report_data",
    "check_year", "counts_dict", "default_out_name", "default_year", "environment", "md_block", "md_cell",
    "md_inline", "output_bound", "pick_plan", "render_report", "report_as_of", "safe_url", "template_name", "text_bar",
]
