"""Today, overridable with SSW_TODAY so tests and demos are reproducible."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """The real date, or SSW_TODAY's (YYYY-MM-DD); a value that is no date stops the run
    rather than being ignored without a word."""
    fixed = os.environ.get("SSW_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            from ssw.problems import SswError

            raise SswError("err.bad-today", exit_code=2, value=fixed) from None
    return dt.date.today()
