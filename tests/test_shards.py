"""Shards: which process holds which server, and once-per-server work done only there."""

from datetime import UTC, datetime, timedelta
from unittest.mock import MagicMock

import discord
import pytest

from bot.client import Citebot, ShardedCitebot
from bot.config import Settings, SettingsError, shard_of, shards_from_env
from tests.cogs.test_schedule_runs import schedule, tick_through
from tests.discord_helpers import make_bot, make_text_channel


@pytest.mark.parametrize(("count", "ids", "expected"), [
    ("", "", (None, None)),
    ("4", "", (4, (0, 1, 2, 3))),
    ("4", "  ", (4, (0, 1, 2, 3))),  # empty, as a compose file's ${CITEBOT_SHARD_IDS:-} gives it: unset
    ("4", "0,1", (4, (0, 1))),
    ("4", " 3, 2 ", (4, (2, 3))),
    ("1", "0", (1, (0,))),
    ("1000", "999", (1000, (999,))),
    ("04", "003", (4, (3,))),
])
def test_shard_settings(count, ids, expected):
    assert shards_from_env(count, ids) == expected


@pytest.mark.parametrize(("count", "ids", "problem"), [
    ("", "0,1", "needs CITEBOT_SHARD_COUNT"),
    ("0", "", "1 or more"),
    ("two", "", "whole number"),
    ("4", "0;1", "separated by commas"),
    ("4", "-1", "separated by commas"),
    ("4", "2,4", "numbered 0 to 3"),
    ("\u00b2", "", "whole number"),  # a digit to str.isdigit, not to int()
    ("1001", "", "at most 1000"),
    ("1000000000", "", "at most 1000"),
    ("99999999999999999999", "", "at most 1000"),
    ("9" * 5000, "", "at most 1000, not '99999999999999999999…'"),
    ("4", "9" * 5000, "names shard 99999999999999999999…, but shards are numbered 0 to 3"),
    ("4", "0,0", r"names shard 0 more than once \(0,0\)"),
    ("4", "1, 3,01", "names shard 1 more than once"),
])
def test_bad_shard_settings_say_what_to_write(count, ids, problem):
    with pytest.raises(SettingsError, match=problem):
        shards_from_env(count, ids)


def test_a_bad_shard_setting_is_one_line_from_the_cli(monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("CITEBOT_SHARD_COUNT", "4")
    monkeypatch.setenv("CITEBOT_SHARD_IDS", "7")
    monkeypatch.setenv("DISCORD_TOKEN", "")
    assert main(["run"]) == 1
    assert "CITEBOT_SHARD_IDS names shard 7" in capsys.readouterr().err


@pytest.mark.parametrize(("guild_id", "shard"), [
    (0, 0), (1 << 22, 1), (3 << 22, 3), (4 << 22, 0), ((5 << 22) + 12345, 1),
    (81384788765712384, (81384788765712384 >> 22) % 4),  # a real server id, Discord's formula
])
def test_a_server_belongs_to_one_shard(guild_id, shard):
    assert shard_of(guild_id, 4) == shard
    owners = [ids for ids in ((0, 1), (2, 3)) if Settings(shard_count=4, shard_ids=ids).handles(guild_id)]
    assert owners == [(0, 1) if shard < 2 else (2, 3)]
    assert Settings().handles(guild_id)  # one plain process holds every server


def test_the_default_is_one_plain_process_and_shards_make_a_sharded_bot():
    plain = Citebot.create(settings=Settings(), library=MagicMock(), store=MagicMock())
    assert not isinstance(plain, discord.AutoShardedClient) and plain.shard_count is None
    sharded = Citebot.create(settings=Settings(shard_count=4, shard_ids=(2, 3)), library=MagicMock(),
                             store=MagicMock())
    assert isinstance(sharded, ShardedCitebot) and isinstance(sharded, discord.AutoShardedClient)
    assert (sharded.shard_count, sharded.shard_ids) == (4, [2, 3])
    assert Settings(shard_count=4, shard_ids=(0, 1)).syncs_commands
    assert not Settings(shard_count=4, shard_ids=(2, 3)).syncs_commands


async def test_each_process_posts_only_its_shards_prompts_once_even_after_a_restart(tmp_path, db_target):
    guilds = [shard << 22 | n for n in (1, 2) for shard in range(4)]  # two servers on each of four shards
    first = await make_bot(tmp_path, database=db_target, shard_count=4, shard_ids=(0, 1))
    second = await make_bot(tmp_path, database=db_target, shard_count=4, shard_ids=(2, 3))
    channels = {guild: make_text_channel(channel_id=1000 + i, guild_id=guild) for i, guild in enumerate(guilds)}
    bots = (first, second)
    try:
        for bot in bots:
            bot.get_channel = MagicMock(side_effect=lambda cid: next(c for c in channels.values() if c.id == cid))
        for guild, channel in channels.items():
            await schedule(first, guild, channel, "09:00")
        start = datetime(2026, 11, 27, 8, 58, tzinfo=UTC)
        posted = {bot: await tick_through([bot.get_cog("Prompts")], start, start + timedelta(minutes=4))
                  for bot in bots}
        assert sorted(posted[first]) == sorted(g for g in guilds if shard_of(g, 4) < 2)
        assert sorted(posted[second]) == sorted(g for g in guilds if shard_of(g, 4) >= 2)
        assert [channels[g].send.await_count for g in guilds] == [1] * len(guilds)
        # The first process restarts in the same minute: its servers' slot is already taken.
        await first.store.close()
        first = await make_bot(tmp_path, database=db_target, shard_count=4, shard_ids=(0, 1))
        first.get_channel = second.get_channel
        assert await tick_through([first.get_cog("Prompts")], start, start + timedelta(minutes=4)) == []
        assert [channels[g].send.await_count for g in guilds] == [1] * len(guilds)
    finally:
        for bot in (first, second):
            await bot.store.close()
