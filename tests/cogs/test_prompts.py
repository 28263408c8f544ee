from datetime import UTC, datetime, timedelta
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest

from bot.checks import NotModerator
from tests.discord_helpers import (
    buttons,
    make_bot,
    make_forum_channel,
    make_interaction,
    make_member,
    make_text_channel,
    sent,
)


@pytest.fixture
def cog(bot):
    return bot.get_cog("Prompts")


def moderator(bot, channel=None):
    interaction = make_interaction(bot, member=make_member(manage_guild=True))
    interaction.channel = channel or make_text_channel()
    return interaction


async def test_post_quotes_the_passages_and_opens_a_thread(bot, cog):
    channel = make_text_channel()
    interaction = moderator(bot, channel)
    await cog.post.callback(cog, interaction, prompt="aegis-dilemma")
    embed = channel.send.await_args.kwargs["embed"]
    assert "Aegis Ashore protects Japan" in embed.description
    assert embed.fields[0].name == "Passage 11" and "Aegis Ashore" in embed.fields[0].value
    assert channel.send.await_args.kwargs["allowed_mentions"].to_dict() == {"parse": []}
    thread_name = channel.send.return_value.create_thread.await_args.kwargs["name"]
    assert thread_name.startswith("Aegis Ashore protects") and len(thread_name) <= 100
    assert "<#501>" in sent(interaction)["content"]
    assert (await bot.store.post_history(1))["aegis-dilemma"][0] == 1


async def test_in_a_forum_each_prompt_is_a_new_post(bot, cog):
    forum = make_forum_channel()
    await cog.post.callback(cog, moderator(bot), prompt="aegis-dilemma", channel=forum)
    assert forum.create_thread.await_args.kwargs["embed"].description.startswith("Aegis Ashore")


async def test_next_never_repeats_until_all_are_used(bot, cog):
    posted = []
    total = len(bot.library.kb.prompts)
    for _ in range(total + 1):
        channel = make_text_channel()
        await cog.post_next.callback(cog, moderator(bot, channel))
        posted.append(channel.send.await_args.kwargs["embed"].description)
    assert len(set(posted[:total])) == total
    assert posted[total] == posted[0]


async def test_members_cannot_post(bot, cog):
    interaction = make_interaction(bot, member=make_member(manage_guild=False))
    with pytest.raises(NotModerator):
        for check in cog.post.checks:
            await check(interaction)


async def test_missing_permissions_are_explained(bot, cog):
    channel = make_text_channel()
    channel.send.side_effect = discord.Forbidden(MagicMock(status=403), "no")
    interaction = moderator(bot, channel)
    await cog.post_next.callback(cog, interaction)
    assert "Create Public Threads" in sent(interaction)["content"]
    assert await bot.store.post_history(1) == {}


async def test_suggest_queue_approve_and_tell_the_member(bot, cog):
    member = make_interaction(bot, member=make_member(user_id=77))
    await cog.suggest.callback(cog, member, text="Would joint development of the islands help a settlement?",
                               passage=6)
    assert "Suggestion #1 waits" in sent(member)["content"]

    queue = moderator(bot)
    await cog.queue.callback(cog, queue)
    shown = sent(queue)
    assert "joint development" in shown["embed"].description
    assert [b.label for b in buttons(shown["view"])] == ["Approve #1", "Reject #1"]

    user = MagicMock(spec=discord.User)
    user.send = AsyncMock()
    bot.get_user = MagicMock(return_value=user)
    click = moderator(bot)
    await shown["view"].children[0].callback(click)
    assert "approved" in sent(click)["content"]
    assert "was approved" in user.send.await_args.args[0]
    custom = await bot.store.custom_prompts(1)
    assert custom[0].text.startswith("Would joint development") and custom[0].citations[0].passage == 6

    again = moderator(bot)
    await shown["view"].children[1].callback(again)
    assert "Suggestion #1 was already approved." == sent(again)["content"]


async def test_a_member_cannot_press_approve(bot, cog):
    await bot.store.add_suggestion(1, 77, "Would joint development of the islands help?", "kaczmarski-2018", None)
    queue = moderator(bot)
    await cog.queue.callback(cog, queue)
    member_click = make_interaction(bot, member=make_member(user_id=78))
    await sent(queue)["view"].children[0].callback(member_click)
    assert "Only moderators" in sent(member_click)["content"]
    assert len(await bot.store.suggestions(1)) == 1


async def test_closed_dms_are_reported_not_fatal(bot, cog):
    sid = await bot.store.add_suggestion(1, 77, "Would joint development of the islands help?", "kaczmarski-2018", None)
    user = MagicMock(spec=discord.User)
    user.send = AsyncMock(side_effect=discord.Forbidden(MagicMock(status=403), "closed"))
    bot.get_user = MagicMock(return_value=user)
    click = moderator(bot)
    await cog.decide(click, sid, False)
    assert "rejected" in sent(click)["content"] and "DMs are closed" in sent(click)["content"]


@pytest.mark.parametrize(("text", "says"), [("Why?", "too short"), ("x" * 600, "too long")])
async def test_bad_suggestions_are_refused_with_a_reason(bot, cog, text, says):
    member = make_interaction(bot)
    await cog.suggest.callback(cog, member, text=text)
    assert says in sent(member)["content"]
    assert await bot.store.suggestions(1) == []


async def test_schedule_set_describe_and_off(bot, cog):
    await bot.store.update_settings(1, timezone="Europe/Stockholm")
    channel = make_text_channel()
    interaction = moderator(bot, channel)
    await cog.schedule.callback(cog, interaction, cadence="weekly", time="18:30", weekday="friday")
    assert "every Friday at 18:30 (Europe/Stockholm)" in sent(interaction)["content"]
    bad = moderator(bot, channel)
    await cog.schedule.callback(cog, bad, cadence="daily", time="teatime")
    assert "HH:MM" in sent(bad)["content"]
    off = moderator(bot)
    await cog.schedule.callback(cog, off, cadence="off")
    assert "off" in sent(off)["content"]
    [stopped] = await bot.store.schedules()  # kept, off: a new time starts it in the same channel
    assert stopped.paused and stopped.channel_id == channel.id
    assert await cog.run_schedules(datetime(2026, 12, 4, 18, 31, tzinfo=UTC)) == []  # a Friday: nothing posted
    status = moderator(bot)
    await cog.schedule.callback(cog, status, cadence="status")
    assert sent(status)["content"] == (
        f"Scheduled prompts are off; they were posted every Friday at 18:30 (Europe/Stockholm) in <#{channel.id}>. "
        "To start them again, set a time.")


async def test_scheduler_posts_a_missed_slot_once_after_a_restart(tmp_path):
    bot = await make_bot(tmp_path)
    channel = make_text_channel()
    await bot.store.set_schedule(1, channel.id, "daily", "09:00", 0)
    await bot.store.db.execute("UPDATE prompt_schedules SET since = ?", ("2026-11-01T00:00:00+00:00",))
    await bot.store.db.commit()
    await bot.store.close()

    restarted = await make_bot(tmp_path)  # a new process over the same database
    try:
        restarted.get_channel = MagicMock(return_value=channel)
        cog = restarted.get_cog("Prompts")
        back = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
        assert await cog.run_schedules(back) == [1]
        assert await cog.run_schedules(back + timedelta(minutes=1)) == []
        assert channel.send.await_count == 1
        assert await cog.run_schedules(back + timedelta(days=1)) == [1]
    finally:
        await restarted.store.close()


async def test_list_shows_what_was_used_and_when(bot, cog):
    await cog.post.callback(cog, moderator(bot), prompt="aegis-dilemma")
    interaction = make_interaction(bot)
    await cog.show_list.callback(cog, interaction)
    text = sent(interaction)["embed"].description
    assert "`aegis-dilemma`" in text and "used 1×" in text and "not used yet" in text


async def test_autocomplete_finds_prompts_by_their_words(bot, cog):
    choices = await cog.post_autocomplete(make_interaction(bot), "aegis")
    assert [c.value for c in choices] == ["aegis-dilemma"]
