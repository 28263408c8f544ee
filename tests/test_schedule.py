from datetime import UTC, datetime, timedelta

import pytest

from bot.schedule import (
    Schedule,
    ScheduleError,
    due_slot,
    latest_slot,
    parse_time,
    parse_weekday,
    slot_key,
    zone,
    zone_name,
)


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


def test_a_time_zone_is_read_whatever_its_case_and_a_near_miss_is_named():
    assert zone_name("europe/stockholm") == "Europe/Stockholm"
    assert zone_name(" UTC ") == "UTC"
    with pytest.raises(ScheduleError, match="did you mean Europe/Stockholm"):
        zone_name("Europe/Stokholm")
    # A city alone names its zone: "warsaw" was refused with only Europe/Stockholm as an example.
    for city, meant in (("warsaw", "Europe/Warsaw"), ("new york", "America/New_York"), ("tokyo", "Asia/Tokyo")):
        with pytest.raises(ScheduleError, match=f"did you mean {meant}"):
            zone_name(city)
    with pytest.raises(ScheduleError, match="not a time zone") as raised:
        zone_name("Mars/Olympus")
    assert "did you mean" not in str(raised.value)


@pytest.mark.parametrize(("text", "day"), [("friday", 4), ("Fri", 4), ("thurs", 3), ("tu", 1), ("SUN.", 6)])
def test_a_weekday_by_its_name_or_the_start_of_it(text, day):
    assert parse_weekday(text) == day


@pytest.mark.parametrize("text", ["t", "s", "funday", ""])  # "t": Tuesday or Thursday?
def test_a_weekday_that_is_none_or_could_be_two_says_which_are(text):
    with pytest.raises(ScheduleError, match="monday, tuesday"):
        parse_weekday(text)


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


def _transition_days(name: str, year: int) -> list[datetime]:
    """The UTC midnights of the days a zone's offset changes in `year`, found hour by hour."""
    tz = zone(name)
    days, hour = [], at(year, 1, 1)
    while hour.year == year:
        following = hour + timedelta(hours=1)
        if hour.astimezone(tz).utcoffset() != following.astimezone(tz).utcoffset():
            days.append(hour.replace(hour=0))
        hour = following
    return days


# Zones with a fall-back fold and a spring-forward gap at different wall times: 02:00-03:00
# (Stockholm), 01:00-02:00 / 02:00-03:00 (New York), half an hour (Lord Howe), around midnight
# (Santiago), the southern hemisphere (Sydney), and zones without DST.
ZONES = ["Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Australia/Sydney", "Asia/Kolkata", "UTC"]
TIMES = ["00:00", "00:30", "01:30", "02:00", "02:30", "03:00", "23:30"]
TICK = timedelta(minutes=10)


@pytest.mark.parametrize("name", ZONES)
def test_every_day_gets_exactly_one_post_across_dst_in_every_zone(name):
    days = _transition_days(name, 2026) or [at(2026, 3, 29)]
    assert name in ("Asia/Kolkata", "UTC") or len(days) == 2
    for start in days:
        for clock in TIMES:
            begin = start - timedelta(days=2)
            schedule = Schedule(1, 2, "daily", clock, timezone=name, since=begin)
            posts, now = [], begin
            while now < start + timedelta(days=3):
                slot = due_slot(schedule, now)
                if slot is not None:
                    assert slot.astimezone(UTC) <= now, (clock, slot, now)
                    posts.append(slot)
                    schedule = Schedule(1, 2, "daily", clock, timezone=name, since=begin, last_slot=slot)
                now += TICK
            local_days = [p.date() for p in posts]
            assert len(local_days) == len(set(local_days)), (name, clock, posts)  # never twice a day
            # ... and no day skipped: five days of ticks hold at least four whole local days
            assert len(local_days) >= 4 and (local_days[-1] - local_days[0]).days == len(local_days) - 1, posts


@pytest.mark.parametrize(("name", "clock", "first", "second"), [
    # The wall time happens twice on the fall-back night: both ticks name the same slot.
    ("Europe/Stockholm", "02:30", at(2026, 10, 25, 0, 30), at(2026, 10, 25, 1, 30)),
    ("America/New_York", "01:30", at(2026, 11, 1, 5, 30), at(2026, 11, 1, 6, 30)),
])
def test_the_repeated_hour_is_one_slot(name, clock, first, second):
    schedule = Schedule(1, 2, "daily", clock, timezone=name)
    slot = latest_slot(schedule, first)
    assert slot.astimezone(UTC) == first
    assert slot_key(latest_slot(schedule, second)) == slot_key(slot) == f"{slot:%Y-%m-%d}T{clock} {name}"
    stored = datetime.fromisoformat(slot.isoformat())  # as the store keeps it: with its UTC offset
    assert due_slot(Schedule(1, 2, "daily", clock, timezone=name, last_slot=stored), second) is None


def test_a_skipped_time_is_posted_as_late_as_the_gap_is_long():
    schedule = Schedule(1, 2, "daily", "02:30", timezone="Europe/Stockholm")
    spring = at(2026, 3, 29, 1, 0)  # 03:00 CEST: the clock just jumped over 02:30
    assert latest_slot(schedule, spring).date() == datetime(2026, 3, 28).date()
    slot = latest_slot(schedule, spring + timedelta(minutes=30))
    assert slot_key(slot) == "2026-03-29T02:30 Europe/Stockholm"
    assert slot.astimezone(UTC) == at(2026, 3, 29, 1, 30)
