"""When to post: schedule slots in a server's time zone, owed at most once after downtime.

Pure functions over plain values, so the rules are tested without a clock or Discord.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rapidfuzz import fuzz, process

CADENCES = ("daily", "weekly")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SLOT_LOOKBACK_DAYS = 8  # today and the seven days before: a weekly slot is among them
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


def zone_name(name: str) -> str:
    """The IANA name a time zone is written as, whatever its case ("europe/stockholm" is
    Europe/Stockholm); a name that is none says which it may have meant."""
    name = name.strip()
    try:
        zone(name)
        return name
    except ScheduleError as exc:
        known = {z.casefold(): z for z in available_timezones()}
        if name.casefold() in known:
            return known[name.casefold()]
        # A city alone ("warsaw", "new york") is the zone named after it: "did you mean Europe/Warsaw?".
        cities = {z.rsplit("/", 1)[-1].casefold().replace("_", " "): z for z in known.values() if "/" in z}
        near = process.extractOne(name.casefold(), list(known), scorer=fuzz.ratio, score_cutoff=80)
        city = process.extractOne(name.casefold().replace("_", " "), list(cities), scorer=fuzz.ratio, score_cutoff=85)
        if near is None and city is None:
            raise
        meant = known[near[0]] if near is not None and (city is None or near[1] >= city[1]) else cities[city[0]]
        raise ScheduleError(f"{exc} (did you mean {meant}?)") from exc


def parse_weekday(text: str) -> int:
    """A day of the week, Monday 0, by its name or the start of it ("fri", "Thurs")."""
    said = text.strip().lower().rstrip(".")
    found = [n for n, day in enumerate(WEEKDAYS) if len(said) >= 2 and day.startswith(said)]
    if len(found) != 1:
        raise ScheduleError(f"\u201c{text}\u201d is not a day of the week; use one of {', '.join(WEEKDAYS)}")
    return found[0]


# Why a schedule is paused when a moderator turned it off (not because its channel went away).
TURNED_OFF = "turned off by a moderator"


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
    paused: str | None = None  # why posting stopped (the channel is gone); setting the schedule again resumes
    notice: str | None = None  # the last failure the moderators were told about, told once

    def sentence(self, *, restart: str = "set a time") -> str:
        """The schedule in a sentence: "Prompts are posted every day at 18:30 (UTC) in <#5>.", or,
        turned off, when and where they were posted and how to `restart` them."""
        if self.paused == TURNED_OFF:
            return f"Scheduled prompts are off; they were posted {self._when_where()}. To start them again, {restart}."
        return f"Prompts are posted {self.describe()}."

    def _when_where(self) -> str:
        when = f"every {WEEKDAYS[self.weekday].title()}" if self.cadence == "weekly" else "every day"
        return f"{when} at {self.time} ({self.timezone}) in <#{self.channel_id}>"

    def describe(self) -> str:
        text = self._when_where()
        if self.paused == TURNED_OFF:
            return f"{text}, but they are off: set a time to start them again"
        if self.paused:
            return f"{text}, paused: {self.paused}"
        if self.notice:
            return f"{text}; last problem: {self.notice}"
        return text


def now() -> datetime:
    """The scheduler's clock; tests set their own day here (the cog module is reloaded on restart)."""
    return datetime.now(UTC)


def _instant(moment: datetime) -> datetime:
    """The same moment in UTC: aware datetimes sharing a zone compare by wall time, not by instant."""
    return moment.astimezone(UTC)


def latest_slot(schedule: Schedule, now: datetime) -> datetime:
    """The most recent scheduled moment at or before `now` (aware datetimes).

    A slot is a date and a wall-clock time in the server's zone, so a day has exactly one:
    on a fall-back night the repeated hour's first occurrence (fold 0) is the slot, and on a
    spring-forward night a time the clock skips resolves the way PEP 495 says (fold 0: the
    offset before the change), i.e. as late as the gap is long (02:30 becomes 03:30).
    The returned datetime keeps that wall date and time; `slot_key` names it.
    """
    tz = zone(schedule.timezone)
    hour, minute = parse_time(schedule.time)
    today = _instant(now).astimezone(tz).date()
    # Eight days back always holds a weekly slot that has begun.
    for back in range(SLOT_LOOKBACK_DAYS):
        day = today - timedelta(days=back)
        if schedule.cadence == "weekly" and day.weekday() != schedule.weekday:
            continue
        slot = datetime.combine(day, time(hour, minute), tzinfo=tz)
        if _instant(slot) <= _instant(now):
            return slot
    raise AssertionError("no slot in the last eight days")  # unreachable: every week has its weekday


def slot_key(slot: datetime) -> str:
    """A slot's stable name: its wall date and time in its zone, e.g. `2026-10-25T02:30 Europe/Stockholm`.

    The same for both occurrences of a repeated hour, so a slot is posted once across DST,
    restarts and two running loops.
    """
    return f"{slot.strftime('%Y-%m-%dT%H:%M')} {slot.tzinfo}"


def due_slot(schedule: Schedule, now: datetime) -> datetime | None:
    """The slot to post now, if one is owed. However long the bot was down, at most one is."""
    if schedule.paused:
        return None
    slot = latest_slot(schedule, now)
    if schedule.since is not None and _instant(slot) < _instant(schedule.since):
        return None
    if schedule.last_slot is not None and _instant(slot) <= _instant(schedule.last_slot):
        return None
    return slot
