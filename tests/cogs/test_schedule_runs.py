"""The prompt scheduler over days: DST nights, two loops, refused threads, database errors, gone channels."""

import sqlite3
from datetime import UTC, datetime, timedelta
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest

from bot.store import Store
from tests.discord_helpers import make_bot, make_text_channel

TICK = timedelta(minutes=1)


def http_error(kind: type[discord.HTTPException], status: int) -> discord.HTTPException:
    response = MagicMock(status=status, reason=kind.__name__)
    return kind(response, {"code": 0, "message": kind.__name__})


def guild_with_system_channel(bot, guild_id: int = 1) -> MagicMock:
    """The server as the bot sees it: no moderators' updates channel, a system channel it may post in."""
    guild = MagicMock(spec=discord.Guild)
    guild.id = guild_id
    guild.public_updates_channel = None
    guild.system_channel = make_text_channel(channel_id=900, guild_id=guild_id)
    bot.get_guild = MagicMock(return_value=guild)
    return guild


async def schedule(bot, guild_id, channel, clock, *, timezone="UTC", since="2026-11-27T00:00:00+00:00"):
    await bot.store.update_settings(guild_id, timezone=timezone)
    await bot.store.set_schedule(guild_id, channel.id, "daily", clock, 0)
    await bot.store.db.execute("UPDATE prompt_schedules SET since = ? WHERE guild_id = ?", (since, guild_id))
    await bot.store.db.commit()


async def tick_through(cogs, start: datetime, end: datetime) -> list[int]:
    posted, now = [], start
    while now < end:
        for cog in cogs:
            posted += await cog.run_schedules(now)
        now += TICK
    return posted


@pytest.fixture
async def bot(tmp_path):
    bot = await make_bot(tmp_path)
    yield bot
    await bot.store.close()


@pytest.mark.parametrize(("timezone", "clock", "night"), [
    ("Europe/Stockholm", "02:30", datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),  # 02:00-03:00 happens twice
    ("America/New_York", "01:30", datetime(2026, 11, 1, 4, 0, tzinfo=UTC)),  # 01:00-02:00 happens twice
    ("Europe/Stockholm", "02:30", datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),  # 02:30 does not happen
])
async def test_a_dst_night_posts_once(bot, timezone, clock, night):
    channel = make_text_channel()
    bot.get_channel = MagicMock(return_value=channel)
    await schedule(bot, 1, channel, clock, timezone=timezone, since=night.isoformat())
    cog = bot.get_cog("Prompts")
    assert await tick_through([cog], night, night + timedelta(hours=6)) == [1]
    assert channel.send.await_count == 1


async def test_two_loops_over_one_database_post_a_slot_once(bot, tmp_path):
    channel = make_text_channel()
    await schedule(bot, 1, channel, "09:00")
    second = await make_bot(tmp_path)  # another process on the same file (a second bot started by mistake)
    try:
        for each in (bot, second):
            each.get_channel = MagicMock(return_value=channel)
        start = datetime(2026, 11, 27, 8, 58, tzinfo=UTC)
        cogs = [bot.get_cog("Prompts"), second.get_cog("Prompts")]
        assert await tick_through(cogs, start, start + timedelta(minutes=5)) == [1]
        assert channel.send.await_count == 1
    finally:
        await second.store.close()


async def test_a_refused_thread_still_uses_the_prompt_and_moderators_are_told_once(bot):
    channel = make_text_channel()
    channel.send.return_value.create_thread.side_effect = http_error(discord.Forbidden, 403)
    bot.get_channel = MagicMock(return_value=channel)
    await schedule(bot, 1, channel, "09:00")
    cog = bot.get_cog("Prompts")
    start = datetime(2026, 11, 27, 8, 59, tzinfo=UTC)
    assert await tick_through([cog], start, start + timedelta(days=2)) == [1, 1]
    calls = channel.send.await_args_list
    prompts = [c.kwargs["embed"].description for c in calls if "embed" in c.kwargs]
    notices = [c.args[0] for c in calls if c.args]
    assert len(prompts) == 2 and prompts[0] != prompts[1]  # the second day brings the next prompt
    assert len(notices) == 1 and "Create Public Threads" in notices[0]
    assert all(c.kwargs["allowed_mentions"].to_dict() == {"parse": []} for c in calls)
    history = await bot.store.post_history(1)
    assert sum(times for times, _ in history.values()) == 2
    [stored] = await bot.store.schedules()
    assert "Create Public Threads" in stored.describe()


async def test_a_database_error_for_one_server_stops_no_other_and_is_retried(bot):
    channels = {500: make_text_channel(channel_id=500, guild_id=1), 700: make_text_channel(channel_id=700, guild_id=2)}
    bot.get_channel = MagicMock(side_effect=channels.get)
    for guild, channel in ((1, channels[500]), (2, channels[700])):
        await schedule(bot, guild, channel, "09:00")
    real = bot.store.claim_slot
    failures = iter([sqlite3.OperationalError("disk I/O error")])

    async def flaky(guild_id, slot):
        if guild_id == 1:
            exc = next(failures, None)
            if exc:
                raise exc
        return await real(guild_id, slot)

    bot.store.claim_slot = flaky
    cog = bot.get_cog("Prompts")
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert await cog.run_schedules(now) == [2]
    assert await cog.run_schedules(now + TICK) == [1]  # retried at the next tick
    assert await cog.run_schedules(now + 2 * TICK) == []


async def test_the_loop_survives_when_the_schedules_cannot_be_read(bot):
    cog = bot.get_cog("Prompts")
    bot.store.schedules = AsyncMock(side_effect=sqlite3.OperationalError("database is locked"))
    assert await cog.run_schedules(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)) == []


async def test_a_deleted_channel_pauses_the_schedule_and_moderators_are_told(bot):
    guild = guild_with_system_channel(bot)
    bot.get_channel = MagicMock(return_value=None)
    bot.fetch_channel = AsyncMock(side_effect=http_error(discord.NotFound, 404))
    await schedule(bot, 1, make_text_channel(), "09:00")
    cog = bot.get_cog("Prompts")
    start = datetime(2026, 11, 27, 8, 59, tzinfo=UTC)
    assert await tick_through([cog], start, start + timedelta(days=3)) == []
    assert bot.fetch_channel.await_count == 1  # paused: not looked for again
    [stored] = await bot.store.schedules()
    assert stored.paused and "deleted" in stored.describe()
    [told] = guild.system_channel.send.await_args_list
    assert "was deleted" in told.args[0] and told.kwargs["allowed_mentions"].to_dict() == {"parse": []}


async def test_no_permission_to_post_is_told_once_and_tried_again_each_slot(bot):
    guild = guild_with_system_channel(bot)
    channel = make_text_channel()
    channel.send.side_effect = http_error(discord.Forbidden, 403)
    bot.get_channel = MagicMock(return_value=channel)
    await schedule(bot, 1, channel, "09:00")
    cog = bot.get_cog("Prompts")
    start = datetime(2026, 11, 27, 8, 59, tzinfo=UTC)
    assert await tick_through([cog], start, start + timedelta(days=2)) == []
    assert channel.send.await_count == 2  # once per slot, not every minute
    [told] = guild.system_channel.send.await_args_list
    assert "<#500>" in told.args[0] and "Send Messages" in told.args[0]
    [stored] = await bot.store.schedules()
    assert not stored.paused


async def test_leaving_a_server_deletes_its_schedule_only(bot):
    for guild in (1, 2):
        await schedule(bot, guild, make_text_channel(guild_id=guild), "09:00")
    departed = MagicMock(spec=discord.Guild)
    departed.id = 1
    cog = bot.get_cog("Prompts")
    await cog.on_guild_remove(departed)
    assert [s.guild_id for s in await bot.store.schedules()] == [2]


async def test_a_schedule_reopened_from_disk_keeps_its_claimed_slots(tmp_path):
    bot = await make_bot(tmp_path)
    channel = make_text_channel()
    await schedule(bot, 1, channel, "09:00")
    bot.get_channel = MagicMock(return_value=channel)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert await bot.get_cog("Prompts").run_schedules(now) == [1]
    # A crash after posting, before last_slot was saved: the claim alone stops a repeat.
    await bot.store.db.execute("UPDATE prompt_schedules SET last_slot = NULL")
    await bot.store.db.commit()
    await bot.store.close()
    async with Store(tmp_path / "citebot.db") as reopened:
        bot.store = reopened
        assert await bot.get_cog("Prompts").run_schedules(now + TICK) == []
    assert channel.send.await_count == 1


async def test_status_shows_the_schedule_and_why_it_is_paused(bot):
    from tests.discord_helpers import make_interaction, make_member, sent

    cog = bot.get_cog("Prompts")

    async def status() -> str:
        interaction = make_interaction(bot, member=make_member(manage_guild=True))
        await cog.schedule.callback(cog, interaction, cadence="status")
        return sent(interaction)["content"]

    assert await status() == "No schedule is set."
    await schedule(bot, 1, make_text_channel(), "09:00")
    await bot.store.pause_schedule(1, "its channel (<#500>) was deleted")
    assert await status() == ("Prompts are posted every day at 09:00 (UTC) in <#500>, paused: its channel (<#500>) "
                              "was deleted.")
