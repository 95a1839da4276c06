"""Working days in England and Wales: weekdays that are not bank holidays (from the `holidays` package,
whose calendar includes substitute days and one-off holidays such as coronations and state funerals)."""

import datetime
from functools import cache

import holidays


@cache
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales share their bank holidays; the package lists them under England's subdivision."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_after(start: datetime.date, count: int) -> datetime.date:
    """The day `count` working days after `start` (the start day itself does not count)."""
    day, counted = start, 0
    while counted < count:
        day += datetime.timedelta(days=1)
        counted += is_working_day(day)
    return day
