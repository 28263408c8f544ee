"""The mention flow, driven through dpytest's fake gateway: message in, reply out."""

from unittest.mock import AsyncMock, MagicMock

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from tests.discord_helpers import make_bot


@pytest.fixture
async def bot(tmp_path):
    bot = await make_bot(tmp_path)
    await bot._async_setup_hook()  # binds the running loop, as a real login would (dpytest's pattern)
    # dpytest finds mentioned members in discord.py's member cache, which the bot's non-privileged
    # intents leave off; the fake gateway needs it, the bot's own code never reads it.
    bot._connection._intents.members = True
    bot._connection.member_cache_flags = discord.MemberCacheFlags.all()
    dpytest.configure(bot, members=2)
    config = dpytest.get_config()
    backend.make_member(bot.user, config.guilds[0])  # the bot sits in the server, so it can be mentioned
    yield bot
    await dpytest.empty_queue()
    await bot.store.close()


async def test_mentioning_the_bot_with_a_question_gets_a_cited_reply(bot):
    await dpytest.message(f"<@{bot.user.id}> where did Abe meet Putin?")
    reply = dpytest.get_message()
    embed = reply.embeds[0]
    assert "Vladivostok" in embed.description
    assert embed.fields[0].name == "Passage 2"
    assert await bot.store.kinds() == {"curated": 1}


async def test_a_bare_mention_gets_a_hint(bot):
    await dpytest.message(f"<@{bot.user.id}>")
    assert "/ask" in dpytest.get_message().content


async def test_messages_without_a_mention_and_from_bots_are_ignored(bot):
    await dpytest.message("where did Abe meet Putin?")
    assert dpytest.verify().message().nothing()
    assert await bot.store.kinds() == {}


async def test_mention_with_everyone_does_not_ping(bot):
    await dpytest.message(f"<@{bot.user.id}> @everyone where did Abe meet Putin?")
    reply = dpytest.get_message()
    assert not reply.mention_everyone
    assert "Vladivostok" in reply.embeds[0].description


async def test_a_reply_to_an_answer_is_read_as_its_follow_up(bot):
    await dpytest.message(f"<@{bot.user.id}> how much did japan invest in yamal lng?")
    answer = dpytest.get_message()
    assert "200 million" in answer.embeds[0].description
    follow = MagicMock(spec=discord.Message)
    follow.author.bot = False
    follow.mentions = [bot.user]
    follow.content = f"<@{bot.user.id}> and china?"
    follow.guild, follow.channel = answer.guild, answer.channel
    follow.reference = MagicMock(message_id=answer.id, resolved=answer)  # as the gateway resolves a reply
    follow.reply = AsyncMock()
    await bot.get_cog("Ask").on_message(follow)
    embed = follow.reply.await_args.kwargs["embed"]
    assert "10 billion" in embed.description
    assert follow.reply.await_args.kwargs["allowed_mentions"].to_dict()["parse"] == []


async def test_two_questions_in_one_mention_get_two_replies(bot):
    await dpytest.message(f"<@{bot.user.id}> where did abe meet putin and what did putin propose?")
    first, second = dpytest.get_message(), dpytest.get_message()
    assert "Vladivostok" in first.embeds[0].description
    assert "peace treaty" in second.embeds[0].description
    assert await bot.store.kinds() == {"curated": 2}


async def test_small_talk_by_mention_gets_a_friendly_reply(bot):
    await dpytest.message(f"<@{bot.user.id}> thanks!")
    reply = dpytest.get_message()
    assert "welcome" in reply.embeds[0].description
    assert await bot.store.kinds() == {"none": 1}
