"""When to post: schedule slots in a server's time zone, owed at most once after downtime.

Pure functions over plain values, so the rules are tested without a clock or Discord.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CADENCES = ("daily", "weekly")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


class ScheduleError(ValueError):
    """A schedule that cannot work; the text says how to fix it."""


def parse_time(text: str) -> tuple[int, int]:
    match = _TIME.match(text)
    if not match:
        raise ScheduleError(f"\u201c{text}\u201d is not a time of day; write it as HH:MM, e.g. 18:30")
    return int(match.group(1)), int(match.group(2))


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"\u201c{name}\u201d is not a time zone; use a name like Europe/Stockholm or UTC") from exc


@dataclass(frozen=True, slots=True)
class Schedule:
    """A server's automatic prompts: where, how often, when (in its time zone)."""

    guild_id: int
    channel_id: int
    cadence: str
    time: str  # HH:MM in `timezone`
    weekday: int = 0  # 0 = Monday; used when weekly
    timezone: str = "UTC"
    since: datetime | None = None  # slots before this are not owed
    last_slot: datetime | None = None  # the last slot posted

    def describe(self) -> str:
        when = f"every {WEEKDAYS[self.weekday].title()}" if self.cadence == "weekly" else "every day"
        return f"{when} at {self.time} ({self.timezone}) in <#{self.channel_id}>"


def latest_slot(schedule: Schedule, now: datetime) -> datetime:
    """The most recent scheduled moment at or before `now` (aware datetimes)."""
    tz = zone(schedule.timezone)
    hour, minute = parse_time(schedule.time)
    local = now.astimezone(tz)
    slot = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if schedule.cadence == "weekly":
        slot -= timedelta(days=(local.weekday() - schedule.weekday) % 7)
        if slot > local:
            slot -= timedelta(days=7)
    elif slot > local:
        slot -= timedelta(days=1)
    # Re-attach the zone after date arithmetic so a slot across a DST change keeps its wall time.
    return slot.replace(tzinfo=None).replace(tzinfo=tz)


def due_slot(schedule: Schedule, now: datetime) -> datetime | None:
    """The slot to post now, if one is owed. However long the bot was down, at most one is."""
    slot = latest_slot(schedule, now)
    if schedule.since is not None and slot < schedule.since:
        return None
    if schedule.last_slot is not None and slot <= schedule.last_slot:
        return None
    return slot
