"""Scheduled prompts on the fake Discord: DST nights, restarts, refused threads, deleted channels, leaving."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

TICK = timedelta(minutes=1)


@pytest.fixture
def day(monkeypatch):
    """The scheduler loop's clock, held at the scenario's time (the loop runs on its own too)."""
    now = {"at": datetime(2026, 10, 24, 12, 0, tzinfo=UTC)}
    monkeypatch.setattr("bot.schedule.now", lambda: now["at"])
    return now


async def schedule(discord_, channel, clock: str, *, timezone: str = "UTC", since: datetime) -> None:
    """A moderator sets the schedule; it began at `since` (the scenario's clock, not today's)."""
    owner = discord_.guild.members[discord_.guild.owner_id]
    store = discord_.bot.store
    await store.update_settings(discord_.guild.id, timezone=timezone)
    set_up = await discord_.slash(owner, "prompt-admin schedule", cadence="daily", time=clock, channel=channel)
    assert "Prompts will be posted" in set_up.text
    await store.db.execute("UPDATE prompt_schedules SET since = ?", (since.isoformat(),))
    await store.db.commit()


async def tick(discord_, day, start: datetime, end: datetime) -> None:
    day["at"] = start
    while day["at"] < end:
        await discord_.bot.get_cog("Prompts").run_schedules(day["at"])
        day["at"] += TICK


def prompts_in(discord_, channel) -> list[str]:
    return [m.embeds[0]["description"] for m in discord_.messages(channel) if m.embeds]


def notices_in(discord_, channel) -> list[str]:
    return [m.content for m in discord_.messages(channel) if m.content.startswith("Scheduled prompts:")]


async def test_a_fall_back_night_with_a_restart_in_the_repeated_hour_posts_once(day, discord_):
    study = discord_.channel("study")
    night = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # 01:00 in Stockholm; 02:00-03:00 comes twice
    await schedule(discord_, study, "02:30", timezone="Europe/Stockholm", since=night)
    await tick(discord_, day, night, night + timedelta(hours=1, minutes=45))  # the first 02:30 is 00:30 UTC
    assert len(prompts_in(discord_, study)) == 1
    await discord_.restart()  # a new process, in the middle of the repeated hour
    await tick(discord_, day, night + timedelta(hours=1, minutes=45), night + timedelta(hours=8))
    assert len(prompts_in(discord_, study)) == 1


async def test_without_thread_permission_each_day_brings_the_next_prompt_and_one_notice(day, discord_):
    study = discord_.channel("study")
    discord_.deny(study, "create_public_threads")
    start = datetime(2026, 11, 27, 8, 58, tzinfo=UTC)
    await schedule(discord_, study, "09:00", since=start)
    await tick(discord_, day, start, start + timedelta(minutes=5))
    await tick(discord_, day, start + timedelta(days=1), start + timedelta(days=1, minutes=5))
    posted = prompts_in(discord_, study)
    assert len(posted) == 2 and posted[0] != posted[1]
    [notice] = notices_in(discord_, study)
    assert "couldn't open its discussion thread" in notice and "Create Public Threads" in notice
    discord_.problems.clear()  # the refused threads were provoked on purpose


async def test_a_deleted_channel_pauses_the_schedule_and_status_says_why(day, discord_):
    study = discord_.channel("study")
    start = datetime(2026, 11, 27, 8, 58, tzinfo=UTC)
    await schedule(discord_, study, "09:00", since=start)
    discord_.delete_channel(study)
    await tick(discord_, day, start, start + timedelta(days=2))
    owner = discord_.guild.members[discord_.guild.owner_id]
    status = await discord_.slash(owner, "prompt-admin schedule", cadence="status")
    assert status.ephemeral and "paused" in status.text and "was deleted" in status.text
    fetches = [c for c in discord_.calls if c.method == "GET" and c.path == f"/channels/{study.id}"]
    assert len(fetches) <= 1  # looked for once, then paused
    discord_.problems.clear()


async def test_leaving_a_server_deletes_its_schedule(discord_):
    await schedule(discord_, discord_.channel("study"), "09:00", since=datetime(2026, 11, 27, tzinfo=UTC))
    other = discord_.bot.store
    await other.set_schedule(424242, 1, "daily", "10:00", 0)  # another server's
    await discord_.leave(discord_.guild)
    assert [s.guild_id for s in await other.schedules()] == [424242]
