from datetime import UTC, datetime, timedelta

import pytest

from bot.schedule import Schedule, ScheduleError, due_slot, latest_slot, parse_time, zone


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [("18:30", (18, 30)), ("9:05", (9, 5)), ("07.15", (7, 15)),
                                                 ("23h59", (23, 59))])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "noon", "", "18:60"])
def test_bad_times_and_zones_say_how_to_write_them(text):
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_time(text)
    with pytest.raises(ScheduleError, match="Europe/Stockholm"):
        zone("Mars/Olympus")


def test_daily_slot_is_in_the_servers_time_zone():
    schedule = Schedule(1, 2, "daily", "18:30", timezone="Europe/Stockholm")
    slot = latest_slot(schedule, at(2026, 11, 27, 20, 0))
    assert slot.astimezone(UTC) == at(2026, 11, 27, 17, 30)
    assert latest_slot(schedule, at(2026, 11, 27, 17, 0)).astimezone(UTC) == at(2026, 11, 26, 17, 30)


def test_weekly_slot_falls_on_its_weekday():
    schedule = Schedule(1, 2, "weekly", "09:00", weekday=0)  # Mondays
    assert latest_slot(schedule, at(2026, 11, 27, 12, 0)) == at(2026, 11, 23, 9, 0)  # the Friday after
    assert latest_slot(schedule, at(2026, 11, 23, 8, 0)) == at(2026, 11, 16, 9, 0)


def test_dst_keeps_the_wall_clock_time():
    schedule = Schedule(1, 2, "daily", "18:00", timezone="Europe/Stockholm")
    summer = latest_slot(schedule, at(2026, 7, 1, 20, 0))
    winter = latest_slot(schedule, at(2026, 12, 1, 20, 0))
    assert (summer.hour, winter.hour) == (18, 18)
    assert summer.utcoffset() != winter.utcoffset()


def test_a_missed_slot_is_owed_once_however_long_the_bot_was_down():
    since = at(2026, 11, 1)
    schedule = Schedule(1, 2, "daily", "09:00", since=since)
    back = at(2026, 11, 27, 12, 0)  # down for many days
    slot = due_slot(schedule, back)
    assert slot == at(2026, 11, 27, 9, 0)
    posted = Schedule(1, 2, "daily", "09:00", since=since, last_slot=slot)
    assert due_slot(posted, back + timedelta(hours=3)) is None
    assert due_slot(posted, at(2026, 11, 28, 9, 0)) == at(2026, 11, 28, 9, 0)


def test_no_slot_is_owed_from_before_the_schedule_began():
    schedule = Schedule(1, 2, "daily", "09:00", since=at(2026, 11, 27, 10, 0))
    assert due_slot(schedule, at(2026, 11, 27, 11, 0)) is None
