"""Partial dates: `2022`, `2022-05` or `2022-05-14`, as the sources give them.

A partial date sorts as its first day; as a due date it expires after its last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
#: Years a plan, update or `--as-of` may name: year 0 or 1 is a typo, and date arithmetic
#: (stale periods, due dates) must stay inside the calendar.
MIN_YEAR, MAX_YEAR = 1900, 2999


class DateError(ValueError):
    """`code` names the catalogue message; `params` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0 = not given
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise DateError("date-format", value=str(value))
        return _parse_text(str(value).strip())


    @cached_property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def last(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> PartialDate:
    """Logs repeat the same dates many times: parse each text once (errors are not cached)."""
    m = _RE.match(text)
    if not m:
        raise DateError("date-format", value=text)
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError("date-year", value=text, year=year, low=MIN_YEAR, high=MAX_YEAR)
    if m.group(2) is not None and not 1 <= month <= 12:
        raise DateError("date-month", value=text, month=month)
    if m.group(3) is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError("date-day", value=text, day=day, last=last, month=month)
    return PartialDate(year, month, day)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the last day of the month when it has fewer days)."""
    import calendar

    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (0 when later is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    return max(0, months)


def option_date(value: str) -> PartialDate:
    """A date typed on the command line (`--as-of`, `--since`, `--until`): well written but
    impossible says why ("februari heeft geen 30 dagen"), anything else asks for the form;
    SswError, exit 2, either way."""
    from ssw.problems import SswError

    try:
        return PartialDate.parse(value)
    except DateError as exc:
        if exc.code in ("date-year", "date-month", "date-day"):
            raise SswError(f"problem.{exc.code}", exit_code=2, **exc.params) from None
        raise SswError("err.bad-date", exit_code=2, value=value) from None
